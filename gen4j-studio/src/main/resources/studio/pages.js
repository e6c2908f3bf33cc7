// Pages not built yet show what they will do.
'use strict';
for (const [name, text] of [['sample', 'Sampling'], ['interpolate', 'Interpolation'], ['edit', 'Editing'],
  ['jobs', 'Training jobs'], ['compare', 'Comparisons']]) {
  Studio.page(name, (root) => root.append(Studio.el('h1', {}, text)));
}

// Pages not built yet show what they will do.
'use strict';
for (const [name, text] of [['sample', 'Sampling'], ['interpolate', 'Interpolation'], ['edit', 'Editing']]) {
  Studio.page(name, (root) => root.append(Studio.el('h1', {}, text)));
}

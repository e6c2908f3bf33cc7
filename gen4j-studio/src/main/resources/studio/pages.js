// Pages not built yet show what they will do.
'use strict';
for (const [name, text] of [['jobs', 'Training jobs'], ['compare', 'Comparisons']]) {
  Studio.page(name, (root) => root.append(Studio.el('h1', {}, text)));
}

// Starts the page once every page script has registered (a file, not an inline script: the CSP forbids those).
'use strict';
Studio.start();

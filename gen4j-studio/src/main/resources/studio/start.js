// Starts the page shell once every page has registered (a file, not an inline script: the CSP allows only 'self').
'use strict';
Studio.start();

// The search page on a narrow screen: the filters start folded, so the results come first, and once the map
// script has run a List / Map switch shows one or the other (site.css does the showing). Without this script
// the filters stay open, with "Skip to results" before them, and the list shows.
(function () {
  'use strict';
  var narrow = window.matchMedia('(max-width: 50rem)');
  var drawer = document.querySelector('details.filter-drawer');
  if (drawer) {
    var fit = function () { drawer.open = !narrow.matches; };
    fit();
    narrow.addEventListener('change', fit);
  }
  var toggle = document.querySelector('.view-toggle');
  if (toggle && typeof L !== 'undefined') toggle.hidden = false;
})();

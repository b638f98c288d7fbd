// Place names offered while a person types in a place box (input[data-area-suggest]), through the
// browser's own list of suggestions (a datalist). An enhancement only: without it the server finds
// the place by name and, when several go by it, asks which one. Names are set as option values,
// never as HTML.
(function () {
  'use strict';
  document.querySelectorAll('input[data-area-suggest]').forEach(function (input) {
    var list = document.createElement('datalist');
    list.id = input.id + '-places';
    input.insertAdjacentElement('afterend', list);
    input.setAttribute('list', list.id);
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || q.indexOf('ocd-division/') === 0) return;
      timer = setTimeout(function () {
        fetch('/api/v1/areas/suggest?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (found) {
            list.replaceChildren.apply(list, (found.items || []).map(function (area) {
              var option = document.createElement('option');
              option.value = area.name;
              option.label = area.parent_name ? area.name + ', ' + area.parent_name : area.name;
              return option;
            }));
          })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  });
})();

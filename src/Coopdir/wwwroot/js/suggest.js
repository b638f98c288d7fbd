// Suggestions under the search boxes as you type, following the ARIA combobox pattern (an input
// with a listbox popup; arrow keys move through the options, Enter opens one, Escape closes).
// An enhancement only: without this script the boxes are plain search forms. Suggestion text is
// set with textContent, never as HTML. A place box (data-suggest="place") offers the localities
// organizations write and the areas of the gazetteer, and choosing one writes its name in the box.
(function () {
  'use strict';
  var DELAY_MS = 120;

  function enhance(input, index) {
    var placeBox = input.dataset.suggest === 'place';
    var listbox = document.createElement('ul');
    listbox.id = input.id + '-suggestions';
    listbox.className = 'suggestions';
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-label', 'Suggestions');
    listbox.hidden = true;
    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.parentNode.classList.add('has-suggestions');
    input.insertAdjacentElement('afterend', listbox);
    listbox.insertAdjacentElement('afterend', status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listbox.id);

    var options = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function close() {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function activate(i) {
      if (active >= 0) options[active].setAttribute('aria-selected', 'false');
      active = i;
      if (i < 0) { input.removeAttribute('aria-activedescendant'); return; }
      options[i].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    }

    function choose(li) {
      if (!placeBox) { window.location.assign(li.dataset.url); return; }
      input.value = li.dataset.value;
      input.dispatchEvent(new Event('input'));
      clearTimeout(timer);
      close();
    }

    function option(label, detail, url, value) {
      var li = document.createElement('li');
      li.id = listbox.id + '-' + options.length;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      if (url) li.dataset.url = url;
      if (value) li.dataset.value = value;
      li.textContent = label;
      if (detail) {
        var small = document.createElement('span');
        small.className = 'detail';
        small.textContent = ' ' + detail;
        li.appendChild(small);
      }
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(li); });
      options.push(li);
      return li;
    }

    function show(data) {
      listbox.textContent = '';
      options = [];
      active = -1;
      if (placeBox) {
        var seen = {};
        data.places.forEach(function (p) { seen[p.name.toLowerCase()] = true; listbox.appendChild(option(p.name, 'place · ' + p.count, null, p.name)); });
        data.areas.forEach(function (a) {
          if (seen[a.name.toLowerCase()]) return;
          listbox.appendChild(option(a.name, a.parent_name ? 'area · ' + a.parent_name : 'area', null, a.name));
        });
      } else {
        data.names.forEach(function (n) { listbox.appendChild(option(n.name, n.place, n.url)); });
        data.places.forEach(function (p) { listbox.appendChild(option(p.name, 'place · ' + p.count, p.url)); });
      }
      var count = options.length;
      status.textContent = count === 0 ? '' : count + (count === 1 ? ' suggestion' : ' suggestions') + ', use the arrow keys';
      if (count === 0) { close(); return; }
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length === 0) { close(); return; }
      var request = ++latest;
      function json(url) {
        return fetch(url + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); });
      }
      var found = placeBox
        ? Promise.all([json('/api/v1/suggest?q='), json('/api/v1/areas/suggest?q=').catch(function () { return { items: [] }; })])
          .then(function (both) { return { places: both[0].places, areas: both[1].items || [] }; })
        : json('/api/v1/suggest?q=');
      found.then(function (data) { if (request === latest) show(data); }).catch(close);
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && options.length > 0) {
        e.preventDefault();
        if (listbox.hidden) { listbox.hidden = false; input.setAttribute('aria-expanded', 'true'); }
        activate((active + 1) % options.length);
      } else if (e.key === 'ArrowUp' && options.length > 0 && !listbox.hidden) {
        e.preventDefault();
        activate(active <= 0 ? options.length - 1 : active - 1);
      } else if (e.key === 'Enter' && active >= 0 && !listbox.hidden) {
        // Enter on a chosen suggestion opens it; otherwise the form submits as without script.
        e.preventDefault();
        choose(options[active]);
      } else if (e.key === 'Escape' && !listbox.hidden) {
        // Closes the list only; a second Escape clears the box, as a search box does.
        e.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', close);
  }

  document.querySelectorAll('input[data-suggest]').forEach(enhance);
})();

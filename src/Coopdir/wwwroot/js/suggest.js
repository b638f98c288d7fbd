// Suggestions under the search boxes as you type, following the ARIA combobox pattern (an input
// with a listbox popup; arrow keys move through the options, Enter opens one, Escape closes).
// An enhancement only: without this script the boxes are plain search forms. Suggestion text is
// set with textContent, never as HTML.
(function () {
  'use strict';
  var DELAY_MS = 120;

  function enhance(input, index) {
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

    function option(label, detail, url) {
      var li = document.createElement('li');
      li.id = listbox.id + '-' + options.length;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.url = url;
      li.textContent = label;
      if (detail) {
        var small = document.createElement('span');
        small.className = 'detail';
        small.textContent = ' ' + detail;
        li.appendChild(small);
      }
      li.addEventListener('mousedown', function (e) { e.preventDefault(); window.location.assign(url); });
      options.push(li);
      return li;
    }

    function show(data) {
      listbox.textContent = '';
      options = [];
      active = -1;
      data.names.forEach(function (n) { listbox.appendChild(option(n.name, n.place, n.url)); });
      data.places.forEach(function (p) { listbox.appendChild(option(p.name, 'place · ' + p.count, p.url)); });
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
      fetch('/api/v1/suggest?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) { if (request === latest) show(data); })
        .catch(close);
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
        window.location.assign(options[active].dataset.url);
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

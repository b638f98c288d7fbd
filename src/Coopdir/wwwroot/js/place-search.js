// The place search form's enhancements. "Near me" asks the browser for its location only when the
// button is pressed, then searches near it; writing a place drops a location searched before.
// Without this script the form is a place name, a radius and an order.
(function () {
  'use strict';
  document.querySelectorAll('form.place-search').forEach(function (form) {
    var place = form.querySelector('input[name=place]');
    var status = form.querySelector('.near-me-status');
    var button = form.querySelector('button[data-near-me]');

    function nearField() {
      var field = form.querySelector('input[data-near]');
      if (!field) {
        field = document.createElement('input');
        field.type = 'hidden';
        field.name = 'near';
        field.setAttribute('data-near', '');
        form.appendChild(field);
      }
      return field;
    }

    place.addEventListener('input', function () {
      var near = form.querySelector('input[data-near]');
      if (near) near.remove();
    });

    if (!button || !navigator.geolocation) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      status.textContent = 'Finding your location…';
      navigator.geolocation.getCurrentPosition(function (position) {
        nearField().value = position.coords.latitude.toFixed(4) + ',' + position.coords.longitude.toFixed(4);
        place.value = '';
        form.querySelector('select[name=sort]').value = 'distance';
        status.textContent = '';
        form.submit();
      }, function () {
        status.textContent = 'Your browser did not give a location; write a place instead.';
      }, { timeout: 15000, maximumAge: 600000 });
    });
  });
})();

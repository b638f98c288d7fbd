// Placing an organization's pin on the edit form: an enhancement of its latitude and longitude fields, which
// work without it. Clicking the map or dragging the pin writes the fields; typing in them moves the pin.
(function () {
  'use strict';
  if (typeof L === 'undefined') return;

  function pinMap(element) {
    var form = element.closest('form');
    var latitude = form.elements[element.dataset.latitudeField];
    var longitude = form.elements[element.dataset.longitudeField];
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
    var marker = null;

    function typed() {
      var lat = parseFloat(latitude.value), lon = parseFloat(longitude.value);
      return isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? L.latLng(lat, lon) : null;
    }

    function write(point) {
      latitude.value = point.lat.toFixed(6);
      longitude.value = point.lng.toFixed(6);
    }

    function place(point) {
      if (marker) { marker.setLatLng(point); return; }
      marker = L.marker(point, { draggable: true, title: 'The organization\u2019s pin' }).addTo(map);
      marker.on('dragend', function () { write(marker.getLatLng()); });
    }

    var start = typed();
    if (start) { place(start); map.setView(start, 15); } else map.setView([30, 0], 2);
    map.on('click', function (event) { place(event.latlng); write(event.latlng); });
    [latitude, longitude].forEach(function (field) {
      field.addEventListener('change', function () {
        var point = typed();
        if (point) { place(point); map.panTo(point); }
      });
    });
    element.dataset.ready = 'true';
  }

  // A map under closed "More fields" is drawn when they first open: it has no size before, and no tiles are
  // fetched for someone who never looks at it.
  document.querySelectorAll('.map[data-pin]').forEach(function (element) {
    var details = element.closest('details');
    if (!details || details.open) { pinMap(element); return; }
    details.addEventListener('toggle', function first() {
      if (!details.open) return;
      details.removeEventListener('toggle', first);
      pinMap(element);
    });
  });
})();

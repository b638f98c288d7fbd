// Maps are an enhancement: every page works without this script, which only adds Leaflet maps
// to elements that carry their data in data- attributes (no inline script, no HTML from data).
(function () {
  'use strict';
  if (typeof L === 'undefined') return;

  function tileLayer(element) {
    return L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 });
  }

  // The radii the search page offers; "search this area" takes the largest that fits the view.
  var RADII_KM = [1, 5, 10, 25, 50, 100];

  function popup(id, name, target) {
    var link = document.createElement('a');
    link.href = '/organizations/' + encodeURIComponent(id);
    if (target) link.target = target;
    link.textContent = name;
    return link;
  }

  // A search near somewhere: its radius as a circle (data-circle="latitude,longitude,km").
  function circle(element, map) {
    if (!element.dataset.circle) return null;
    var c = element.dataset.circle.split(',').map(Number);
    return L.circle([c[0], c[1]], { radius: c[2] * 1000, className: 'search-radius', fill: false, weight: 2 }).addTo(map);
  }

  // After the person moves the map, a button that searches again within the view (data-search-area is the search without a place).
  function searchThisArea(element, map) {
    if (!element.dataset.searchArea) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'search-area';
    button.textContent = 'Search this area';
    button.hidden = true;
    element.insertAdjacentElement('afterend', button);
    map.on('moveend', function () { button.hidden = false; });
    button.addEventListener('click', function () {
      var centre = map.getCenter();
      var bounds = map.getBounds();
      var halfKm = Math.min(centre.distanceTo([bounds.getNorth(), centre.lng]), centre.distanceTo([centre.lat, bounds.getEast()])) / 1000;
      var radius = RADII_KM.filter(function (km) { return km <= halfKm; }).pop() || RADII_KM[0];
      var url = new URL(element.dataset.searchArea, window.location.href);
      url.searchParams.set('near', centre.lat.toFixed(4) + ',' + centre.lng.toFixed(4));
      url.searchParams.set('radius_km', String(radius));
      window.location.assign(url.toString());
    });
  }

  function resultsMap(element) {
    var map = L.map(element, { scrollWheelZoom: false }).setView([30, 0], 2);
    tileLayer(element).addTo(map);
    var radius = circle(element, map);
    // A map hidden at first (the search page's list view on a phone) is measured and framed when it shows.
    var fit = radius ? function () { map.fitBounds(radius.getBounds(), { animate: false }); } : null;
    var shown = element.clientWidth > 0;
    if (shown && fit) fit();
    new ResizeObserver(function () {
      var visible = element.clientWidth > 0;
      if (visible) map.invalidateSize();
      if (visible && !shown && fit) fit();
      shown = visible;
    }).observe(element);
    fetch(element.dataset.pointsUrl, { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        var cluster = L.markerClusterGroup({ chunkedLoading: true });
        data.points.forEach(function (point) {
          var marker = L.marker([point[1], point[2]], { title: point[3] });
          marker.bindPopup(function () { return popup(point[0], point[3], element.dataset.linkTarget); });
          cluster.addLayer(marker);
        });
        map.addLayer(cluster);
        if (data.points.length > 0 && !radius) {
          fit = function () { map.fitBounds(cluster.getBounds(), { maxZoom: 14, padding: [20, 20], animate: false }); };
          if (element.clientWidth > 0) fit();
        }
        element.dataset.pointCount = String(data.count);
        searchThisArea(element, map);
        if (data.truncated) element.insertAdjacentText('afterend', 'The map shows the first ' + data.count + ' results.');
      })
      .catch(function () { element.dataset.pointCount = 'error'; });
  }

  function organizationMap(element) {
    var points = JSON.parse(element.dataset.points);
    var map = L.map(element, { scrollWheelZoom: false });
    tileLayer(element).addTo(map);
    var markers = points.map(function (p) { return L.marker(p).addTo(map); });
    map.fitBounds(L.featureGroup(markers).getBounds(), { maxZoom: 15, padding: [20, 20] });
    element.dataset.pointCount = String(points.length);
  }

  document.querySelectorAll('.map[data-points-url]').forEach(resultsMap);
  document.querySelectorAll('.map[data-points]').forEach(organizationMap);
})();

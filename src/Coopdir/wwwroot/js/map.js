// Maps are an enhancement: every page works without this script, which only adds Leaflet maps
// to elements that carry their data in data- attributes (no inline script, no HTML from data).
(function () {
  'use strict';
  if (typeof L === 'undefined') return;

  function tileLayer(element) {
    return L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 });
  }

  function popup(id, name) {
    var link = document.createElement('a');
    link.href = '/organizations/' + encodeURIComponent(id);
    link.textContent = name;
    return link;
  }

  function resultsMap(element) {
    var map = L.map(element, { scrollWheelZoom: false }).setView([30, 0], 2);
    tileLayer(element).addTo(map);
    // A map hidden at first (the search page's list view on a phone) is measured and framed when it shows.
    var fit = null;
    var shown = element.clientWidth > 0;
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
          marker.bindPopup(function () { return popup(point[0], point[3]); });
          cluster.addLayer(marker);
        });
        map.addLayer(cluster);
        if (data.points.length > 0) {
          fit = function () { map.fitBounds(cluster.getBounds(), { maxZoom: 14, padding: [20, 20] }); };
          if (element.clientWidth > 0) fit();
        }
        element.dataset.pointCount = String(data.count);
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

/* The map of remarks: markers for every remark; a click fills the coordinates form. */
(function () {
  "use strict";
  var el = document.getElementById("consultation-map");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el).setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], 12);
  L.tileLayer(el.dataset.tiles, { attribution: "© OpenStreetMap" }).addTo(map);
  var points = JSON.parse(document.getElementById("map-points").textContent);
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], { title: p.text }).addTo(map);
    marker.bindPopup(document.createTextNode((p.category ? p.category + ": " : "") + p.text));
    if (p.area && p.area.length >= 3) { L.polygon(p.area).addTo(map); }
  });
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var chosen = null;
  if (lat && lon) {
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      if (chosen) { chosen.setLatLng(e.latlng); } else { chosen = L.circleMarker(e.latlng).addTo(map); }
    });
  }
})();

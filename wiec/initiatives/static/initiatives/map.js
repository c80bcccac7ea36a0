/* Progressive enhancement: the pages work without this file (the lists hold the same). */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  function tiles(map) {
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19, attribution: "&copy; OpenStreetMap"
    }).addTo(map);
  }
  var shown = document.getElementById("initiative-map");
  if (shown) {
    var centre = JSON.parse(document.getElementById("initiative-centre").textContent);
    var points = JSON.parse(document.getElementById("initiative-points").textContent);
    var map = L.map(shown, {scrollWheelZoom: false}).setView(centre, 12);
    tiles(map);
    points.forEach(function (p) {
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.title;
      L.marker([p.lat, p.lon], {alt: p.title}).addTo(map).bindPopup(link);
    });
    if (points.length === 1) { map.setView([points[0].lat, points[0].lon], 15); }
    if (points.length > 1) {
      map.fitBounds(points.map(function (p) { return [p.lat, p.lon]; }), {padding: [30, 30], maxZoom: 15});
    }
  }
  var pick = document.getElementById("pick-map");
  if (pick) {
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    var pmap = L.map(pick).setView(pick.dataset.centre.split(",").map(Number), 12);
    tiles(pmap);
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(pmap); }
    }
    if (lat.value && lon.value) { place([Number(lat.value), Number(lon.value)]); }
    pmap.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      place(e.latlng);
    });
  }
})();

/* Progressive enhancement: the pages work without this file. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  var listMap = document.getElementById("proposal-map");
  if (listMap) {
    var centre = JSON.parse(document.getElementById("map-centre").textContent);
    var points = JSON.parse(document.getElementById("proposal-points").textContent);
    var map = L.map(listMap).setView(JSON.parse(centre), 12);
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19, attribution: "&copy; OpenStreetMap"
    }).addTo(map);
    points.forEach(function (p) {
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.title;
      L.marker([p.lat, p.lon], {alt: p.title}).addTo(map).bindPopup(link);
    });
    if (points.length > 1) {
      map.fitBounds(points.map(function (p) { return [p.lat, p.lon]; }), {padding: [30, 30], maxZoom: 15});
    }
  }
  var place = document.getElementById("proposal-location");
  if (place) {
    var here = [Number(place.dataset.lat), Number(place.dataset.lon)];
    var placeMap = L.map(place, {scrollWheelZoom: false}).setView(here, 16);
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19, attribution: "&copy; OpenStreetMap"
    }).addTo(placeMap);
    L.marker(here, {alt: place.dataset.title}).addTo(placeMap);
  }
  var pick = document.getElementById("pick-map");
  if (pick) {
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    var start = pick.dataset.centre.split(",").map(Number);
    var pmap = L.map(pick).setView(start, 12);
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19, attribution: "&copy; OpenStreetMap"
    }).addTo(pmap);
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

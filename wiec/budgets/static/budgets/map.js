/* Progressive enhancement: the pages work without this file. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  var listMap = document.getElementById("proposal-map");
  if (listMap) {
    var centre = JSON.parse(document.getElementById("map-centre").textContent);
    var points = JSON.parse(document.getElementById("proposal-points").textContent);
    var asked = listMap.dataset.zoom ? [Number(listMap.dataset.lat), Number(listMap.dataset.lon)] : null;
    var map = L.map(listMap).setView(asked || JSON.parse(centre), asked ? Number(listMap.dataset.zoom) : 12);
    listMap.leafletMap = map;
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19, attribution: "&copy; OpenStreetMap"
    }).addTo(map);
    points.forEach(function (p) {
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.title;
      L.marker([p.lat, p.lon], {alt: p.title}).addTo(map).bindPopup(link);
    });
    if (asked) {
      L.circleMarker(asked, {radius: 8}).addTo(map);
    } else if (points.length > 1) {
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
    function fromFields() {
      var ll = [Number(lat.value), Number(lon.value)];
      if (lat.value && lon.value && isFinite(ll[0]) && isFinite(ll[1])) {
        place(ll);
        pmap.setView(ll, 16);
      }
    }
    fromFields();
    lat.addEventListener("change", fromFields);
    lon.addEventListener("change", fromFields);
    pmap.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      place(e.latlng);
    });
  }
})();

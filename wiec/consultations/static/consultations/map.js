/* The map of remarks: markers for every remark; a click fills the coordinates form. */
(function () {
  "use strict";
  var el = document.getElementById("consultation-map");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el).setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], el.dataset.zoom ? parseInt(el.dataset.zoom, 10) : 12);
  el.leafletMap = map;
  L.tileLayer(el.dataset.tiles, { attribution: "© OpenStreetMap" }).addTo(map);
  var points = JSON.parse(document.getElementById("map-points").textContent);
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], { title: p.text }).addTo(map);
    marker.bindPopup(document.createTextNode((p.category ? p.category + ": " : "") + p.text));
    if (p.area && p.area.length >= 3) { L.polygon(p.area).addTo(map); }
  });
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var area = document.getElementById("id_area");
  var chosen = null;
  if (!lat || !lon) { return; }
  /* Drawing an area: each click in drawing mode adds a corner to the area field (one
     "latitude, longitude" line each, the same text a person without JavaScript types);
     the server checks it all again. */
  var drawing = false, corners = [], shape = null;
  function redraw() {
    if (shape) { map.removeLayer(shape); shape = null; }
    if (corners.length >= 3) { shape = L.polygon(corners).addTo(map); }
    else if (corners.length) { shape = L.polyline(corners).addTo(map); }
    if (area) {
      area.value = corners.map(function (c) { return c[0].toFixed(6) + ", " + c[1].toFixed(6); }).join("\n");
    }
  }
  if (area) {
    var bar = document.createElement("p");
    bar.className = "map-draw";
    var draw = document.createElement("button");
    draw.type = "button";
    draw.className = "button-secondary";
    draw.textContent = el.dataset.drawLabel;
    draw.setAttribute("aria-pressed", "false");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "button-secondary";
    clear.textContent = el.dataset.clearLabel;
    var help = document.createElement("span");
    help.className = "help";
    help.setAttribute("aria-live", "polite");
    draw.addEventListener("click", function () {
      drawing = !drawing;
      draw.textContent = drawing ? el.dataset.doneLabel : el.dataset.drawLabel;
      draw.setAttribute("aria-pressed", drawing ? "true" : "false");
      help.textContent = drawing ? el.dataset.drawHelp : "";
    });
    clear.addEventListener("click", function () { corners = []; redraw(); });
    bar.appendChild(draw);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(clear);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(help);
    el.parentNode.insertBefore(bar, el.nextSibling);
  }
  map.on("click", function (e) {
    if (drawing) {
      corners.push([e.latlng.lat, e.latlng.lng]);
      redraw();
      return;
    }
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
    if (chosen) { chosen.setLatLng(e.latlng); } else { chosen = L.circleMarker(e.latlng).addTo(map); }
  });
  /* The coordinates typed, or filled in by the address search, show on the map. */
  function fromFields() {
    var ll = [Number(lat.value), Number(lon.value)];
    if (!lat.value || !lon.value || !isFinite(ll[0]) || !isFinite(ll[1])) { return; }
    if (chosen) { chosen.setLatLng(ll); } else { chosen = L.circleMarker(ll).addTo(map); }
    map.setView(ll, 16);
  }
  fromFields();
  lat.addEventListener("change", fromFields);
  lon.addEventListener("change", fromFields);
})();

/* The map of everything: one marker (or area) per located item, each linking to its page. */
(function () {
  "use strict";
  var el = document.getElementById("platform-map");
  if (!el || typeof L === "undefined") { return; }
  var asked = el.dataset.zoom ? parseInt(el.dataset.zoom, 10) : null;
  var map = L.map(el).setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], asked || 12);
  el.leafletMap = map;
  L.tileLayer(el.dataset.tiles, { attribution: "© OpenStreetMap" }).addTo(map);
  var points = JSON.parse(document.getElementById("map-points").textContent);
  var bounds = [];
  points.forEach(function (p) {
    var popup = document.createElement("div");
    var kind = document.createElement("p");
    kind.textContent = p.kind + (p.status ? " · " + p.status : "");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.title;
    popup.appendChild(kind);
    popup.appendChild(link);
    var layer = p.area && p.area.length >= 3 ? L.polygon(p.area) : L.marker([p.lat, p.lon], { title: p.title });
    layer.bindPopup(popup).addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (asked) {
    L.circleMarker([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], { radius: 8 }).addTo(map);
  } else if (bounds.length > 1) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 }); }
})();

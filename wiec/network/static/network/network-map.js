/* The Map of Participation: the list's processes as markers, loaded from their GeoJSON.
   Without JavaScript the map stays hidden and the list below says everything. */
(function () {
  "use strict";
  var el = document.getElementById("network-map");
  if (!el || typeof L === "undefined" || !window.fetch) { return; }
  el.hidden = false;
  var map = L.map(el).setView([50.06, 19.94], 8);
  L.tileLayer(el.dataset.tiles, { attribution: "© OpenStreetMap" }).addTo(map);
  fetch(el.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var byPlace = {};
      var bounds = [];
      data.features.forEach(function (f) {
        if (f.properties.count === undefined) { return; }
        // One point per municipality: its number of processes, linking to its list.
        var c = f.geometry.coordinates;
        var link = document.createElement("a");
        link.href = f.properties.url;
        link.textContent = f.properties.municipality + " (" + f.properties.count + ")";
        L.marker([c[1], c[0]], { title: link.textContent }).bindPopup(link).addTo(map);
        bounds.push([c[1], c[0]]);
      });
      data.features.forEach(function (f) {
        if (f.properties.count !== undefined) { return; }
        var key = f.geometry.coordinates.join(",");
        (byPlace[key] = byPlace[key] || []).push(f);
      });
      Object.keys(byPlace).forEach(function (key) {
        var group = byPlace[key];
        var c = group[0].geometry.coordinates;
        var popup = document.createElement("div");
        var heading = document.createElement("p");
        heading.textContent = group[0].properties.municipality + " (" + group.length + ")";
        popup.appendChild(heading);
        var list = document.createElement("ul");
        group.slice(0, 15).forEach(function (f) {  // the list below the map has them all
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = f.properties.url;
          link.textContent = f.properties.title + " · " + f.properties.tool + " · " + f.properties.year;
          item.appendChild(link);
          list.appendChild(item);
        });
        popup.appendChild(list);
        L.marker([c[1], c[0]], { title: group[0].properties.municipality }).bindPopup(popup).addTo(map);
        bounds.push([c[1], c[0]]);
      });
      if (bounds.length > 1) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12 }); }
      else if (bounds.length === 1) { map.setView(bounds[0], 11); }
    });
})();

/* Address search without a page reload (the forms work without this file).
   - form.address-search on a map page: the matches are listed under the field; choosing
     one recentres the map of the page (#platform-map, #proposal-map, #consultation-map).
   - button[data-locate] on a location form: the address field's first match fills the
     latitude and longitude fields (a "change" event tells the map to move its marker). */
(function () {
  "use strict";
  function find(endpoint, q) {
    var url = endpoint + "?format=json&q=" + encodeURIComponent(q);
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); });
  }
  function pageMap() {
    var ids = ["platform-map", "proposal-map", "consultation-map"];
    for (var i = 0; i < ids.length; i++) {
      var el = document.getElementById(ids[i]);
      if (el && el.leafletMap) { return el.leafletMap; }
    }
    return null;
  }
  document.querySelectorAll("form.address-search[data-endpoint]").forEach(function (form) {
    var input = form.querySelector("input[type=search]");
    var box = form.querySelector(".address-results");
    form.addEventListener("submit", function (event) {
      var map = pageMap();
      if (!map || !input.value.trim()) { return; }
      event.preventDefault();
      find(form.dataset.endpoint, input.value).then(function (data) {
        box.textContent = "";
        if (!data.results.length) {
          var p = document.createElement("p");
          p.className = "error";
          p.setAttribute("role", "status");
          p.textContent = data.message;
          box.appendChild(p);
          return;
        }
        var ul = document.createElement("ul");
        data.results.forEach(function (m) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = form.action + "?lat=" + m.lat + "&lon=" + m.lon + "&zoom=17";
          a.textContent = m.label;
          a.addEventListener("click", function (e) {
            e.preventDefault();
            map.setView([m.lat, m.lon], 17);
            map.getContainer().scrollIntoView({ block: "nearest" });
          });
          li.appendChild(a);
          ul.appendChild(li);
        });
        box.appendChild(ul);
        map.setView([data.results[0].lat, data.results[0].lon], 17);
      });
    });
  });
  document.querySelectorAll("button[data-locate]").forEach(function (button) {
    var address = document.getElementById(button.dataset.address);
    var lat = document.getElementById(button.dataset.lat);
    var lon = document.getElementById(button.dataset.lon);
    var status = document.getElementById(button.dataset.status);
    button.addEventListener("click", function (event) {
      if (!address || !lat || !lon || !address.value.trim()) { return; }
      event.preventDefault();
      find(button.dataset.locate, address.value).then(function (data) {
        if (!data.results.length) {
          status.textContent = data.message;
          status.className = "error";
          return;
        }
        var m = data.results[0];
        lat.value = m.lat.toFixed(6);
        lon.value = m.lon.toFixed(6);
        status.className = "help";
        status.textContent = button.dataset.found.replace("[place]", m.label);
        lat.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  });
})();

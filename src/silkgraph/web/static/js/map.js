// Places on an offline basemap: world-atlas country shapes in Leaflet, no tile server.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el) return;
  var map = L.map(el, { worldCopyJump: false, minZoom: 1, maxZoom: 8, attributionControl: true })
    .setView([40, 70], 3);
  map.attributionControl.addAttribution("Natural Earth via world-atlas");

  function unwrap(geom) {
    var polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
    polys.forEach(function (poly) {
      poly.forEach(function (ring) {
        var lons = ring.map(function (c) { return c[0]; });
        if (Math.max.apply(null, lons) - Math.min.apply(null, lons) > 180) {
          ring.forEach(function (c) { if (c[0] < 0) c[0] += 360; });
        }
      });
    });
  }
  // A country's point: the centre of its largest piece of land (area-weighted), not the
  // middle of its bounding box (which Alaska and the islands pull away) nor its capital.
  function ringCentroid(ring) {
    var a = 0, x = 0, y = 0;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f; x += (ring[j][0] + ring[i][0]) * f; y += (ring[j][1] + ring[i][1]) * f;
    }
    return a ? { area: Math.abs(a / 2), lon: x / (3 * a), lat: y / (3 * a) } : null;
  }
  function countryPoint(geom) {
    var polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
    var best = null;
    polys.forEach(function (poly) {
      var c = ringCentroid(poly[0]);
      if (c && (!best || c.area > best.area)) best = c;
    });
    return best;
  }
  function legend() {
    var box = L.control({ position: "bottomleft" });
    box.onAdd = function () {
      var div = L.DomUtil.create("div", "map-legend");
      div.setAttribute("aria-label", "Legend");
      [["#f4c27a", "", "country named in the articles"],
       ["#d97706", "dot", "place with events"],
       ["#2c6fbb", "dot", "place named, no events"]].forEach(function (row) {
        var line = document.createElement("div");
        var sw = document.createElement("i");
        sw.className = row[1]; sw.style.background = row[0];
        line.appendChild(sw);
        line.appendChild(document.createTextNode(row[2]));
        div.appendChild(line);
      });
      var size = document.createElement("div");
      size.textContent = "larger dot: more events and articles";
      div.appendChild(size);
      return div;
    };
    box.addTo(map);
  }
  function link(p) {
    var a = document.createElement("a");
    a.href = "/entities/" + encodeURIComponent(p.id);
    a.textContent = p.name;
    return a;
  }
  function popup(p) {
    var box = document.createElement("div");
    box.appendChild(link(p));
    var info = document.createElement("div");
    info.textContent = p.n_docs + " article(s), " + p.n_events + " event(s)";
    box.appendChild(info);
    p.events.slice(0, 8).forEach(function (e) {
      var a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(e.id);
      a.textContent = e.type + " " + (e.date || "");
      a.style.display = "block";
      box.appendChild(a);
    });
    return box;
  }

  Promise.all([fetch(el.dataset.world).then(function (r) { return r.json(); }),
               fetch(el.dataset.src).then(function (r) { return r.json(); })])
    .then(function (res) {
      var world = topojson.feature(res[0], res[0].objects.countries);
      // Antarctica adds nothing here; rings crossing the antimeridian are made continuous.
      world.features = world.features.filter(function (f) { return f.id !== "010"; });
      world.features.forEach(function (f) { unwrap(f.geometry); });
      var places = res[1].places;
      var mentioned = {};
      places.forEach(function (p) { if (p.country_numeric) mentioned[p.country_numeric] = p; });
      var layers = {}, shapes = {};
      L.geoJSON(world, {
        style: function (f) {
          var hit = mentioned[f.id];
          return { color: "#8a94a3", weight: 0.6, fillColor: hit ? "#f4c27a" : "#e9edf2",
                   fillOpacity: 1 };
        },
        onEachFeature: function (f, layer) {
          layers[f.id] = layer;
          shapes[f.id] = f.geometry;
          layer.bindTooltip(f.properties.name);
        }
      }).addTo(map);
      var bounds = [], points = {};
      el.points = points;
      places.forEach(function (p) {
        var lat = p.lat, lon = p.lon;
        if (p.kind === "country" && shapes[p.country_numeric]) {
          var c = countryPoint(shapes[p.country_numeric]);
          if (c) { lat = c.lat; lon = c.lon > 180 ? c.lon - 360 : c.lon; }
        }
        if (lat === null || lat === undefined) return;
        var r = 5 + Math.min(12, 2 * p.n_events + p.n_docs);
        L.circleMarker([lat, lon], { radius: r, color: "#7c2d12", weight: 1,
                                     fillColor: p.n_events ? "#d97706" : "#2c6fbb",
                                     fillOpacity: 0.8 })
          .bindPopup(popup(p)).bindTooltip(p.name).addTo(map);
        bounds.push([lat, lon]);
        points[p.name] = [lat, lon];
      });
      if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 5, animate: false });
      legend();
      el.dataset.ready = String(bounds.length);
    })
    .catch(function (err) { el.textContent = "The map could not be drawn: " + err; });
})();

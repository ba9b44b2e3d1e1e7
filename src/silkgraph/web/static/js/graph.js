// Draws the network views (#graph: whole corpus, #network: one entity) with cytoscape.
(function () {
  "use strict";
  var COLORS = { PERSON: "#c0392b", ORG: "#2c6fbb", GPE: "#2e8b57", LOC: "#2e8b57",
                 FAC: "#7a7a2e", EVENT: "#8e44ad" };
  var EVENT_COLOR = "#d97706";

  function draw(el, data) {
    var center = el.dataset.center;
    var elements = data.nodes.map(function (n) {
      return { data: { id: n.id, label: n.label, kind: n.kind, type: n.type,
                       color: n.kind === "event" ? EVENT_COLOR : (COLORS[n.type] || "#555"),
                       center: n.id === center ? 1 : 0 } };
    }).concat(data.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target,
                       weight: Math.min(1 + e.weight, 8), kind: e.kind || "" } };
    }));
    var cy = cytoscape({
      container: el, elements: elements,
      style: [
        { selector: "node", style: { "background-color": "data(color)", label: "data(label)",
          "font-size": 11, color: "#222", "text-valign": "bottom", "text-margin-y": 3,
          width: 18, height: 18, "text-background-color": "#fff",
          "text-background-opacity": 0.7, "text-background-padding": 1, "min-zoomed-font-size": 8 } },
        { selector: "node[kind = 'event']", style: { shape: "diamond", width: 16, height: 16,
          "font-size": 9, color: "#7c3f00" } },
        { selector: "node[center = 1]", style: { width: 30, height: 30, "font-weight": "bold" } },
        { selector: "edge", style: { width: "data(weight)", "line-color": "#c9d0da",
          "curve-style": "haystack", opacity: 0.55 } },
        { selector: "edge[kind = 'participant'], edge[kind = 'place']",
          style: { "line-color": "#e0a050", opacity: 0.8, width: 1.5 } }
      ],
      layout: { name: "cose", animate: false, randomize: false, padding: 20,
                nodeRepulsion: function () { return 600000; }, nodeOverlap: 40,
                idealEdgeLength: function () { return 110; }, edgeElasticity: function () { return 60; },
                gravity: 40, numIter: 1500 }
    });
    cy.on("tap", "node", function (evt) {
      var n = evt.target.data();
      if (n.id === center) return;
      window.location.href = "/" + (n.kind === "event" ? "events" : "entities") + "/" +
        encodeURIComponent(n.id);
    });
    el.dataset.ready = String(cy.nodes().length);
  }

  document.querySelectorAll("#graph, #network").forEach(function (el) {
    fetch(el.dataset.src, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) { draw(el, el.dataset.key ? data[el.dataset.key] : data); })
      .catch(function (err) { el.textContent = "The network could not be drawn: " + err; });
  });
})();

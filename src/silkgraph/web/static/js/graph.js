// Draws the network views (#graph: whole corpus, #network: one entity) with cytoscape.
// The force layout runs in a worker (graph-layout.js), so drawing never blocks the page;
// the best-connected entities are labelled, the others on hover. On #graph a click focuses
// on a node and its neighbours; "Open" goes to its page.
(function () {
  "use strict";
  var COLORS = { PERSON: "#c0392b", ORG: "#2c6fbb", GPE: "#2e8b57", LOC: "#2e8b57",
                 FAC: "#7a7a2e", EVENT: "#8e44ad" };
  var EVENT_COLOR = "#d97706";
  var LABELLED = 30;
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;

  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function elementsOf(el, data) {
    var center = el.dataset.center, degree = {};
    data.edges.forEach(function (e) {
      degree[e.source] = (degree[e.source] || 0) + 1;
      degree[e.target] = (degree[e.target] || 0) + 1;
    });
    var ranked = data.nodes.filter(function (n) { return n.kind !== "event"; })
      .sort(function (a, b) { return (degree[b.id] || 0) - (degree[a.id] || 0); })
      .slice(0, LABELLED).map(function (n) { return n.id; });
    var shown = {};
    ranked.forEach(function (id) { shown[id] = true; });
    var nodes = data.nodes.map(function (n) {
      var d = degree[n.id] || 0;
      return { data: { id: n.id, label: n.label, kind: n.kind, type: n.type,
                       short: short(n.label, 40),
                       shown: shown[n.id] || n.id === center ? short(n.label, 40) : "",
                       size: Math.min(40, 12 + 3 * Math.sqrt(d)),
                       color: n.kind === "event" ? EVENT_COLOR : (COLORS[n.type] || "#555"),
                       center: n.id === center ? 1 : 0 } };
    });
    var edges = data.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target,
                       weight: Math.min(1 + e.weight, 8), kind: e.kind || "" } };
    });
    return nodes.concat(edges);
  }

  function layoutOff(elements) {
    // Positions from the worker; where workers cannot run, a quick concentric layout.
    return new Promise(function (resolve) {
      var worker;
      try { worker = new Worker("/static/js/graph-layout.js"); } catch (err) { resolve(null); return; }
      worker.onmessage = function (msg) { worker.terminate(); resolve(msg.data); };
      worker.onerror = function () { worker.terminate(); resolve(null); };
      worker.postMessage({ elements: elements.map(function (x) { return { data: x.data }; }) });
    });
  }

  function style() {
    var ink = dark ? "#e3e8ef" : "#222", halo = dark ? "#17212e" : "#fff";
    return [
      { selector: "node", style: { "background-color": "data(color)", label: "data(shown)",
        "font-size": 11, color: ink, "text-valign": "bottom", "text-margin-y": 3,
        width: "data(size)", height: "data(size)", "text-background-color": halo,
        "text-background-opacity": 0.75, "text-background-padding": 1,
        "text-wrap": "ellipsis", "text-max-width": 160, "min-zoomed-font-size": 7 } },
      { selector: "node[kind = 'event']", style: { shape: "diamond", "font-size": 9,
        color: dark ? "#fbd38d" : "#7c3f00" } },
      { selector: "node[center = 1]", style: { width: 30, height: 30, "font-weight": "bold" } },
      { selector: "node.hover, node.focus", style: { label: "data(short)", "z-index": 10 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#f59e0b" } },
      { selector: "edge", style: { width: "data(weight)", "line-color": dark ? "#475569" : "#c9d0da",
        "curve-style": "haystack", opacity: 0.55 } },
      { selector: "edge[kind = 'participant'], edge[kind = 'place']",
        style: { "line-color": "#e0a050", opacity: 0.8, width: 1.5 } },
      { selector: ".faded", style: { opacity: 0.08, label: "" } }
    ];
  }

  function draw(el, data) {
    var elements = elementsOf(el, data);
    el.setAttribute("aria-busy", "true");
    return layoutOff(elements).then(function (pos) {
      var cy = cytoscape({
        container: el, elements: elements, style: style(), wheelSensitivity: 0.3,
        layout: pos ? { name: "preset", positions: function (n) { return pos[n.id()]; }, fit: true, padding: 20 }
                    : { name: "concentric", fit: true, padding: 20,
                        concentric: function (n) { return n.degree(); }, levelWidth: function () { return 3; } }
      });
      cy.on("mouseover", "node", function (evt) { evt.target.addClass("hover"); });
      cy.on("mouseout", "node", function (evt) { evt.target.removeClass("hover"); });
      el.removeAttribute("aria-busy");
      el.dataset.layout = pos ? "worker" : "concentric";
      el.dataset.ready = String(cy.nodes().length);
      return cy;
    });
  }

  function pageOf(n) {
    return "/" + (n.kind === "event" ? "events" : "entities") + "/" + encodeURIComponent(n.id);
  }

  function focusTools(el, cy) {
    var box = document.getElementById("graph-focus");
    if (!box) return;
    var name = box.querySelector(".focus-name"), open = box.querySelector(".focus-open");
    var reset = box.querySelector(".focus-reset"), pick = box.querySelector("select");
    cy.nodes("[kind != 'event']").sort(function (a, b) {
      return a.data("label").localeCompare(b.data("label"));
    }).forEach(function (n) {
      var o = document.createElement("option");
      o.value = n.id(); o.textContent = n.data("label");
      pick.appendChild(o);
    });
    function focus(node) {
      cy.elements().removeClass("faded focus");
      if (!node) {
        box.dataset.focus = ""; name.textContent = "nothing (whole network)";
        open.hidden = true; pick.value = ""; cy.fit(undefined, 20);
        el.dataset.focus = "";
        return;
      }
      var near = node.closedNeighborhood();
      cy.elements().not(near).addClass("faded");
      node.addClass("focus");
      near.nodes().addClass("hover");
      name.textContent = node.data("label");
      open.href = pageOf(node.data()); open.hidden = false;
      pick.value = node.data("kind") === "event" ? "" : node.id();
      cy.animate({ fit: { eles: near, padding: 40 }, duration: 250 });
      el.dataset.focus = node.id();
      el.dataset.neighbours = String(near.nodes().length - 1);
      var url = new URL(window.location.href);
      url.searchParams.set("focus", node.id());
      window.history.replaceState(null, "", url.toString());
    }
    cy.on("tap", "node", function (evt) { cy.nodes().removeClass("hover"); focus(evt.target); });
    cy.on("tap", function (evt) { if (evt.target === cy) { cy.nodes().removeClass("hover"); focus(null); } });
    pick.addEventListener("change", function () {
      cy.nodes().removeClass("hover");
      focus(pick.value ? cy.getElementById(pick.value) : null);
    });
    reset.addEventListener("click", function () { cy.nodes().removeClass("hover"); focus(null); });
    var wanted = new URLSearchParams(window.location.search).get("focus");
    if (wanted && cy.getElementById(wanted).length) focus(cy.getElementById(wanted));
  }

  document.querySelectorAll("#graph, #network").forEach(function (el) {
    fetch(el.dataset.src, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) { return draw(el, el.dataset.key ? data[el.dataset.key] : data); })
      .then(function (cy) {
        if (el.id === "graph") { focusTools(el, cy); return; }
        cy.on("tap", "node", function (evt) {
          var n = evt.target.data();
          if (n.id !== el.dataset.center) window.location.href = pageOf(n);
        });
      })
      .catch(function (err) { el.textContent = "The network could not be drawn: " + err; });
  });
})();

// Directed trade flows as a Sankey diagram (d3-sankey): exporters left, importers right.
// It draws the rows of the table under it, one link per row, so the two always agree;
// two-way turnover has no direction and is not drawn.
(function () {
  "use strict";
  var el = document.getElementById("sankey");
  if (!el) return;
  function fmt(v) {
    if (!v) return "value not stated";
    if (v >= 1e9) return "USD " + (v / 1e9).toPrecision(3) + " bn";
    if (v >= 1e6) return "USD " + (v / 1e6).toPrecision(3) + " m";
    return "USD " + Math.round(v).toLocaleString();
  }
  fetch(el.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
    var index = {}, nodes = [], links = [];
    function node(name, col) {
      var key = col + ":" + name;
      if (!(key in index)) { index[key] = nodes.length; nodes.push({ name: name, col: col }); }
      return index[key];
    }
    var maxUsd = d3.max(data.flows, function (f) { return f.usd || 0; }) || 0;
    data.flows.forEach(function (f) {
      // A row without a stated value still shows, at a small fixed width.
      var v = f.usd || (maxUsd ? maxUsd * 0.03 : 1);
      var goods = f.commodities.map(function (c) { return c.name; }).join(", ") || "goods not named";
      links.push({ source: node(f.exporter.name, "exp"), target: node(f.importer.name, "imp"),
                   value: v, usd: f.usd, goods: goods, year: f.year });
    });
    var width = el.clientWidth || 900, height = Math.max(220, 34 * nodes.length);
    var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height])
      .attr("width", "100%").attr("height", height);
    var graph = d3.sankey().nodeWidth(14).nodePadding(14)
      .nodeAlign(function (n) { return n.col === "exp" ? 0 : 1; })
      .extent([[1, 5], [width - 1, height - 5]])({ nodes: nodes, links: links });
    var colour = { exp: "#2c6fbb", imp: "#2e8b57" };
    svg.append("g").selectAll("path").data(graph.links).join("path")
      .attr("class", "flow-link")
      .attr("d", d3.sankeyLinkHorizontal()).attr("fill", "none")
      .attr("stroke", "#d97706").attr("stroke-opacity", 0.4)
      .attr("stroke-width", function (d) { return Math.max(1, d.width); })
      .attr("data-from", function (d) { return d.source.name; })
      .attr("data-to", function (d) { return d.target.name; })
      .append("title").text(function (d) {
        return d.source.name + " → " + d.target.name + ": " + d.goods + " (" +
          (d.year || "year unknown") + "), " + fmt(d.usd);
      });
    svg.append("g").selectAll("rect").data(graph.nodes).join("rect")
      .attr("x", function (d) { return d.x0; }).attr("y", function (d) { return d.y0; })
      .attr("height", function (d) { return Math.max(1, d.y1 - d.y0); })
      .attr("width", function (d) { return d.x1 - d.x0; })
      .attr("fill", function (d) { return colour[d.col]; })
      .append("title").text(function (d) { return d.name + (d.col === "exp" ? " (from)" : " (to)"); });
    svg.append("g").attr("font-size", 12).selectAll("text").data(graph.nodes).join("text")
      .attr("x", function (d) { return d.col === "exp" ? d.x1 + 6 : d.x0 - 6; })
      .attr("y", function (d) { return (d.y1 + d.y0) / 2; }).attr("dy", "0.35em")
      .attr("text-anchor", function (d) { return d.col === "exp" ? "start" : "end"; })
      .text(function (d) { return d.name; });
    el.dataset.ready = String(graph.links.length);
  }).catch(function (err) { el.textContent = "The diagram could not be drawn: " + err; });
})();

// Exporter -> commodity -> importer as a Sankey diagram (d3-sankey).
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
    var maxUsd = d3.max(data.flows, function (f) { return f.usd; }) || 0;
    data.flows.forEach(function (f) {
      // Flows without a stated value still show, at a small fixed width.
      var v = f.usd || (maxUsd ? maxUsd * 0.03 : 1) * f.events.length;
      var a = node(f.exporter, "exp"), b = node(f.commodity, "com"), c = node(f.importer, "imp");
      links.push({ source: a, target: b, value: v, usd: f.usd });
      links.push({ source: b, target: c, value: v, usd: f.usd });
    });
    var width = el.clientWidth || 900, height = Math.max(260, 28 * nodes.length);
    var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height])
      .attr("width", "100%").attr("height", height);
    var graph = d3.sankey().nodeWidth(14).nodePadding(14)
      .extent([[1, 5], [width - 1, height - 5]])({ nodes: nodes, links: links });
    var colour = { exp: "#2c6fbb", com: "#d97706", imp: "#2e8b57" };
    svg.append("g").selectAll("path").data(graph.links).join("path")
      .attr("d", d3.sankeyLinkHorizontal()).attr("fill", "none")
      .attr("stroke", function (d) { return colour[d.source.col]; }).attr("stroke-opacity", 0.35)
      .attr("stroke-width", function (d) { return Math.max(1, d.width); })
      .append("title").text(function (d) { return d.source.name + " → " + d.target.name + ": " + fmt(d.usd); });
    svg.append("g").selectAll("rect").data(graph.nodes).join("rect")
      .attr("x", function (d) { return d.x0; }).attr("y", function (d) { return d.y0; })
      .attr("height", function (d) { return Math.max(1, d.y1 - d.y0); })
      .attr("width", function (d) { return d.x1 - d.x0; })
      .attr("fill", function (d) { return colour[d.col]; })
      .append("title").text(function (d) { return d.name; });
    svg.append("g").attr("font-size", 12).selectAll("text").data(graph.nodes).join("text")
      .attr("x", function (d) { return d.x0 < width / 2 ? d.x1 + 6 : d.x0 - 6; })
      .attr("y", function (d) { return (d.y1 + d.y0) / 2; }).attr("dy", "0.35em")
      .attr("text-anchor", function (d) { return d.x0 < width / 2 ? "start" : "end"; })
      .text(function (d) { return d.name; });
    el.dataset.ready = String(graph.links.length);
  }).catch(function (err) { el.textContent = "The diagram could not be drawn: " + err; });
})();

// The timeline's volume chart: events per month, stacked by type (d3). Dragging across
// months (a brush) or clicking one month narrows the page to those months.
(function () {
  "use strict";
  var el = document.getElementById("volume");
  if (!el) return;
  var PALETTE = ["#2c6fbb", "#d97706", "#2e8b57", "#8e44ad", "#c0392b", "#0e7490",
                 "#7a7a2e", "#be185d", "#4b5563", "#65a30d", "#9a3412", "#1e3a8a"];

  function monthsBetween(first, last) {
    var out = [], y = +first.slice(0, 4), m = +first.slice(5, 7);
    var ly = +last.slice(0, 4), lm = +last.slice(5, 7);
    while (y < ly || (y === ly && m <= lm)) {
      out.push(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function go(from, to) {
    var params = new URLSearchParams(window.location.search);
    params.set("date_from", from); params.set("date_to", to);
    window.location.href = window.location.pathname + "?" + params.toString();
  }

  function draw(data) {
    if (!data.counts.length) {
      el.textContent = "No dated events to chart" + (data.no_month ? " (" + data.no_month +
        " without a month)" : "") + ".";
      el.dataset.ready = "0";
      return;
    }
    var months = monthsBetween(data.counts[0].month, data.counts[data.counts.length - 1].month);
    var types = data.types;
    var colour = {};
    types.forEach(function (t, i) { colour[t] = PALETTE[i % PALETTE.length]; });
    var rows = months.map(function (m) {
      var row = { month: m };
      types.forEach(function (t) { row[t] = 0; });
      return row;
    });
    var at = {};
    rows.forEach(function (r, i) { at[r.month] = i; });
    data.counts.forEach(function (c) { rows[at[c.month]][c.type] += c.n; });
    var series = d3.stack().keys(types)(rows);
    var bar;

    var width = Math.max(320, el.clientWidth || 900), height = 180;
    var margin = { top: 8, right: 8, bottom: 24, left: 30 };
    var x = d3.scaleBand().domain(months).range([margin.left, width - margin.right]).padding(0.15);
    bar = Math.min(x.bandwidth(), 56);
    var ymax = d3.max(rows, function (r) { return d3.sum(types, function (t) { return r[t]; }); });
    var y = d3.scaleLinear().domain([0, ymax || 1]).nice().range([height - margin.bottom, margin.top]);
    var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height])
      .attr("role", "img").attr("aria-label", "Events per month, by type");
    svg.append("g").selectAll("g").data(series).join("g")
      .attr("fill", function (s) { return colour[s.key]; })
      .selectAll("rect").data(function (s) { return s.map(function (d) { d.key = s.key; return d; }); })
      .join("rect").attr("class", "bar")
      .attr("x", function (d) { return x(d.data.month) + (x.bandwidth() - bar) / 2; })
      .attr("y", function (d) { return y(d[1]); })
      .attr("height", function (d) { return Math.max(0, y(d[0]) - y(d[1])); })
      .attr("width", bar)
      .append("title").text(function (d) { return d.data.month + ": " + (d[1] - d[0]) + " " + d.key.toLowerCase(); });
    var every = Math.max(1, Math.ceil(months.length / Math.floor(width / 60)));
    svg.append("g").attr("transform", "translate(0," + (height - margin.bottom) + ")")
      .call(d3.axisBottom(x).tickValues(months.filter(function (m, i) { return i % every === 0; })));
    svg.append("g").attr("transform", "translate(" + margin.left + ",0)")
      .call(d3.axisLeft(y).tickValues(y.ticks(Math.min(4, ymax || 1)).filter(Number.isInteger))
        .tickFormat(d3.format("d")));

    var brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", function (event) {
        if (!event.sourceEvent) return;
        var picked;
        if (!event.selection) {
          // A click without a drag picks the month under the pointer.
          var px = d3.pointer(event.sourceEvent, svg.node())[0];
          picked = months.filter(function (m) { return x(m) <= px && px <= x(m) + x.step(); });
        } else {
          picked = months.filter(function (m) {
            var mid = x(m) + x.bandwidth() / 2;
            return event.selection[0] <= mid && mid <= event.selection[1];
          });
        }
        if (picked.length) go(picked[0], picked[picked.length - 1]);
      });
    svg.append("g").attr("class", "brush").call(brush);

    var key = document.createElement("p");
    key.className = "key";
    types.forEach(function (t) {
      var s = document.createElement("span");
      s.style.setProperty("--swatch", colour[t]);
      s.textContent = t.toLowerCase();
      key.appendChild(s);
    });
    el.appendChild(key);
    if (data.no_month) {
      var note = document.createElement("p");
      note.className = "muted";
      note.textContent = data.no_month + " matching event" + (data.no_month === 1 ? " has" : "s have") +
        " no month to chart (undated, a year only, or the year unknown).";
      el.appendChild(note);
    }
    el.dataset.ready = String(data.total);
  }

  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(draw)
    .catch(function (err) { el.textContent = "The chart could not be drawn: " + err; });
})();

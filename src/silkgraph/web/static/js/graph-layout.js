// Lays out a network off the page's thread: cytoscape without a screen, force-directed
// (cose), and the positions posted back. The page stays responsive however long it takes.
/* global cytoscape, importScripts */
importScripts("/static/vendor/cytoscape.min.js");
onmessage = function (msg) {
  var cy = cytoscape({ headless: true, styleEnabled: false, elements: msg.data.elements });
  var n = cy.nodes().length;
  var layout = cy.layout({
    name: "cose", animate: false, randomize: true, padding: 20,
    nodeRepulsion: function () { return 400000; }, nodeOverlap: 20,
    idealEdgeLength: function () { return 80; }, edgeElasticity: function () { return 80; },
    gravity: 60, numIter: n > 200 ? 800 : 1500, boundingBox: { x1: 0, y1: 0, w: 1200, h: 800 }
  });
  layout.on("layoutstop", function () {
    var pos = {};
    cy.nodes().forEach(function (node) { pos[node.id()] = node.position(); });
    postMessage(pos);
  });
  layout.run();
};

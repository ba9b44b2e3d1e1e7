// Every page: the menu button that shows the navigation on a narrow screen, and the
// lists' facets folded on one.
(function () {
  "use strict";
  // On a phone the facets start folded, under their "Filters" summary.
  if (window.matchMedia && window.matchMedia("(max-width: 700px)").matches) {
    document.querySelectorAll("details.facet-box").forEach(function (d) { d.open = false; });
  }
  var button = document.querySelector(".top .menu");
  if (!button) return;
  button.addEventListener("click", function () {
    var top = button.closest(".top");
    var open = top.classList.toggle("open");
    button.setAttribute("aria-expanded", String(open));
  });
})();

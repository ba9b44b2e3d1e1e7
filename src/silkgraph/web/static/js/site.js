// Every page: the menu button that shows the navigation on a narrow screen.
(function () {
  "use strict";
  var button = document.querySelector(".top .menu");
  if (!button) return;
  button.addEventListener("click", function () {
    var top = button.closest(".top");
    var open = top.classList.toggle("open");
    button.setAttribute("aria-expanded", String(open));
  });
})();

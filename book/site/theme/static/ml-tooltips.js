// Mestringsluppen: the header buttons' tooltips, drawn by Bootstrap as the theme does, loaded when needed.
//
// pydata-sphinx-theme loads all of Bootstrap's JavaScript (81 KB) on every page, and on this site it does
// one thing: the tooltips of the buttons marked data-bs-toggle="tooltip". It is fetched the first time a
// mouse or the keyboard reaches such a button (book/site/assets.py); Bootstrap then wires every tooltip,
// and the button that called it gets its event again, so its tooltip shows as it always did.
(function () {
  "use strict";
  var SELECTOR = '[data-bs-toggle="tooltip"]';
  var started = false;

  function load(button) {
    if (started) return;
    started = true;
    var root = document.documentElement.getAttribute("data-content_root") || "./";
    var script = document.createElement("script");
    script.src = root + "_static/scripts/bootstrap.js";
    script.onload = function () {
      if (button.matches(":hover")) button.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
      if (document.activeElement === button) button.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    };
    document.head.appendChild(script);
  }

  function reached(event) {
    if (started || !event.target || !event.target.closest) return;
    var button = event.target.closest(SELECTOR);
    if (button && (event.type !== "pointerover" || event.pointerType === "mouse")) load(button);
  }

  document.addEventListener("pointerover", reached, { passive: true });
  document.addEventListener("focusin", reached);
})();

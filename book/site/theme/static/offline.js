// Mestringsluppen offline: registers the service worker (sw.js in the site's root folder, written by
// book/offline.py at the end of every build), which stores every page, the search, the planner and
// every PDF in the background after the first visit, so the handbook works in a room without
// network. When a newer build is published, the page says so and switches only when asked, so a
// page never mixes two versions.
//
// Not on file:// (browsers run service workers only over http and https): opened from a folder,
// the site works without one, and the search shows its hits without snippets.
(function () {
  "use strict";
  // Opened as files, browsers refuse fetch(): Sphinx's search would fail to fetch each hit's page
  // for its snippet. Deferred, this runs before the search starts (at DOMContentLoaded).
  if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; // eslint-disable-line no-undef
  }
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(window.location.protocol)) return;
  var root = document.documentElement.getAttribute("data-content_root") || "./";

  /**
   * A small notice with an optional button. On other pages it floats in a corner; in the room
   * mode it is a bar above the page, so it never covers the leader's buttons.
   */
  function notice(text, action, onAction) {
    var old = document.getElementById("ml-offline-notice");
    if (old) old.remove();
    var box = document.createElement("div");
    box.id = "ml-offline-notice";
    box.setAttribute("role", "status");
    var inRoom = document.body.classList.contains("ml-room");
    box.style.cssText = "padding:0.7rem 0.9rem;background:#fff8e1;color:#1b1f22;font:inherit;font-size:0.95rem;" +
      "line-height:1.4;border:2px solid #8a5a00;" + (inRoom ? "border-width:0 0 2px;"
      : "position:fixed;z-index:2000;right:0.75rem;bottom:0.75rem;max-width:22rem;border-radius:0.5rem;" +
        "box-shadow:0 0.3rem 1rem rgba(0,0,0,.25);");
    box.appendChild(document.createTextNode(text + " "));
    var buttons = document.createElement("span");
    buttons.style.cssText = "display:flex;gap:0.5rem;margin-top:0.5rem;flex-wrap:wrap;";
    var make = function (label, onClick, strong) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.style.cssText = "font:inherit;font-size:0.9rem;padding:0.3rem 0.7rem;border-radius:0.3rem;cursor:pointer;" +
        (strong ? "background:#0b5c6b;color:#fff;border:2px solid #0b5c6b;font-weight:600;"
          : "background:#fff;color:#064552;border:2px solid #064552;");
      b.addEventListener("click", onClick);
      buttons.appendChild(b);
      return b;
    };
    if (action) make(action, onAction, true).id = "ml-offline-update";
    make("Luk", function () { box.remove(); });
    box.appendChild(buttons);
    if (inRoom) document.body.insertBefore(box, document.body.firstChild);
    else document.body.appendChild(box);
    return box;
  }

  function start() {
    var script = document.createElement("script");
    script.src = root + "_static/workbox/workbox-window.prod.umd.js";
    script.onload = function () {
      var wb = new window.workbox.Workbox(root + "sw.js");
      wb.addEventListener("waiting", function () {
        notice("Der er kommet en ny version af håndbogen.", "Brug den nye version", function () {
          wb.addEventListener("controlling", function () { window.location.reload(); });
          wb.messageSkipWaiting();
        });
      });
      wb.addEventListener("installed", function (event) {
        if (event.isUpdate) return;
        document.documentElement.setAttribute("data-offline", "klar");
        var saved = notice("Håndbogen er gemt på denne enhed og virker nu også uden internet.");
        window.setTimeout(function () { saved.remove(); }, 12000);
      });
      wb.register().catch(function () { /* no offline copy; the site works online as always */ });
    };
    document.head.appendChild(script);
  }

  // after the page has loaded, so storing the handbook never slows down the first visit
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();

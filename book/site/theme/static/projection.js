// Mestringsluppen: a large-type view for projecting the overviews (matrices, forløbsoversigt).
// The button toggles a class on <html>; the choice is kept in this browser only.
(() => {
  const KEY = "ml-projektor";
  const root = document.documentElement;
  const start = () => {
    const tables = document.querySelectorAll("table.ml-matrix, table.ml-timeline");
    if (!tables.length) return;
    const store = window.MLStorage;  // ml-storage.js, first in <head>: never throws
    let on = store.get(KEY) === "1";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ml-projection-toggle ml-screen-only";
    button.textContent = "Stor skrift til projektor";
    const apply = () => {
      root.classList.toggle("ml-projection", on);
      button.setAttribute("aria-pressed", String(on));
    };
    button.addEventListener("click", () => {
      on = !on;
      if (on) store.set(KEY, "1"); else store.remove(KEY);  // not kept where the browser keeps nothing
      apply();
    });
    const first = tables[0].closest(".pst-scrollable-table-container") || tables[0];
    const holder = document.createElement("p");
    holder.appendChild(button);
    first.before(holder);
    apply();
  };
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
})();

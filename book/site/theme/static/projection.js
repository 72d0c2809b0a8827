// Mestringsluppen: a large-type view for projecting the overviews (matrices, forløbsoversigt).
// The button toggles a class on <html>; the choice is kept in this browser only.
(() => {
  const KEY = "ml-projektor";
  const root = document.documentElement;
  const start = () => {
    const tables = document.querySelectorAll("table.ml-matrix, table.ml-timeline");
    if (!tables.length) return;
    let on = false;
    try { on = localStorage.getItem(KEY) === "1"; } catch (e) { /* storage blocked */ }
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
      try { on ? localStorage.setItem(KEY, "1") : localStorage.removeItem(KEY); } catch (e) { /* not kept */ }
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

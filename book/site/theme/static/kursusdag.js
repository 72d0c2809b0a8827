// Mestringsluppen: a course day's clock times (book/site/course.py, DayPlan). The page is rendered
// with the handbook's suggested start; here the trainer can change it, and every time is summed again
// from the minutes in the table (modules and breaks in order), the same sum as book/data/agenda.py.
// The chosen start stays in this browser (localStorage) only.
(() => {
  const toMinutes = (value) => {
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(value || "");
    return m ? Number(m[1]) * 60 + Number(m[2]) : null;
  };
  const clock = (t) => `${Math.floor(t / 60)}.${String(t % 60).padStart(2, "0")}`;

  function setup(control) {
    const day = control.dataset.day;
    const key = `ml-kursusdag-${day}-start`;
    const input = control.querySelector("input");
    const saved = control.querySelector(".ml-day-saved");
    const table = document.querySelector("table.ml-dayplan");
    const span = document.querySelector(".ml-day-span");
    if (!input || !table) return;

    function recompute() {
      let now = toMinutes(input.value);
      if (now === null) return;
      const first = now;
      table.querySelectorAll("tbody tr").forEach((row) => {
        const minutes = Number(row.querySelector(".ml-minutes").textContent.trim());
        const cell = row.querySelector(".ml-clock");
        cell.textContent = `${clock(now)}–${clock(now + minutes)}`;
        now += minutes;
      });
      if (span) span.textContent = `${clock(first)}–${clock(now)}`;
    }

    const store = window.MLStorage;  // ml-storage.js, first in <head>: never throws
    const stored = store.get(key);
    if (toMinutes(stored) !== null) input.value = stored;
    input.addEventListener("change", () => {
      if (toMinutes(input.value) === null) return;
      if (input.value === control.dataset.default) {
        store.remove(key);
        saved.textContent = "";
      } else {
        saved.textContent = store.set(key, input.value) ? "Gemt i denne browser."
          : "Tiderne er regnet om, men browseren kan ikke huske starttidspunktet til næste gang.";
      }
      recompute();
    });
    control.querySelector(".ml-day-reset").addEventListener("click", () => {
      input.value = control.dataset.default;
      store.remove(key);
      saved.textContent = "";
      recompute();
    });
    control.hidden = false;
    recompute();
  }

  const start = () => document.querySelectorAll(".ml-day-start").forEach(setup);
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
})();

// Mestringsluppen: paper forms that count on screen (book/site/forms.py). The page is a printable
// sheet (boxes to tick, lines to write on); here the same markup becomes a form: radio buttons per
// statement, averages per part and in total, a bar chart of the core elements' averages, text fields,
// a filled print, a CSV file and one button that clears it all. Everything stays in this browser
// (localStorage, through ml-storage.js); nothing is sent anywhere. The rounding, the CSV format and
// the chart's scale are shared with the page that compares exports (forms-shared.js).
(() => {
  const SCALE = ["slet ikke", "i ringe grad", "i nogen grad", "i høj grad", "i meget høj grad"];
  const { CSV, decimal, average: mean, csvText, download: saveFile, svg: drawing, scaleLines } = window.MLForms;
  const store = window.MLStorage;
  const SAVED = "Det, du udfylder, gemmes kun i denne browser – intet sendes nogen steder hen.";
  const NOT_KEPT = "Browseren tillader ikke, at siden gemmer noget, så skemaet glemmer det udfyldte, når du " +
    "lukker siden. Hent det som CSV, eller udskriv det, før du går.";
  const NOT_SAVED = "Kunne ikke gemme i browseren (lageret er fuldt). Det, du har skrevet, står her stadig, men " +
    "forsvinder, hvis du lukker siden – hent det som CSV, eller udskriv det, før du går.";
  const clean = (el) => {
    if (!el) return "";
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".headerlink, input, textarea, .ml-print-value").forEach((n) => n.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  const heading = (section) => clean(section && section.querySelector(":scope > h2, :scope > h3, :scope > h4"));

  function storageKey(form) {
    const named = [...form.classList].find((c) => c.startsWith("ml-form-"));
    return `ml-skema:${form.id || named || location.pathname}`;
  }

  function enhance(form, n) {
    const key = storageKey(form);
    const state = Object.assign({ ratings: {}, text: {} }, store.getJSON(key));
    let unsaved = false;  // typed, and the browser did not keep it
    const save = () => {
      const kept = store.setJSON(key, state);
      if (kept === !unsaved) return;
      unsaved = !kept;
      status.textContent = !unsaved ? SAVED : store.remembers() ? NOT_SAVED : NOT_KEPT;
      status.classList.toggle("ml-form-warning", unsaved);
    };
    // leaving with what the browser could not keep: the browser asks first
    window.addEventListener("beforeunload", (ev) => { if (unsaved) ev.preventDefault(); });
    const prefix = `ml-form${n}`;
    const texts = [];  // [{label, el, key}]

    // a text field that also prints what was typed (inputs are hidden on paper)
    function textField(host, label, id, multiline, rows) {
      const el = document.createElement(multiline ? "textarea" : "input");
      if (multiline) el.rows = rows; else el.type = "text";
      el.id = `${prefix}-${id}`;
      el.className = "ml-form-input";
      el.setAttribute("aria-label", label);
      el.value = state.text[id] || "";
      const mirror = document.createElement("span");
      mirror.className = "ml-print-value";
      mirror.textContent = el.value;
      el.addEventListener("input", () => {
        state.text[id] = el.value;
        mirror.textContent = el.value;
        save();
      });
      host.append(el, mirror);
      texts.push({ label, el, mirror, id });
      return el;
    }

    // writing boxes: labelled lines become one-line fields, plain lines one text area
    form.querySelectorAll(".ml-fill").forEach((box, b) => {
      const lines = [...box.querySelectorAll(".ml-fill-line")];
      const labelled = lines.filter((l) => l.querySelector("span:not(.ml-blank)"));
      const title = clean(box.querySelector(":scope > p:not(.ml-fill-line) strong"));
      labelled.forEach((line, i) => {
        const label = clean(line.querySelector("span:not(.ml-blank)"));
        line.classList.add("ml-has-input");
        textField(line, label, `f${b}-${i}`, false);
      });
      const plain = lines.filter((l) => !labelled.includes(l));
      if (plain.length) {
        const holder = document.createElement("div");
        holder.className = "ml-fill-area";
        plain[0].before(holder);
        plain.forEach((l) => l.classList.add("ml-replaced"));
        textField(holder, title || "Noter", `t${b}`, true, Math.max(3, plain.length * 2));
      }
    });

    // statements rated 1–5
    const rows = [...form.querySelectorAll("tr.ml-rate-row")];
    rows.forEach((row) => {
      const part = row.closest(".ml-checklist-part");
      const index = [...part.querySelectorAll("tr.ml-rate-row")].indexOf(row);
      const id = `${part.id}:${index + 1}`;
      const statement = clean(row.cells[0]);
      row.dataset.key = id;
      [...row.cells].slice(1).forEach((cell, j) => {
        const input = document.createElement("input");
        input.type = "radio";
        input.name = `${prefix}-${id}`;
        input.value = String(j + 1);
        input.setAttribute("aria-label", `${statement}: ${j + 1} – ${SCALE[j]}`);
        input.checked = state.ratings[id] === j + 1;
        cell.classList.toggle("is-checked", input.checked);
        input.addEventListener("change", () => {
          state.ratings[id] = j + 1;
          row.querySelectorAll("td").forEach((c, k) => c.classList.toggle("is-checked", k === j + 1));
          save();
          update();
        });
        cell.prepend(input);
      });
    });

    // notes per part in the summary
    const sumRows = [...form.querySelectorAll("tr.ml-sum-row")];
    sumRows.forEach((row) => {
      const note = row.querySelector("td.ml-note");
      const label = clean(row.cells[0]);
      if (note) {
        note.querySelector("p")?.remove();
        textField(note, `${CSV.note}: ${label}`, `note-${partOf(row)}`, true, 2);
      }
    });

    function partOf(row) {
      const cls = [...row.classList].find((c) => c.startsWith("ml-part-"));
      return cls ? cls.slice("ml-part-".length) : "";
    }

    function average(keys) {
      return mean(keys.map((k) => state.ratings[k]));
    }

    function averages() {
      const out = [];
      form.querySelectorAll(".ml-checklist-part").forEach((part) => {
        const keys = [...part.querySelectorAll("tr.ml-rate-row")].map((r) => r.dataset.key);
        out.push({ id: part.id, title: heading(part), chart: part.classList.contains("ml-chart-part"),
                   value: average(keys), keys });
      });
      return out;
    }

    function update() {
      const parts = averages();
      const all = average(rows.map((r) => r.dataset.key));
      sumRows.forEach((row) => {
        const id = partOf(row);
        const cell = row.querySelector("td.ml-avg");
        if (!cell) return;
        const value = id === "alle" ? all : (parts.find((p) => p.id === id) || {}).value;
        cell.textContent = value === null || value === undefined ? "–" : decimal(value);
      });
      drawChart(parts.filter((p) => p.chart));
    }

    function drawChart(parts) {
      const box = form.querySelector(".ml-form-chart");
      if (!box || !parts.length) return;
      const w = 560, h = 240, top = 24, bottom = 40, left = 36, band = (w - left) / parts.length;
      const y = (v) => top + (h - top - bottom) * (1 - v / 5);
      const said = parts.map((p, i) => `kerneelement ${i + 1}: ${p.value === null ? "ikke vurderet" : decimal(p.value)}`);
      const { root: svg, add } = drawing(w, h, `Gennemsnit pr. kerneelement på skalaen 1–5: ${said.join(", ")}`);
      scaleLines(add, left, w, y);
      parts.forEach((p, i) => {
        const x = left + i * band + band * 0.2;
        if (p.value !== null) {
          add("rect", { x, y: y(p.value), width: band * 0.6, height: y(0) - y(p.value), class: "ml-chart-bar" });
          add("text", { x: x + band * 0.3, y: y(p.value) - 6, "text-anchor": "middle", class: "ml-chart-value" },
              decimal(p.value));
        }
        add("text", { x: x + band * 0.3, y: h - 14, "text-anchor": "middle", class: "ml-chart-label" }, `KE${i + 1}`);
      });
      box.replaceChildren(svg);
      box.classList.add("is-drawn");
    }

    function csv() {
      const out = [CSV.header];
      texts.filter((t) => !t.id.startsWith("note-")).forEach((t) => out.push([CSV.info, t.label, t.el.value]));
      rows.forEach((row) => {
        out.push([heading(row.closest(".ml-checklist-part")), clean(row.cells[0]), state.ratings[row.dataset.key] || ""]);
      });
      const parts = averages();
      sumRows.forEach((row) => {
        const id = partOf(row);
        const label = clean(row.cells[0]);
        const value = id === "alle" ? average(rows.map((r) => r.dataset.key)) : (parts.find((p) => p.id === id) || {}).value;
        out.push([label, CSV.average, value === null || value === undefined ? "" : decimal(value)]);
        const note = texts.find((t) => t.id === `note-${id}`);
        if (note && note.el.value) out.push([label, CSV.note, note.el.value]);
      });
      return csvText(out);
    }

    function download() {
      const name = (form.id || storageKey(form).split(":")[1] || "skema").replace(/^ml-form-/, "");
      saveFile(`${name}-${new Date().toISOString().slice(0, 10)}.csv`, csv());
    }

    function clear() {
      if (!window.confirm("Vil du slette alt, hvad der er udfyldt i skemaet? Det kan ikke fortrydes.")) return;
      state.ratings = {};
      state.text = {};
      store.remove(key);
      unsaved = false;
      status.classList.remove("ml-form-warning");
      form.querySelectorAll("input[type=radio]").forEach((i) => { i.checked = false; });
      form.querySelectorAll("td.is-checked").forEach((c) => c.classList.remove("is-checked"));
      texts.forEach((t) => { t.el.value = ""; t.mirror.textContent = ""; });
      update();
      status.textContent = "Skemaet er tomt.";
    }

    const bar = document.createElement("div");
    bar.className = "ml-form-tools ml-screen-only";
    const button = (text, cls, action) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = `ml-form-button ${cls}`;
      b.textContent = text;
      b.addEventListener("click", action);
      bar.appendChild(b);
    };
    button("Udskriv udfyldt", "ml-form-print", () => window.print());
    button("Hent som CSV (regneark)", "ml-form-csv", download);
    button("Ryd skemaet", "ml-form-clear", clear);
    const status = document.createElement("p");
    status.className = "ml-form-status";
    status.setAttribute("role", "status");
    status.textContent = store.remembers() ? SAVED : NOT_KEPT;
    status.classList.toggle("ml-form-warning", !store.remembers());
    bar.appendChild(status);
    form.prepend(bar);
    form.classList.add("is-enhanced");
    update();
  }

  const start = () => document.querySelectorAll(".ml-form").forEach(enhance);
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
})();

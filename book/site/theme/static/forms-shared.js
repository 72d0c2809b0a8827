// Mestringsluppen: what the forms that count (forms.js) and the page that compares their exports
// (fidelity-across.js) share: the rounding, the CSV files' words and format, and the chart's scale.
//
// A classic script (the site works from file://), loaded before either of them; in the browser it
// is window.MLForms, in Node require() gives the same object (tests/js/).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MLForms = factory();
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const NS = "http://www.w3.org/2000/svg";

  // The words of an exported form: a header, then one row per field, statement, average and note.
  const CSV = {
    header: ["Del", "Punkt", "Værdi"],
    info: "Oplysninger og noter",  // the fields at the top (Forløb, Dato, Udfyldt af) and free notes
    average: "Gennemsnit",
    note: "Det gør vi nu",
  };
  const SEPARATOR = ";";  // what Excel set to Danish reads without asking

  /** One decimal with a decimal comma, halves rounded up (2,25 -> 2,3; 1,45 -> 1,5) as on paper. */
  function decimal(x) {
    return (Math.round(x * 10 + 1e-9) / 10).toFixed(1).replace(".", ",");
  }

  /** The mean of the numbers among values, or null when there are none. */
  function average(values) {
    const nums = values.filter((v) => typeof v === "number" && isFinite(v));
    return nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : null;
  }

  // A cell a spreadsheet would read as a formula (or that starts with a tab or carriage return,
  // which some read past) gets a leading apostrophe: shown as text, never run (OWASP, CSV injection).
  const FORMULA = /^[=+\-@\t\r]/;

  function neutralise(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return FORMULA.test(text) ? `'${text}` : text;
  }

  /** What neutralise() wrote, read back: the apostrophe it added goes again. */
  function unneutralise(text) {
    return text.length > 1 && text[0] === "'" && FORMULA.test(text.slice(1)) ? text.slice(1) : text;
  }

  /** Rows of cells as a CSV file for Excel: BOM, semicolons, every cell quoted and neutralised, CRLF. */
  function csvText(rows) {
    const cell = (v) => `"${neutralise(v).replace(/"/g, '""')}"`;
    return "\ufeff" + rows.map((r) => r.map(cell).join(SEPARATOR)).join("\r\n") + "\r\n";
  }

  /**
   * CSV text as rows of cells (RFC 4180: quotes, doubled quotes, line breaks inside quotes).
   * Returns {rows} or {error, line} when a quote is never closed.
   */
  function parseCsv(text, separator) {
    const rows = [];
    let row = [], cell = "", quoted = false, i = 0, line = 1, started = 1;
    while (i < text.length) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (c === '"') { quoted = false; i += 1; continue; }
        if (c === "\n") line += 1;
        cell += c;
        i += 1;
        continue;
      }
      if (c === '"' && cell === "") { quoted = true; started = line; i += 1; continue; }
      if (c === separator) { row.push(cell); cell = ""; i += 1; continue; }
      if (c === "\r" || c === "\n") {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = "";
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line += 1;
        continue;
      }
      cell += c;
      i += 1;
    }
    if (quoted) return { error: "quote", line: started };
    if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
    return { rows: rows.filter((r) => r.length > 1 || r[0].trim() !== "") };
  }

  /** Save text as a file in the browser's downloads; nothing is sent anywhere. */
  function download(name, text, type) {
    const blob = new Blob([text], { type: type || "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  /** An SVG drawing and a function adding elements to it (text always as text). */
  function svg(width, height, label) {
    const root = document.createElementNS(NS, "svg");
    root.setAttribute("viewBox", `0 0 ${width} ${height}`);
    root.setAttribute("role", "img");
    root.setAttribute("aria-label", label);
    const add = (tag, attrs, text, parent) => {
      const el = document.createElementNS(NS, tag);
      Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
      if (text !== undefined) el.textContent = text;
      (parent || root).appendChild(el);
      return el;
    };
    return { root, add };
  }

  /** The rating scale's lines 1–5 across the drawing, labelled at the left; y(v) gives the height. */
  function scaleLines(add, left, right, y) {
    for (let v = 1; v <= 5; v += 1) {
      add("line", { x1: left, x2: right, y1: y(v), y2: y(v), class: "ml-chart-grid" });
      add("text", { x: left - 8, y: y(v) + 5, "text-anchor": "end", class: "ml-chart-axis" }, String(v));
    }
  }

  return { CSV, SEPARATOR, decimal, average, neutralise, unneutralise, csvText, parseCsv, download, svg, scaleLines };
}));

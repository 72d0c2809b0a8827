// Mestringsluppen: Fidelitet på tværs af grupper (book/site/intervention.py, FidelityAcross).
//
// Reads fidelity checklists exported as CSV by forms.js – one group at one date per file – and
// shows them side by side: averages per group and part, the average across groups, a chart over
// time per core element, the statements rated lowest and the groups' notes; prints a one-page
// summary and exports one combined CSV. The checklist's parts and statements come from the JSON
// the page carries (generated from fidelitet.yml), never from this file.
//
// The files are read in this browser and nothing is sent anywhere. Every file is untrusted: it is
// bounded in size, decoded with care, and its text only ever becomes text (textContent), never HTML.
// Nothing is kept unless the user ticks "Husk filerne" (localStorage, through ml-storage.js).
//
// A classic script (the site works from file://): in the browser window.MLFidelityAcross, in Node
// require() gives the same functions (tests/js/).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./forms-shared.js"));
  else root.MLFidelityAcross = factory(root.MLForms);
}(typeof self !== "undefined" ? self : this, function (F) {
  "use strict";

  const MAX_BYTES = 1024 * 1024;  // an export is a few kB; notes would have to be books to reach this
  const MAX_FILES = 60;
  const LOWEST = 5;  // statements listed as rated lowest
  const LOW = "3,0";  // an average shown below this ("i nogen grad") is marked in the table
  const STORE_KEY = "ml-fidelitet-paa-tvaers";
  const SEPARATORS = [[";", "semikolon"], [",", "komma"], ["\t", "tabulator"]];
  const MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

  const norm = (s) => String(s).normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  const statementKey = (s) => norm(s).replace(/^(…|\.\.\.)\s*/, "");
  const quote = (s, n) => {
    const t = String(s).replace(/\s+/g, " ").trim();
    return `»${t.length > n ? t.slice(0, n - 1) + "…" : t}«`;
  };
  const plural = (n, one, more) => `${n} ${n === 1 ? one : more}`;
  const lines = (numbers) => (numbers.length > 3 ? numbers.slice(0, 3).join(", ") + " m.fl." : numbers.join(", "));

  // --- dates ---------------------------------------------------------------------------------

  /** A date as people write it in Danish (3.11.2025, 3/11-25, 2025-11-03, 3. november 2025) -> "2025-11-03". */
  function parseDate(text) {
    const t = norm(text);
    let m, y, mo, d;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, mo, d] = [+m[1], +m[2], +m[3]];
    else if ((m = /^(\d{1,2}) ?[./-] ?(\d{1,2}) ?[./-] ?(\d{4}|\d{2})$/.exec(t))) [d, mo, y] = [+m[1], +m[2], +m[3]];
    else if ((m = /^(\d{1,2})\.? ?([a-zæøå]{3,})\.? (\d{4})$/.exec(t))) {
      [d, y] = [+m[1], +m[3]];
      mo = MONTHS.findIndex((p) => m[2].startsWith(p)) + 1;
    } else return null;
    if (y < 100) y += 2000;
    if (y < 2000 || y > 2199 || mo < 1 || mo > 12 || d < 1) return null;
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCMonth() !== mo - 1) return null;  // 31.11
    return day.toISOString().slice(0, 10);
  }

  /** Today in this computer's time zone, "2025-11-03" (toISOString would give London's date). */
  function today() {
    const d = new Date();
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  }

  /** "2025-11-03" -> "3.11.2025", as the rest of the handbook writes dates in tables. */
  function formatDate(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return `${d}.${m}.${y}`;
  }

  // --- one file -------------------------------------------------------------------------------

  /** The file's bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */
  function decode(bytes) {
    const from = (enc, start) => new TextDecoder(enc).decode(bytes.subarray(start));
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: from("utf-8", 3), encoding: "utf-8" };
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: from("utf-16le", 2), encoding: "utf-16" };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: from("utf-16be", 2), encoding: "utf-16" };
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
    } catch (e) {
      return { text: from("windows-1252", 0), encoding: "windows-1252" };
    }
  }

  /** A Danish message for a file that cannot be text, or null. */
  function notText(bytes) {
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
      return "Filen er et Excel-regneark (.xlsx) og ikke en CSV-fil. Hent tjeklisten igen med »Hent som CSV«, " +
        "eller gem regnearket som »CSV (semikolonsepareret)«.";
    }
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    if (!utf16 && bytes.subarray(0, 4096).indexOf(0) >= 0) return "Filen er ikke en tekstfil og dermed ikke en CSV-fil.";
    return null;
  }

  /**
   * One exported checklist read against the checklist of today (`data`, from the page).
   * Returns {ok: false, error} or {ok: true, fields, ratings: {part: [1–5 or null]}, notes, rated, warnings, notes}.
   */
  function readText(text, data) {
    const body = text.replace(/^\ufeff/, "");
    if (!body.trim()) return { ok: false, error: "Filen er tom." };
    const first = body.split(/\r\n|\r|\n/, 1)[0];
    const header = F.CSV.header.map(norm);
    const found = SEPARATORS.find(([sep]) => {
      const parsed = F.parseCsv(first, sep);
      return parsed.rows && parsed.rows[0] && parsed.rows[0].map(norm).join("|") === header.join("|");
    });
    if (!found) {
      return { ok: false, error: `Filen er ikke en tjekliste hentet fra håndbogen: første linje skal være ` +
        `»${F.CSV.header.join(F.SEPARATOR)}«, men er ${quote(first, 60)}.` };
    }
    const [sep, sepName] = found;
    const parsed = F.parseCsv(body, sep);
    if (parsed.error) {
      return { ok: false, error: `Filen kan ikke læses: et anførselstegn i linje ${parsed.line} bliver aldrig lukket.` };
    }
    const rows = parsed.rows.slice(1).map((r, i) => {
      const cells = r.slice();
      while (cells.length > 3 && cells[cells.length - 1].trim() === "") cells.pop();  // Excel's empty columns
      while (cells.length < 3) cells.push("");
      return { cells: cells.map(F.unneutralise), line: i + 2, width: cells.length };
    });
    const wrong = rows.filter((r) => r.width !== 3).map((r) => r.line);
    if (wrong.length) {
      const hint = sep === "," ? " Filen bruger komma som skilletegn, og et komma i en note står nok uden " +
        "anførselstegn. Hent tjeklisten igen, eller gem filen med semikolon som skilletegn." : "";
      return { ok: false, error: `Linje ${lines(wrong)} har flere end tre felter (Del, Punkt og Værdi).${hint}` };
    }

    const parts = data.parts;
    const byHeading = new Map(parts.map((p) => [norm(p.heading), p]));
    const byLabel = new Map(parts.map((p) => [norm(p.label), p]));
    const labels = new Set(parts.map((p) => norm(p.label)).concat([norm(data.total)]));
    const wanted = new Map(parts.map((p) => [p.id, new Map(p.statements.map((s, i) => [statementKey(s), i]))]));
    const ratings = Object.fromEntries(parts.map((p) => [p.id, p.statements.map(() => null)]));
    const seen = Object.fromEntries(parts.map((p) => [p.id, p.statements.map(() => false)]));
    const fields = {}, notes = [], unknown = [], bad = [];
    let statementRows = 0, inParts = 0;
    for (const { cells: [part, point, value], line } of rows) {
      if (norm(part) === norm(F.CSV.info)) {
        Object.entries(data.fields).forEach(([key, name]) => { if (norm(point) === norm(name)) fields[key] = value.trim(); });
        continue;
      }
      if (norm(point) === norm(F.CSV.average)) continue;  // worked out again below, the same way
      if (norm(point) === norm(F.CSV.note)) {
        if (labels.has(norm(part)) && value.trim()) notes.push({ part: part.trim(), text: value.trim() });
        continue;
      }
      const home = byHeading.get(norm(part)) || byLabel.get(norm(part).split(":")[0]);
      statementRows += 1;
      if (home) inParts += 1;
      const index = home ? wanted.get(home.id).get(statementKey(point)) : undefined;
      if (index === undefined || seen[home.id][index]) {
        unknown.push(point);
        continue;
      }
      seen[home.id][index] = true;
      const v = value.trim();
      if (v === "") continue;
      if (/^[1-5]$/.test(v)) ratings[home.id][index] = Number(v);
      else bad.push(line);
    }

    const total = parts.reduce((n, p) => n + p.statements.length, 0);
    const matched = total - Object.values(seen).flat().filter((s) => !s).length;
    if (!inParts) {
      return { ok: false, error: "Filen er ikke en fidelitetstjekliste: ingen af linjerne er tjeklistens udsagn. " +
        "(Observationsarket og andre skemaer kan ikke sammenlignes her.)" };
    }
    if (matched < total / 2) {
      return { ok: false, error: `Filen er lavet med en ældre udgave af tjeklisten: kun ${matched} af dens ` +
        `${statementRows} udsagn findes i tjeklisten i dag (${total} udsagn), så den kan ikke sammenlignes.` };
    }
    const rated = Object.values(ratings).flat().filter((v) => v !== null).length;
    if (!rated) return { ok: false, error: "Ingen af udsagnene i filen er vurderet (alle står tomme)." };
    const warnings = [];
    if (unknown.length || matched < total) {
      const missing = total - matched;
      warnings.push("Filen er lavet med en ældre udgave af tjeklisten. " +
        (unknown.length ? `${plural(unknown.length, "udsagn", "udsagn")} findes ikke længere ` +
          `(fx ${quote(unknown[0], 70)}) og er ikke regnet med. ` : "") +
        (missing ? `${plural(missing, "af dagens udsagn", "af dagens udsagn")} mangler i filen og tæller som ` +
          "ikke vurderet." : ""));
    }
    if (bad.length) warnings.push(`Linje ${lines(bad)}: værdien er ikke et tal fra 1 til 5 og er ikke regnet med.`);
    const info = [];
    if (sep !== ";") info.push(`læst med ${sepName} som skilletegn`);
    return { ok: true, fields, ratings, notes, rated, older: unknown.length > 0 || matched < total, warnings, info };
  }

  /** A Danish message when a file of this many bytes is not worth reading, or null. */
  function sizeProblem(size) {
    if (!size) return "Filen er tom.";
    if (size > MAX_BYTES) {
      return `Filen er for stor (${F.decimal(size / 1048576)} MB). En tjekliste hentet fra håndbogen fylder ` +
        "nogle få kB; siden læser filer op til 1 MB.";
    }
    return null;
  }

  /** One file's bytes (as chosen or dropped): bounded, decoded, read. */
  function readBytes(bytes, data) {
    const refused = sizeProblem(bytes.length) || notText(bytes);
    if (refused) return { ok: false, error: refused };
    const { text, encoding } = decode(bytes);
    const result = readText(text, data);
    result.text = text;
    if (result.ok && encoding === "windows-1252") result.info.unshift("læst som Windows-1252 (ikke UTF-8)");
    if (result.ok && encoding === "utf-16") result.info.unshift("læst som UTF-16");
    return result;
  }

  // --- many files -----------------------------------------------------------------------------

  /**
   * The groups that count, side by side. `files`: [{name, result, given: {group, date}}] in the order
   * chosen. Returns {groups, skipped: [{file, reason, missing}], across, lowest}.
   */
  function summarise(files, data) {
    const parts = data.parts;
    const groups = [], skipped = [], taken = new Map();
    files.forEach((file) => {
      const f = file.result.fields;
      const group = (f.group || file.given.group || "").trim();
      const dateText = f.date && parseDate(f.date) ? f.date : file.given.date || "";
      const date = parseDate(dateText);
      const missing = [];
      if (!group) missing.push("group");
      if (!date) missing.push("date");
      if (missing.length) {
        skipped.push({ file, missing, reason: "mangler " + missing.map((k) => (k === "group"
          ? `forløbets navn (${data.fields.group})` : f.date ? `en dato, siden kan læse (der står ${quote(f.date, 30)})`
            : `datoen (${data.fields.date})`)).join(" og ") });
        return;
      }
      const key = `${norm(group)}|${date}`;
      if (taken.has(key)) {
        skipped.push({ file, missing: [], duplicate: taken.get(key), reason: `har samme forløb og dato som ` +
          `${quote(taken.get(key).name, 60)} (${group}, ${formatDate(date)}) og er ikke regnet med. Fjern den ene fil, ` +
          "eller ret forløb eller dato." });
        return;
      }
      taken.set(key, file);
      const averages = Object.fromEntries(parts.map((p) => [p.id, F.average(file.result.ratings[p.id])]));
      const all = F.average(parts.flatMap((p) => file.result.ratings[p.id]));
      groups.push({ file, group, date, by: (f.by || "").trim(), averages, total: all, notes: file.result.notes,
        ratings: file.result.ratings, older: file.result.older });
    });
    groups.sort((a, b) => a.date.localeCompare(b.date) || a.group.localeCompare(b.group, "da"));
    const letters = new Map();
    groups.forEach((g) => {
      if (!letters.has(norm(g.group))) letters.set(norm(g.group), letters.size);
      g.series = letters.get(norm(g.group));
      g.mark = seriesMark(g.series);
    });
    const across = Object.fromEntries(parts.map((p) => [p.id, F.average(groups.map((g) => g.averages[p.id]))]));
    across.total = F.average(groups.map((g) => g.total));
    const statements = parts.flatMap((p, order) => p.statements.map((s, i) => {
      const values = groups.map((g) => g.ratings[p.id][i]).filter((v) => v !== null);
      return { part: p, text: s, order: order * 1000 + i, value: F.average(values), count: values.length };
    })).filter((s) => s.value !== null);
    const lowest = statements.sort((a, b) => a.value - b.value || a.order - b.order).slice(0, LOWEST);
    return { groups, skipped, across, lowest, statements, series: letters.size };
  }

  /** A, B, … Z, AA …: the mark a group (one Forløb) carries in the table and the charts. */
  function seriesMark(n) {
    return (n >= 26 ? seriesMark(Math.floor(n / 26) - 1) : "") + String.fromCharCode(65 + (n % 26));
  }

  /** Every group's statements, averages and notes, and the average across groups, as one CSV. */
  function combinedCsv(summary, data) {
    const dash = (v) => (v === null || v === undefined ? "" : F.decimal(v));
    const out = [[data.fields.group, data.fields.date, data.fields.by, ...F.CSV.header]];
    summary.groups.forEach((g) => {
      const who = [g.group, formatDate(g.date), g.by];
      data.parts.forEach((p) => p.statements.forEach((s, i) => {
        out.push([...who, p.heading, `… ${s}`, g.ratings[p.id][i] === null ? "" : g.ratings[p.id][i]]);
      }));
      data.parts.forEach((p) => out.push([...who, p.label, F.CSV.average, dash(g.averages[p.id])]));
      out.push([...who, data.total, F.CSV.average, dash(g.total)]);
      g.notes.forEach((n) => out.push([...who, n.part, F.CSV.note, n.text]));
    });
    const all = [`Alle grupper (${summary.groups.length})`, "", ""];
    data.parts.forEach((p) => out.push([...all, p.label, `${F.CSV.average} på tværs`, dash(summary.across[p.id])]));
    out.push([...all, data.total, `${F.CSV.average} på tværs`, dash(summary.across.total)]);
    summary.statements.slice().sort((a, b) => a.order - b.order)
      .forEach((s) => out.push([...all, s.part.heading, `… ${s.text}`, dash(s.value)]));
    return F.csvText(out);
  }

  // --- the page -------------------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === "className") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    });
    children.flat().forEach((c) => {
      if (c !== null && c !== undefined && c !== false) node.append(c);  // a string becomes text, never HTML
    });
    return node;
  }

  function start() {
    const app = document.getElementById("ml-across");
    const source = document.getElementById("ml-across-data");
    if (!app || !source) return;
    const data = JSON.parse(source.textContent);
    const store = window.MLStorage;
    const $ = (id) => document.getElementById(id);
    const input = $("ml-across-files"), drop = $("ml-across-drop"), messages = $("ml-across-messages");
    const list = $("ml-across-list"), summaryBox = $("ml-across-summary"), remember = $("ml-across-remember");
    const rememberStatus = $("ml-across-remember-status");
    const buttons = { print: $("ml-across-print"), csv: $("ml-across-csv"), clear: $("ml-across-clear") };
    let files = [];     // [{id, name, result, given}]
    let refused = [];   // [{name, error}] from the last files chosen
    let summary = null;
    let serial = 0;

    function add(name, result, given) {
      if (!result.ok) refused.push({ name, error: result.error });
      else files.push({ id: `f${serial += 1}`, name, result, given: given || { group: "", date: "" } });
    }

    async function choose(chosen) {
      refused = [];
      const room = MAX_FILES - files.length;
      for (const [i, file] of [...chosen].entries()) {
        if (i >= room) {
          refused.push({ name: file.name, error: `Siden kan sammenligne højst ${MAX_FILES} filer på én gang.` });
          continue;
        }
        const problem = sizeProblem(file.size);  // said without reading the file
        if (problem) {
          refused.push({ name: file.name, error: problem });
          continue;
        }
        try {
          add(file.name, readBytes(new Uint8Array(await file.arrayBuffer()), data));
        } catch (e) {
          refused.push({ name: file.name, error: "Filen kunne ikke læses af browseren." });
        }
      }
      update();
      keep();
      app.setAttribute("data-batches", String(Number(app.getAttribute("data-batches") || 0) + 1));  // tests wait on it
    }

    // --- what is kept: only when asked ---
    function keep() {
      if (!remember.checked) return;
      const kept = store.setJSON(STORE_KEY, { version: 1, saved: today(),
        files: files.map((f) => ({ name: f.name, text: f.result.text, info: f.result.info, given: f.given })) });
      if (kept) {
        rememberStatus.textContent = files.length ? `${plural(files.length, "fil", "filer")} er husket i denne ` +
          "browser. Fjern krydset eller tryk på »Fjern alle filer« for at glemme dem." : "";
      } else {
        remember.checked = false;
        store.remove(STORE_KEY);
        rememberStatus.textContent = store.remembers() ? "Kunne ikke huske filerne: browserens lager er fuldt. " +
          "Filerne vises stadig her, indtil siden lukkes." : "Browseren tillader ikke, at siden husker noget.";
      }
    }

    function restore() {
      if (!store.remembers()) {
        remember.disabled = true;
        rememberStatus.textContent = "Browseren tillader ikke, at siden husker noget, så filerne skal vælges " +
          "igen næste gang.";
        return;
      }
      const kept = store.getJSON(STORE_KEY);
      if (!kept || !Array.isArray(kept.files)) return;
      remember.checked = true;
      kept.files.slice(0, MAX_FILES).forEach((f) => {
        if (typeof f.name !== "string" || typeof f.text !== "string" || f.text.length > MAX_BYTES) return;
        const result = readText(f.text, data);
        if (result.ok) {
          result.text = f.text;
          result.info = Array.isArray(f.info) ? f.info.filter((t) => typeof t === "string") : result.info;
        }
        const given = f.given && typeof f.given === "object" ? f.given : {};
        add(f.name, result, { group: String(given.group || ""), date: String(given.date || "") });
      });
      rememberStatus.textContent = `${plural(files.length, "fil", "filer")} er hentet fra denne browser ` +
        `(husket ${/^\d{4}-\d\d-\d\d$/.test(kept.saved) ? formatDate(kept.saved) : "tidligere"}).`;
    }

    // --- drawing ---
    function update() {
      const focused = document.activeElement && document.activeElement.id;
      summary = summarise(files, data);
      drawMessages();
      drawList();
      drawSummary();
      const any = summary.groups.length > 0;
      buttons.print.disabled = !any;
      buttons.csv.disabled = !any;
      buttons.clear.disabled = !files.length && !refused.length && !remember.checked;
      if (focused && $(focused) && focused !== "ml-across-files") $(focused).focus();
    }

    function drawMessages() {
      const items = [];
      refused.forEach((r) => items.push(["error", r.name, r.error]));
      summary.skipped.filter((s) => s.duplicate).forEach((s) => items.push(["error", s.file.name, `Filen ${s.reason}`]));
      files.forEach((f) => f.result.warnings.forEach((w) => items.push(["warning", f.name, w])));
      if (!items.length) {
        messages.replaceChildren();
        return;
      }
      messages.replaceChildren(el("ul", { className: "ml-across-problems" }, items.map(([kind, name, text]) =>
        el("li", { className: `ml-across-${kind}` }, el("strong", null, name), ": ", text))));
    }

    function drawList() {
      if (!files.length) {
        list.replaceChildren();
        return;
      }
      // a field the file lacks (or holds in a form the page cannot read) is asked for, and stays editable
      const ask = (f, key, type) => {
        const id = `${f.id}-${key}`;
        return el("span", { className: "ml-across-give" }, el("label", { for: id }, data.fields[key]),
          el("input", { type, id, value: f.given[key] || "", className: "ml-form-input",
            onchange: (ev) => { f.given[key] = ev.target.value; update(); keep(); } }));
      };
      const items = files.map((f) => {
        const s = summary.skipped.find((x) => x.file === f);
        const fields = f.result.fields;
        const date = fields.date && parseDate(fields.date);
        const facts = [fields.group || null, date ? formatDate(date) : null,
          fields.by ? `udfyldt af ${fields.by}` : null].filter(Boolean).join(" · ");
        const status = s ? (s.duplicate ? "Ikke regnet med: samme forløb og dato som en anden fil."
          : `Ikke regnet med endnu: ${s.reason}.`) : `Regnet med: ${f.result.rated} udsagn vurderet` +
          (f.result.older ? " (ældre udgave)" : "") + (f.result.info.length ? `; ${f.result.info.join(", ")}` : "") + ".";
        return el("li", { className: `ml-across-file${s ? " is-skipped" : ""}` },
          el("strong", { className: "ml-across-name" }, f.name),
          facts ? el("span", null, facts) : "",
          fields.group && date ? "" : el("span", { className: "ml-across-asks" },
            fields.group ? "" : ask(f, "group", "text"), date ? "" : ask(f, "date", "date")),
          el("span", { className: "ml-across-state" }, status),
          el("button", { type: "button", className: "ml-form-button", "aria-label": `Fjern ${f.name}`,
            id: `${f.id}-remove`, onclick: () => { files = files.filter((x) => x !== f); update(); keep(); input.focus(); } },
          "Fjern"));
      });
      const hint = summary.skipped.some((s) => s.missing.length)
        ? el("p", { className: "ml-across-ask" }, "Nogle filer mangler forløbets navn eller en dato, siden kan " +
          "læse. Skriv det herunder, så kommer de med.") : null;
      list.replaceChildren(el("h3", { className: "ml-across-list-title" }, `Valgte filer (${files.length})`),
        hint || "", el("ul", { className: "ml-across-files" }, items));
    }

    function scroller(table, label) {
      return el("div", { className: "ml-across-scroll", tabindex: "0", role: "region", "aria-label": label }, table);
    }

    /** A cell with an average; below 3,0 as shown (not as computed) is marked. */
    function value(v) {
      const shown = v === null || v === undefined ? "–" : F.decimal(v);
      return el("td", { className: `ml-num${shown < LOW ? " ml-low" : ""}` }, shown);
    }

    function drawSummary() {
      const { groups, across, lowest } = summary;
      summaryBox.hidden = !groups.length;
      if (!groups.length) {
        summaryBox.replaceChildren();
        return;
      }
      const parts = data.parts;
      const dates = groups.map((g) => g.date);
      const span = dates[0] === dates[dates.length - 1] ? formatDate(dates[0])
        : `${formatDate(dates[0])}–${formatDate(dates[dates.length - 1])}`;
      const made = formatDate(today());
      const legend = parts.map((p) => `${p.short}: ${p.title}`).join(" · ").replace(/…?$/, (end) => end || ".");

      const head = el("tr", null, el("th", { scope: "col" }, "Gruppe"), el("th", { scope: "col" }, data.fields.date),
        parts.map((p) => el("th", { scope: "col" }, el("abbr", { title: p.heading }, p.short))),
        el("th", { scope: "col" }, data.total));
      const rows = groups.map((g) => el("tr", { className: `ml-series-${g.series % 8}` },
        el("th", { scope: "row" }, el("span", { className: "ml-across-mark", "aria-hidden": "true" }, g.mark), ` ${g.group}`,
          g.older ? el("sup", { title: "Ældre udgave af tjeklisten" }, "*") : ""),
        el("td", { className: "ml-nowrap" }, formatDate(g.date)),
        parts.map((p) => value(g.averages[p.id])), value(g.total)));
      const foot = el("tr", { className: "ml-across-all" },
        el("th", { scope: "row", colspan: "2" }, `På tværs af grupperne (${groups.length})`),
        parts.map((p) => value(across[p.id])), value(across.total));
      const table = el("table", { className: "ml-across-table table", id: "ml-across-table" },
        el("caption", { className: "ml-visually-hidden" }, "Gennemsnit pr. gruppe og del på skalaen 1–5"),
        el("thead", null, head), el("tbody", null, rows), el("tfoot", null, foot));
      const older = groups.some((g) => g.older)
        ? " * Ældre udgave af tjeklisten: kun de udsagn, der stadig findes, er regnet med." : "";

      summaryBox.replaceChildren(
        el("p", { className: "ml-across-meta" }, `${plural(groups.length, "tjekliste", "tjeklister")} fra ` +
          `${plural(summary.series, "forløb", "forløb")}, ${span}. Opsummeret ${made}.`),
        el("h3", null, "Gennemsnit pr. gruppe og del"),
        scroller(table, "Gennemsnit pr. gruppe og del"),
        el("p", { className: "ml-across-legend-text" }, `${legend} Under ${LOW} er fremhævet.${older}`),
        el("h3", null, "Kerneelementerne over tid"),
        el("div", { className: "ml-across-charts" }, parts.filter((p) => p.chart).map((p) => chart(p, groups))),
        el("ul", { className: "ml-across-key", "aria-label": "Grupperne i kurverne" },
          uniqueSeries(groups).map((g) => el("li", { className: `ml-series-${g.series % 8}` },
            el("span", { className: "ml-across-mark", "aria-hidden": "true" }, g.mark), ` ${g.group}`))),
        el("h3", null, "Udsagnene med det laveste gennemsnit"),
        scroller(el("table", { className: "ml-across-lowest table" },
          el("caption", { className: "ml-visually-hidden" }, `De ${Math.min(LOWEST, lowest.length)} udsagn med det ` +
            "laveste gennemsnit på tværs af grupperne"),
          el("thead", null, el("tr", null, el("th", { scope: "col" }, "Gns."), el("th", { scope: "col" }, "Del"),
            el("th", { scope: "col" }, data.stem), el("th", { scope: "col" }, "Grupper"))),
          el("tbody", null, lowest.map((s) => el("tr", null, value(s.value),
            el("td", null, el("abbr", { title: s.part.heading }, s.part.short)), el("td", null, `… ${s.text}`),
            el("td", { className: "ml-num" }, `${s.count} af ${groups.length}`))))), "Laveste udsagn"),
        el("h3", null, `${F.CSV.note} – gruppernes noter`),
        notes(groups),
      );
    }

    function uniqueSeries(groups) {
      const seen = new Set();
      return groups.filter((g) => !seen.has(g.series) && seen.add(g.series));
    }

    function notes(groups) {
      const withNotes = groups.filter((g) => g.notes.length || g.by);
      if (!groups.some((g) => g.notes.length)) {
        return el("p", null, `Ingen af tjeklisterne har noter under »${F.CSV.note}«.`);
      }
      return el("div", null, el("p", { className: "ml-across-paper-only" }, "På papir er hver gruppes noter " +
        "højst tre linjer; skærmen og den samlede CSV-fil har dem i fuld længde."),
      el("div", { className: "ml-across-notes" }, withNotes.map((g) => el("section", { className: "ml-across-note" },
        el("h4", null, `${g.mark} · ${g.group} · ${formatDate(g.date)}`),
        g.by ? el("p", { className: "ml-across-by" }, `${data.fields.by}: ${g.by}`) : "",
        g.notes.length ? el("ul", null, g.notes.map((n) => el("li", null, el("strong", null, `${n.part}: `), n.text)))
          : el("p", null, "Ingen noter.")))));
    }

    /** One core element over time: each group's average at its date, a line through a Forløb's dates. */
    function chart(part, groups) {
      const w = 220, h = 160, left = 24, right = 12, top = 12, bottom = 26;  // small: the text stays legible on A4
      const times = groups.map((g) => Date.parse(g.date));
      const t0 = Math.min(...times), t1 = Math.max(...times);
      const x = (t) => (t1 === t0 ? (left + w - right) / 2 : left + 8 + (w - left - right - 16) * (t - t0) / (t1 - t0));
      const y = (v) => top + (h - top - bottom) * (5 - v) / 4;
      const rated = groups.filter((g) => g.averages[part.id] !== null);
      const said = rated.map((g) => `${g.mark} ${g.group} ${formatDate(g.date)}: ${F.decimal(g.averages[part.id])}`);
      const { root, add } = F.svg(w, h, `${part.heading}, gennemsnit over tid på skalaen 1–5: ` +
        (said.length ? said.join("; ") : "ikke vurderet"));
      F.scaleLines(add, left, w - right, y);
      const ticks = t1 === t0 ? [t0] : [t0, t1];
      ticks.forEach((t, i) => add("text", { x: x(t), y: h - 8, class: "ml-chart-axis",
        "text-anchor": ticks.length === 1 ? "middle" : i ? "end" : "start" }, formatDate(new Date(t).toISOString().slice(0, 10)).replace(/\.\d\d(\d\d)$/, ".$1")));  // 3.3.25
      uniqueSeries(rated).forEach((first) => {
        const points = rated.filter((g) => g.series === first.series);
        if (points.length > 1) {
          add("polyline", { class: `ml-across-line ml-series-${first.series % 8}`,
            points: points.map((g) => `${x(Date.parse(g.date))},${y(g.averages[part.id])}`).join(" ") });
        }
      });
      const placed = [];
      rated.forEach((g) => {
        const cx = x(Date.parse(g.date)), cy = y(g.averages[part.id]);
        const near = placed.filter(([px, py]) => Math.abs(px - cx) < 14 && Math.abs(py - cy) < 12).length;
        placed.push([cx, cy]);
        add("circle", { cx, cy, r: 4.5, class: `ml-across-point ml-series-${g.series % 8}` });
        add("text", { x: cx + 7 + near * 11, y: cy - 6, class: `ml-across-label ml-series-${g.series % 8}` }, g.mark);
      });
      return el("figure", { className: "ml-across-chart" },
        el("figcaption", null, part.short, el("span", { className: "ml-across-chart-title" }, ` · ${part.title}`)), root);
    }

    // --- the controls ---
    input.addEventListener("change", () => { choose(input.files).then(() => { input.value = ""; }); });
    ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (ev) => {
      ev.preventDefault();
      drop.classList.add("is-over");
    }));
    ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("is-over")));
    drop.addEventListener("drop", (ev) => {
      ev.preventDefault();
      if (ev.dataTransfer && ev.dataTransfer.files.length) choose(ev.dataTransfer.files);
    });
    buttons.print.addEventListener("click", () => window.print());
    buttons.csv.addEventListener("click", () => {
      if (summary && summary.groups.length) {
        F.download(`fidelitet-paa-tvaers-${today()}.csv`, combinedCsv(summary, data));
      }
    });
    buttons.clear.addEventListener("click", () => {
      files = [];
      refused = [];
      remember.checked = false;
      store.remove(STORE_KEY);
      rememberStatus.textContent = "Alle filer er fjernet" + (store.remembers() ? ", også fra browserens hukommelse." : ".");
      update();
      input.focus();
    });
    remember.addEventListener("change", () => {
      if (remember.checked) keep();
      else {
        store.remove(STORE_KEY);
        rememberStatus.textContent = "Filerne er glemt i denne browser. De vises her, indtil siden lukkes.";
      }
      buttons.clear.disabled = !files.length && !refused.length && !remember.checked;
    });
    restore();
    update();
    app.setAttribute("data-ready", "true");
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  return { parseDate, formatDate, decode, readText, readBytes, sizeProblem, summarise, combinedCsv, seriesMark };
}));

// Unit tests for what the forms and the comparison across groups share (forms-shared.js) and for the
// comparison's reading of files (fidelity-across.js): node --test tests/js/
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const F = require("../../book/site/theme/static/forms-shared.js");
const A = require("../../book/site/theme/static/fidelity-across.js");

// A checklist of two parts, shaped like the JSON the page carries (book/site/intervention.py).
const DATA = {
  fields: { group: "Forløb", date: "Dato", by: "Udfyldt af" },
  total: "I alt",
  parts: [
    { id: "tjek-ke1", label: "Kerneelement 1", short: "KE1", heading: "Kerneelement 1: Første", chart: true,
      statements: ["holdt en samtale", "brugt et redskab, så det virkede"] },
    { id: "tjek-k1", label: "Kriterium 1", short: "K1", heading: "Kriterium 1", chart: false,
      statements: ["sikret uddannelse"] },
  ],
};

function exported(group, date, ratings, notes = {}) {
  const rows = [F.CSV.header, [F.CSV.info, "Forløb", group], [F.CSV.info, "Dato", date], [F.CSV.info, "Udfyldt af", ""]];
  let i = 0;
  DATA.parts.forEach((p) => p.statements.forEach((s) => { rows.push([p.heading, `… ${s}`, ratings[i] ?? ""]); i += 1; }));
  DATA.parts.forEach((p) => { if (notes[p.label]) rows.push([p.label, F.CSV.note, notes[p.label]]); });
  return F.csvText(rows);
}

test("one decimal with a comma, halves rounded up as on paper", () => {
  assert.equal(F.decimal(4), "4,0");
  assert.equal(F.decimal(2.25), "2,3");
  assert.equal(F.decimal(29 / 20), "1,5");  // 1.45 is stored as 1.4499…; toFixed would say 1,4
  assert.equal(F.decimal(3.04), "3,0");
  assert.equal(F.average([3, null, 5, "x"]), 4);
  assert.equal(F.average([null]), null);
});

test("every cell a spreadsheet would run is neutralised and quoted", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
    const text = F.csvText([[`${start}1+1`, "ok"]]);
    assert.ok(text.includes(`"'${start}1+1"`), JSON.stringify(text));
    assert.equal(F.unneutralise(F.neutralise(`${start}x`)), `${start}x`);
  }
  assert.equal(F.neutralise("'=x"), "'=x");  // already text: left alone
  assert.equal(F.unneutralise("'hej"), "'hej");  // an apostrophe someone typed stays
  assert.ok(F.csvText([["a"]]).startsWith("\ufeff"));
});

test("what csvText writes, parseCsv reads back cell for cell", () => {
  const rows = [["a;b", 'sagde "hej"', "linje\nto"], ["", "3", "=SUM(1)"]];
  const parsed = F.parseCsv(F.csvText(rows).slice(1), F.SEPARATOR);
  assert.deepEqual(parsed.rows.map((r) => r.map(F.unneutralise)), rows);
  assert.equal(F.parseCsv('"åben', ";").error, "quote");
});

test("Danish dates in the forms people write them", () => {
  for (const text of ["3.11.2025", "03.11.25", "3/11-2025", "2025-11-03", "3. november 2025", "3 nov. 2025"]) {
    assert.equal(A.parseDate(text), "2025-11-03", text);
  }
  for (const text of ["31.11.2025", "efteråret", "", "11.2025", "3.11.1899"]) assert.equal(A.parseDate(text), null, text);
  assert.equal(A.formatDate("2025-11-03"), "3.11.2025");
});

test("an export is read statement by statement, and its own averages are not trusted", () => {
  const r = A.readText(exported("Hold A", "3.11.2025", [5, 3, 1], { "Kerneelement 1": "=HYPERLINK(1)" }), DATA);
  assert.equal(r.ok, true);
  assert.deepEqual(r.ratings, { "tjek-ke1": [5, 3], "tjek-k1": [1] });
  assert.deepEqual(r.fields, { group: "Hold A", date: "3.11.2025", by: "" });
  assert.deepEqual(r.notes, [{ part: "Kerneelement 1", text: "=HYPERLINK(1)" }]);
  assert.deepEqual(r.warnings, []);
});

test("groups are averaged alike and the same group and date counts once", () => {
  const read = (name, text) => ({ name, result: A.readText(text, DATA), given: { group: "", date: "" } });
  const s = A.summarise([read("a.csv", exported("A", "1.1.2025", [1, 2, 3])), read("b.csv", exported("B", "2.1.2025", [5, 4, 3])),
    read("c.csv", exported("a ", "01.01.2025", [5, 5, 5]))], DATA);
  assert.equal(s.groups.length, 2);
  assert.equal(s.skipped[0].file.name, "c.csv");
  assert.equal(s.across["tjek-ke1"], 3);  // (1,5 + 4,5) / 2
  assert.equal(s.across.total, 3);
  assert.equal(s.lowest[0].text, "holdt en samtale");
  const csv = A.combinedCsv(s, DATA);
  assert.ok(csv.includes('"Alle grupper (2)";"";"";"I alt";"Gennemsnit på tværs";"3,0"'), csv);
});

test("files in other encodings and separators", () => {
  const text = exported("Hold Ø", "3.11.2025", [4, 4, 4]).slice(1);
  // Latin-1 letters only: Node's windows-1252 decoder is ISO-8859-1 ("…" is 0x85 only in browsers; the
  // browser test reads a real Windows-1252 file with it)
  const latin = Uint8Array.from([...text.replaceAll("… ", "")].map((c) => c.charCodeAt(0)));
  assert.equal(A.decode(latin).encoding, "windows-1252");
  const r = A.readBytes(latin, DATA);
  assert.equal(r.ok, true);
  assert.equal(r.fields.group, "Hold Ø");
  assert.match(r.info[0], /Windows-1252/);
  const comma = A.readText(text.replaceAll('";"', '","'), DATA);
  assert.equal(comma.ok, true);
  assert.match(comma.info[0], /komma/);
  assert.match(A.readBytes(new Uint8Array(0), DATA).error, /tom/);
  assert.match(A.readText("Navn;Alder\r\nA;9\r\n", DATA).error, /ikke en tjekliste/);
});

// Unit tests for the course planner's date logic: node --test tests/js/
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

// plan-dates.js is a classic script (so the planner works from file://); in Node it is CommonJS.
const require = createRequire(import.meta.url);
const {
  addDays, addMonths, danishHolidays, easterSunday, fold, formatDate, formatRange, holidayName, isoWeek, monday,
  parseWeeks, plan, planFrom, toDay, toICS, weekday,
} = require("../../book/site/theme/static/plan-dates.js");

// Mirrors the JSON that book/planner.py exports into the page (9 + 5 sessions, guide-1 activities).
// PLAN_DATA lets the Python tests run the same checks on the real export.
const DATA = JSON.parse(readFileSync(process.env.PLAN_DATA || new URL("./plan-data.fixture.json", import.meta.url),
  "utf8"));
const KIDS = DATA.sessions.boern.length;
const ADULTS = DATA.sessions.voksne.length;
const days = (a, b) => toDay(b) - toDay(a);

function make(start, extra = {}) {
  const p = plan(DATA, { start, childrenTime: "15:30", adultsTime: "17:00", ...extra });
  assert.deepEqual(p.errors, []);
  return p;
}

/** The invariants every plan must keep, whatever the start date and skipped weeks. */
function checkPlan(p, skipWeeks = []) {
  assert.equal(p.children.length, 9, "nine children's sessions");
  assert.equal(p.adults.length, 5, "five adults' sessions");
  p.children.forEach((c, i) => {
    assert.equal(c.number, i + 1);
    assert.equal(weekday(c.date), weekday(p.children[0].date), "same weekday every week");
    assert.equal(holidayName(c.date), null, `${c.date} is a public holiday`);
    assert.ok(!skipWeeks.includes(c.week), `${c.date} is in a skipped week`);
    if (i) {
      const gap = days(p.children[i - 1].date, c.date);
      assert.ok(gap >= 7 && gap % 7 === 0, "weekly rhythm");
      const passed = p.skipped.filter((s) => s.week > p.children[i - 1].week && s.week < c.week).length;
      assert.equal(gap, 7 * (1 + passed), "only skipped weeks lengthen a gap");
    }
  });
  p.adults.forEach((a, i) => {
    assert.equal(a.number, i + 1);
    const kid = p.children.find((c) => c.id === a.with);
    assert.equal(kid.number, 2 * i + 1, "adults' session k beside children's session 2k-1");
    assert.equal(isoWeek(a.date).key, kid.week, "in the same week as its first children's session");
    assert.equal(holidayName(a.date), null);
    if (i) {
      const prev = p.adults[i - 1];
      const kidPrev = p.children.find((c) => c.id === prev.with);
      // every 14 days: two weeks on, or more when weeks were skipped; the joint session keeps
      // the children's weekday, so only its week is fixed
      const weeks = days(monday(prev.date), monday(a.date)) / 7;
      assert.equal(weeks, days(kidPrev.date, kid.date) / 7, "moves with its children's sessions");
      assert.ok(weeks >= 2, "at least two weeks apart");
      if (!a.joint) assert.equal(days(prev.date, a.date), 7 * weeks, "same weekday every time");
    }
  });
  const last = p.adults.at(-1);
  assert.equal(last.joint, true, "the last adults' session is joint");
  assert.equal(last.date, p.children.at(-1).date, "joint with children's session 9");
  assert.equal(last.time, p.children.at(-1).time);

  const sharing = p.children.filter((c) => DATA.sessions.boern.find((s) => s.id === c.id).sharing_after.length);
  assert.deepEqual(sharing.map((c) => c.number), [3, 6]);
  for (const c of sharing) {
    const ids = DATA.sessions.boern.find((s) => s.id === c.id).sharing_after;
    const acts = p.activities.filter((a) => ids.includes(a.id));
    assert.deepEqual(acts.map((a) => [a.anchor, a.session]), ids.map(() => ["session", c.number]));
    assert.ok(acts.length >= 1, `knowledge sharing after session ${c.number}`);
    const next = p.children[c.number];
    for (const a of acts) {
      assert.ok(a.from >= c.date, "after the session (the same day at the earliest)");
      const i = p.meetings.indexOf(p.meetings.find((m) => m.id === a.id));
      assert.ok(i > p.meetings.findIndex((m) => m.id === c.id), "listed after the session");
      assert.ok(a.from <= next.date, "before the next session has come and gone");
    }
  }
  const end = p.children.at(-1).date;
  const follow = p.activities.find((a) => a.id === "opfoelgningsmoede");
  assert.ok(follow, "follow-up meeting in the plan");
  assert.ok(follow.from > end, "follow-up after the end");
  assert.ok(follow.to <= addMonths(end, 2), `follow-up by ${follow.to}: not within two months of ${end}`);
  const anchoring = p.activities.find((a) => a.id === "forankringsmoede");
  assert.ok(anchoring.from >= end && anchoring.to < follow.to, "forankringsmøde right after the course");
  for (const a of p.activities.filter((x) => x.anchor === "start")) {
    assert.ok(a.to < p.children[0].date, `${a.id} before the start`);
  }
  for (const m of [...p.children, ...p.adults]) assert.equal(m.week, isoWeek(m.date).key, "week numbers shown");
  for (const a of p.activities) {
    assert.ok(!skipWeeks.includes(isoWeek(a.from).key) && !skipWeeks.includes(isoWeek(a.to).key),
      `${a.id} (${a.from} – ${a.to}) starts or ends in a skipped week`);
    assert.deepEqual([a.week, a.weekTo], [isoWeek(a.from).key, isoWeek(a.to).key]);
  }
  const mtgs = p.meetings;
  assert.equal(mtgs.filter((m) => m.kind !== "aktivitet").length, 9 + 4, "one meeting per session, joint once");
  assert.deepEqual([...mtgs].map((m) => m.date), [...mtgs].map((m) => m.date).sort(), "meetings in date order");
}

test("the fixture is the complete course", () => {
  assert.equal(KIDS, 9);
  assert.equal(ADULTS, 5);
});

test("Easter and the other Danish public holidays", () => {
  assert.equal(easterSunday(2024), "2024-03-31");
  assert.equal(easterSunday(2025), "2025-04-20");
  assert.equal(easterSunday(2026), "2026-04-05");
  assert.equal(easterSunday(2038), "2038-04-25");
  const h = danishHolidays(2025);
  assert.equal(h["2025-04-17"], "skærtorsdag");
  assert.equal(h["2025-04-18"], "langfredag");
  assert.equal(h["2025-04-21"], "2. påskedag");
  assert.equal(h["2025-05-29"], "Kristi himmelfartsdag");
  assert.equal(h["2025-06-09"], "2. pinsedag");
  assert.equal(h["2025-06-05"], "grundlovsdag");
  for (const d of ["2025-01-01", "2025-12-24", "2025-12-25", "2025-12-26"]) assert.ok(h[d], d);
  assert.equal(holidayName("2023-05-05"), "store bededag", "store bededag until 2023");
  assert.equal(holidayName("2024-04-26"), null, "store bededag abolished from 2024");
  assert.equal(holidayName("2025-12-31"), null);
});

test("ISO weeks and week lists", () => {
  assert.equal(isoWeek("2025-10-13").key, "2025-W42");
  assert.equal(isoWeek("2026-01-01").key, "2026-W01");
  assert.equal(isoWeek("2027-01-01").key, "2026-W53");
  assert.equal(weekday("2025-11-06"), 4);
  assert.deepEqual(parseWeeks("uge 42", "2025-09-02"), { weeks: ["2025-W42"], errors: [] });
  assert.deepEqual(parseWeeks("52-1, 7", "2025-11-06").weeks, ["2025-W52", "2026-W01", "2026-W07"]);
  assert.deepEqual(parseWeeks("42", "2025-11-06").weeks, ["2026-W42"], "weeks count from the start");
  assert.equal(parseWeeks("42, x, 60", "2025-09-02").errors.length, 2);
  assert.equal(addMonths("2025-12-31", 2), "2026-02-28");
  assert.equal(formatDate("2025-11-06"), "torsdag 6. november 2025");
  assert.equal(formatRange("2026-03-03", "2026-03-10"), "3.–10. marts 2026");
  assert.equal(formatRange("2025-12-29", "2026-01-05"), "29. december 2025 – 5. januar 2026");
});

test("without holidays: exactly 7 days between children's and 14 between adults' sessions", () => {
  const p = make("2025-01-07", { adultsWeekday: 2 });
  checkPlan(p);
  assert.deepEqual(p.skipped, []);
  p.children.slice(1).forEach((c, i) => assert.equal(days(p.children[i].date, c.date), 7));
  p.adults.slice(1).forEach((a, i) => assert.equal(days(p.adults[i].date, a.date), 14));
});

test("autumn start with a skipped autumn-holiday week", () => {
  const skipWeeks = parseWeeks("42", "2025-09-02").weeks;
  const p = make("2025-09-02", { skipWeeks, adultsWeekday: 3 });
  checkPlan(p, skipWeeks);
  assert.deepEqual(p.children.map((c) => c.date), ["2025-09-02", "2025-09-09", "2025-09-16", "2025-09-23",
    "2025-09-30", "2025-10-07", "2025-10-21", "2025-10-28", "2025-11-04"]);
  assert.deepEqual(p.adults.map((a) => a.date), ["2025-09-03", "2025-09-17", "2025-10-01", "2025-10-22",
    "2025-11-04"]);
  assert.deepEqual(p.skipped.map((s) => s.week), ["2025-W42"]);
});

test("a course across Christmas skips the holidays by itself", () => {
  const p = make("2025-11-06");
  checkPlan(p);
  assert.deepEqual(p.children.map((c) => c.date), ["2025-11-06", "2025-11-13", "2025-11-20", "2025-11-27",
    "2025-12-04", "2025-12-11", "2025-12-18", "2026-01-08", "2026-01-15"]);
  assert.deepEqual(p.skipped.map((s) => s.text), ["juledag", "nytårsdag"]);
  assert.deepEqual(p.adults.map((a) => a.date), ["2025-11-06", "2025-11-20", "2025-12-04", "2025-12-18",
    "2026-01-15"]);
});

test("Christmas with the school holiday weeks skipped as well", () => {
  const skipWeeks = parseWeeks("52-1", "2025-11-04").weeks;
  const p = make("2025-11-04", { skipWeeks, adultsWeekday: 1 });
  checkPlan(p, skipWeeks);
  assert.deepEqual(p.children.slice(6).map((c) => c.date), ["2025-12-16", "2026-01-06", "2026-01-13"]);
});

test("Easter: skærtorsdag moves the children, 2. påskedag moves a week with an adults' session", () => {
  const p = make("2026-03-05");
  checkPlan(p);
  assert.ok(!p.children.some((c) => c.date === "2026-04-02"));
  const q = make("2026-03-24", { adultsWeekday: 1 });
  checkPlan(q);
  assert.equal(q.children[2].date, "2026-04-14", "session 3 waits a week: its adults' Monday is 2. påskedag");
  assert.equal(q.adults[1].date, "2026-04-13");
  assert.match(q.skipped[0].text, /2\. påskedag/);
});

test("spring 2023 with store bededag, and a start on a public holiday", () => {
  checkPlan(make("2023-03-31"));
  const p = make("2025-04-17");
  checkPlan(p);
  assert.equal(p.children[0].date, "2025-04-24", "a first session on skærtorsdag moves a week");
});

test("a great many start dates keep every rule", () => {
  for (let d = "2024-01-02"; d < "2027-12-31"; d = addDays(d, 11)) {
    checkPlan(make(d, { adultsWeekday: 1 + (toDay(d) % 5) }));
  }
});

test("missing input gives Danish messages, not a plan", () => {
  const p = plan(DATA, { start: "", childrenTime: "", adultsTime: "" });
  assert.equal(p.children.length, 0);
  assert.ok(p.errors.length >= 2);
  assert.ok(p.errors.every((e) => /[æøå]|Vælg|Skriv/.test(e)));
});

test("incomplete data still gives a plan of what is there", () => {
  const small = {
    ...DATA,
    sessions: { boern: DATA.sessions.boern.slice(0, 2), voksne: DATA.sessions.voksne.slice(0, 2) },
  };
  const p = plan(small, { start: "2025-09-02", childrenTime: "15:00", adultsTime: "17:00" });
  assert.equal(p.children.length, 2);
  assert.equal(p.adults.length, 1);
  assert.ok(p.warnings.length > 0, "says what is missing");
});

test("the calendar file follows RFC 5545", () => {
  const p = make("2025-11-06");
  const place = "Ungdomsskolen, Lokale 3; Skolevej 1, 2000 Frederiksberg";
  const ics = toICS(p, { place, now: new Date(Date.UTC(2025, 9, 1, 8, 0, 0)), base: "https://eksempel.dk/bog/planlaeg.html",
    leaders: "Ane Hansen og Bo Jensen, tlf. 12 34 56 78" });
  assert.ok(ics.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(ics), "CRLF line endings only");
  for (const line of ics.split("\r\n")) assert.ok(Buffer.byteLength(line, "utf8") <= 75, `too long: ${line}`);
  const text = ics.replace(/\r\n /g, "");
  assert.equal((text.match(/^BEGIN:VEVENT$/gm) || []).length, p.meetings.length);
  assert.equal((text.match(/^UID:/gm) || []).length, p.meetings.length);
  assert.equal(new Set(text.match(/^UID:.*$/gm)).size, p.meetings.length, "unique UIDs");
  assert.match(text, /^BEGIN:VTIMEZONE\r\nTZID:Europe\/Copenhagen$/m);
  assert.match(text, /^DTSTART;TZID=Europe\/Copenhagen:20251106T153000$/m);
  assert.match(text, /^DTEND;TZID=Europe\/Copenhagen:20251106T170000$/m);
  assert.match(text, /^DTSTAMP:20251001T080000Z$/m);
  assert.match(text, /^LOCATION:Ungdomsskolen\\, Lokale 3\\; Skolevej 1\\, 2000 Frederiksberg$/m);
  assert.match(text, /^URL:https:\/\/eksempel\.dk\/bog\/guides\/boern\/session-1\.html$/m);
  assert.match(text, /^DTSTART;VALUE=DATE:\d{8}$/m, "windows are all-day");
});

test("folding never splits a character", () => {
  const line = "SUMMARY:" + "æøå".repeat(40);
  const folded = fold(line);
  for (const part of folded.split("\r\n")) assert.ok(Buffer.byteLength(part) <= 75);
  assert.equal(folded.replace(/\r\n /g, ""), line);
});

test("a start year far from today gives a Danish message, never an exception (issue 14, item 7)", () => {
  for (const start of ["0999-05-06", "0050-05-06", "0001-01-01", "1000-01-01", "9999-05-06", "9999-12-02"]) {
    const weeks = parseWeeks("52-1", start); // must not throw either
    const p = plan(DATA, { start, childrenTime: "15:30", adultsTime: "17:00", skipWeeks: weeks.weeks });
    assert.equal(p.children.length, 0, start);
    assert.deepEqual(p.meetings, [], start);
    assert.match(p.errors.join(" "), /årstal/i, `${start}: ${p.errors}`);
  }
});


// --- issue 16, item 4: the planner tried as a new user would ----------------------------

/** Days from a to b (a <= b) that are not in a skipped week. */
const workingDays = (a, b, skip) => {
  let n = 0;
  for (let d = a; d < b; d = addDays(d, 1)) if (!skip.includes(isoWeek(addDays(d, 1)).key)) n++;
  return n;
};

test("meetings before the course keep their weeks when the Christmas weeks are skipped", () => {
  const start = "2026-01-08";
  const skipWeeks = parseWeeks("52-1", planFrom(DATA, start)).weeks;
  assert.deepEqual(skipWeeks, ["2025-W52", "2026-W01"], "the Christmas just before the start");
  const p = make(start, { skipWeeks });
  checkPlan(p, skipWeeks);
  for (const a of p.activities.filter((x) => x.anchor === "start")) {
    const t = DATA.activities.find((x) => x.id === a.id).timing;
    assert.equal(workingDays(a.to, start, skipWeeks), -t.days_to, `${a.id}: ${-t.days_to} days before, holidays apart`);
    assert.equal(workingDays(a.from, start, skipWeeks), -t.days_from);
  }
  for (const a of p.activities) {
    const inside = skipWeeks.filter((w) => w > isoWeek(a.from).key && w < isoWeek(a.to).key);
    assert.deepEqual(a.skippedInside, inside, `${a.id}: the period names the weeks off inside it`);
  }
});

test("a skipped week inside a meeting's period lengthens it by that week and is named", () => {
  const start = "2025-11-06";
  const skipWeeks = parseWeeks("42", planFrom(DATA, start)).weeks;
  assert.deepEqual(skipWeeks, ["2025-W42"], "the autumn holiday before a November start, not next year's");
  const p = make(start, { skipWeeks });
  const without = make(start);
  const hit = p.activities.filter((a) => a.skippedInside.includes("2025-W42"));
  assert.ok(hit.length >= 1, "a meeting before the course spans week 42");
  for (const a of hit) {
    const b = without.activities.find((x) => x.id === a.id);
    assert.equal(days(a.from, b.from), 7, `${a.id} starts a week earlier`);
  }
});

test("'52-1' with a start in week 1 skips this Christmas and says the first session moved", () => {
  const start = "2026-01-01"; // Thursday of ISO week 1 (and nytårsdag)
  const skipWeeks = parseWeeks("52-1", planFrom(DATA, start)).weeks;
  assert.deepEqual(skipWeeks, ["2025-W52", "2026-W01"]);
  const p = make(start, { skipWeeks });
  checkPlan(p, skipWeeks);
  assert.equal(p.children[0].date, "2026-01-08");
  assert.equal(p.children[0].week, "2026-W02");
  assert.ok(p.warnings.some((w) => /første session er flyttet/.test(w) && /uge 1 er valgt fra/.test(w)), p.warnings);
});

test("weeks that cannot change the plan are named, never silently ignored", () => {
  const start = "2025-09-02";
  const skipWeeks = parseWeeks("20, 42", planFrom(DATA, start)).weeks;
  assert.deepEqual(skipWeeks, ["2026-W20", "2025-W42"]);
  const p = make(start, { skipWeeks });
  assert.ok(p.warnings.some((w) => /^Uge 20 ligger uden for forløbets datoer/.test(w)), p.warnings);
  assert.ok(!p.warnings.some((w) => /\b42\b/.test(w)), "week 42 is used");
});

test("calendar: a meeting period is one all-day event on its first day, saying the period", () => {
  const p = make("2025-11-06");
  const text = toICS(p, { now: new Date(Date.UTC(2025, 9, 1)) }).replace(/\r\n /g, "");
  const events = text.split("BEGIN:VEVENT").slice(1);
  const allDay = events.filter((e) => /DTSTART;VALUE=DATE/.test(e));
  assert.equal(allDay.length, p.activities.length);
  for (const e of allDay) {
    const [start, end] = [/DTSTART;VALUE=DATE:(\d{8})/.exec(e)[1], /DTEND;VALUE=DATE:(\d{8})/.exec(e)[1]];
    const iso = (x) => `${x.slice(0, 4)}-${x.slice(4, 6)}-${x.slice(6)}`;
    assert.equal(days(iso(start), iso(end)), 1, "one day, not a block of weeks");
  }
  const coop = p.activities.find((a) => a.id === "samarbejdsmoede");
  assert.match(text, new RegExp(`SUMMARY:Mestringsluppen – Samarbejdsmøde[^\\r]* \\(holdes ${formatRange(coop.from, coop.to)}\\)`));
});

test("the families' calendar has the children's and adults' sessions and the joint closing only", () => {
  const p = make("2025-11-06");
  const text = toICS(p, { families: true, place: "Familiehuset", base: "https://eksempel.dk/bog/planlaeg.html",
    now: new Date(Date.UTC(2025, 9, 1)) }).replace(/\r\n /g, "");
  const summaries = text.match(/^SUMMARY:.*$/gm);
  assert.equal(summaries.length, 9 + 4, "nine children's, four adults' and the joint session once");
  assert.equal(summaries.filter((x) => /børnenes gruppe/.test(x)).length, 8);
  assert.equal(summaries.filter((x) => /de voksnes gruppe/.test(x)).length, 4);
  assert.equal(summaries.filter((x) => /fælles afslutning/.test(x)).length, 1);
  assert.doesNotMatch(text, /VALUE=DATE|^URL:|eksempel\.dk|Samarbejdsmøde|Forsamtale/m, "no meetings, no links");
  assert.match(text, /^X-WR-CALNAME:Mestringsluppen – til familierne$/m);
  assert.equal((text.match(/^LOCATION:Familiehuset$/gm) || []).length, 13);
});

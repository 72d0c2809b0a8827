// Mestringsluppen course planner: the date logic, one classic script for the browser and Node.
//
// A classic script (not an ES module), so the planner also works when the handbook is opened
// as files (file://), where browsers refuse module scripts. In the browser it is
// window.MLPlanDates; in Node, require() gives the same object.
//
// Dates are plain calendar days ("YYYY-MM-DD"), counted as whole days since 1970-01-01,
// so daylight saving time never moves a session. The rhythm and all offsets come from the
// data exported at build time (book/site/planner.py); nothing here knows how many sessions
// a course has.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MLPlanDates = factory();
}(typeof self !== "undefined" ? self : this, function () {
"use strict";

const DAY = 86400000;
const WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];
const MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
  "september", "oktober", "november", "december"];

// Plans are for real courses: a year outside this range is a typing error (0999, 9999), and
// the calendar arithmetic below is meant for four-digit years only.
const YEARS = [2000, 2199];

/** A Danish message when the date's year is outside YEARS, else null. */
function yearProblem(iso) {
  const year = +String(iso).slice(0, 4);
  if (year >= YEARS[0] && year <= YEARS[1]) return null;
  return `Tjek årstallet i datoen for børnenes første session: der står ${String(iso).slice(0, 4)}, ` +
    `og planlæggeren regner med årstal fra ${YEARS[0]} til ${YEARS[1]}.`;
}

// --- calendar days -----------------------------------------------------------------

function toDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!m) return NaN;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return Math.round(t / DAY);
}

function fromDay(n) {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

function addDays(iso, n) {
  return fromDay(toDay(iso) + n);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
function weekday(iso) {
  return ((toDay(iso) + 3) % 7 + 7) % 7 + 1; // 1970-01-01 was a Thursday
}

function monday(iso) {
  return addDays(iso, 1 - weekday(iso));
}

/** ISO 8601 week: {year, week, key: "2025-W42"}. */
function isoWeek(iso) {
  const thursday = addDays(iso, 4 - weekday(iso));
  const year = +thursday.slice(0, 4);
  const week = Math.floor((toDay(thursday) - toDay(`${year}-01-01`)) / 7) + 1;
  return { year, week, key: `${year}-W${String(week).padStart(2, "0")}` };
}

function addMonths(iso, n) {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12), tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromDay(Math.round(Date.UTC(ty, tm, Math.min(d, last)) / DAY));
}

// --- Danish public holidays ----------------------------------------------------------

/** Easter Sunday (Gregorian calendar; anonymous algorithm). */
function easterSunday(year) {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = (h + l - 7 * m + 114) % 31 + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Days on which no session is held: {"YYYY-MM-DD": "navn"}. Store bededag ended after 2023. */
function danishHolidays(year) {
  const e = easterSunday(year);
  const days = {
    [`${year}-01-01`]: "nytårsdag",
    [addDays(e, -3)]: "skærtorsdag",
    [addDays(e, -2)]: "langfredag",
    [e]: "påskedag",
    [addDays(e, 1)]: "2. påskedag",
    [addDays(e, 39)]: "Kristi himmelfartsdag",
    [addDays(e, 49)]: "pinsedag",
    [addDays(e, 50)]: "2. pinsedag",
    [`${year}-06-05`]: "grundlovsdag",
    [`${year}-12-24`]: "juleaftensdag",
    [`${year}-12-25`]: "juledag",
    [`${year}-12-26`]: "2. juledag",
  };
  if (year <= 2023) days[addDays(e, 26)] = "store bededag";
  return days;
}

function holidayName(iso) {
  return danishHolidays(+iso.slice(0, 4))[iso] || null;
}

// --- weeks to skip -------------------------------------------------------------------

/** The Monday of every ISO week numbered `week` from about a year before `iso` to two years after. */
function mondaysNumbered(week, iso) {
  const out = [];
  for (let i = -54, d = addDays(monday(iso), -54 * 7); i < 110; i++, d = addDays(d, 7)) {
    if (isoWeek(d).week === week) out.push(d);
  }
  return out;
}

/**
 * "42, 52-1" -> {weeks: ["2025-W42", "2025-W52", "2026-W01"], errors: []}. Each number or range
 * means its first occurrence that ends on or after the week of `fromIso` – the earliest date the
 * plan has (the first meeting before the course), so "52-1" with a start in week 1 is this
 * Christmas, not next year's, and "42" before a start in November is the autumn holiday just
 * before it, when the meetings before the course are held.
 */
function parseWeeks(text, fromIso) {
  const weeks = [], errors = [];
  if (yearProblem(fromIso)) return { weeks, errors };
  const from = isoWeek(fromIso).key;
  const cleaned = String(text || "").toLowerCase().replace(/uge/g, " ").replace(/[–—]/g, "-");
  for (const raw of cleaned.split(/[,;\s]+/).filter(Boolean)) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(raw);
    const a = m && +m[1], b = m && (m[2] ? +m[2] : +m[1]);
    if (!m || a < 1 || a > 53 || b < 1 || b > 53) {
      errors.push(`"${raw}" er ikke et ugenummer (1–53) eller et interval som 52-1`);
      continue;
    }
    let span = null;
    for (const first of mondaysNumbered(a, fromIso)) {
      const keys = [];
      for (let i = 0, d = first; i < 54; i++, d = addDays(d, 7)) {
        keys.push(isoWeek(d).key);
        if (isoWeek(d).week === b) break;
      }
      if (keys[keys.length - 1] >= from) {
        span = keys;
        break;
      }
    }
    if (span === null) {
      errors.push(`uge ${a} findes ikke i den nærmeste tid`);
      continue;
    }
    weeks.push(...span);
  }
  return { weeks: [...new Set(weeks)], errors };
}

/** The earliest date the plan can have: the first session minus the longest lead of a meeting before it. */
function planFrom(data, startIso) {
  const lead = Math.min(0, ...(data.activities || []).filter((a) => a.planner !== false && a.timing.anchor === "start")
    .map((a) => a.timing.days_from));
  return yearProblem(startIso) || Number.isNaN(toDay(startIso)) ? startIso : addDays(startIso, lead);
}

/**
 * `n` days from `iso` (back when negative), counting only days outside the skipped weeks: a
 * meeting "2–6 weeks before the start" keeps its 2–6 working weeks when the holidays are skipped.
 */
function shiftWithout(iso, n, skip) {
  let d = iso;
  for (let left = Math.abs(n), step = Math.sign(n); left > 0;) {
    d = addDays(d, step);
    if (!skip.has(isoWeek(d).key)) left--;
  }
  return d;
}

// --- the plan ------------------------------------------------------------------------

function byNumber(a, b) {
  return a.number - b.number;
}

function minutesOf(time) {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(String(time || ""));
  return m ? +m[1] * 60 + +m[2] : NaN;
}

function clock(total) {
  const t = ((total % 1440) + 1440) % 1440;
  return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
}

/**
 * The dated plan.
 * input: {start: "YYYY-MM-DD", childrenTime: "HH:MM", adultsWeekday: 1–7 (default: the
 *         children's weekday), adultsTime: "HH:MM", skipWeeks: ["2025-W42", …]}
 */
function plan(data, input) {
  const step = data.rhythm_days;
  const kids = [...(data.sessions.boern || [])].sort(byNumber);
  const adults = [...(data.sessions.voksne || [])].sort(byNumber);
  const errors = [], warnings = [];
  if (Number.isNaN(toDay(input.start))) errors.push("Vælg datoen for børnenes første session.");
  else if (yearProblem(input.start)) errors.push(yearProblem(input.start));
  if (Number.isNaN(minutesOf(input.childrenTime))) errors.push("Skriv klokkeslættet for børnenes sessioner.");
  if (adults.length && Number.isNaN(minutesOf(input.adultsTime))) {
    errors.push("Skriv klokkeslættet for de voksnes sessioner.");
  }
  if (!(step > 0) || !kids.length) errors.push("Data om forløbet mangler (rytme eller sessioner).");
  if (errors.length) return { errors, warnings, children: [], adults: [], activities: [], skipped: [], meetings: [] };

  const kidsWeekday = weekday(input.start);
  const adultsWeekday = +input.adultsWeekday || kidsWeekday;
  const skip = new Set(input.skipWeeks || []);
  // the adults' session held in each children's session's week comes with the data (book/data:
  // Handbook.adult_weeks); a joint session is held together with that children's session
  const weekOf = Object.fromEntries(Object.entries(data.adult_weeks || {}).map(([kid, adult]) => [adult, kid]));
  const kidsById = Object.fromEntries(kids.map((k) => [k.id, k]));
  const firstKid = {};
  for (const a of adults) {
    const kid = kidsById[weekOf[a.id]];
    if (!kid) {
      warnings.push(`${a.id} har ingen sideløbende børnesession i data og er ikke sat ind i planen.`);
      continue;
    }
    firstKid[kid.id] = { adult: a, joint: Boolean(a.joint || kid.joint) };
  }
  const adultDay = (kidDate) => addDays(monday(kidDate), adultsWeekday - 1);

  const children = [], placedAdults = [], skipped = [];
  let date = input.start;
  for (const k of kids) {
    for (let guard = 0; ; guard++) {
      if (guard > 60) {
        errors.push("Der er sprunget for mange uger over; tjek listen over uger uden sessioner.");
        return { errors, warnings, children, adults: placedAdults, activities: [], skipped, meetings: [] };
      }
      const week = isoWeek(date).key;
      const pair = firstKid[k.id];
      let reason = null;
      if (skip.has(week)) reason = { kind: "uge", text: "ugen er valgt fra" };
      else if (holidayName(date)) reason = { kind: "helligdag", text: holidayName(date), date };
      else if (pair && !pair.joint && holidayName(adultDay(date))) {
        reason = { kind: "helligdag", text: `${holidayName(adultDay(date))} (de voksnes session)`, date: adultDay(date) };
      }
      if (!reason) break;
      skipped.push({ week, ...reason });
      date = addDays(date, step);
    }
    const start = minutesOf(input.childrenTime);
    children.push({
      kind: "boern", id: k.id, number: k.number, title: k.title, url: k.url, room: k.room, pack: k.pack, date,
      week: isoWeek(date).key, time: clock(start), end: clock(start + k.minutes), minutes: k.minutes,
      joint: Boolean(k.joint),
    });
    const pair = firstKid[k.id];
    if (pair) {
      const a = pair.adult;
      const t = pair.joint ? start : minutesOf(input.adultsTime);
      const minutes = pair.joint ? Math.max(k.minutes, a.minutes) : a.minutes;
      const when = pair.joint ? date : adultDay(date);
      placedAdults.push({
        kind: "voksne", id: a.id, number: a.number, title: a.title, url: a.url, room: a.room, pack: a.pack,
        joint: pair.joint, date: when, week: isoWeek(when).key, time: clock(t), end: clock(t + minutes), minutes,
        with: k.id,
      });
    }
    date = addDays(date, step);
  }
  if (!pairsInOrder(placedAdults)) warnings.push("De voksnes sessioner står ikke i rækkefølge; tjek parallel i data.");

  const byNum = Object.fromEntries(children.map((c) => [c.number, c]));
  const first = children[0], last = children[children.length - 1];
  const activities = [];
  for (const a of data.activities || []) {
    if (a.planner === false) continue;
    const t = a.timing;
    const anchor = t.anchor === "start" ? first : t.anchor === "end" ? last : byNum[t.session];
    if (!anchor) {
      warnings.push(`${a.title}: børnesession ${t.session} findes ikke i data endnu.`);
      continue;
    }
    const from = shiftWithout(anchor.date, t.days_from, skip), to = shiftWithout(anchor.date, t.days_to, skip);
    const inside = [];
    for (let d = monday(from); d <= to; d = addDays(d, 7)) {
      if (skip.has(isoWeek(d).key)) inside.push(isoWeek(d).key);
    }
    activities.push({
      kind: "aktivitet", id: a.id, title: a.title, url: a.url, text: t.text, recommended: Boolean(t.recommended),
      anchor: t.anchor, session: t.session ?? null, after: t.days_from >= 0, from, to, week: isoWeek(from).key,
      weekTo: isoWeek(to).key, skippedInside: inside,
    });
  }
  // say what the weeks typed did, so none is silently ignored
  const dates = [...children.map((c) => c.date), ...placedAdults.map((a) => a.date),
    ...activities.flatMap((a) => [a.from, a.to])].sort();
  const [firstWeek, lastWeek] = [isoWeek(dates[0]).key, isoWeek(dates[dates.length - 1]).key];
  const outside = [...skip].filter((w) => w < firstWeek || w > lastWeek).sort();
  if (outside.length) {
    warnings.push(`${outside.length === 1 ? "Uge" : "Ugerne"} ${outside.map(weekLabel).join(", ")} ligger uden for ` +
      `forløbets datoer (${formatRange(dates[0], dates[dates.length - 1])}) og ændrer ikke planen.`);
  }
  if (children[0].date !== input.start) {
    warnings.push(`Børnenes første session er flyttet fra ${formatDate(input.start)} til ` +
      `${formatDate(children[0].date)}, fordi ${skipped[0].kind === "uge" ? `uge ${weekLabel(skipped[0].week)} er valgt fra`
        : `${skipped[0].text} er en helligdag`}.`);
  }
  return { errors, warnings, start: first.date, end: last.date, children, adults: placedAdults, activities, skipped,
    meetings: meetings(children, placedAdults, activities) };
}

/** "2025-W07" -> "7". */
function weekLabel(key) {
  return String(+key.slice(6));
}

function pairsInOrder(list) {
  return list.every((a, i) => i === 0 || (a.number > list[i - 1].number && a.date >= list[i - 1].date));
}

/** Every meeting once, in date order; a joint session is one meeting for children and adults. */
function meetings(children, adults, activities) {
  const jointWith = Object.fromEntries(adults.filter((a) => a.joint).map((a) => [a.with, a]));
  const list = [];
  for (const c of children) {
    const a = jointWith[c.id];
    list.push(a ? { ...c, kind: "faelles", adult: a, time: a.time, end: a.end, minutes: a.minutes } : c);
  }
  list.push(...adults.filter((a) => !a.joint));
  list.push(...activities.map((a) => ({ ...a, date: a.from })));
  // on the same day: what comes before its anchor, the sessions by time, then what follows a session
  const rank = (m) => (m.kind === "aktivitet" ? (m.after ? 2 : 0) : 1);
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : rank(x) - rank(y)
    || (x.time || "").localeCompare(y.time || "")));
}

// --- words -------------------------------------------------------------------------

function formatDate(iso, withYear = true) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${WEEKDAYS[weekday(iso) - 1]} ${d}. ${MONTHS[m - 1]}${withYear ? ` ${y}` : ""}`;
}

function formatTime(hhmm) {
  return hhmm.replace(":", ".");
}

/** "11. september – 23. oktober 2025", "3.–10. marts 2026": a period, without weekdays to keep it short. */
function formatRange(from, to) {
  if (from === to) return formatDate(from);
  const day = (iso, year) => `${+iso.slice(8)}. ${MONTHS[+iso.slice(5, 7) - 1]}${year ? ` ${iso.slice(0, 4)}` : ""}`;
  if (from.slice(0, 7) === to.slice(0, 7)) return `${+from.slice(8)}.–${day(to, true)}`;
  return `${day(from, from.slice(0, 4) !== to.slice(0, 4))} – ${day(to, true)}`;
}

function summary(m) {
  if (m.kind === "boern") return `Børnenes session ${m.number}: ${m.title}`;
  if (m.kind === "voksne") return `De nære voksnes session ${m.number}: ${m.title}`;
  if (m.kind === "faelles") {
    return `Fælles session for børn og voksne (børn ${m.number}, voksne ${m.adult.number}): ${m.title}`;
  }
  return m.title;
}

// --- iCalendar (RFC 5545) ------------------------------------------------------------

const VTIMEZONE = [
  "BEGIN:VTIMEZONE", "TZID:Europe/Copenhagen",
  "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
  "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
  "END:VTIMEZONE",
];

function escapeText(s) {
  return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function octets(ch) {
  const c = ch.codePointAt(0);
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545, 3.1). */
function fold(line) {
  const out = [];
  let cur = "", n = 0;
  for (const ch of line) {
    if (n + octets(ch) > 75) {
      out.push(cur);
      cur = " ";
      n = 1;
    }
    cur += ch;
    n += octets(ch);
  }
  out.push(cur);
  return out.join("\r\n");
}

function stamp(date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function compact(iso) {
  return iso.replace(/-/g, "");
}

function localTime(iso, hhmm, plusMinutes = 0) {
  const total = minutesOf(hhmm) + plusMinutes;
  const day = addDays(iso, Math.floor(total / 1440));
  return `${compact(day)}T${clock(total).replace(":", "")}00`;
}

function hash(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h.toString(36);
}

/**
 * The plan as an .ics file. opts: {place, now: Date, base: absolute URL that page links are
 * relative to, leaders: "names and contact" (for the description), families: true for the
 * families' calendar – only the children's and adults' sessions and the joint closing, in words
 * for parents, without links into the handbook}.
 *
 * A meeting that may be held within a period becomes one all-day event on the period's first
 * day, saying when it must be held: a 6-week all-day event would block the calendar for weeks.
 */
function toICS(p, opts = {}) {
  const now = stamp(opts.now || new Date());
  const place = (opts.place || "").trim();
  const families = Boolean(opts.families);
  const seed = hash([p.start, place, opts.leaders || "", families ? "familier" : ""].join("|"));
  const link = (url) => (url && !families ? new URL(url, opts.base || "http://localhost/").href : "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mestringsluppen//Forloebsplanlaegger//DA",
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    `X-WR-CALNAME:${families ? "Mestringsluppen – til familierne" : "Mestringsluppen"}`,
    "X-WR-TIMEZONE:Europe/Copenhagen", ...VTIMEZONE];
  for (const m of p.meetings) {
    if (families && m.kind === "aktivitet") continue;
    const url = link(m.url);
    const uid = `${m.kind}-${m.id}-${compact(m.date)}-${seed}@mestringsluppen`;
    lines.push("BEGIN:VEVENT", `UID:${uid}`, `DTSTAMP:${now}`);
    let about, title = families ? familySummary(m) : summary(m);
    if (m.kind === "aktivitet") {
      lines.push(`DTSTART;VALUE=DATE:${compact(m.from)}`, `DTEND;VALUE=DATE:${compact(addDays(m.from, 1))}`,
        "TRANSP:TRANSPARENT");
      const period = formatRange(m.from, m.to);
      if (m.from !== m.to) title += ` (holdes ${period})`;
      about = `${m.text}. Holdes i perioden ${period}${m.recommended ? " (håndbogens anbefaling)" : ""}.` +
        (m.skippedInside.length ? ` Uge ${m.skippedInside.map(weekLabel).join(", ")} er valgt fra.` : "");
    } else {
      lines.push(`DTSTART;TZID=Europe/Copenhagen:${localTime(m.date, m.time)}`,
        `DTEND;TZID=Europe/Copenhagen:${localTime(m.date, m.time, m.minutes)}`);
      if (place) lines.push(`LOCATION:${escapeText(place)}`);
      about = m.kind === "voksne" ? "De nære voksnes gruppeforløb." : m.kind === "faelles"
        ? "Fælles afslutning for børn og nære voksne." : "Børnenes gruppeforløb.";
    }
    const desc = [about, opts.leaders ? `Gruppeledere: ${opts.leaders}` : "", url ? `Læs mere: ${url}` : ""];
    lines.push(`SUMMARY:${escapeText(`Mestringsluppen – ${title}`)}`,
      `DESCRIPTION:${escapeText(desc.filter(Boolean).join("\n"))}`);
    if (url) lines.push(`URL:${url}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

/** A meeting said to the families: whose group and which time, the theme after a colon. */
function familySummary(m) {
  if (m.kind === "boern") return `børnenes gruppe, gang ${m.number}: ${m.title}`;
  if (m.kind === "voksne") return `de voksnes gruppe, gang ${m.number}: ${m.title}`;
  return `fælles afslutning for børn og voksne: ${m.title}`;
}

return {
  WEEKDAYS, MONTHS, toDay, fromDay, addDays, weekday,
  monday, isoWeek, addMonths, easterSunday, danishHolidays, holidayName,
  parseWeeks, planFrom, plan, meetings, formatDate, formatTime, formatRange,
  summary, escapeText, fold, toICS,
};
}));

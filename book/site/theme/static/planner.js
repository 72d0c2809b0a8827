// Mestringsluppen course planner (UI). Loaded on the planner page and on every page with details
// it can fill in (book/planner.py decides):
// - on the page "Planlæg et forløb": the form, the dated plan, the .ics file and the print view;
// - on a letter opened with ?udfyld=1: fills in the details entered in the planner.
// What the leader types stays in this tab (sessionStorage) and is only ever set as text.
(function () {
  "use strict";

  var KEY = "ml-forloebsplan";
  var LOCAL_KEYS = ["kommune", "afdeling", "sted", "adresse", "tidspunkt_boern", "tidspunkt_voksne",
    "gruppeleder_1", "gruppeleder_2", "telefon", "email"];
  var INPUT_KEYS = ["start", "boern_dag", "boern_tid", "voksne_dag", "voksne_tid", "sted", "adresse", "kommune",
    "afdeling", "gruppeleder_1", "gruppeleder_2", "telefon", "email", "spring_over"];

  // ml-storage.js (first in <head>) never throws: without storage the plan still shows, letters stay blank
  function load() {
    return window.MLStorage.getJSON(KEY, true);
  }

  function save(v) {
    return window.MLStorage.setJSON(KEY, v, true);
  }

  /** el("p", {className: "x"}, "text", child) – text always goes in as text. */
  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "className") node.className = props[k];
      else node.setAttribute(k, props[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function text(v) {
    return typeof v === "string" ? v.trim() : "";
  }

  // --- letters ---------------------------------------------------------------------

  function dateList(title, items) {
    if (!items || !items.length) return null;
    var ul = el("ul");
    items.forEach(function (t) { ul.appendChild(el("li", null, String(t))); });
    return [el("p", null, el("strong", null, title)), ul];
  }

  function fillLetter() {
    if (new URLSearchParams(window.location.search).get("udfyld") !== "1") return;
    var saved = load();
    var where = document.querySelector("article") || document.querySelector("main") || document.body;
    if (!saved || !saved.lokal) {
      where.insertBefore(el("p", { className: "ml-planner-notice", role: "status" },
        "Der er ingen plan i denne fane. Åbn forløbsplanlæggeren, udfyld den, og åbn brevet derfra."),
      where.firstChild);
      return;
    }
    LOCAL_KEYS.forEach(function (key) {
      var value = text(saved.lokal[key]);
      if (!value) return;
      document.querySelectorAll(".ml-lokal-" + key).forEach(function (span) {
        span.textContent = value;
        span.classList.remove("ml-blank");
        span.classList.add("ml-udfyldt");
      });
    });
    var d = saved.datoer || {};
    document.querySelectorAll(".ml-plan-datoer").forEach(function (box) {
      box.replaceChildren();
      box.classList.remove("ml-screen-only"); // blank letters and PDFs leave the box out; filled ones print it
      box.classList.add("ml-udfyldt");
      // a letter to the school gets the knowledge sharing instead of the adults' sessions
      var second = box.classList.contains("ml-plan-skole")
        ? dateList("Vidensdeling med skolen", d.vidensdeling) : dateList("De nære voksnes sessioner", d.voksne);
      [dateList("Børnenes sessioner", d.boern), second]
        .forEach(function (part) { if (part) part.forEach(function (n) { box.appendChild(n); }); });
    });
    fillLetterDates(d);
    where.insertBefore(el("p", { className: "ml-planner-notice", role: "status" },
      "Brevet er udfyldt med oplysningerne fra forløbsplanlæggeren. Læs det igennem, og udskriv det."),
    where.firstChild);
  }

  // The letter's own date, the first session, and a print button for the filled letter: the PDF
  // link on the page is the blank letter, so it is relabelled rather than left to look like this one.
  function fillLetterDates(d) {
    var today = new Date().toLocaleDateString("da-DK", { day: "numeric", month: "long", year: "numeric" });
    var fill = function (selector, value) {
      if (!value) return;
      document.querySelectorAll(selector).forEach(function (span) {
        span.textContent = value;
        span.classList.remove("ml-blank");
        span.classList.add("ml-udfyldt");
      });
    };
    fill(".ml-letter-date", today);
    fill(".ml-plan-foerste", (d.boern || [])[0]);
    document.querySelectorAll(".ml-sheet-info .ml-pdf-link").forEach(function (link) {
      link.textContent = "Hent det tomme brev (PDF uden jeres oplysninger)";
      link.classList.remove("sd-btn-primary");
      link.classList.add("sd-btn-outline-primary");
      var button = el("button", { type: "button", className: "ml-planner-button ml-planner-primary ml-print-filled" },
        "Udskriv det udfyldte brev (eller gem det som PDF)");
      button.addEventListener("click", function () { window.print(); });
      link.parentNode.insertBefore(button, link);
      link.parentNode.insertBefore(document.createTextNode(" "), link);
    });
  }

  // --- the planner page --------------------------------------------------------------

  function startPlanner(form, P) {
    var data = JSON.parse(document.getElementById("ml-planner-data").textContent);
    var current = null;
    var errorBox = document.getElementById("ml-planner-error");
    var field = function (name) { return form.elements.namedItem(name); };

    function showError(messages) {
      errorBox.replaceChildren();
      if (!messages.length) {
        errorBox.hidden = true;
        return;
      }
      errorBox.appendChild(el("strong", null, "Planen kan ikke laves endnu:"));
      var ul = el("ul");
      messages.forEach(function (m) { ul.appendChild(el("li", null, m)); });
      errorBox.appendChild(ul);
      errorBox.hidden = false;
    }

    function values() {
      var v = {};
      INPUT_KEYS.forEach(function (k) { v[k] = field(k) ? field(k).value : ""; });
      return v;
    }

    function syncWeekday() {
      var start = field("start").value;
      field("boern_dag").value = start && !isNaN(P.toDay(start)) ? String(P.weekday(start)) : "";
    }

    function moveToWeekday() {
      var start = field("start").value;
      var wd = +field("boern_dag").value;
      if (wd && start && !isNaN(P.toDay(start))) field("start").value = P.addDays(P.monday(start), wd - 1);
    }

    function plural(wd) {
      return P.WEEKDAYS[wd - 1] + "e";
    }

    function when(m) {
      if (m.kind === "aktivitet") return P.formatRange(m.from, m.to);
      return P.formatDate(m.date) + ", kl. " + P.formatTime(m.time) + "–" + P.formatTime(m.end);
    }

    function weekNumber(key) {
      return String(+key.slice(6));
    }

    /** A session's page, its room mode (starting at the planned time) and its print pack; guide 1 for meetings. */
    function links(m) {
      if (m.kind === "aktivitet") return m.url ? el("a", { href: m.url }, "Guide 1") : "–";
      var ul = el("ul", { className: "ml-plan-links" });
      var add = function (href, label, cls) {
        if (href) ul.appendChild(el("li", null, el("a", { href: href, className: cls }, label)));
      };
      add(m.url, "Sessionen", "ml-plan-page");
      add(m.room && m.room + "?start=" + encodeURIComponent(m.time), "Kør sessionen", "ml-plan-room");
      add(m.pack, "Printpakke (PDF)", "ml-plan-pack");
      if (m.kind === "faelles" && m.adult && m.adult.url) add(m.adult.url, "De voksnes session", "ml-plan-page");
      return ul.childNodes.length ? ul : "–";
    }

    function clearPlan() {
      current = null;
      ["ml-plan-status", "ml-plan-details", "ml-plan-table", "ml-plan-notes", "ml-plan-letters"].forEach(function (id) {
        document.getElementById(id).replaceChildren();
      });
      document.getElementById("ml-plan").hidden = true;
    }

    function render(p, v, moveFocus) {
      var section = document.getElementById("ml-plan");
      var skipped = p.skipped.length;
      var kidsDay = P.weekday(p.start);
      var adultsDay = +v.voksne_dag || kidsDay;
      document.getElementById("ml-plan-status").textContent = "Planen er klar: " + p.children.length +
        " børnesessioner fra " + P.formatDate(p.start) + " til " + P.formatDate(p.end) + " og " + p.adults.length +
        " sessioner for de nære voksne." + (skipped ? " " + skipped + (skipped === 1 ? " uge" : " uger") +
        " er sprunget over." : "");

      var details = document.getElementById("ml-plan-details");
      var dl = el("dl", { className: "ml-plan-facts" });
      var place = [text(v.sted), text(v.adresse)].filter(Boolean).join(", ");
      var leaders = [text(v.gruppeleder_1), text(v.gruppeleder_2)].filter(Boolean).join(" og ");
      var contact = [text(v.telefon), text(v.email)].filter(Boolean).join(", ");
      [["Børnene", plural(kidsDay) + " kl. " + P.formatTime(p.children[0].time) + "–" +
        P.formatTime(p.children[0].end)],
      ["De nære voksne", p.adults.length ? plural(adultsDay) + " kl. " + P.formatTime(p.adults[0].time) + "–" +
        P.formatTime(p.adults[0].end) : ""],
      ["Sted", place], ["Gruppeledere", leaders], ["Kontakt", contact],
      ["Kommune", [text(v.kommune), text(v.afdeling)].filter(Boolean).join(", ")]]
        .forEach(function (row) {
          if (!row[1]) return;
          dl.appendChild(el("dt", null, row[0]));
          dl.appendChild(el("dd", null, row[1]));
        });
      details.replaceChildren(dl);

      var table = el("table", { className: "ml-plan-table" },
        el("caption", null, "Forløbsplan, dato for dato"),
        el("thead", null, el("tr", null, el("th", { scope: "col" }, "Hvornår"), el("th", { scope: "col" }, "Hvad"),
          el("th", { scope: "col" }, "Til sessionen"))));
      var body = el("tbody");
      p.meetings.forEach(function (m) {
        var what = el("td", null, P.summary(m));
        if (m.kind === "aktivitet") {
          what.appendChild(el("span", { className: "ml-plan-when" },
            m.text + (m.recommended ? " (håndbogens anbefaling)" : "")));
        }
        if (m.skippedInside && m.skippedInside.length) {
          what.appendChild(el("span", { className: "ml-plan-when" }, "Uge " +
            m.skippedInside.map(weekNumber).join(" og ") + " er valgt fra og tæller ikke med."));
        }
        var date = m.kind === "aktivitet"
          ? el("th", { scope: "row" }, P.formatRange(m.from, m.to), el("span", { className: "ml-plan-week" },
            m.week === m.weekTo ? "uge " + weekNumber(m.week) : "uge " + weekNumber(m.week) + "–" + weekNumber(m.weekTo)))
          : el("th", { scope: "row" }, P.formatDate(m.date), el("span", { className: "ml-plan-week" },
            "uge " + weekNumber(m.week)), el("span", { className: "ml-plan-clock" },
            "kl. " + P.formatTime(m.time) + "–" + P.formatTime(m.end)));
        body.appendChild(el("tr", { className: "ml-plan-" + m.kind }, date, what, el("td", null, links(m))));
      });
      table.appendChild(body);
      document.getElementById("ml-plan-table").replaceChildren(table);

      var notes = document.getElementById("ml-plan-notes");
      notes.replaceChildren();
      if (p.skipped.length) {
        var ul = el("ul");
        p.skipped.forEach(function (s) {
          var week = "Uge " + +s.week.slice(6);
          ul.appendChild(el("li", null, s.kind === "uge" ? week + ": valgt fra (ferie eller fridag)"
            : week + ": " + s.text + " (" + P.formatDate(s.date) + ")"));
        });
        notes.appendChild(el("h3", null, "Uger uden sessioner"));
        notes.appendChild(ul);
      }
      if (p.warnings.length) {
        var w = el("ul");
        p.warnings.forEach(function (t) { w.appendChild(el("li", null, t)); });
        notes.appendChild(el("h3", null, "Vær opmærksom på"));
        notes.appendChild(w);
      }

      var letters = document.getElementById("ml-plan-letters");
      letters.replaceChildren();
      var usable = (data.letters || []).filter(function (l) { return l.url; });
      if (usable.length) {
        var list = el("ul");
        usable.forEach(function (l) {
          var href = l.url.split("#")[0] + "?udfyld=1";
          list.appendChild(el("li", null, el("a", { href: href, className: "ml-plan-letter" }, "Åbn udfyldt: " + l.title)));
        });
        letters.appendChild(el("p", null, "Brevene åbnes i denne fane med jeres oplysninger og datoer sat ind, " +
          "klar til at udskrive. Brug Tilbage for at komme hertil igen."));
        letters.appendChild(list);
      }

      section.hidden = false;
      if (moveFocus) document.getElementById("ml-plan-heading").focus();

      var line = function (m) {
        return when(m) + (m.kind === "faelles" ? " (fælles med de voksne)" : "");
      };
      var kids = p.meetings.filter(function (m) { return m.kind === "boern" || m.kind === "faelles"; });
      var sharingIds = data.sessions.boern.reduce(function (ids, s) { return ids.concat(s.sharing_after); }, []);
      var sharing = p.activities.filter(function (a) { return sharingIds.indexOf(a.id) >= 0; }).map(function (a) { return a.title + ": " + P.formatRange(a.from, a.to); });
      var grown = p.adults.map(function (a) {
        return a.joint ? P.formatDate(a.date) + ", kl. " + P.formatTime(a.time) + "–" + P.formatTime(a.end) +
          " (fælles med børnene)" : when(a);
      });
      var kept = save({
        input: v,
        lokal: {
          kommune: v.kommune, afdeling: v.afdeling, sted: v.sted, adresse: v.adresse,
          gruppeleder_1: v.gruppeleder_1, gruppeleder_2: v.gruppeleder_2, telefon: v.telefon, email: v.email,
          tidspunkt_boern: plural(kidsDay) + " kl. " + P.formatTime(p.children[0].time) + "–" +
            P.formatTime(p.children[0].end),
          tidspunkt_voksne: p.adults.length ? plural(adultsDay) + " kl. " + P.formatTime(p.adults[0].time) + "–" +
            P.formatTime(p.adults[0].end) : "",
        },
        datoer: { boern: kids.map(line), voksne: grown, vidensdeling: sharing },
      });
      if (!kept && letters.childNodes.length) {
        letters.appendChild(el("p", { className: "ml-planner-notice", role: "status" },
          "Browseren tillader ikke, at siden husker planen, så brevene kan ikke udfyldes af sig selv. " +
          "Udfyld dem i hånden, eller tillad data fra håndbogen i browserens indstillinger."));
      }
    }

    function run(moveFocus) {
      try {
        make(moveFocus);
      } catch (e) {
        // whatever went wrong, an old plan must never stay on screen or be downloaded
        clearPlan();
        showError(["Planen kunne ikke laves ud fra det, der står i formularen. Tjek datoen, klokkeslættene og " +
          "ugerne uden sessioner, og prøv igen."]);
        if (moveFocus) errorBox.focus();
      }
    }

    function make(moveFocus) {
      var v = values();
      var messages = [];
      var weeks = { weeks: [], errors: [] };
      if (v.start && !isNaN(P.toDay(v.start))) weeks = P.parseWeeks(v.spring_over, P.planFrom(data, v.start));
      weeks.errors.forEach(function (e) { messages.push("Uger uden sessioner: " + e + "."); });
      var p = P.plan(data, {
        start: v.start, childrenTime: v.boern_tid, adultsWeekday: +v.voksne_dag || 0, adultsTime: v.voksne_tid,
        skipWeeks: weeks.weeks,
      });
      messages = p.errors.concat(messages);
      field("start").setAttribute("aria-invalid", String(isNaN(P.toDay(v.start))));
      field("boern_tid").setAttribute("aria-invalid", String(!v.boern_tid));
      field("voksne_tid").setAttribute("aria-invalid", String(!v.voksne_tid));
      field("spring_over").setAttribute("aria-invalid", String(weeks.errors.length > 0));
      showError(messages);
      if (messages.length) {
        clearPlan();
        if (moveFocus) errorBox.focus();
        return;
      }
      current = { plan: p, input: v };
      render(p, v, moveFocus);
    }

    /** The leaders' calendar (every meeting, with links) or the families' (their sessions only). */
    function download(families) {
      if (!current) return;
      var v = current.input;
      var leaders = [text(v.gruppeleder_1), text(v.gruppeleder_2)].filter(Boolean).join(" og ");
      var contact = [text(v.telefon), text(v.email)].filter(Boolean).join(", ");
      var ics = P.toICS(current.plan, {
        place: [text(v.sted), text(v.adresse)].filter(Boolean).join(", "),
        leaders: [leaders, contact].filter(Boolean).join(", "),
        base: window.location.href,
        now: new Date(),
        families: families,
      });
      var url = URL.createObjectURL(new Blob([ics], { type: "text/calendar;charset=utf-8" }));
      var name = "mestringsluppen-" + (families ? "familier-" : "") + current.plan.start + ".ics";
      var a = el("a", { href: url, download: name });
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }

    errorBox.setAttribute("tabindex", "-1");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      run(true);
    });
    document.getElementById("ml-plan-ics").addEventListener("click", function () { download(false); });
    document.getElementById("ml-plan-ics-familier").addEventListener("click", function () { download(true); });
    document.getElementById("ml-plan-print").addEventListener("click", function () { window.print(); });
    field("start").addEventListener("change", syncWeekday);
    field("boern_dag").addEventListener("change", moveToWeekday);
    var saved = load();
    if (saved && saved.input) {
      INPUT_KEYS.forEach(function (k) {
        if (field(k) && typeof saved.input[k] === "string") field(k).value = saved.input[k];
      });
      syncWeekday();
      if (saved.input.start) run(false);
    }
    form.setAttribute("data-ready", "true");
  }

  function showMissing() {
    var box = document.getElementById("ml-planner-error");
    box.textContent = "Planlæggeren kan ikke starte, fordi filen med datoberegningerne mangler. Byg håndbogen igen.";
    box.hidden = false;
  }

  function init() {
    var form = document.getElementById("ml-planner-form");
    if (form && document.getElementById("ml-planner-data")) {
      // plan-dates.js is a classic script loaded just before this one (it works from file:// too)
      if (window.MLPlanDates) startPlanner(form, window.MLPlanDates);
      else showMissing();
    } else {
      fillLetter();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

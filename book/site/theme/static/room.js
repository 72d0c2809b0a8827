// Kør sessionen (book/site/room.py): one session run live from a tablet, one programme item at a
// time, and the children's day programme for a screen or projector.
//
// A classic script, so it works when the handbook is opened as files (file://). Progress – the
// start time, the age group, which item is running and since when – stays in this browser
// (localStorage): a reload, a locked screen or a second window for the projector carries on
// where the leader is. Nothing is sent anywhere.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("ml-room-data").textContent);
  // ml-storage.js (loaded first) never throws: without storage the session runs, it is just not kept
  var store = window.MLStorage;
  var KEY = "ml-rum:" + data.id;
  var VIEW_KEY = "ml-rum-visning";
  var PLANNER_KEY = "ml-forloebsplan"; // what planner.js keeps in this tab
  var STALE = 12 * 3600 * 1000; // a run left over from another day is not resumed
  var MINUTE = 60000;
  var items = data.items;
  var app = document.getElementById("ml-room");
  var main = app.querySelector(".ml-room-main");
  var pictures = items.some(function (it) { return it.picture; });
  var params = new URLSearchParams(window.location.search);
  var secondWindow = params.get("vis") === "boern" && pictures;
  var view = secondWindow ? "boern" : "leder";
  var state = restore();
  var wakeLock = null;
  var audio = null;

  // --- small helpers -----------------------------------------------------------------

  /** el("p", {className: "x"}, "text", child): text always goes in as text. */
  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (props[k] === null || props[k] === undefined || props[k] === false) return;
      if (k === "className") node.className = props[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), props[k]);
      else node.setAttribute(k, props[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x) node.appendChild(x); });
      else node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function minutesOf(hhmm) {
    var m = /^(\d{1,2})[:.](\d{2})$/.exec(String(hhmm || ""));
    return m && +m[1] < 24 && +m[2] < 60 ? +m[1] * 60 + +m[2] : NaN;
  }

  /** "16.20": Danish clock time. */
  function clock(ms) {
    var d = new Date(ms);
    return pad(d.getHours()) + "." + pad(d.getMinutes());
  }

  function todayAt(hhmm) {
    var d = new Date(Date.now());
    d.setHours(0, 0, 0, 0);
    return d.getTime() + minutesOf(hhmm) * MINUTE;
  }

  /** "12:05" left, or "1:03:00" for an hour or more; "0:00" only when the time is up. */
  function countdown(ms) {
    var s = ms > 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s % 60);
  }

  function minutesText(n) {
    return n + " min.";
  }

  /** For the leaders only (never on the children's screen): the page on what to do when worried about a child. */
  function concern() {
    if (!data.links.concern) return null;
    return el("p", { className: "ml-room-concern" },
      el("a", { href: data.links.concern }, el("strong", null, "Bekymret for et barn?"), " Sådan gør I"));
  }

  function list(tag, texts, className) {
    if (!texts || !texts.length) return null;
    return el(tag, { className: className || "" }, texts.map(function (t) { return el("li", null, t); }));
  }

  // --- state: in this browser only -------------------------------------------------------

  function save() {
    store.setJSON(KEY, state);
  }

  /** The leader's usual start: the planner's time in this tab, else lokal.yml's (from the data). */
  function plannedStart() {
    var plan = store.getJSON(PLANNER_KEY, true);
    var input = plan && plan.input;
    if (input) {
      var t = data.course === "voksne" && !data.joint ? input.voksne_tid : input.boern_tid;
      if (!isNaN(minutesOf(t))) return { time: t, from: "forløbsplanlæggeren" };
    }
    if (data.usual_start) return { time: data.usual_start, from: "kommunens oplysninger (lokal.yml)" };
    return null;
  }

  function restore() {
    var s = store.getJSON(KEY) || {};
    if (!Array.isArray(s.starts)) s.starts = [];
    if (s.running && !(Date.now() - s.starts[0] < STALE)) {
      s.running = false; // yesterday's run: keep the choices, not the progress
      s.done = false;
    }
    var fromLink = params.get("start");
    var planned = plannedStart();
    var start = { time: "", from: "" };
    if (!isNaN(minutesOf(fromLink))) start = { time: fromLink.replace(".", ":"), from: "forløbsplanen" };
    else if (!isNaN(minutesOf(s.start))) start = { time: s.start, from: "sidst" };
    else if (planned) start = planned;
    return {
      start: start.time,
      startFrom: start.from,
      age: ["younger", "middle", "older"].indexOf(s.age) >= 0 ? s.age : "middle",
      sound: Boolean(s.sound),
      running: Boolean(s.running),
      done: Boolean(s.done) && s.starts.length > items.length,
      reached: typeof s.reached === "number" ? s.reached : items.length - 1,
      index: s.running || s.done ? Math.min(Math.max(0, s.index | 0), items.length - 1) : 0,
      starts: s.running || s.done ? s.starts : [],
    };
  }

  // --- the clock times: planned before the start, then following what really happens ------

  /**
   * {start, end} in ms for every item. Before the start: from the start time typed in. While
   * running: the items done keep their real times, the current one runs its minutes from when it
   * began, and the rest follow – so running over or under shifts every clock time after it.
   */
  function schedule(now) {
    var out = [];
    if (!state.running && !state.done) {
      if (isNaN(minutesOf(state.start))) return items.map(function () { return null; });
      var t = todayAt(state.start);
      items.forEach(function (it) {
        out.push({ start: t, end: t + it.minutes * MINUTE });
        t += it.minutes * MINUTE;
      });
      return out;
    }
    items.forEach(function (it, j) {
      var begun = state.starts[j];
      if (state.done || j < state.index) out.push({ start: begun, end: state.starts[j + 1] });
      else if (j === state.index) out.push({ start: begun, end: begun + it.minutes * MINUTE });
      else {
        var at = j === state.index + 1 ? Math.max(out[j - 1].end, now) : out[j - 1].end;
        out.push({ start: at, end: at + it.minutes * MINUTE });
      }
    });
    return out;
  }

  function span(slot) {
    return slot ? clock(slot.start) + "–" + clock(slot.end) : "–";
  }

  function total() {
    return items.reduce(function (n, it) { return n + it.minutes; }, 0);
  }

  // --- moving through the programme --------------------------------------------------------

  function begin() {
    var now = Date.now();
    if (isNaN(minutesOf(state.start))) {
      state.start = pad(new Date(now).getHours()) + ":" + pad(new Date(now).getMinutes());
      state.startFrom = "nu";
    }
    state.running = true;
    state.done = false;
    state.index = 0;
    state.starts = [now];
    state.reached = items.length - 1;
    state.overSaid = false;
    if (state.sound) prepareSound();
    save();
    keepAwake();
    render(true);
  }

  function go(j) {
    if (!state.running || j < 0 || j >= items.length || j === state.index) return;
    var now = Date.now();
    if (j > state.index) {
      for (var k = state.index + 1; k <= j; k++) state.starts[k] = now;
    } else {
      state.starts.length = j + 1; // back to an item: it keeps the time it began
    }
    state.index = j;
    state.overSaid = false;
    save();
    render(true);
  }

  function next() {
    if (!state.running) return;
    if (state.index === items.length - 1) finish();
    else go(state.index + 1);
  }

  function previous() {
    go(state.index - 1);
  }

  function finish() {
    var now = Date.now();
    state.reached = state.index; // ended early ("Afslut"): the items after it were not reached
    for (var k = state.index + 1; k <= items.length; k++) state.starts[k] = now;
    state.running = false;
    state.done = true;
    save();
    release();
    render(true);
  }

  function reset() {
    state.running = false;
    state.done = false;
    state.index = 0;
    state.starts = [];
    save();
    release();
    render(true);
  }

  // --- keeping the screen on (Screen Wake Lock API where the browser has it) ------------------

  function awakeText(text) {
    var box = document.getElementById("ml-room-awake");
    if (box) box.textContent = text;
  }

  function keepAwake() {
    if (!state.running) return;
    if (!("wakeLock" in navigator) || !navigator.wakeLock) {
      awakeText("Denne browser kan ikke holde skærmen tændt. Slå automatisk lås fra, hvis skærmen slukker.");
      return;
    }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      awakeText("Skærmen holdes tændt, mens sessionen kører.");
      lock.addEventListener("release", function () { wakeLock = null; });
    }, function () {
      awakeText("Skærmen kunne ikke holdes tændt lige nu. Slå automatisk lås fra, hvis skærmen slukker.");
    });
  }

  function release() {
    if (wakeLock) wakeLock.release().catch(function () {});
    wakeLock = null;
  }

  // --- sound when time is up: off unless the leader turns it on ------------------------------

  function prepareSound() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    try {
      audio = audio || new Ctx();
      if (audio.resume) audio.resume();
    } catch (e) {
      audio = null;
    }
  }

  function chime() {
    if (!state.sound || !audio) return;
    try {
      var tone = audio.createOscillator(), gain = audio.createGain();
      tone.frequency.value = 660;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.8);
      tone.connect(gain);
      gain.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.8);
    } catch (e) { /* no sound, no harm */ }
  }

  // --- views -------------------------------------------------------------------------------

  function header() {
    var top = app.querySelector(".ml-room-top");
    var tools = top.querySelector(".ml-room-tools") || top.appendChild(el("div", { className: "ml-room-tools" }));
    tools.replaceChildren();
    if (pictures && view === "leder") {
      tools.appendChild(el("button", { type: "button", className: "ml-room-tool", id: "ml-room-to-kids",
        onclick: function () { setView("boern"); } }, "Børnenes dagsprogram"));
    }
    if (view === "leder" && state.running) {
      tools.appendChild(el("button", { type: "button", className: "ml-room-tool", id: "ml-room-finish",
        onclick: finish }, "Afslut"));
    }
    if (view === "leder" && !state.running) {
      tools.appendChild(el("a", { className: "ml-room-tool", href: data.links.session }, "Sessionens side"));
    }
  }

  function setView(v) {
    view = v;
    store.set(VIEW_KEY, v, true);
    render(true);
  }

  function setup() {
    var slots = schedule(Date.now());
    var form = el("form", { className: "ml-room-form", id: "ml-room-form", novalidate: "novalidate" });
    var hintText = state.startFrom && state.startFrom !== "nu" && state.startFrom !== "sidst"
      ? "Forslag fra " + state.startFrom + "." : "Lader du feltet stå tomt, regnes tiden fra, når du trykker start.";
    var startInput = el("input", { type: "time", id: "ml-room-start", name: "start", value: state.start,
      "aria-describedby": "ml-room-start-hint" });
    form.appendChild(el("div", { className: "ml-room-field" },
      el("label", { for: "ml-room-start" }, "Starttidspunkt"), startInput,
      el("span", { className: "ml-room-hint", id: "ml-room-start-hint" }, hintText)));
    startInput.addEventListener("input", function () {
      state.start = startInput.value;
      state.startFrom = "";
      save();
      updatePlan();
    });
    if (data.ages.length) {
      var group = el("fieldset", { className: "ml-room-ages" }, el("legend", null, "Aldersgruppe – vælg den, der passer til hele gruppen"));
      data.ages.forEach(function (a) {
        var id = "ml-room-age-" + a.key;
        var radio = el("input", { type: "radio", name: "age", id: id, value: a.key });
        radio.checked = state.age === a.key;
        radio.addEventListener("change", function () { state.age = a.key; save(); });
        group.appendChild(el("div", { className: "ml-room-choice" }, radio, el("label", { for: id }, a.name + " (" + a.years + ")")));
      });
      form.appendChild(group);
    }
    var sound = el("input", { type: "checkbox", id: "ml-room-sound" });
    sound.checked = state.sound;
    sound.addEventListener("change", function () { state.sound = sound.checked; save(); });
    form.appendChild(el("div", { className: "ml-room-choice" }, sound,
      el("label", { for: "ml-room-sound" }, "Spil en lyd, når tiden for et punkt er gået")));
    form.appendChild(el("button", { type: "submit", className: "ml-room-primary", id: "ml-room-begin" }, "Start sessionen"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      begin();
    });

    var plan = el("ol", { className: "ml-room-plan", id: "ml-room-plan" }, items.map(function (it, j) {
      return el("li", null, el("span", { className: "ml-room-clock", "data-slot": String(j) }, span(slots[j])),
        el("span", { className: "ml-room-minutes" }, minutesText(it.minutes)), el("span", { className: "ml-room-what" }, it.title));
    }));
    var materials = data.materials.length ? el("details", { className: "ml-room-materials" },
      el("summary", null, "Materialer til hele sessionen"), list("ul", data.materials)) : null;
    return el("section", { className: "ml-room-setup", "aria-labelledby": "ml-room-setup-title" },
      el("h2", { id: "ml-room-setup-title", tabindex: "-1" }, "Gør klar"),
      form,
      el("h2", null, "Programmet"),
      plan,
      el("p", { className: "ml-room-sum", id: "ml-room-sum" }, sumText(slots)),
      materials,
      el("p", { className: "ml-room-links" }, el("a", { href: data.links.session }, "Sessionens side"), " · ",
        el("a", { href: data.links.pack }, "Printpakke (PDF)")),
      concern());
  }

  function sumText(slots) {
    var last = slots[slots.length - 1];
    return total() + " minutter i alt" + (last ? ", slut kl. " + clock(last.end) + "." : ".");
  }

  function updatePlan() {
    var slots = schedule(Date.now());
    main.querySelectorAll("[data-slot]").forEach(function (node) {
      node.textContent = span(slots[+node.getAttribute("data-slot")]);
    });
    var sum = document.getElementById("ml-room-sum");
    if (sum) sum.textContent = sumText(slots);
  }

  function strip(slots) {
    return el("nav", { className: "ml-room-strip", "aria-label": "Sessionens punkter" },
      el("ol", null, items.map(function (it, j) {
        var button = el("button", { type: "button", className: "ml-room-step" + (j < state.index ? " is-done" : ""),
          onclick: function () { go(j); } },
          el("span", { className: "ml-room-clock", "data-start": String(j) }, clock(slots[j].start)),
          el("span", { className: "ml-room-step-name" }, it.short || it.title));
        if (j === state.index) button.setAttribute("aria-current", "step");
        return el("li", null, button);
      })));
  }

  /** An activity in two columns (one on narrow screens): what to do, and what to say and watch. */
  function activityParts(a) {
    var doing = [], out = [];
    if (a.purpose) doing.push(el("p", { className: "ml-room-purpose" }, a.purpose));
    doing.push(el("h3", null, "Sådan gør I"), list("ol", a.steps, "ml-room-steps"));
    if (a.say.length) out.push(el("div", { className: "ml-room-say" }, el("h3", null, "Det kan I sige"), list("ul", a.say)));
    if (a.watch.length) out.push(el("div", { className: "ml-room-watch" }, el("h3", null, "Hold øje med"), list("ul", a.watch)));
    if (a.adapt) {
      var chosen = data.ages.filter(function (g) { return g.key === state.age; })[0];
      var others = data.ages.filter(function (g) { return g.key !== state.age; });
      out.push(el("div", { className: "ml-room-age", id: "ml-room-age" },
        el("h3", null, "Til gruppen: " + chosen.name.toLowerCase() + " (" + chosen.years + ")"),
        el("p", null, a.adapt[chosen.key]),
        el("details", null, el("summary", null, "De andre aldersgrupper"), others.map(function (g) {
          return el("p", null, el("strong", null, g.name + " (" + g.years + "): "), a.adapt[g.key]);
        }))));
    }
    if (a.materials.length || a.sheets.length) {
      out.push(el("div", { className: "ml-room-things" }, el("h3", null, "Materialer til punktet"),
        list("ul", a.materials.concat(a.sheets.map(function (s) { return "Ark: " + s; })))));
    }
    return [el("div", { className: "ml-room-doing" }, doing), el("div", { className: "ml-room-aside" }, out)];
  }

  function running() {
    var now = Date.now();
    var slots = schedule(now);
    var it = items[state.index];
    var last = state.index === items.length - 1;
    var timer = el("div", { className: "ml-room-timer", id: "ml-room-timer", role: "timer", "aria-labelledby": "ml-room-timer-label" },
      el("span", { className: "ml-room-left", id: "ml-room-left" }, ""),
      el("span", { className: "ml-room-timer-label", id: "ml-room-timer-label" }, ""),
      el("span", { className: "ml-room-bar" }, el("span", { className: "ml-room-bar-fill", id: "ml-room-bar" })));
    var body = [];
    if (it.note) body.push(el("p", { className: "ml-room-note" }, it.note));
    if (it.activity) body.push(el("div", { className: "ml-room-activity" }, activityParts(it.activity)));
    var section = el("section", { className: "ml-room-item", "aria-labelledby": "ml-room-item-title" },
      el("div", { className: "ml-room-item-head" },
        el("p", { className: "ml-room-count" }, "Punkt " + (state.index + 1) + " af " + items.length + " · ",
          el("span", { className: "ml-room-clock", id: "ml-room-now-slot", "data-slot": String(state.index) }, span(slots[state.index])),
          " · " + minutesText(it.minutes)),
        el("h2", { id: "ml-room-item-title", tabindex: "-1" }, it.title),
        timer),
      el("div", { className: "ml-room-body" }, body));
    var nav = el("div", { className: "ml-room-nav" },
      el("button", { type: "button", className: "ml-room-prev", id: "ml-room-prev", onclick: previous,
        disabled: state.index === 0 ? "disabled" : null }, "‹ Forrige"),
      el("button", { type: "button", className: "ml-room-next", id: "ml-room-next", onclick: next },
        el("span", { className: "ml-room-dir" }, last ? "Afslut sessionen" : "Næste ›"),
        last ? null : el("span", { className: "ml-room-next-name" }, items[state.index + 1].short || items[state.index + 1].title)));
    return [strip(slots), section, nav,
      el("p", { className: "ml-room-status" }, el("span", { id: "ml-room-end" }, ""), " ",
        el("span", { id: "ml-room-awake" }, "")),
      concern(),
      el("p", { className: "ml-visually-hidden", id: "ml-room-alert", "aria-live": "polite" }, "")];
  }

  function finished() {
    var slots = schedule(Date.now());
    var used = Math.round((state.starts[items.length] - state.starts[0]) / MINUTE);
    return el("section", { className: "ml-room-done", "aria-labelledby": "ml-room-done-title" },
      el("h2", { id: "ml-room-done-title", tabindex: "-1" }, "Sessionen er slut"),
      el("p", null, "Planlagt: " + total() + " minutter. Brugt: " + used + " minutter (kl. " +
        clock(state.starts[0]) + "–" + clock(state.starts[items.length]) + ")."),
      el("ol", { className: "ml-room-plan" }, items.map(function (it, j) {
        var real = Math.round((slots[j].end - slots[j].start) / MINUTE);
        var reached = j <= state.reached;
        return el("li", null, el("span", { className: "ml-room-clock" }, reached ? span(slots[j]) : "–"),
          el("span", { className: "ml-room-minutes" }, reached ? real + " af " + it.minutes + " min." : "ikke nået"),
          el("span", { className: "ml-room-what" }, it.title));
      })),
      el("p", { className: "ml-room-links" },
        el("button", { type: "button", className: "ml-room-primary", onclick: reset }, "Nulstil til næste gang"), " ",
        el("a", { href: data.links.session }, "Sessionens side")));
  }

  /** Dagsprogram til børnene: the day as big pictograms, the current step marked. */
  function children() {
    var slots = schedule(Date.now());
    var current = state.running ? state.index : -1;
    // landscape: two rows from five steps on; the sizes follow from the counts (room.css)
    var cols = items.length <= 4 ? items.length : Math.ceil(items.length / 2);
    var cards = el("ol", { className: "ml-room-cards", id: "ml-room-cards",
      style: "--n:" + items.length + ";--cols:" + cols + ";--rows:" + Math.ceil(items.length / cols) }, items.map(function (it, j) {
      var done = state.done || (state.running && j < current);
      var cls = "ml-room-card" + (j === current ? " is-current" : "") + (done ? " is-done" : "") +
        (j === current + 1 && state.running ? " is-next" : "");
      var li = el("li", { className: cls },
        it.picture ? el("img", { src: it.picture.src, alt: "", className: "ml-room-picto" }) : el("span", { className: "ml-room-picto" }),
        el("span", { className: "ml-room-card-name" }, it.short || it.title),
        el("span", { className: "ml-room-card-time", "data-start": String(j) }, slots[j] ? clock(slots[j].start) : ""),
        j === current ? el("span", { className: "ml-room-badge" }, "Nu") : done ? el("span", { className: "ml-room-badge" }, "Færdig") : null);
      if (j === current) li.setAttribute("aria-current", "step");
      return li;
    }));
    var tools = el("p", { className: "ml-room-kids-tools" });
    if (!secondWindow) {
      tools.appendChild(el("button", { type: "button", className: "ml-room-tool", id: "ml-room-to-leader",
        onclick: function () { setView("leder"); } }, "Tilbage til gruppelederens visning"));
      tools.appendChild(el("a", { className: "ml-room-tool", href: "?vis=boern", target: "_blank", rel: "noopener" },
        "Åbn i nyt vindue (projektor)"));
    }
    if (document.fullscreenEnabled) {
      tools.appendChild(el("button", { type: "button", className: "ml-room-tool", onclick: function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else app.requestFullscreen().catch(function () {});
      } }, "Fuld skærm"));
    }
    return el("section", { className: "ml-room-kids", "aria-labelledby": "ml-room-kids-title" },
      el("h2", { id: "ml-room-kids-title", tabindex: "-1" }, "Dagens program"), cards, tools);
  }

  /**
   * The children's cards: no word may be split across lines. A column already grows to its longest
   * word (room.css); where the screen is still too narrow, every card's words step down in size
   * together until each word fits on its line – never below the smallest step.
   */
  var FIT_STEPS = [1, 0.92, 0.85, 0.78, 0.72, 0.66];
  function fitNames() {
    var list = document.getElementById("ml-room-cards");
    if (!list) return;
    var cards = [].slice.call(list.children);
    for (var i = 0; i < FIT_STEPS.length; i++) {
      list.style.setProperty("--fit", String(FIT_STEPS[i]));
      // layout boxes (offset*), not scrollWidth: the current card is scaled up and may reach past the edge
      var left = Math.min.apply(null, cards.map(function (c) { return c.offsetLeft; }));
      var right = Math.max.apply(null, cards.map(function (c) { return c.offsetLeft + c.offsetWidth; }));
      var fits = right - left <= list.clientWidth + 1 && cards.every(function (c) {
        var n = c.querySelector(".ml-room-card-name");
        return n.scrollWidth <= n.clientWidth + 1;
      });
      if (fits) return;
    }
  }

  function render(moveFocus) {
    document.body.classList.toggle("is-kids", view === "boern");
    document.body.classList.toggle("is-running", state.running);
    header();
    var parts = view === "boern" ? [children()] : state.running ? running() : state.done ? [finished()] : [setup()];
    main.replaceChildren.apply(main, [].concat(parts));
    fitNames();
    tick();
    if (state.running && !wakeLock) keepAwake();
    if (moveFocus) {
      var heading = main.querySelector("h2");
      window.scrollTo(0, 0);
      if (heading) heading.focus({ preventScroll: true });
    }
  }

  /** Every second: the countdown, and the clock times that move when the item runs over. */
  function tick() {
    var now = Date.now();
    if (!state.running) return;
    var slots = schedule(now);
    var slot = slots[state.index];
    var left = slot.end - now;
    main.querySelectorAll("[data-start]").forEach(function (node) {
      node.textContent = clock(slots[+node.getAttribute("data-start")].start);
    });
    main.querySelectorAll("[data-slot]").forEach(function (node) {
      node.textContent = span(slots[+node.getAttribute("data-slot")]);
    });
    var timer = document.getElementById("ml-room-timer");
    if (!timer) return;
    var over = left <= 0;
    timer.classList.toggle("is-over", over);
    timer.classList.toggle("is-soon", !over && left <= MINUTE);
    document.getElementById("ml-room-left").textContent = (over ? "+" : "") + countdown(left);
    document.getElementById("ml-room-timer-label").textContent = over ? "Tiden er gået – over tid" : "tilbage";
    var fill = document.getElementById("ml-room-bar");
    fill.style.width = Math.min(100, Math.max(0, 100 * (now - slot.start) / (slot.end - slot.start))) + "%";
    var planned = isNaN(minutesOf(state.start)) ? state.starts[0] + total() * MINUTE
      : Math.max(todayAt(state.start), state.starts[0]) + total() * MINUTE;
    var end = slots[slots.length - 1].end;
    var diff = Math.round((end - planned) / MINUTE);
    document.getElementById("ml-room-end").textContent = "Slut ca. kl. " + clock(end) +
      (diff > 0 ? " (" + diff + " min. efter planen)." : diff < 0 ? " (" + -diff + " min. før planen)." : " (som planlagt).");
    if (over && !state.overSaid) {
      state.overSaid = true;
      save();
      document.getElementById("ml-room-alert").textContent = "Tiden for " + items[state.index].title + " er gået.";
      chime();
    }
  }

  // --- input: tap, swipe, keys; and a second window following along ---------------------------

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    if (ev.key === "ArrowRight" || ev.key === "PageDown") {
      ev.preventDefault();
      next();
    } else if (ev.key === "ArrowLeft" || ev.key === "PageUp") {
      ev.preventDefault();
      previous();
    } else if (ev.key === "Escape" && view === "boern" && !secondWindow) {
      setView("leder");
    }
  });

  // on the whole page, not only the item: below a short item the screen is blank, and a swipe there counts too
  var touch = null;
  document.addEventListener("touchstart", function (ev) {
    touch = ev.touches.length === 1 ? { x: ev.touches[0].clientX, y: ev.touches[0].clientY } : null;
  }, { passive: true });
  document.addEventListener("touchend", function (ev) {
    if (!touch || !ev.changedTouches.length) return;
    var dx = ev.changedTouches[0].clientX - touch.x, dy = ev.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) < 60 || Math.abs(dx) < 2 * Math.abs(dy)) return; // a scroll, not a swipe
    if (ev.target.closest && ev.target.closest(".ml-room-strip")) return; // the strip scrolls sideways
    if (dx < 0) next();
    else previous();
  }, { passive: true });

  window.addEventListener("resize", fitNames); // a projector window resized, a tablet turned

  window.addEventListener("storage", function (ev) {
    if (ev.key !== KEY) return;
    var fresh = restore();
    fresh.start = state.start;
    state = fresh;
    render(false);
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && state.running && !wakeLock) keepAwake();
  });

  if (!secondWindow && pictures && store.get(VIEW_KEY, true) === "boern") view = "boern";
  render(false);
  app.setAttribute("data-ready", "true");
  window.setInterval(tick, 1000);
})();

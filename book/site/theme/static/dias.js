// Mestringsluppen: starts a slide deck (book/site/slides.py) with reveal.js and its notes plugin,
// both vendored in _static/vendor/reveal. Keys: arrows/space/PageDown (clickers), S speaker view,
// F full screen, T starts/stops the current slide's countdown. Nothing is sent anywhere.
(() => {
  const pad = (n) => String(n).padStart(2, "0");
  const show = (s) => `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;

  // A countdown for an exercise: visual only (no sound), shows when the time is up.
  function setupTimer(box) {
    const total = Number(box.dataset.seconds) || 0;
    let left = total, ticking = null;
    const display = document.createElement("span");
    display.className = "ml-timer-display";
    display.setAttribute("role", "timer");
    const toggle = document.createElement("button");
    toggle.type = "button";
    const reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Forfra";
    const render = () => {
      display.textContent = left > 0 ? show(left) : "Tiden er gået";
      toggle.textContent = ticking ? "Pause" : (left === total ? "Start" : "Fortsæt");
      box.classList.toggle("is-running", Boolean(ticking));
      box.classList.toggle("is-done", left <= 0);
    };
    const stop = () => { clearInterval(ticking); ticking = null; render(); };
    const start = () => {
      if (left <= 0) left = total;
      ticking = setInterval(() => { left -= 1; if (left <= 0) { left = 0; stop(); } else render(); }, 1000);
      render();
    };
    box.mlToggle = () => (ticking ? stop() : start());
    toggle.addEventListener("click", box.mlToggle);
    reset.addEventListener("click", () => { stop(); left = total; render(); });
    box.append(display, toggle, reset);
    render();
  }

  document.querySelectorAll(".ml-timer").forEach(setupTimer);
  const receiver = /[?&]receiver\b/.test(location.search);
  if (receiver) document.documentElement.classList.add("ml-receiver");

  // --- the speaker view (S) in Danish --------------------------------------------------------
  // reveal.js's notes plugin (vendored unchanged) writes its speaker view into a new window in
  // English, with a 12-hour clock and an "Upcoming" label over the next slide's title. Its words,
  // clock and that label are set right here, in the window it opens, after it has written it.
  const SPEAKER_WORDS = {
    "Upcoming": "Næste dias",
    "Time": "Tid",
    "Click to Reset": "Klik for at starte forfra",
    "Notes": "Noter",
    "Loading speaker view...": "Henter talerens visning …",
    "Default": "Standard",
    "Wide": "Bred",
    "Tall": "Høj",
    "Notes only": "Kun noter",
    "Pacing – Time to finish current slide": "Tempo – tid til at gøre dette dias færdigt",
    "0:00 AM": "",  // the clock's placeholder until its first tick
  };
  const SPEAKER_CSS = `
    #upcoming-slide { padding-top: 34px; }
    #upcoming-slide .label { top: 0; left: 0; right: 0; }
    #upcoming-slide iframe { height: calc(100% - 34px); }`;

  function speakerInDanish(win) {
    const doc = win.document;
    if (!doc || !doc.body || doc.documentElement.dataset.mlDanish) return;
    doc.documentElement.dataset.mlDanish = "true";
    doc.documentElement.lang = "da";
    doc.title = `Talerens visning – ${document.title}`;
    const style = doc.createElement("style");
    style.textContent = SPEAKER_CSS;
    doc.head.appendChild(style);
    const icon = document.querySelector("link[rel~='icon']");
    if (icon) {
      const link = doc.createElement("link");
      link.rel = "icon";
      link.href = icon.href;  // absolute: the speaker window has no address of its own
      doc.head.appendChild(link);
    }
    // the clock: 24 hours, as on every Danish clock
    const toTime = win.Date.prototype.toLocaleTimeString;
    win.Date.prototype.toLocaleTimeString = function () {
      return toTime.call(this, "da-DK", { hour: "2-digit", minute: "2-digit" });
    };
    const translate = (root) => {
      const walk = doc.createTreeWalker(root, win.NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const said = n.nodeValue.trim();
        const layout = /^Layout: (.+)$/.exec(said);  // the layout menu's label: "Layout: Default"
        if (SPEAKER_WORDS[said]) n.nodeValue = n.nodeValue.replace(said, SPEAKER_WORDS[said]);
        else if (layout) n.nodeValue = `Visning: ${SPEAKER_WORDS[layout[1]] || layout[1]}`;
      }
    };
    translate(doc.body);
    new win.MutationObserver((changes) => changes.forEach((c) => {
      if (c.type === "characterData") translate(c.target.parentNode || doc.body);
      c.addedNodes.forEach((node) => translate(node.nodeType === 1 ? node : node.parentNode || doc.body));
    })).observe(doc.body, { childList: true, subtree: true, characterData: true });
  }

  if (!receiver) {
    const open = window.open.bind(window);
    window.open = function (url, name, features) {
      const win = open(url, name, features);
      // the plugin writes the window's page right after opening it: translate once that is done
      if (win && /notes/i.test(String(name))) setTimeout(() => speakerInDanish(win), 0);
      return win;
    };
    const alarm = window.alert.bind(window);
    window.alert = (message) => alarm(/^Speaker view popup failed/.test(String(message))
      ? "Talerens visning kunne ikke åbne i et nyt vindue. Tillad pop op-vinduer for siden, og tryk på S igen."
      : message);
  }

  Reveal.initialize({
    hash: true,
    controls: true,
    progress: true,
    slideNumber: "c/t",
    center: false,
    transition: "none",        // a projector in a bright room: no motion
    width: 1280,
    height: 800,
    margin: 0.06,
    plugins: [RevealNotes],
  }).then(() => {
    Reveal.addKeyBinding({ keyCode: 84, key: "T", description: "Start/stop nedtællingen" }, () => {
      const box = Reveal.getCurrentSlide().querySelector(".ml-timer");
      if (box && box.mlToggle) box.mlToggle();
    });
    const first = () => document.documentElement.classList.toggle("ml-first-slide", Reveal.isFirstSlide());
    Reveal.on("slidechanged", first);
    first();
    document.documentElement.dataset.deckReady = "true";
  });
})();

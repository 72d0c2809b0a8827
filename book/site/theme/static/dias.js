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

// Mestringsluppen: small enhancements that need the finished page.

// The site has no light/dark switch (templates/theme-switcher.html): it follows the device. A mode
// chosen with the switch an earlier version had ("light" or "dark") would otherwise hold forever.
try {
  const stored = localStorage.getItem("mode");
  if (stored && stored !== "auto") {
    localStorage.setItem("mode", "auto");
    const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.dataset.mode = "auto";
    document.documentElement.dataset.theme = dark ? "dark" : "light";
  }
} catch (e) {
  // storage may be refused (private windows, settings): then nothing was stored either
}

document.addEventListener("DOMContentLoaded", () => {
  // The themes wire only the first .primary-/.secondary-toggle (the hidden header one);
  // pass clicks on the visible article-header buttons on to it, so the menu opens on phones.
  for (const kind of ["primary", "secondary"]) {
    const [wired, ...others] = document.querySelectorAll(`.${kind}-toggle`);
    others.forEach((button) => button.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation();
      wired.click();
    }));
  }

  // The theme's expand/collapse toggles in the navigation have no accessible name.
  document.querySelectorAll("nav details > summary").forEach((summary) => {
    if (summary.getAttribute("aria-label")) return;
    const link = summary.parentElement.parentElement.querySelector(":scope > a");
    const name = link ? link.textContent.trim() : "afsnittet";
    summary.setAttribute("aria-label", `Vis eller skjul undersider til ${name}`);
  });

  // Wide tables scroll sideways inside their box: on this screen, say so above the ones that do,
  // and shade the edge that hides more of the table.
  const hint = (box) => {
    const wide = box.scrollWidth > box.clientWidth + 2;
    const frame = box.parentElement.classList.contains("ml-scroll-frame") ? box.parentElement : null;
    if (wide && !frame) {
      const wrap = document.createElement("div");
      wrap.className = "ml-scroll-frame";
      const p = document.createElement("p");
      p.className = "ml-scroll-hint";
      p.textContent = "Tabellen er bredere end skærmen – stryg sidelæns for at se resten →";
      box.before(p);
      box.before(wrap);
      wrap.append(box);
      const edge = () => wrap.classList.toggle("ml-scrolled-to-end",
        box.scrollLeft + box.clientWidth >= box.scrollWidth - 2);
      box.addEventListener("scroll", edge, { passive: true });
      edge();
    } else if (!wide && frame) {
      frame.previousElementSibling?.classList.contains("ml-scroll-hint") && frame.previousElementSibling.remove();
      frame.replaceWith(box);
    }
  };
  const boxes = document.querySelectorAll(".pst-scrollable-table-container");
  if (boxes.length && "ResizeObserver" in window) {
    const watch = new ResizeObserver((entries) => entries.forEach((e) => hint(e.target)));
    boxes.forEach((box) => watch.observe(box));
  }
});

// Mestringsluppen: small enhancements that need the finished page.
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
});

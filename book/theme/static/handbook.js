// Mestringsluppen: small enhancements that need the finished page.
document.addEventListener("DOMContentLoaded", () => {
  // The theme's expand/collapse toggles in the navigation have no accessible name.
  document.querySelectorAll("nav details > summary").forEach((summary) => {
    if (summary.getAttribute("aria-label")) return;
    const link = summary.parentElement.parentElement.querySelector(":scope > a");
    const name = link ? link.textContent.trim() : "afsnittet";
    summary.setAttribute("aria-label", `Vis eller skjul undersider til ${name}`);
  });
});

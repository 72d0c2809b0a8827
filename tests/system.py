"""The system programs the tests need, with the Debian packages that bring them: one list.

``conftest.py`` checks them before a test runs (one Danish line and the ``apt-get install`` line
for what is missing, instead of tracebacks in the middle of the run); ``.ci/run`` installs the
packages it prints (``python3 tests/system.py``); a test checks that README.md names them all.
Standard library only: ``.ci/run`` runs it before the virtual environment exists.
"""
from __future__ import annotations

import ctypes.util
import shutil
import sys
from pathlib import Path

# what, how to find it, the Debian packages, what the tests use it for
REQUIREMENTS = (
    # Debian's build of Chromium without its window (the same Blink as the chromium package): what Playwright
    # runs headless by default; the whole browser, headless, spent twice the CPU on the same pages (the suite is
    # CPU-bound)
    ("chromium-headless-shell", lambda: Path("/usr/bin/chromium-headless-shell").exists(),
     ("chromium-headless-shell",), "browsertestene"),
    ("java", lambda: shutil.which("java"), ("default-jre-headless",), "HTML-valideringen (Nu Html Checker)"),
    ("node", lambda: shutil.which("node"), ("nodejs",), "planlæggerens datoberegninger"),
    ("pdftotext", lambda: shutil.which("pdftotext"), ("poppler-utils",), "at læse teksten i PDF'erne"),
    ("Pango", lambda: ctypes.util.find_library("pango-1.0") and ctypes.util.find_library("pangoft2-1.0"),
     ("libpango-1.0-0", "libpangoft2-1.0-0"), "PDF'erne (WeasyPrint)"),
    ("DejaVu-skrifterne", lambda: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
     ("fonts-dejavu-core",), "PDF'ernes skrift"),
)


def packages() -> list[str]:
    return [p for *_n, pkgs, _u in REQUIREMENTS for p in pkgs]


def missing() -> list[tuple[str, tuple[str, ...], str]]:
    return [(name, pkgs, use) for name, found, pkgs, use in REQUIREMENTS if not found()]


def message(gone: list[tuple[str, tuple[str, ...], str]]) -> str:
    """One line naming what is missing, and the line that installs it."""
    what = "; ".join(f"{name} (til {use})" for name, _p, use in gone)
    return (f"Testene mangler systemprogrammer: {what}. Installér dem med: "
            f"apt-get install {' '.join(p for _n, pkgs, _u in gone for p in pkgs)}")


if __name__ == "__main__":  # the Debian packages (with --missing: of what is not on this machine)
    print(" ".join(p for _n, pkgs, _u in missing() for p in pkgs) if "--missing" in sys.argv else " ".join(packages()))

"""Which edition this is: the version (pyproject) and the build date, said in Danish.

The site's footer, the handbook PDF's cover and the accessibility statement all show them.
"""
from __future__ import annotations

import datetime as dt
import os

from ..paths import PROJECT

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


def version() -> str:
    """The handbook's version: pyproject.toml when we run from the project, else the installed package."""
    pyproject = PROJECT / "pyproject.toml"
    if pyproject.exists():
        import tomllib
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed
    try:
        return installed("mestringsluppen")
    except PackageNotFoundError:
        return "ukendt"


def build_date(now: dt.date | None = None) -> str:
    """Today in Danish ('21. november 2026'); SOURCE_DATE_EPOCH makes builds reproducible."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch
               else dt.date.today())
    return f"{now.day}. {MONTHS[now.month - 1]} {now.year}"

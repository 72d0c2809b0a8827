"""Danish interface strings: compile our catalog so Sphinx uses it before its own.

Sphinx reads ``locale_dirs`` before any extension loads, so the catalog is
compiled by the build command and passed in as a configuration override.
"""
from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..paths import THEME

SOURCE = THEME / "locale"


def compile_catalogs(dest: Path) -> Path:
    """Write every .po under book/theme/locale as .mo under ``dest``; return ``dest``."""
    for po in SOURCE.rglob("*.po"):
        mo = dest / po.relative_to(SOURCE).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalog = read_po(fh, locale="da")
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
    return dest

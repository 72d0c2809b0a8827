"""The versions of other projects that our patches of their internals were written for.

``book/site/_compat.py`` and ``book/print/_compat.py`` pin the packages they reach into; a build
checks them first and stops with one Danish line per package that differs, so an upgrade is a
decision someone makes with the patch in front of them – not a quiet change in the output.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def mismatches(pins: dict[str, str], module: str) -> list[str]:
    """One line per pinned package whose installed version differs."""
    out = []
    for package, pinned in pins.items():
        found = installed(package)
        if found != pinned:
            out.append(f"{module} er skrevet til {package} {pinned}, men {found or 'ingen version'} er installeret: "
                       f"tjek rettelserne i filen, før du opgraderer (eller installér {package}=={pinned})")
    return out

"""``{lokal}`kommune``` – the municipality's own details in letters, or a line to fill in.

Values come from ``lokal.yml`` (validated in :mod:`book.model`). A missing value
prints as a clear blank line, so a sheet is useful before anyone configures it.
Values are text nodes, so markup in a value is shown as text, never run.
"""
from __future__ import annotations

from docutils import nodes

from .model import LocalSettings

BLANK = "_" * 24


def lokal_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    key = text.strip()
    if key not in LocalSettings.model_fields:
        msg = inliner.reporter.error(
            f"{{lokal}}`{key}` er ikke en lokal oplysning; brug en af: {', '.join(LocalSettings.model_fields)}",
            line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    value = getattr(inliner.document.settings.env.app.ml_handbook.local, key)
    if value:
        # the municipality's text is shown exactly as written: no typographic quotes
        return [nodes.inline(text=value, classes=["ml-local", f"ml-lokal-{key}"], support_smartquotes=False)], []
    # the key class lets the course planner fill the line in the browser
    return [nodes.inline(text=BLANK, classes=["ml-blank", f"ml-lokal-{key}"])], []


def setup(app) -> None:
    app.add_role("lokal", lokal_role)

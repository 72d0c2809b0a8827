"""A page removed from the sources leaves the site.

Sphinx writes only what changed and never deletes: a page taken out of ``_toc.yml`` (or a session's
room page, a deck) would stay in the build folder – published, searchable by its address and cached
by every visitor's offline copy (``sw.js`` lists the folder). After a build that succeeded, every
HTML file that is neither a page of the book nor a page written by this build is removed.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def note_page(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    keep_page(app, pagename)


def keep_page(app: Sphinx, pagename: str) -> None:
    """``pagename`` belongs to this build, written now or left as it was (a deck that did not change)."""
    app.__dict__.setdefault("ml_written", set()).add(pagename)


def remove_stale(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if not getattr(app, "ml_written", None):
        # Sphinx found nothing out of date and wrote nothing – not even the pages the extension adds
        # (room pages, decks): the folder is as the last build left it, and nothing in it is stale.
        # (A build for the PDFs after one without them did exactly that, and took every room page and deck.)
        return
    builder, outdir = app.builder, Path(app.outdir)
    keep = {Path(builder.get_outfilename(d)).resolve() for d in app.env.found_docs}
    keep |= {Path(builder.get_outfilename(p)).resolve() for p in getattr(app, "ml_written", ())}
    for page in outdir.rglob("*.html"):
        if page.resolve() not in keep and not page.relative_to(outdir).parts[0].startswith("_"):
            page.unlink()


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", note_page)
    app.connect("build-finished", remove_stale, priority=100)  # before the search data and the theme's CSS purge

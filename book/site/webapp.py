"""The handbook as an installable web app that works offline: what every page needs for it.

Every page links the web app manifest (Danish name, icons; ``_static/manifest.json``) and loads
``offline.js``, which registers the service worker after the page has loaded, and ``ml-storage.js`` first
of its scripts (all deferred, :mod:`.assets`), so a browser that keeps no site data never stops one. The service worker
itself, ``sw.js`` with the list of every file to store, is written by :mod:`book.offline` at the
end of the build, after the PDFs, so it sees the finished site; the site layer only links to it.
"""
from __future__ import annotations

from ..paths import THEME, digest

THEME_COLOR = "#0b5c6b"
# The first script a page runs, before the themes' (see the file's own comment; the colour mode's inline
# script in templates/layout.html guards itself). The room pages and slide decks load it in their <head>.
STORAGE_SCRIPT = "ml-storage.js"


def stamp(static_name: str) -> str:
    """``?v=`` and the theme file's content hash, so a browser never runs an old copy (the bytes only: the
    same wherever the project lives)."""
    return "?v=" + digest([(THEME / "static" / static_name).read_bytes()])[:8]


def add_head(app, pagename: str, templatename, context, doctree) -> None:
    """The manifest, the theme colour and the icon a tablet shows when the handbook is put on its home screen."""
    pathto = context.get("pathto")
    if pathto is None:
        return
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="manifest" href="{pathto("_static/manifest.json", 1)}" />'
        f'\n<meta name="theme-color" content="{THEME_COLOR}" />'
        f'\n<link rel="apple-touch-icon" href="{pathto("_static/icons/icon-192.png", 1)}" />')


def setup(app) -> None:
    app.add_js_file(STORAGE_SCRIPT, loading_method="defer", priority=1)
    app.add_js_file("offline.js", loading_method="defer")
    app.connect("html-page-context", add_head)

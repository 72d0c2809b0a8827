"""Kør sessionen – the room mode: a session run live from a tablet, one programme item at a time.

Each session gets a page of its own, ``…/session-3-rum.html``, written by the builder from the
session's data (like Sphinx's search page) rather than a mode of the session page:

* in the room the screen shows one item in large type, without the theme's header, sidebars
  and 150 KB of theme CSS and JavaScript, so it is light and readable at arm's length;
* it has an address of its own, so the planner can link each dated session to it (with the
  planned start time) and a leader can bookmark it or open a second window for the projector;
* it works from file:// and offline: the session's data is inlined as JSON and the scripts are
  classic scripts (no modules, no fetch).

The session page links to it with a "Kør sessionen" button at its top. The leader's screens (never the
children's) link "Når du er bekymret for et barn" (:mod:`book.site.concern`). The data comes from
:func:`book.data.room.room_programme`, the same form the printed day programme reads. Progress
is kept in the browser only (``localStorage``); nothing is sent anywhere.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util.osutil import relative_uri

from ..contract import SCREEN_ONLY
from ..data.handbook import COURSE_LABELS
from ..data.pictograms import PICTO_DIR, svg_title
from ..data.room import room_programme
from ..paths import pack_pdf, pdf_url
from .concern import PAGE as CONCERN_PAGE
from .context import OBJECT_PAGE, handbook
from .nodes import para, script_json
from .webapp import stamp

SUFFIX = "-rum"
TEMPLATE = "ml-room.html"
PICTO_STATIC = "_static/piktogrammer"  # the pictograms the room pages show, copied once
DATA_ID = "ml-room-data"
ASSETS = ("ml-storage.js", "room.css", "room.js", "offline.js")


def room_page(docname: str) -> str:
    """The room page's name beside the session page: ``content/guides/boern/session-3-rum``."""
    return docname + SUFFIX


def room_button(app, env, sec: nodes.section, kind: str, ident: str) -> None:
    """At the top of a session page: "Kør sessionen" (screen only; the PDFs leave it out)."""
    if kind != "session":
        return
    box = nodes.container(classes=["ml-room-link", SCREEN_ONLY])
    target = room_page(env.docname).rsplit("/", 1)[-1] + ".html"
    # only the children's sessions have the pictogram view (book.data.room: no ages or pictures for adults)
    children = handbook(env).sessions[ident].course == "boern"
    box += para(nodes.reference("", "Kør sessionen", refuri=target,
                                classes=["ml-room-button", "sd-btn", "sd-btn-primary"]),
                " – ét punkt ad gangen i stor skrift, med klokkeslæt og nedtælling"
                + (" og børnenes dagsprogram." if children else "."))
    sec.insert(1, box)


def export(app, docname: str, session_id: str) -> dict:
    """The room page's data: the programme from the data layer, with pictures and links for this page."""
    book = handbook(app)
    s = book.sessions[session_id]
    data = room_programme(book, s)
    page = room_page(docname)
    for item in data["items"]:
        name = item.pop("picto")
        svg = Path(app.srcdir) / PICTO_DIR / f"{name}.svg"
        item["picture"] = {"src": _relative(app, page, f"{PICTO_STATIC}/{name}.svg"), "alt": svg_title(svg)} \
            if name and svg.exists() else None
    data["label"] = f"{COURSE_LABELS[s.course]} · session {s.number}" + (" · fælles afslutning" if s.joint else "")
    data["links"] = {"session": docname.rsplit("/", 1)[-1] + ".html", "pack": pdf_url(docname, pack_pdf(s.id)),
                     "concern": relative_uri(app.builder.get_target_uri(page),
                                             app.builder.get_target_uri(CONCERN_PAGE))}  # leaders' screens only
    return data


def _relative(app, page: str, target: str) -> str:
    """A file of the site (``_static/…``) as a URL relative to a page."""
    return relative_uri(app.builder.get_target_uri(page), target)


def versioned(app, page: str, static_name: str) -> str:
    """A theme file's URL from the page, with its content hash so a browser never runs an old copy."""
    return _relative(app, page, f"_static/{static_name}") + stamp(static_name)


def copy_pictograms(app) -> None:
    """The pictograms the programmes name, once, into _static (every room page links the same files)."""
    book = handbook(app)
    names = {item.picto for s in book.sessions.values() for item in s.programme if item.picto}
    dest = Path(app.outdir) / PICTO_STATIC
    dest.mkdir(parents=True, exist_ok=True)
    for name in sorted(names):
        src = Path(app.srcdir) / PICTO_DIR / f"{name}.svg"
        if src.exists():
            shutil.copyfile(src, dest / src.name)


def collect_pages(app):
    """One room page per session that has a page (html-collect-pages, like Sphinx's search page)."""
    if app.builder.format != "html":
        return
    book = handbook(app)
    objects = app.env.get_domain("ml").objects
    copy_pictograms(app)
    for s in book.all_sessions():
        hit = objects.get(("session", s.id))
        if hit is None:
            continue
        docname = hit[0]
        page = room_page(docname)
        data = export(app, docname, s.id)
        context = {
            "title": f"Kør sessionen – {data['label']}: {s.title}",
            "ml_room": data,
            "ml_room_json": script_json(data),
            "ml_room_data_id": DATA_ID,
            "ml_assets": {name: versioned(app, page, name) for name in ASSETS},
            "ml_manifest": _relative(app, page, "_static/manifest.json"),
            "ml_icon": _relative(app, page, "_static/icons/icon.svg"),
        }
        yield page, context, TEMPLATE


def setup(app) -> None:
    app.connect(OBJECT_PAGE, room_button)
    app.connect("html-collect-pages", collect_pages)

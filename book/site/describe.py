"""Each page's description (``<meta name="description">``): what a search engine or a shared link shows.

A page that presents one object says what the data says it is, in one sentence: a session its lead,
a tool its summary, a sheet its description, a core element its aim, an activity its purpose (recorded
as what the page shows, so the page is read again when that sentence changes). Any other page – and an
object whose data has no such sentence – is described by the start of its first paragraph. The pages
made without a document (search, index, room pages, slide decks) say what they are for.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from ..contract import SCREEN_ONLY
from ..data.room import plain_text
from .concern import POINTER_CLASS
from .context import OBJECT_PAGE, handbook, kept_per_page
from .dependencies import object_key, record

LIMIT = 160  # what search engines show of a description, roughly
FIELDS = {"session": "lead", "redskab": "summary", "printark": "description", "kerneelement": "aim",
          "aktivitet": "purpose"}
# where a page's first paragraph is not about the page: notes, boxes, tables, navigation, the concern pointer
SKIP = (nodes.Admonition, nodes.topic, nodes.sidebar, nodes.table, nodes.field_list, nodes.docinfo,
        nodes.footnote, nodes.citation, nodes.system_message, nodes.comment)
SKIP_CLASSES = {SCREEN_ONLY, POINTER_CLASS}
GENERATED = {
    "search": "Søg i Mestringsluppens håndbog: sessioner, redskaber, printark og begreber – også uden net.",
    "genindex": "Stikordsregister over Mestringsluppens håndbog: alle opslagsord med deres sider.",
}


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters (with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


def from_data(app: Sphinx, env, section, kind: str, ident: str) -> None:
    """ml-object-page: the object's own sentence, when its data has one."""
    field = FIELDS.get(kind)
    if field is None:
        return
    obj = handbook(env).collection(kind).get(ident)
    text = plain_text(handbook(env), getattr(obj, field, None)) if obj is not None else ""
    record(env, object_key(kind, ident, (field,)))
    if text:
        env.__dict__.setdefault("ml_descriptions", {})[env.docname] = shorten(text)


def first_paragraph(doctree) -> str:
    for para in doctree.findall(nodes.paragraph):
        if any(isinstance(a, SKIP) or SKIP_CLASSES & set(a.get("classes", [])) for a in _ancestors(para)):
            continue
        text = " ".join(para.astext().split())
        if len(text) >= 25 and not re.fullmatch(r"[\W\d]*", text):
            return text
    return ""


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def describe(app: Sphinx, pagename: str, templatename: str, context, doctree) -> None:
    """html-page-context: ``ml_description`` for the templates."""
    text = getattr(app.env, "ml_descriptions", {}).get(pagename)
    if not text and doctree is not None:
        text = first_paragraph(doctree)
    if not text and templatename == "ml-room.html":
        room = context["ml_room"]
        text = (f"Kør sessionen i rummet – {room['label']}: {room['title']}. Programmet ét punkt ad gangen med "
                "klokkeslæt og nedtælling, til tablet og projektor.")
    if not text and templatename == "deck.html":
        text = f"Diasserien {context.get('title', '')} til projektoren, med talerens noter – fra Mestringsluppens håndbog."
    if not text:
        text = GENERATED.get(pagename) or context.get("title", "") + " – Mestringsluppens håndbog."
    context["ml_description"] = shorten(re.sub(r"<[^>]+>", "", text))


def setup(app: Sphinx) -> None:
    app.connect(OBJECT_PAGE, from_data)
    kept_per_page(app, "ml_descriptions")
    app.connect("html-page-context", describe, priority=600)

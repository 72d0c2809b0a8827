"""Letters as letters: every ``kind: brev`` sheet gets a letterhead, a recipient and date line and a signature.

All of it comes from ``lokal.yml`` (kommune, afdeling, sted, adresse, logo, the group leaders
and their contact), shown as ``{lokal}`` values are: the value, or a line to fill in by hand,
with the classes that let the course planner fill the letter in the browser. The print
layout (``book/print/sheet.css``, page ``letter``) drops the handbook's running title, and
puts the letterhead above the subject.
"""
from __future__ import annotations

import base64
import mimetypes

from docutils import nodes

from ..contract import LETTERHEAD
from ..paths import local_file
from .context import OBJECT_PAGE, handbook
from .dependencies import LOCAL, record
from .nodes import TRUSTED, para
from .sheets import BLANK, lokal_node

DATE_CLASS = "ml-letter-date"  # the planner writes today's date here in a filled letter


def blank(classes: list[str]) -> nodes.inline:
    return nodes.inline(text=BLANK, classes=["ml-blank", *classes])


def logo_image(env) -> nodes.image | None:
    """The municipality's logo, inlined (a data: URI), so it needs no copying and works offline."""
    book = handbook(env)
    if not book.local.logo:
        return None
    path = local_file(book.root).parent / book.local.logo
    env.note_dependency(str(path))
    mime = mimetypes.guess_type(path.name)[0] or "image/png"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    who = book.local.kommune or "Kommunen"
    # lokal.yml's logo, checked by check (a picture, small, in lokal.yml's folder): the page may show it
    return nodes.image(uri=f"data:{mime};base64,{data}", alt=f"{who}s logo", classes=["ml-logo"], **{TRUSTED: True})


def letterhead(env) -> nodes.container:
    head = nodes.container(classes=[LETTERHEAD])
    logo = logo_image(env)
    if logo is not None:
        head += para(logo, classes=["ml-letterhead-logo"])
    sender = nodes.container(classes=["ml-sender"])
    sender += para(nodes.strong("", "", lokal_node(env, "kommune")))
    for key in ("afdeling", "sted", "adresse"):
        sender += para(lokal_node(env, key))
    head += sender
    return head


def letter_meta(env, meta) -> nodes.container:
    """Who the letter is to, the date and (when it concerns one child) the child's name."""
    box = nodes.container(classes=["ml-letter-meta"])
    box += para(nodes.strong(text="Til: "), meta.recipient or blank(["ml-letter-recipient"]))
    box += para(nodes.strong(text="Dato: "), blank([DATE_CLASS]))
    if meta.about_child:
        box += para(nodes.strong(text="Barnets navn: "), blank(["ml-letter-child"]))
    return box


def signature(env) -> nodes.container:
    box = nodes.container(classes=["ml-signature"])
    box += para("Venlig hilsen")
    box += para(lokal_node(env, "gruppeleder_1"), " og ", lokal_node(env, "gruppeleder_2"))
    box += para("Gruppeledere i Mestringsluppen, ", lokal_node(env, "afdeling"))
    box += para("Telefon: ", lokal_node(env, "telefon"), " · E-mail: ", lokal_node(env, "email"))
    return box


def letter_layout(app, env, sec: nodes.section, kind: str, ident: str) -> None:
    """On a letter's page: the letterhead and date after its title (print puts them above), the signature last."""
    if kind != "printark":
        return
    meta = handbook(env).printark[ident]
    if meta.kind != "brev":
        return
    # lokal.yml's values are recorded as data (book.site.dependencies, LOCAL); noting the file itself
    # would make Sphinx read every letter again on every build while the file does not exist
    record(env, LOCAL)
    sec.insert(1, letter_meta(env, meta))
    sec.insert(1, letterhead(env))
    sec += signature(env)


def setup(app) -> None:
    app.connect(OBJECT_PAGE, letter_layout, priority=400)  # first, so the "Hent PDF" box lands above it

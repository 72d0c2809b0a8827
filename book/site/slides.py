"""Slide decks for trainers: reveal.js pages built from the same data and prose as the handbook.

A directive builds a deck as nodes on the page it belongs to (a course day's page holds the
decks of its modules, the session cards page the decks about each session), so MyST text
from the data is parsed where it is written and a wrong role stops the build with file and
line, like everywhere else. The page itself does not show the deck. When the HTML is written,
:func:`write_decks` takes each deck from the stored doctree, resolves its links as seen from
the deck's own address and writes it as a page of its own (``dias/<id>.html``) with the
``deck.html`` template: reveal.js's markup, not the book's theme, so the deck fills the
screen. reveal.js and its notes plugin are vendored in ``theme/static/vendor/reveal`` (MIT
licence, from npm); nothing is fetched from other hosts, and the decks work from file://.
"""
from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.util import docname_join, logging
from sphinx.util.osutil import relative_uri

from ..data.pictograms import svg_title
from ..paths import THEME
from ._compat import THEME_SECTIONS
from .context import kept_per_page
from .nodes import para, trusted_html
from .stale import keep_page

logger = logging.getLogger(__name__)

DECK_DIR = "content/undervisere/dias"   # decks are pages under here: dias/<id>.html
PICTURES = Path("content") / "billeder"


class deck(nodes.General, nodes.Element):
    """A slide deck, written as its own page; skipped on the page that builds it."""


class slide(nodes.General, nodes.Element):
    """One slide (``<section>``)."""


class slide_heading(nodes.TextElement):
    """The slide's title."""


class slide_notes(nodes.General, nodes.Element):
    """Speaker notes (``<aside class="notes">``), shown in reveal.js's speaker view."""


class slide_picture(nodes.General, nodes.Element):
    """A drawing from content/billeder; becomes an <img> with a path relative to the deck's page."""


def deck_page(ident: str) -> str:
    return f"{DECK_DIR}/{ident}"


def deck_url(from_docname: str, ident: str) -> str:
    """Relative URL from a page to a deck."""
    return posixpath.relpath(deck_page(ident) + ".html", posixpath.dirname(from_docname) or ".")


def deck_link(from_docname: str, ident: str, text: str = "Vis dias") -> nodes.reference:
    return nodes.reference("", text, refuri=deck_url(from_docname, ident), classes=["ml-deck-link"])


def new_deck(env, ident: str, title: str) -> deck:
    """An empty deck, registered so :func:`write_decks` writes it."""
    decks = env_decks(env)
    for doc, idents in decks.items():
        if ident in idents and doc != env.docname:
            logger.warning(f"diasserien '{ident}' laves allerede på siden '{doc}'", location=env.docname)
    decks.setdefault(env.docname, [])
    if ident not in decks[env.docname]:
        decks[env.docname].append(ident)
    return deck(ident=ident, title=title)


def add_slide(d: deck, title: str, *body, notes: list | None = None, kicker: str | None = None,
              classes: list[str] | None = None) -> slide:
    s = slide(classes=classes or [])
    if kicker:
        s += nodes.paragraph("", kicker, classes=["ml-kicker"])
    s += slide_heading("", title)
    for part in body:
        if part is None:
            continue
        s += part if isinstance(part, nodes.Node) and not isinstance(part, (nodes.Text, nodes.inline)) else para(part)
    if notes:
        box = slide_notes()
        for part in notes:
            box += part if isinstance(part, nodes.Element) and not isinstance(part, nodes.inline) else para(part)
        s += box
    d += s
    return s


def pictures(env, names: list[str]) -> nodes.container:
    """Drawings from content/billeder side by side; their <title> is the alt text."""
    box = nodes.container(classes=["ml-slide-pictures"])
    for name in names:
        path = Path(env.srcdir) / PICTURES / f"{name}.svg"
        env.note_dependency(str(path))
        box += slide_picture(name=name, alt=svg_title(path))
    return box


def timer(minutes: int) -> nodes.raw:
    """The exercise timer: a countdown the trainer starts on the slide (``dias.js``)."""
    return trusted_html(f'<div class="ml-timer" role="group" data-seconds="{minutes * 60}" '
                        f'aria-label="Nedtælling til øvelsen: {minutes} minutter"></div>')


# --- HTML: the deck is skipped on its own page and rendered on the deck's page --------------

def visit_deck(self, node):
    if not node.get("render"):
        raise nodes.SkipNode


def visit_slide(self, node):
    classes = " ".join(node.get("classes", []))
    self.body.append(f'<section class="{classes}">' if classes else "<section>")


def depart_slide(self, node):
    self.body.append("</section>\n")


def visit_heading(self, node):
    first = node.parent is node.parent.parent.children[0] if node.parent.parent else False
    self.body.append("<h1>" if first else "<h2>")


def depart_heading(self, node):
    first = node.parent is node.parent.parent.children[0] if node.parent.parent else False
    self.body.append("</h1>" if first else "</h2>")


def visit_notes(self, node):
    self.body.append('<aside class="notes">')


def depart_notes(self, node):
    self.body.append("</aside>")


def skip(self, node):
    raise nodes.SkipNode


def passthrough(self, node):
    pass


# --- writing the decks ---------------------------------------------------------------

def env_decks(env) -> dict[str, list[str]]:
    if not hasattr(env, "ml_decks"):
        env.ml_decks = {}
    return env.ml_decks


def note_read(app, env, docnames) -> None:
    """env-before-read-docs: the pages read (again) in this build."""
    app.ml_read_docs = set(docnames)


def decks_are_current(app, docname: str, idents: list[str]) -> bool:
    """The page's decks were written before from the page as it is (not read again since), with the
    templates and stylesheet as they are.

    A deck shows its own page's doctree; the titles it links to change every page (and so its own),
    and a change to this package reads every page again (``env_version``)."""
    if docname in getattr(app, "ml_read_docs", {docname}):
        return False
    if not hasattr(app, "ml_deck_inputs_time"):
        app.ml_deck_inputs_time = max(app.builder.templates.newest_template_mtime(),
                                      (THEME / "static" / "dias.css").stat().st_mtime)
    for ident in idents:
        out = Path(app.builder.get_outfilename(deck_page(ident)))
        if not out.exists() or out.stat().st_mtime <= app.ml_deck_inputs_time:
            return False
    return True


def write_decks(app):
    """html-collect-pages: every deck as a page of its own, with reveal.js's template (the decks of pages
    that did not change are left as they are, pictures and all: 32 decks took a second of every rebuild)."""
    if app.builder.format != "html":
        return
    env, builder = app.env, app.builder
    used: set[str] = set()
    for docname, idents in sorted(env_decks(env).items()):
        if decks_are_current(app, docname, idents):
            for ident in idents:
                keep_page(app, deck_page(ident))
            continue
        tree = env.get_doctree(docname)
        for d in list(tree.findall(deck)):
            page = deck_page(d["ident"])
            doc = new_document(docname, tree.settings)
            doc += d.deepcopy()
            for ref in doc.findall(addnodes.pending_xref):
                # links are written from the deck's address; a {doc} target relative to the page stays put
                if ref.get("reftype") == "doc" and not ref["reftarget"].startswith("/"):
                    ref["reftarget"] = "/" + docname_join(ref.get("refdoc", docname), ref["reftarget"])
                ref["refdoc"] = page
            env.resolve_references(doc, page, builder)
            rendered = doc[0]
            for pic in list(rendered.findall(slide_picture)):
                used.add(pic["name"])
                src = relative_uri(builder.get_target_uri(page), f"_images/{pic['name']}.svg")
                alt = pic["alt"].replace('"', "&quot;")
                pic.replace_self(trusted_html(f'<img class="ml-slide-picture" src="{src}" alt="{alt}">'))
            rendered["render"] = True
            body = builder.render_partial(rendered)["fragment"]
            # the way back: the course day (or the session cards) the deck belongs to
            back = {"url": relative_uri(builder.get_target_uri(page), builder.get_target_uri(docname)),
                    "title": env.titles[docname].astext() if docname in env.titles else ""}
            yield page, {"title": d["title"], "body": body, "deck_id": d["ident"], "ml_back": back}, "deck.html"
    images = Path(builder.outdir) / "_images"
    images.mkdir(exist_ok=True)
    for name in sorted(used):
        shutil.copyfile(Path(app.srcdir) / PICTURES / f"{name}.svg", images / f"{name}.svg")


# pydata-sphinx-theme renders each navbar, footer and sidebar template of a page to drop the empty
# ones, which costs a few hundredths of a second a page; a deck's reveal.js template shows none of
# them, so a deck's context names none (32 decks, rendered on every build).
def deck_without_theme_parts(app, pagename, templatename, context, doctree):
    if templatename == "deck.html":
        context.update(dict.fromkeys(THEME_SECTIONS, []))


def setup(app) -> None:
    html_only = {"latex": (skip, None), "text": (skip, None), "man": (skip, None), "texinfo": (skip, None)}
    app.add_node(deck, html=(visit_deck, passthrough), **html_only)
    app.add_node(slide, html=(visit_slide, depart_slide), **html_only)
    app.add_node(slide_heading, html=(visit_heading, depart_heading), **html_only)
    app.add_node(slide_notes, html=(visit_notes, depart_notes), **html_only)
    app.add_node(slide_picture, html=(skip, None), **html_only)
    kept_per_page(app, "ml_decks")
    app.connect("env-before-read-docs", note_read)
    app.connect("html-collect-pages", write_decks)
    app.connect("html-page-context", deck_without_theme_parts, priority=100)  # before the theme's (500)

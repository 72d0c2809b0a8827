"""The reader's search: names first, then what the pages say; offline and from files.

Sphinx's own search ranks a page by its single best word (ties alphabetically), drops numbers
from the query ("session 4" finds every page with "session"), shows raw ids as titles and
fetches each hit's page for a snippet (which fails when the site is opened as files). So the
search page runs its own search (``theme/static/ml-search.js``) on data made here:

* one entry per searchable page: its URL, title and kind (Børnesession, Voksensession,
  Redskab, Arbejdsark, Printark, Aktivitet – or the part of the book it belongs to);
* its *names*: the title, the ways readers name it ("Børnesession 4", "Voksensession 2") and
  the activities and core elements shown on it, each with its anchor and a weight by kind;
* its sections: anchor, heading and body text (never the page's table of contents); the text of
  its facts boxes separately: searched, but no snippet starts with "Varighed 90 minutter".

The browser indexes that with MiniSearch (vendored in ``theme/static/vendor/minisearch``, MIT),
with Sphinx's Danish stemmer and the compound parts below, and puts a page whose name holds
every word of the query before pages that only mention them. Everything is a ``<script>`` file,
so it works offline and from ``file://``. Pages with ``nosearch`` in their front matter (the
maintainers' guide) are left out.
"""
from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from ..contract import SCREEN_ONLY
from ..data.files import NUMBER_WORDS
from ..data.handbook import COURSE_LABELS, SESSION_LABELS
from ..data.packs import PARTICIPANTS
from .concern import POINTER_CLASS
from .context import handbook, kept_per_page
from .domain import page_object
from .nodes import DOMAIN

DATA_FILE = "_static/ml-search-data.js"
PACKED_DATA_FILE = "_static/ml-search-data.gz.js"  # the same, gzipped, for ml-search-load.js to unpack
# The page names only the loader, which fetches Sphinx's Danish stemmer and stop words, the engine and the
# packed data once the page is on screen, unpacks the data and then starts the page's code (ml-search.js).
SEARCH_SCRIPTS = ("_static/ml-search-load.js",)

# Parts of this handbook's compound words that readers search for on their own ("batteri" finds
# Energibatteriet, "kontakt" finds skolekontakter); ml-search.js indexes them as words of their own.
# A part counts when the rest is a real word too.
PARTS = (
    "detektiv", "batteri", "energi", "konflikt", "trappe", "hjul", "løsning", "fællesskab",
    "skole", "kontakt", "samtale", "møde", "brev", "forløb", "session", "voksen", "voksne", "barn", "børn",
    "vidensdeling", "opfølgning", "forankring", "samarbejde", "træn", "giraf", "ulv", "sprog",
    "information", "dagsorden", "diplom", "plan", "mestring", "netværk", "fidelitet",
)
MIN_REST = 5  # "detektiven" is an inflection of detektiv, not a compound

# How much a name counts, by what it names: a tool or an activity is what a group leader looks
# up by name; a sheet belongs to a session or an activity and comes after it when both match.
NAME_WEIGHT = {"redskab": 1.2, "aktivitet": 1.15, "session": 1.1, "kerneelement": 1.1, "printark": 1.0}
PAGE_WEIGHT = 0.95  # other pages' titles (guides, overviews, the glossary)
SHOWN_OBJECTS = ("aktivitet", "kerneelement")  # objects shown as a section of a page
# A generated section that is a thing readers look up by name ("Dagsprogrammer med piktogrammer" on the
# print overview): its heading is one of the page's names, with its anchor (book/site/sheets.py sets it).
NAMED_SECTION = "ml-search-name"
# Who takes part in a course, as the notice for a session that does not exist says it
WHO = {"boern": "Børnene", "voksne": "De nære voksne"}

SKIP = (nodes.comment, nodes.raw, nodes.system_message, nodes.substitution_definition, nodes.target,
        addnodes.toctree, nodes.image)
# the table of contents, buttons and boxes shown on screen only (PDF links, a sheet's facts), and the
# pointer to "Når du er bekymret for et barn" that every session page repeats (book/site/concern.py)
SKIP_CLASSES = {"toctree-wrapper", SCREEN_ONLY, POINTER_CLASS}
FACTS = "ml-facts"  # the facts boxes of sessions, activities and sheets (book/site/nodes.py definition_list)


# --- reading: each page's names and sections, kept in the environment ------------------------

def text_of(node: nodes.Node, env, out: list[str], skip: set[str] = SKIP_CLASSES) -> None:
    """Body text under ``node``, without sub-sections, with data titles for the handbook's links."""
    for child in node.children:
        if isinstance(child, (nodes.section, nodes.title) + SKIP) or \
                (isinstance(child, nodes.Element) and skip & set(child["classes"])):
            continue
        if isinstance(child, addnodes.pending_xref) and child.get("refdomain") == DOMAIN \
                and not child.get("refexplicit") and handbook(env).exists(child["reftype"], child["reftarget"]):
            out.append(handbook(env).title_of(child["reftype"], child["reftarget"]))
        elif isinstance(child, nodes.Text):
            out.append(child.astext())
        else:
            text_of(child, env, out, skip)
            if not isinstance(child, nodes.Inline):
                out.append(" ")  # blocks (paragraphs, cells, items) end a word


def sections_of(doctree: nodes.document, env) -> list[list[str]]:
    """[anchor, heading, text] per section; the page's own section first, with no anchor or heading."""
    out = []
    for i, sec in enumerate(doctree.findall(nodes.section)):
        pieces: list[str] = []
        text_of(sec, env, pieces, SKIP_CLASSES | {FACTS})
        text = " ".join("".join(pieces).split())
        heading = sec[0].astext() if sec.children and isinstance(sec[0], nodes.title) else ""
        out.append(["", "", text] if i == 0 else [sec["ids"][0] if sec["ids"] else "", heading, text])
    return out


def facts_of(doctree: nodes.document, env) -> str:
    """The facts boxes (duration, core elements, who takes part …): searched, never shown as a snippet."""
    pieces: list[str] = []
    for box in doctree.findall(lambda n: isinstance(n, nodes.definition_list) and FACTS in n["classes"]):
        text_of(box, env, pieces)
        pieces.append(" ")
    return " ".join("".join(pieces).split())


def names_of(env, docname: str, title: str, doctree: nodes.document | None = None) -> list[list]:
    """[name, kind label, anchor, weight]: what readers call the page and what it shows."""
    book = handbook(env)
    obj = page_object(env, docname)
    if obj is None or not book.exists(*obj):
        names = [[title, "", "", PAGE_WEIGHT]]
    else:
        kind, ident = obj
        label, weight = book.label_of(kind, ident), NAME_WEIGHT[kind]
        names = [[book.title_of(kind, ident), label, "", weight]]
        if kind == "session":
            s = book.sessions[ident]
            # leaders say "voksensession 2"; a bare "session 4" is the children's (the adults' is a voksensession)
            aliases = [f"{label} {s.number}"] + ([f"Session {s.number}"] if s.course == "boern" else [])
            names += [[alias, label, "", weight] for alias in aliases]
    for (kind, ident), (doc, anchor) in sorted(env.get_domain(DOMAIN).objects.items()):
        if doc == docname and kind in SHOWN_OBJECTS and book.exists(kind, ident):
            names.append([book.title_of(kind, ident), book.label_of(kind, ident), anchor, NAME_WEIGHT[kind]])
    for sec in doctree.findall(nodes.section) if doctree is not None else ():
        if NAMED_SECTION in sec["classes"] and sec["ids"] and isinstance(sec[0], nodes.title):
            names.append([sec[0].astext(), "", sec["ids"][0], PAGE_WEIGHT])
    return names


def collect(app, doctree: nodes.document) -> None:
    env = app.env
    store = env.__dict__.setdefault("ml_search", {})
    meta = env.metadata.get(env.docname, {})
    if "nosearch" in meta or "no-search" in meta:
        store.pop(env.docname, None)
        return
    sections = sections_of(doctree, env)
    title = env.titles[env.docname].astext() if env.docname in env.titles else env.docname
    store[env.docname] = {"t": title, "n": names_of(env, env.docname, title, doctree), "s": sections,
                          "f": facts_of(doctree, env)}


# --- writing: one data file for the search page ----------------------------------------------

def part_label(env, docname: str) -> str:
    """The part of the book a page belongs to ("Guide 2", "Indsatsen"), from the table of contents."""
    parents = {child: parent for parent, children in env.toctree_includes.items() for child in children}
    top = docname
    while parents.get(top) not in (None, env.config.root_doc):
        top = parents[top]
    if top == env.config.root_doc:
        return "Forside"
    return env.titles[top].astext().split(" – ")[0] if top in env.titles else ""


def search_data(app) -> dict:
    env = app.env
    store = getattr(env, "ml_search", {})
    pages = []
    for docname in sorted(store, key=lambda d: (d != env.config.root_doc, d)):
        if docname not in env.all_docs:
            continue
        entry = store[docname]
        kind = entry["n"][0][1] or part_label(env, docname)
        pages.append({"u": app.builder.get_target_uri(docname), "t": entry["t"], "k": kind,
                      "n": entry["n"], "s": entry["s"], "f": entry["f"]})
    return {"parts": list(PARTS), "minRest": MIN_REST, "courses": courses(handbook(env)), "pages": pages}


def courses(book) -> list[dict]:
    """What the search page needs to say that a session does not exist ("session 7 voksne"): the words
    that name each course, how many sessions it has (from the data) and the sentence that says so."""
    out = []
    for course, who in WHO.items():
        count = len(book.course(course))
        if not count:
            continue
        words = {w.lower() for w in (COURSE_LABELS[course], SESSION_LABELS[course], PARTICIPANTS[course].noun,
                                     who.split()[-1])}
        out.append({"course": course, "words": sorted(words), "count": count, "label": SESSION_LABELS[course],
                    "says": f"{who} har {NUMBER_WORDS.get(count, count)} sessioner (session 1–{count})."})
    return out


def write_data(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / DATA_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(search_data(app), ensure_ascii=False, separators=(",", ":"))
    out.write_text("/* The search page's data, made by book/site/search.py. */\n"
                   f"window.mlSearchData = {body};\n", encoding="utf-8")
    # the same, a quarter of the size on a server that does not compress (ml-search-load.js unpacks it);
    # mtime 0 in the gzip header, so an unchanged index gives the same file
    packed = base64.b64encode(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")
    (Path(app.outdir) / PACKED_DATA_FILE).write_text(
        "/* The search page's data, gzipped (book/site/search.py; ml-search-load.js unpacks it). */\n"
        f'window.mlSearchDataPacked = "{packed}";\n', encoding="utf-8")


def search_page_context(app, pagename, templatename, context, doctree) -> None:
    """The search page loads its data and engine; every other page stays light."""
    if pagename == "search":
        context["ml_search_scripts"] = SEARCH_SCRIPTS


def setup(app) -> None:
    app.connect("doctree-read", collect, priority=900)
    kept_per_page(app, "ml_search")
    app.connect("html-page-context", search_page_context)
    app.connect("build-finished", write_data)

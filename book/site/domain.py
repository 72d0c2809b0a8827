"""The ``ml`` domain: where each handbook object is shown, the roles that link to it, titles from data.

Roles (``{session}`boern-3```, ``{printark}`…```, ``{kerneelement}`…```, ``{redskab}`…```,
``{aktivitet}`…```) become titled links and fail the build, with file and line, when an id is
unknown. Pages of sessions, tools and sheets take their title from the data.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains import Domain, ObjType
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..data import ContentError, load
from ..data.handbook import KINDS
from ..data.roles import as_written
from ..data.yamlsource import split_front_matter
from ..paths import PACKAGE, digest, tree_files
from .context import OBJECT_PAGE, handbook
from .nodes import xref

logger = logging.getLogger(__name__)


class HandbookDomain(Domain):
    """Where each handbook object is rendered: (kind, id) -> (docname, anchor)."""

    name = "ml"
    label = "Mestringsluppen"
    object_types = {k: ObjType(k, k) for k in KINDS}
    initial_data = {"objects": {}}

    @property
    def objects(self) -> dict:
        return self.data.setdefault("objects", {})

    def note(self, kind: str, ident: str, anchor: str, location=None) -> None:
        key = (kind, ident)
        if key in self.objects and self.objects[key][0] != self.env.docname:
            other = self.objects[key][0]
            logger.warning(f"{kind} '{ident}' vises allerede på siden '{other}'; vis den kun ét sted",
                           location=location or self.env.docname, type="ml", subtype="duplicate")
        self.objects[key] = (self.env.docname, anchor)

    def clear_doc(self, docname: str) -> None:
        for key, (doc, _a) in list(self.objects.items()):
            if doc == docname:
                del self.objects[key]

    def merge_domaindata(self, docnames, otherdata) -> None:
        for key, val in otherdata["objects"].items():
            if val[0] in docnames:
                self.objects[key] = val

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        hit = self.objects.get((typ, target))
        if hit is None and env.config.ml_partial and handbook(env).exists(typ, target):
            # a book of a few pages (tests): the object's page is left out on purpose; say its title
            return nodes.inline(text=handbook(env).title_of(typ, target), classes=contnode.get("classes", []))
        if hit is None:
            if handbook(env).exists(typ, target):
                logger.warning(f"{typ} '{target}' findes i data, men har ingen side; tilføj en side i _toc.yml",
                               location=node, type="ml", subtype="nopage")
            return None
        docname, anchor = hit
        title = handbook(env).title_of(typ, target)
        if not node.get("refexplicit"):
            # titles come from the data at write time, so a renamed session shows everywhere
            contnode = nodes.inline(text=title, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def get_objects(self):
        for (kind, ident), (docname, anchor) in self.objects.items():
            yield ident, ident, kind, docname, anchor, 1


# --- roles ---------------------------------------------------------------------

def make_role(kind: str):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        title, ident = None, text
        if "<" in text and text.endswith(">"):
            title, ident = text[:text.index("<")].strip(), text[text.index("<") + 1:-1].strip()
        if not handbook(inliner.document.settings.env).exists(kind, ident):
            return role_error(inliner, rawtext, lineno,
                              f"{{{kind}}}`{ident}` findes ikke; ret id'et (se oversigterne) eller opret det")
        return [xref(kind, ident, title)], []
    return role


def role_error(inliner, rawtext: str, lineno: int, message: str):
    """A role's way to fail: the message at the role's line, the text marked as a problem."""
    msg = inliner.reporter.error(message, line=role_line(inliner.document.get("source"), rawtext, lineno))
    return [inliner.problematic(rawtext, rawtext, msg)], [msg]


def role_line(source: str | None, rawtext: str, lineno: int) -> int:
    """The line a role is on. MyST gives a role the first line of its paragraph, so look for
    ``{name}`text`` in the page from there to the paragraph's end (text parsed from YAML is
    not in the page: then the line given stays)."""
    written = as_written(rawtext)
    return line_in_paragraph(source, lineno, written) if written else lineno


def line_in_paragraph(source: str | None, lineno: int, *needles: str, ignore_case: bool = False) -> int:
    """The first line from ``lineno`` to the paragraph's end that holds every needle; else ``lineno``."""
    try:
        lines = Path(source).read_text(encoding="utf-8-sig").splitlines() if source else []
    except (OSError, UnicodeDecodeError):
        return lineno
    fold = str.casefold if ignore_case else str
    for n in range(max(lineno - 1, 0), len(lines)):
        if all(fold(needle) in fold(lines[n]) for needle in needles):
            return n + 1
        if n >= lineno and not lines[n].strip():
            break
    return lineno


# --- page titles from data -----------------------------------------------------

def page_object(env, docname: str) -> tuple[str, str] | None:
    """(kind, id) when a page presents one object whose title lives in data."""
    path = Path(env.doc2path(docname))
    if path.suffix != ".md":
        return None
    fm, _ = split_front_matter(path.read_text(encoding="utf-8-sig"))
    if fm is None:
        return None
    import yaml
    try:
        meta = yaml.safe_load(fm) or {}
    except yaml.YAMLError:
        return None
    if not isinstance(meta, dict):
        return None
    for kind in ("session", "redskab"):
        if kind in meta:
            return kind, str(meta[kind])
    if docname.startswith("content/printark/") and "id" in meta:
        return "printark", str(meta["id"])
    return None


class TitleFromData(SphinxTransform):
    """Give session, tool and printark pages their title from the data (one fact, one place)."""

    default_priority = 200

    def apply(self, **kwargs) -> None:
        obj = page_object(self.env, self.env.docname)
        if obj is None:
            return
        kind, ident = obj
        book = handbook(self.env)
        if not book.exists(kind, ident):
            logger.warning(f"siden viser {kind} '{ident}', som ikke findes i data", location=self.env.docname)
            return
        title = book.title_of(kind, ident)
        sec = nodes.section(ids=[nodes.make_id(ident)], names=[nodes.fully_normalize_name(title)])
        heading = nodes.title(text=title)
        if kind == "session":
            # whose session it is, marked so the two courses look different at a glance
            course = book.sessions[ident].course
            who, rest = title.split(" · ", 1)
            heading = nodes.title(title, "", nodes.inline(text=who, classes=["ml-course-tag"]),
                                  nodes.inline(text=" · ", classes=["ml-course-sep"]), nodes.Text(rest))
            sec["classes"].append(f"ml-course-{course}")
        sec += heading
        keep = (nodes.substitution_definition, nodes.comment)
        for i, child in enumerate(list(self.document.children)):
            if isinstance(child, nodes.docinfo) or (i == 0 and isinstance(child, nodes.field_list)):
                continue  # the front matter stays first, where Sphinx takes it as metadata
            if not isinstance(child, keep):
                self.document.remove(child)
                sec += child
        self.document += sec
        self.env.get_domain("ml").note(kind, ident, sec["ids"][0])
        self.app.emit(OBJECT_PAGE, self.env, sec, kind, ident)


# --- lifecycle -----------------------------------------------------------------

def load_handbook(app: Sphinx) -> None:
    try:
        app.ml_handbook = load(app.config.ml_data_root or app.srcdir)
    except ContentError as exc:
        raise ExtensionError("Indholdet har fejl:\n" + str(exc)) from None


def code_version() -> int:
    """Changes to this package re-read every page (a stale cached doctree would hide them)."""
    return int(digest(tree_files(PACKAGE, "*.py"))[:8], 16)


def setup(app: Sphinx) -> None:
    # A book of a few pages (the tests' small books): the data comes from the project in ml_data_root,
    # and with ml_partial links to objects whose pages are left out become their titles, not warnings.
    app.add_config_value("ml_data_root", "", "env", types=[str])
    app.add_config_value("ml_partial", False, "env", types=[bool])
    app.add_domain(HandbookDomain)
    for kind in KINDS:
        app.add_role(kind, make_role(kind))
    app.add_transform(TitleFromData)
    app.connect("builder-inited", load_handbook)

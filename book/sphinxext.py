"""Sphinx extension for the handbook: the ``ml`` domain, roles, page titles from data.

``setup()`` registers; :mod:`book.model` validates; :mod:`book.directives`
renders. Roles (``{session}`boern-3```, ``{printark}`…```, ``{kerneelement}`…```,
``{redskab}`…```, ``{aktivitet}`…```) become titled links and fail the build,
with file and line, when an id is unknown.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains import Domain, ObjType
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from . import assets, search, authoring, directives, indsats, local, planner, printing, traenloes, trainer, voksne
from .model import ContentError, Handbook, load
from .render import xref
from .yamlsource import split_front_matter

logger = logging.getLogger(__name__)
# Modules that register their own directives, roles and hooks (one line each).
EXTENSIONS = (directives, local, assets, search, traenloes, voksne, indsats, printing, authoring, planner, trainer)
KINDS = ("session", "printark", "kerneelement", "redskab", "aktivitet")


def handbook(env) -> Handbook:
    return env.app.ml_handbook


# --- domain --------------------------------------------------------------------

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
        env = inliner.document.settings.env
        book = handbook(env)
        title, ident = text, text
        if "<" in text and text.endswith(">"):
            title, ident = text[:text.index("<")].strip(), text[text.index("<") + 1:-1].strip()
        else:
            title = None
        if not book.exists(kind, ident):
            msg = inliner.reporter.error(
                f"{{{kind}}}`{ident}` findes ikke; ret id'et (se oversigterne) eller opret det", line=lineno)
            prb = inliner.problematic(rawtext, rawtext, msg)
            return [prb], [msg]
        return [xref(kind, ident, title)], []
    return role


# --- page titles from data -----------------------------------------------------

def page_object(env, docname: str) -> tuple[str, str] | None:
    """(kind, id) when a page presents one object whose title lives in data."""
    path = Path(env.doc2path(docname))
    if path.suffix != ".md":
        return None
    fm, _ = split_front_matter(path.read_text(encoding="utf-8"))
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
        if kind == "session":
            title = f"Session {book.sessions[ident].number}: {book.sessions[ident].title}"
        sec = nodes.section(ids=[nodes.make_id(ident)], names=[nodes.fully_normalize_name(title)])
        sec += nodes.title(text=title)
        keep = (nodes.substitution_definition, nodes.comment)
        for i, child in enumerate(list(self.document.children)):
            if isinstance(child, nodes.docinfo) or (i == 0 and isinstance(child, nodes.field_list)):
                continue  # the front matter stays first, where Sphinx takes it as metadata
            if not isinstance(child, keep):
                self.document.remove(child)
                sec += child
        self.document += sec
        self.env.get_domain("ml").note(kind, ident, sec["ids"][0])
        for hook in directives.PAGE_HOOKS.get(kind, []):
            hook(self.env, sec, ident)


# --- lifecycle -----------------------------------------------------------------

def load_handbook(app: Sphinx) -> None:
    try:
        app.ml_handbook = load(app.srcdir)
    except ContentError as exc:
        raise ExtensionError("Indholdet har fejl:\n" + str(exc)) from None
    digest = hashlib.sha256()
    for path in sorted(app.ml_handbook.files):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":  # only a sheet's front matter is data; its prose is an ordinary page
            text = split_front_matter(text)[0] or ""
        digest.update(str(path).encode() + text.encode())
    app.ml_fingerprint = digest.hexdigest()


def outdated(app: Sphinx, env, added, changed, removed):
    """Data feed titles and links on every page: when any data file changes, re-read all."""
    if getattr(env, "ml_fingerprint", None) != app.ml_fingerprint:
        env.ml_fingerprint = app.ml_fingerprint
        return [d for d in env.found_docs if d not in added and d not in changed]
    return []


THEME = Path(__file__).parent / "theme"


def add_theme(app: Sphinx, config) -> None:
    """Our CSS/JS/templates ship inside the package, so the site needs nothing from other hosts."""
    config.html_static_path = list(config.html_static_path) + [str(THEME / "static")]
    config.templates_path = [str(THEME / "templates")] + list(config.templates_path)


# Jupyter Book always loads these; this handbook runs no code, so their assets are dead
# weight, and Thebe's inline script names a CDN and is declared twice (a JS error).
UNUSED_ASSETS = ("thebe", "mystnb")


def prune_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        kept, seen = [], set()
        for asset in context.get(key, []):
            body = getattr(asset, "attributes", {}).get("body", "") or ""
            name = getattr(asset, "filename", None) or str(asset)
            if any(u in name.lower() or u in body.lower() for u in UNUSED_ASSETS):
                continue
            if (name, body) in seen:
                continue
            seen.add((name, body))
            kept.append(asset)
        context[key] = kept


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_theme)
    app.add_css_file("handbook.css")
    app.add_js_file("handbook.js", defer="defer")
    app.add_domain(HandbookDomain)
    for kind in KINDS:
        app.add_role(kind, make_role(kind))
    app.add_transform(TitleFromData)
    for module in EXTENSIONS:
        module.setup(app)
    app.connect("builder-inited", load_handbook)
    app.connect("env-get-outdated", outdated)
    app.connect("html-page-context", prune_assets)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": code_version()}


def code_version() -> int:
    """Changes to this package re-read every page (a stale cached doctree would hide them)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:8], 16)

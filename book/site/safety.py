"""What a page may do: no script, no file from outside the project, nothing from the network.

Pages and data come from many hands (a national repository, municipalities' forks, pull requests),
so a page is treated as untrusted, whatever directive it uses (MyST, ``{eval-rst}``, substitutions):

* no raw HTML – only what the extension writes itself (:func:`.nodes.trusted_html`);
* no file inserted into a page (``include``, ``literalinclude``, ``csv-table`` with ``:file:`` or
  ``:url:``, ``raw`` with ``:file:``): docutils' own switch is off;
* links and images only with the schemes a reader's browser may follow (``http``, ``https``,
  ``mailto``, ``tel`` and addresses within the site); images only from the project's own files;
  nothing the site would fetch from another host.

Each refusal is a warning at the page's line (the build runs with warnings as errors, so it stops
and the published site stays as it was), and the offending node is removed, so nothing unsafe is
written even where warnings are let through.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .nodes import TRUSTED

logger = logging.getLogger(__name__)

LINK_SCHEMES = {"", "http", "https", "mailto", "tel"}
IMAGE_SCHEMES = {""}  # the project's own files only: a page requests nothing from other hosts


def no_file_insertion(app: Sphinx) -> None:
    """docutils' switches for directives that read other files or URLs, and for raw HTML, off for every page."""
    app.env.settings["file_insertion_enabled"] = False
    app.env.settings["raw_enabled"] = False


def warn(node: nodes.Node, message: str) -> None:
    logger.warning(message, location=node, type="ml", subtype="safety")


def scheme(url: str) -> str:
    # browsers ignore tabs, newlines and leading spaces in a scheme ("java\tscript:"), and read it in any case
    cleaned = "".join(ch for ch in url if ch not in "\t\n\r").strip()
    try:
        return urlsplit(cleaned).scheme.lower()
    except ValueError:
        return "?"


def allowed_roots(app: Sphinx) -> list[Path]:
    roots = [Path(app.srcdir).resolve()]
    if app.config.ml_data_root:
        roots.append(Path(app.config.ml_data_root).resolve())
    return roots


def inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == root or root in resolved.parents for root in roots)


def check_page(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: refuse what a page may not do, at its line."""
    for raw in list(doctree.findall(nodes.raw)):
        if not raw.get(TRUSTED):
            warn(raw, "rå HTML er ikke tilladt på håndbogens sider (heller ikke via {eval-rst} eller {raw}); "
                      "skriv indholdet i Markdown, eller brug håndbogens direktiver")
            raw.parent.remove(raw)
    for node in list(doctree.findall(lambda n: isinstance(n, (nodes.reference, nodes.target)) and n.get("refuri"))):
        if scheme(node["refuri"]) not in LINK_SCHEMES:
            warn(node, f"linket '{node['refuri'][:60]}' bruger en adresseform, håndbogen ikke tillader; brug "
                       "https://, mailto:, tel: eller en side i håndbogen")
            if isinstance(node, nodes.reference):  # the words stay, the link goes
                node.replace_self(nodes.inline("", "", *node.children))
            else:
                del node["refuri"]
    roots = allowed_roots(app)
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if image.get(TRUSTED):
            continue  # the extension's own (the letterhead's logo)
        if scheme(uri) not in IMAGE_SCHEMES or uri.startswith("//"):
            warn(image, f"billedet '{uri[:60]}' ligger ikke i håndbogen; læg billedfilen i content/billeder, og "
                        "henvis til den derfra (siden henter intet fra andre servere)")
            image.parent.remove(image)
            continue
        _rel, path = app.env.relfn2path(uri, app.env.docname)
        if not inside(Path(path), roots):
            warn(image, f"billedet '{uri[:60]}' ligger uden for projektet; læg billedfilen i content/billeder")
            image.parent.remove(image)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", no_file_insertion)
    app.connect("doctree-read", check_page, priority=100)  # before anything reads the page (search, dependencies)

"""Paper forms that count on screen: ``forms.js`` on the pages that hold one.

A form is ordinary generated markup inside a container with the class ``ml-form`` (the fidelity
checklist, :mod:`book.site.intervention`; the course's observation sheet, a ``{container}`` on its
page): boxes to tick and lines to write on, so the blank sheet prints and becomes a PDF as before.
In the browser ``forms.js`` enhances the same markup; nothing leaves the browser.

The page that compares exported checklists (``ml-across``) gets ``fidelity-across.js``. Both read and
write the same CSV format, round alike and draw the same scale: ``forms-shared.js``, loaded first
(deferred classic scripts run in order).
"""
from __future__ import annotations

from docutils import nodes


SCRIPTS = {"ml-form": "forms.js", "ml-across": "fidelity-across.js"}  # a container's class -> its script


def classes_in(doctree) -> set[str]:
    if doctree is None:
        return set()
    return {c for n in doctree.findall(nodes.Element) for c in n.get("classes", [])}


def add_assets(app, pagename, templatename, context, doctree) -> None:
    present = classes_in(doctree)
    used = [name for cls, name in SCRIPTS.items() if cls in present]
    if used:
        app.add_js_file("forms-shared.js", loading_method="defer")
    for name in used:
        app.add_js_file(name, loading_method="defer")


def setup(app) -> None:
    app.connect("html-page-context", add_assets, priority=400)  # before assets.prune_assets

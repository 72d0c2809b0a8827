"""Containers as plain ``<div>``s, without Bootstrap's page container on them.

docutils writes every container (our directives' boxes and cards, and ``{container}`` in the pages)
with the class ``container``, which in the theme is Bootstrap's page container (a max-width and side
padding), so the stylesheet had to undo it everywhere. sphinx-design writes the containers of its own
components without it; every container on the handbook's pages is written that way too.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ._compat import plain_div


class PlainContainers(SphinxPostTransform):
    default_priority = 900  # last: after every container is made (directives, page events, the planner)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(nodes.container):
            plain_div(node)


def setup(app) -> None:
    app.add_post_transform(PlainContainers)

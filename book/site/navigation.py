"""The navigation: sheets filed under their guide, in the order the courses use them.

``_toc.yml`` brings every sheet into the book with one glob under the printark index, which
Jupyter Book sorts by file name. Each guide has a page of its own for its sheets
(``content/printark/guide/<guide>``); when it exists, the guide's sheets move there, in the
order :meth:`~book.data.handbook.Handbook.guide_sheets` gives (session by session), so the
menu shows "Guide 2: børnenes arbejdsark › Træn løs efter session 1, Detektivark, …" instead of
43 file names in a row. Runs after sphinx-external-toc has made the toctrees and before
Sphinx reads them, so menus, previous/next links and breadcrumbs all agree.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .context import handbook

SHEET_DOC = "content/printark/{}"
GROUP_DOC = "content/printark/guide/{}"


def group_doc(guide: str) -> str:
    return GROUP_DOC.format(guide)


class SheetsUnderTheirGuide(SphinxTransform):
    default_priority = 150  # after sphinx-external-toc's InsertToctrees (100), before the toctree collector

    def apply(self, **kwargs) -> None:
        env, book = self.env, handbook(self.env)
        docname = env.docname
        grouped = {SHEET_DOC.format(p.id) for p in book.printark.values() if group_doc(p.guide) in env.found_docs}
        for toc in self.document.findall(addnodes.toctree):
            toc["entries"] = [(title, ref) for title, ref in toc["entries"] if ref not in grouped]
            toc["includefiles"] = [ref for ref in toc["includefiles"] if ref not in grouped]
        guide = next((g for g in book.guides_with_sheets() if group_doc(g) == docname), None)
        if guide is None:
            return
        sheets = [SHEET_DOC.format(p.id) for p in book.guide_sheets(guide)]
        sheets = [doc for doc in sheets if doc in env.found_docs]
        toc = addnodes.toctree(parent=docname, entries=[(None, doc) for doc in sheets], includefiles=sheets,
                               maxdepth=-1, caption=None, rawcaption="", glob=False, hidden=True,
                               includehidden=False, numbered=0, titlesonly=True)
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += toc
        sections = [s for s in self.document.children if isinstance(s, nodes.section)]
        # the toctree collector files sub-pages under the section that holds the toctree
        (sections[-1] if sections else self.document).append(wrapper)


def setup(app) -> None:
    app.add_transform(SheetsUnderTheirGuide)

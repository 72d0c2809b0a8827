"""The built site's pages, read back for printing: each page's article, in the site's reading order.

Sphinx renders every page once. Printing reuses each built page's article (the content without
the site's chrome); :mod:`.document` puts articles together into the print HTML of one PDF.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..contract import ARTICLE_CLASS, DROP_CLASSES

ARTICLE = re.compile(rf'<article class="{ARTICLE_CLASS}"[^>]*>(.*?)</article>', re.S)
NEXT = re.compile(r'<link\b[^>]*\brel="next"[^>]*>')
HREF = re.compile(r'\bhref="([^"]*)"')
FIRST_SECTION = re.compile(r'<section\b[^>]*\bid="([^"]+)"')


# --- pages of the built site ---------------------------------------------------

@dataclass
class Page:
    """One built HTML page: its docname, title, first section id and article."""
    docname: str
    path: Path
    top_id: str
    _body: ET.Element | None = None

    @property
    def body(self) -> ET.Element:
        """The article, parsed once (an ElementTree element; never modify, copy it)."""
        if self._body is None:
            import tinyhtml5
            m = ARTICLE.search(self.path.read_text(encoding="utf-8"))
            if m is None:
                raise PrintError([f"{self.path}: siden har intet <article class=\"{ARTICLE_CLASS}\"> at printe "
                                  "(book/contract.py: ARTICLE_CLASS); byg HTML igen"])
            inner = m.group(1)
            doc = tinyhtml5.parse(f"<!DOCTYPE html><html><body><div>{inner}</div></body></html>",
                                  namespace_html_elements=False)
            self._body = doc.find("body/div")
            for el in list(self._body.iter()):
                for child in list(el):
                    if DROP_CLASSES & set(child.get("class", "").split()):
                        el.remove(child)
        return self._body

    @property
    def title(self) -> str:
        h1 = self.body.find(".//h1")
        return " ".join("".join(h1.itertext()).split()) if h1 is not None else self.docname

    @property
    def ids(self) -> set[str]:
        return {el.get("id") for el in self.body.iter() if el.get("id")}


def reading_order(html_dir: Path) -> list[Page]:
    """All pages in the order of the site's "next" links, which follow _toc.yml."""
    pages, seen = [], set()
    path = html_dir / "index.html"
    while path.exists() and path not in seen:
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        docname = path.relative_to(html_dir).with_suffix("").as_posix()
        m = ARTICLE.search(text)
        top = FIRST_SECTION.search(m.group(1)) if m else None
        pages.append(Page(docname, path, top.group(1) if top else ""))
        link = NEXT.search(text)
        if not link:
            break
        href = HREF.search(link.group(0))
        if not href:
            break
        path = (path.parent / unquote(urlsplit(href.group(1)).path)).resolve()
    return pages


class PrintError(Exception):
    """What print cannot make, one Danish line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems

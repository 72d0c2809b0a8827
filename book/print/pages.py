"""The built site's pages, read back for printing: each page's article, in the site's reading order.

Sphinx renders every page once. Printing reuses each built page's article (the content without
the site's chrome); :mod:`.document` puts articles together into the print HTML of one PDF.
"""
from __future__ import annotations

import pickle
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..contract import ARTICLE_CLASS, DROP_CLASSES
from ..paths import digest

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
    cache: Path | None = None  # where parsed articles are kept, by their text (see parsed)
    key: str = ""

    @property
    def body(self) -> ET.Element:
        """The article, parsed once (an ElementTree element; never modify, copy it)."""
        if self._body is None:
            m = ARTICLE.search(self.path.read_text(encoding="utf-8"))
            if m is None:
                raise PrintError([f"{self.path}: siden har intet <article class=\"{ARTICLE_CLASS}\"> at printe "
                                  "(book/contract.py: ARTICLE_CLASS); byg HTML igen"])
            self.key = article_key(m.group(1))
            self._body = parsed(m.group(1), self.cache)
        return self._body

    @property
    def title(self) -> str:
        h1 = self.body.find(".//h1")
        return " ".join("".join(h1.itertext()).split()) if h1 is not None else self.docname

    @property
    def ids(self) -> set[str]:
        return {el.get("id") for el in self.body.iter() if el.get("id")}


PARSED: dict[str, ET.Element] = {}  # this process's articles, by their text's digest


def parsed(inner: str, cache: Path | None) -> ET.Element:
    """An article's HTML as a tree without the parts print leaves out.

    Parsing is most of the time a build without PDFs spends telling which PDFs still match the
    pages (``withdraw_outdated``), and most articles are as they were: trees are kept by the digest
    of their text, in this process and as files in ``cache``, which build after build holds the
    current pages' trees only (see :func:`forget_others`)."""
    key = article_key(inner)
    if key in PARSED:
        return PARSED[key]
    stored = cache / f"{key}.pickle" if cache is not None else None
    if stored is not None and stored.exists():
        try:
            body = pickle.loads(stored.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            body = None
        if isinstance(body, ET.Element):
            PARSED[key] = body
            return body
    import tinyhtml5
    doc = tinyhtml5.parse(f"<!DOCTYPE html><html><body><div>{inner}</div></body></html>",
                          namespace_html_elements=False)
    body = doc.find("body/div")
    for el in list(body.iter()):
        for child in list(el):
            if DROP_CLASSES & set(child.get("class", "").split()):
                el.remove(child)
    PARSED[key] = body
    if stored is not None:
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            tmp = stored.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(body, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(stored)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return body


def article_key(inner: str) -> str:
    return digest([inner, *sorted(DROP_CLASSES)])[:24]


def parse_cache(html_dir: Path) -> Path:
    """Beside the build's HTML (``.stage/print-pages`` for ``.stage/html``)."""
    return html_dir.parent / "print-pages"


def forget_others(pages: list[Page]) -> None:
    """Keep only these pages' trees in the cache folder, once every page was read."""
    if not pages or pages[0].cache is None or not pages[0].cache.is_dir() or not all(p.key for p in pages):
        return
    live = {f"{p.key}.pickle" for p in pages}
    for stored in pages[0].cache.glob("*.pickle"):
        if stored.name not in live:
            stored.unlink(missing_ok=True)


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
        pages.append(Page(docname, path, top.group(1) if top else "", cache=parse_cache(html_dir)))
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

"""Print HTML: the built site's pages read back, and assembled into one document per PDF.

Sphinx renders every page once. Printing reuses each built page's article (the content
without the site's chrome), cleans it for paper, makes ids unique and turns links into
in-document anchors when the target is in the same PDF (plain text otherwise).
"""
from __future__ import annotations

import copy
import html as htmllib
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from .plan import Job

ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
NEXT = re.compile(r'<link\b[^>]*\brel="next"[^>]*>')
HREF = re.compile(r'\bhref="([^"]*)"')
FIRST_SECTION = re.compile(r'<section\b[^>]*\bid="([^"]+)"')
DROP_CLASSES = {"headerlink", "ml-screen-only", "toc-backref", "ml-print-hide"}


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
            inner = m.group(1) if m else ""
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


# --- print documents -----------------------------------------------------------

def slug(docname: str) -> str:
    return docname.replace("/", "-")


def element(tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.Element(tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    el.text = text
    return el


def resolve(docname: str, url: str) -> tuple[str, str] | None:
    """(target docname, fragment) for a link within the site, None for other links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return docname, parts.fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), unquote(parts.path)))
    if not target.endswith(".html"):
        return None  # a PDF or another file: nothing to point at inside a PDF
    return target[:-len(".html")], parts.fragment


def assemble(job: Job, book_title: str) -> None:
    """Build the job's print HTML: cleaned articles, ids made unique, links made internal.

    The document is in Danish (``lang``) with the job's title, which WeasyPrint's PDF/UA
    output turns into the PDF's language and the title readers show.
    """
    job.html, images = print_html(job, book_title, range(len(job.parts)))
    job.images = sorted(images)


def print_html(job: Job, book_title: str, indexes) -> tuple[str, set[str]]:
    """The print HTML of some of the job's parts (and the images they show), with links and ids as
    in the whole job: parts laid out apart and put together later still link to each other."""
    docs = {p.page.docname: p for p in job.parts if p.body is None}  # generated parts are no link targets
    known = {name: p.page.ids for name, p in docs.items()}
    out = element("body", class_=f"ml-print ml-print-{job.kind}")
    images: set[str] = set()
    for n in indexes:
        part = job.parts[n]
        doc = part.page.docname
        prefix = slug(doc) if part.body is None else f"{slug(doc)}-{job.name}-{n}"
        body = copy.deepcopy(part.body if part.body is not None else part.page.body)
        for el in body.iter():
            if el.get("id"):
                el.set("id", f"{prefix}--{el.get('id')}")
            href = el.get("href") if el.tag == "a" else None
            if href is not None and not href.startswith(("http:", "https:", "mailto:", "tel:")):
                hit = resolve(doc, href)
                if hit is None or hit[0] not in docs:
                    del el.attrib["href"]  # the target is not in this PDF: keep the words, drop the link
                else:
                    target, frag = hit
                    el.set("href", f"#{slug(target)}--{frag}" if frag in known[target] else f"#{slug(target)}")
            if el.tag == "th" and not el.get("scope"):
                el.set("scope", "col")  # header cells say what they head (PDF/UA tables)
            if el.tag == "img" and el.get("src", "").startswith("file:"):
                images.add(unquote(urlsplit(el.get("src")).path))  # a source file: its bytes count too
            elif el.tag == "img" and el.get("src") and not urlsplit(el.get("src")).scheme:
                src = posixpath.normpath(posixpath.join(posixpath.dirname(doc), unquote(el.get("src"))))
                el.set("src", src)  # relative to the site's root, which is the base URL when rendering
                images.add(src)
        if "ml-letter" in part.classes:
            letter_first(body)
        sec = element("section", id=prefix, class_=f"ml-part ml-level-{part.level} {part.classes}".strip())
        if part.kicker:
            sec.append(element("p", part.kicker, class_="ml-kicker"))
        sec.extend(list(body))
        out.append(sec)
    head = (f'<meta charset="utf-8"><title>{htmllib.escape(job.title)}</title>'
            f'<meta name="author" content="{htmllib.escape(book_title)}">')
    html = (f'<!DOCTYPE html><html lang="da"><head>{head}</head>'
            + ET.tostring(out, encoding="unicode", method="html") + "</html>")
    return html, images


def letter_first(body: ET.Element) -> None:
    """A letter starts with its letterhead, above the subject (the page's title)."""
    for parent in body.iter():
        for child in list(parent):
            if "ml-letterhead" in child.get("class", "").split():
                parent.remove(child)
                body.insert(0, child)
                return

"""Print documents: the parts of one PDF and their print HTML.

A :class:`Job` is one PDF; its :class:`Part` s are pages of the site (their articles) or parts
generated from data. :func:`print_html` cleans the articles for paper, makes ids unique and turns
links into in-document anchors when the target is in the same PDF (plain text otherwise).
"""
from __future__ import annotations

import copy
import html as htmllib
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..contract import LETTERHEAD
from .pages import Page


@dataclass
class Part:
    """One page of the site (or a part generated from data) inside a print document."""
    page: Page
    kicker: str = ""                     # small line above the title: guide and kind
    level: int = 1                       # 1 = chapter, 2 = section (handbook table of contents)
    classes: str = ""                    # extra classes on the part, for print CSS
    body: ET.Element | None = None       # replaces the page's article (e.g. a generated Træn løs sheet)


@dataclass
class Job:
    """One PDF to make from print HTML."""
    filename: str                        # from book.paths, so the pages that link it agree
    title: str                           # the PDF's document title (shown by readers, PDF/UA)
    kind: str                            # sheet | letter | pack | handouts | guide | dagsprogram | handbook
    parts: list[Part] = field(default_factory=list)
    group: str = ""                      # jobs of one group are made by one worker, sharing their sheets' layouts
    public: bool = True
    html: str = ""
    images: list[str] = field(default_factory=list)
    digest: str = ""

    @property
    def name(self) -> str:
        return self.filename.removesuffix(".pdf")


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
            if LETTERHEAD in child.get("class", "").split():
                parent.remove(child)
                body.insert(0, child)
                return

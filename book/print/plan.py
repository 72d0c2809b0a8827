"""What to print: one job per PDF – the sheets, the session plans, the packs and the handbook.

* ``pdf/<id>.pdf``             one per printark/arbejdsark;
* ``pdf/pakke-<guide>.pdf``    all sheets of a guide;
* ``pdf/pakke-<session>.pdf``  a session's plan, its sheets and its Træn løs;
* ``pdf/kursusdag-<n>.pdf``    a course day as the participants' one-page agenda;
* ``pdf/haandbog.pdf``         the intervention, the three guides and the tools,
                               with a table of contents and internal links.

Sheets, session plans and the handbook's chapters are laid out; packs and the handbook
join laid-out PDFs, so a sheet is laid out once however many packs hold it.
"""
from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Handbook
from ..data.models import COURSES, GUIDES
from ..paths import COURSE_DAY_DOC, HANDBOOK, HANDBOOK_PDF, course_day_pdf, pack_pdf, sheet_pdf
from .pages import Page, element, reading_order

# What the handbook PDF holds, in the site's reading order: the intervention, the guides, the tools.
HANDBOOK_SECTIONS = ("content/indsats/", "content/guides/", "content/redskaber/")


@dataclass
class Part:
    """One page of the site inside a print document."""
    page: Page
    kicker: str = ""                     # small line above the title: guide and kind
    level: int = 1                       # 1 = chapter, 2 = section (handbook table of contents)
    classes: str = ""                    # extra classes on the part, for print CSS
    body: ET.Element | None = None       # replaces the page's article (e.g. a generated Træn løs sheet)


@dataclass
class Job:
    """One PDF to make: rendered from print HTML (``parts``) or joined from rendered PDFs (``joins``)."""
    filename: str                        # from book.paths, so the pages that link it agree
    title: str
    kind: str                            # rendered: sheet | plan | handbook; joined: guide | session
    parts: list[Part] = field(default_factory=list)
    joins: list[tuple[str, str]] = field(default_factory=list)   # (bookmark title, name of a rendered job)
    public: bool = True                  # False: an ingredient of a pack, kept out of the site
    elsewhere: dict[str, set[str]] = field(default_factory=dict)  # pages (and ids) in sibling handbook chunks
    html: str = ""
    images: list[str] = field(default_factory=list)
    digest: str = ""

    @property
    def name(self) -> str:
        return self.filename.removesuffix(".pdf")


def handbook_jobs(pages: list[Page]) -> list[Job]:
    """One job per chapter (a folder's index page and the pages after it) and the joined handbook.

    The chapters are laid out in parallel and alone, so an edit re-lays only its chapter. The join
    adds the cover, the contents with page numbers, the page numbers and the links between chapters.
    """
    chapters: list[list[Page]] = []
    for page in pages:
        if page.docname.endswith("/index") or not chapters:
            chapters.append([])
        chapters[-1].append(page)
    everywhere = {p.docname: p.ids for p in pages}
    jobs = []
    for k, chapter in enumerate(chapters, 1):
        own = {p.docname for p in chapter}
        parts = [Part(p, level=1 if p.docname.endswith("/index") else 2) for p in chapter]
        jobs.append(Job(f"{HANDBOOK}-kapitel-{k}.pdf", chapter[0].title, "handbook", parts, public=False,
                        elsewhere={d: ids for d, ids in everywhere.items() if d not in own}))
    if jobs:
        final = Job(HANDBOOK_PDF, "Mestringsluppen – håndbog", "handbook-join",
                    joins=[(j.title, j.name) for j in jobs])
        final.parts = [part for j in jobs for part in j.parts]  # for the contents
        jobs.append(final)
    return jobs


def train_sheet(page: Page, sid: str, title: str) -> ET.Element | None:
    """A take-home Træn løs sheet cut from the session page (when no printark carries it)."""
    src = next((el for el in page.body.iter() if el.get("id") == f"{sid}-traen-loes"), None)
    if src is None:
        return None
    body = element("div")
    sec = element("section", id=f"{sid}-traen-loes")
    sec.append(element("h1", f"Træn løs: {title}"))
    for child in src:
        text = " ".join("".join(child.itertext()).split())
        if child.tag in ("h1", "h2", "h3") or text == title:
            continue
        if child.tag == "p" and child.find(".//a") is not None and text.startswith("Ark"):
            continue
        sec.append(copy.deepcopy(child))
    body.append(sec)
    return body


def sheet_kicker(book: Handbook, sheet_id: str) -> str:
    meta = book.printark[sheet_id]
    return f"{GUIDES[meta.guide]} · {meta.category}"


def plan(book: Handbook, html_dir: Path) -> list[Job]:
    """Every PDF: sheets, session plans and the handbook are rendered; packs join rendered PDFs.

    A sheet is laid out once and reused in every pack that holds it, each with its own page
    numbers, so a pack costs a join, not a new layout.
    """
    pages = reading_order(html_dir)
    by_doc = {p.docname: p for p in pages}
    sessions = {p.top_id: p for p in pages if p.docname.startswith("content/guides/")}
    problems = []

    def sheet_page(sid: str) -> Page | None:
        page = by_doc.get(f"content/printark/{sid}")
        if page is None:
            problems.append(f"{html_dir}/content/printark/{sid}.html: siden mangler; byg HTML først")
        return page

    jobs: list[Job] = []
    for sid, meta in book.printark.items():
        if page := sheet_page(sid):
            jobs.append(Job(sheet_pdf(sid), meta.title, "sheet", [Part(page, sheet_kicker(book, sid))]))
    for guide in book.guides_with_sheets():
        ids = [p.id for p in book.guide_sheets(guide) if f"content/printark/{p.id}" in by_doc]
        if ids:
            jobs.append(Job(pack_pdf(guide), f"Printpakke: {GUIDES[guide]}", "guide",
                            joins=[(book.printark[i].title, i) for i in ids]))
    for course in COURSES:
        for s in book.course(course):
            page = sessions.get(s.id)
            if page is None:
                problems.append(f"session {s.id}: ingen side med front matter 'session: {s.id}'; byg HTML først")
                continue
            label = GUIDES[course]
            parts = [Part(page, f"{label} · sessionsplan", classes="ml-plan")]
            joins = [(f"Sessionsplan: {page.title}", f"sessionsplan-{s.id}")]
            joins += [(book.printark[i].title, i) for i in book.session_sheets(s) if f"content/printark/{i}" in by_doc]
            if s.train_at_home and not s.train_at_home.printark:
                slip = train_sheet(page, s.id, s.train_at_home.title)
                if slip is not None:
                    parts.append(Part(page, f"{label} · Træn løs efter session {s.number}", body=slip))
            jobs.append(Job(f"sessionsplan-{s.id}.pdf", page.title, "plan", parts, public=False))
            jobs.append(Job(pack_pdf(s.id), f"Printpakke: {book.title_of('session', s.id)}", "session",
                            joins=joins))
    for day in book.course_data.days if book.course_data else []:
        page = by_doc.get(COURSE_DAY_DOC.format(number=day.number))
        if page is not None:
            jobs.append(Job(course_day_pdf(day.number), f"{page.title}: {day.title}", "sheet",
                            [Part(page, f"{GUIDES['undervisere']} · dagsorden", classes="ml-day-agenda")]))
    jobs += handbook_jobs([p for p in pages if p.docname.startswith(HANDBOOK_SECTIONS)])
    if problems:
        raise PrintError(problems)
    return jobs


class PrintError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems

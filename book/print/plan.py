"""What to print: one job per PDF, each laid out in one WeasyPrint pass as tagged PDF/UA-1.

* ``pdf/<id>.pdf``                      one per printark/arbejdsark (letters in the letter layout);
* ``pdf/pakke-<guide>.pdf``             all sheets of a guide;
* ``pdf/pakke-<session>.pdf``           for the group leaders: a one-page run sheet, the session
                                        plan and what is printed once (materials, Træn løs slip);
* ``pdf/pakke-<session>-pr-barn.pdf``   the handouts, printed once per child (``-pr-voksen``);
* ``pdf/dagsprogram-<session>-a4.pdf``  a children's session's day programme with pictograms (and A3);
* ``pdf/kursusdag-<n>.pdf``             a course day as the participants' one-page agenda;
* ``pdf/haandbog.pdf``                  the intervention, the guides, the tools, the trainers' part and
                                        the glossary, behind a cover and contents with page numbers.

A pack is put together from its parts' layouts in one process (``layout.render_group``), never
joined from finished PDFs: joining loses the structure tree (the tags), the language and the
links that PDF/UA needs. The handbook is laid out whole, as its contents show page numbers.
"""
from __future__ import annotations

import copy
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Handbook
from ..data.models import COURSES, GUIDES, Session
from ..data.pictograms import PICTO_DIR, svg_title
from ..data.release import build_date, version
from ..data.wording import minutes_clock, session_minutes
from ..paths import (COURSE_DAY_DOC, DAY_PROGRAMME_SIZES, HANDBOOK_PDF, course_day_pdf, day_programme_pdf,
                     pack_handout_pdf, pack_pdf, sheet_pdf)
from .pages import Page, element, reading_order

# What the handbook PDF holds, in the site's reading order.
HANDBOOK_SECTIONS = ("content/indsats/", "content/guides/", "content/redskaber/", "content/undervisere/",
                     "content/ordliste")


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


# --- parts generated from data -----------------------------------------------------------

def picto_img(root: Path, name: str, classes: str) -> ET.Element:
    """A pictogram for a part generated from data, straight from content/billeder (the site copies only those it shows)."""
    path = root / PICTO_DIR / f"{name}.svg"
    return element("img", src=path.as_uri(), alt=svg_title(path), class_=classes)


def day_programme(book: Handbook, s: Session) -> ET.Element:
    """The children's day: one pictogram and a few words per programme item, in order."""
    body = element("div")
    sec = element("section", id=f"{s.id}-dagsprogram", class_="ml-day")
    sec.append(element("h1", f"Session {s.number}: {s.title}"))
    lst = element("ol", class_="ml-day-items")
    for item in s.programme:
        li = element("li", class_="ml-day-item")
        li.append(picto_img(book.root, item.picto or "forloeb", "ml-day-picto"))
        li.append(element("span", item.short or item.title, class_="ml-day-word"))
        lst.append(li)
    sec.append(lst)
    body.append(sec)
    return body


def run_sheet(book: Handbook, s: Session) -> ET.Element:
    """Page 1 of a session's pack: the programme with times, what to bring and what to print."""
    body = element("div")
    sec = element("section", id=f"{s.id}-koereplan", class_="ml-run-sheet")
    sec.append(element("h1", f"Køreplan: {book.title_of('session', s.id)}"))
    table = element("table", class_="ml-run-programme")
    table.append(element("caption", f"Program, {session_minutes(s)}"))
    head = element("tr")
    for label in ("Tid", "Punkt", "Materialer"):
        head.append(element("th", label, scope="col"))
    thead = element("thead")
    thead.append(head)
    table.append(thead)
    tbody = element("tbody")
    activities = {a.id: a for a in s.activities}
    start = 0
    for item in s.programme:
        row = element("tr")
        row.append(element("th", minutes_clock(start, start + item.minutes), scope="row"))
        row.append(element("td", item.title))
        used = activities[item.activity].materials if item.activity in activities else []
        row.append(element("td", "; ".join(s.material_texts(used))))
        tbody.append(row)
        start += item.minutes
    table.append(tbody)
    sec.append(table)
    cols = element("div", class_="ml-run-columns")
    bring = element("div", class_="ml-run-bring")
    bring.append(element("h2", "Pakkeliste"))
    ul = element("ul", class_="ml-run-list")
    for m, _users in book.packing_list(s):
        li = element("li")
        li.append(element("span", "", class_="ml-tick", **{"aria-hidden": "true"}))
        li.append(element("span", m.text))
        ul.append(li)
    bring.append(ul)
    cols.append(bring)
    prints = element("div", class_="ml-run-print")
    prints.append(element("h2", "Print før sessionen"))
    ul = element("ul", class_="ml-run-list")
    if s.course == "boern":
        ul.append(print_line("Dagsprogram med piktogrammer (A4 eller A3)", "1×",
                             day_programme_pdf(s.id, "a4")))
    for sid in book.session_sheets(s):
        ul.append(print_line(book.printark[sid].title, book.copies(s, sid),
                             pack_handout_pdf(s.id) if book.for_each_participant(s, sid) else pack_pdf(s.id)))
    if s.train_at_home and not s.train_at_home.printark:
        ul.append(print_line(f"Træn løs: {s.train_at_home.title}", f"1 pr. {book.participant(s)}",
                             pack_pdf(s.id)))
    prints.append(ul)
    cols.append(prints)
    sec.append(cols)
    body.append(sec)
    return body


def print_line(title: str, copies: str, filename: str) -> ET.Element:
    li = element("li")
    li.append(element("span", "", class_="ml-tick", **{"aria-hidden": "true"}))
    li.append(element("span", f"{title} – ", class_="ml-run-title"))
    li.append(element("strong", f"print {copies}"))
    li.append(element("span", f" ({filename})", class_="ml-run-file"))
    return li


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


def cover_and_contents(book: Handbook, book_title: str, pages: list[Page]) -> ET.Element:
    """The handbook's cover (edition, date, publisher) and its contents; page numbers come from CSS."""
    body = element("div")
    cover = element("section", id="forside", class_="ml-cover")
    cover.append(element("h1", book_title, class_="ml-cover-title"))
    cover.append(element("p", "Indsatsbeskrivelse, guide 1–3, redskaberne, materialet til undervisere og ordlisten",
                         class_="ml-cover-sub"))
    facts = element("dl", class_="ml-cover-facts")
    publisher = ", ".join(v for v in (book.local.kommune, book.local.afdeling) if v) or "Mestringsluppen"
    for label, value in (("Version", version()), ("Bygget", build_date()), ("Udgivet af", publisher)):
        facts.append(element("dt", label))
        facts.append(element("dd", value))
    cover.append(facts)
    body.append(cover)
    toc = element("nav", class_="ml-toc", **{"aria-label": "Indhold"})
    toc.append(element("h2", "Indhold"))
    lst = element("ol")
    # links as the site has them, from the first chapter's page, which the contents are printed with:
    # pages.print_html makes them links to the chapters inside the PDF, like every other link
    here = posixpath.dirname(pages[0].docname) or "."
    for page in pages:
        level = 1 if page.docname.endswith("/index") or page.docname == "content/ordliste" else 2
        li = element("li", class_=f"ml-toc-{level}")
        li.append(element("a", page.title, href=posixpath.relpath(f"{page.docname}.html", here)))
        lst.append(li)
    toc.append(lst)
    body.append(toc)
    return body


def sheet_kicker(book: Handbook, sheet_id: str) -> str:
    meta = book.printark[sheet_id]
    return f"{GUIDES[meta.guide]} · {meta.category}"


def plan(book: Handbook, html_dir: Path, book_title: str = "Mestringsluppen") -> list[Job]:
    """Every PDF, each with its parts in print order (their links become links inside the PDF)."""
    pages = reading_order(html_dir)
    by_doc = {p.docname: p for p in pages}
    sessions = {p.top_id: p for p in pages if p.docname.startswith("content/guides/")}
    problems = []

    def sheet_page(sid: str) -> Page | None:
        page = by_doc.get(f"content/printark/{sid}")
        if page is None:
            problems.append(f"{html_dir}/content/printark/{sid}.html: siden mangler; byg HTML først")
        return page

    def sheet_part(sid: str) -> Part:
        meta = book.printark[sid]
        if meta.kind == "brev":
            return Part(by_doc[f"content/printark/{sid}"], classes="ml-letter")
        kind = meta.kind.replace(" ", "-").replace("æ", "ae").replace("ø", "oe")
        return Part(by_doc[f"content/printark/{sid}"], sheet_kicker(book, sid),
                    classes=f"ml-sheet-{meta.guide} ml-kind-{kind}")

    jobs: list[Job] = []
    for sid, meta in book.printark.items():
        if sheet_page(sid):
            jobs.append(Job(sheet_pdf(sid), meta.title, "letter" if meta.kind == "brev" else "sheet",
                            [sheet_part(sid)], group=meta.guide))
    known = {sid for sid in book.printark if f"content/printark/{sid}" in by_doc}
    for guide in book.guides_with_sheets():
        ids = [p.id for p in book.guide_sheets(guide) if p.id in known]
        if ids:
            jobs.append(Job(pack_pdf(guide), f"Printpakke: {GUIDES[guide]}", "guide", [sheet_part(i) for i in ids],
                            group=guide))
    for course in COURSES:
        for s in book.course(course):
            page = sessions.get(s.id)
            if page is None:
                problems.append(f"session {s.id}: ingen side med front matter 'session: {s.id}'; byg HTML først")
                continue
            label = GUIDES[course]
            title = book.title_of("session", s.id)
            parts = [Part(page, f"{label} · køreplan", classes="ml-run", body=run_sheet(book, s)),
                     Part(page, f"{label} · sessionsplan", classes="ml-plan")]
            parts += [sheet_part(i) for i in book.leaders_sheets(s) if i in known]
            if s.train_at_home and not s.train_at_home.printark:
                slip = train_sheet(page, s.id, s.train_at_home.title)
                if slip is not None:
                    parts.append(Part(page, f"{label} · Træn løs efter session {s.number}", body=slip))
            jobs.append(Job(pack_pdf(s.id), f"Printpakke til gruppelederne: {title}", "pack", parts, group=course))
            handouts = [sheet_part(i) for i in book.handouts(s) if i in known]
            if handouts:
                jobs.append(Job(pack_handout_pdf(s.id), f"Ark til {book.each_participant(s)}: "
                                f"{title}", "handouts", handouts, group=course))
            if course == "boern":
                for size in DAY_PROGRAMME_SIZES:
                    jobs.append(Job(day_programme_pdf(s.id, size), f"Dagsprogram: {title}", "dagsprogram",
                                    [Part(page, body=day_programme(book, s), classes=f"ml-day-{size}")],
                                    group=course))
    for day in book.course_data.days if book.course_data else []:
        page = by_doc.get(COURSE_DAY_DOC.format(number=day.number))
        if page is not None:
            jobs.append(Job(course_day_pdf(day.number), f"{page.title}: {day.title}", "sheet",
                            [Part(page, f"{GUIDES['undervisere']} · dagsorden", classes="ml-day-agenda")],
                            group="undervisere"))
    chapters = [p for p in pages if p.docname.startswith(HANDBOOK_SECTIONS)]
    if chapters:
        front = Part(chapters[0], classes="ml-front", body=cover_and_contents(book, book_title, chapters))
        parts = [front] + [Part(p, level=1 if p.docname.endswith("/index") else 2) for p in chapters]
        jobs.append(Job(HANDBOOK_PDF, f"{book_title} – håndbog", "handbook", parts, group="haandbog"))
    if problems:
        raise PrintError(problems)
    return jobs


class PrintError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems

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
from pathlib import Path

from ..contract import MODULE_DETAILS, SHEET_LINE, TRAIN_TITLE, train_at_home_id
from ..data import Handbook
from ..data.models import COURSES, GUIDES, Session
from ..data.pictograms import PICTO_DIR, svg_title
from ..data.release import build_date, version
from ..data.wording import minutes_clock, session_minutes
from ..data.room import room_programme
from ..paths import COURSE_DAY_DOC, HANDBOOK_PDF, course_day_pdf, pack_pdf, sheet_pdf
from .document import Job, Part, element
from .pages import Page, PrintError, reading_order

# Sheets a child takes home and hangs up (the diploma): landscape, framed, without a worksheet's
# kicker and running footer (sheet.css: .ml-certificate)
CERTIFICATE_KINDS = ("diplom",)

# What the handbook PDF holds, in the site's reading order.
HANDBOOK_SECTIONS = ("content/indsats/", "content/guides/", "content/redskaber/", "content/undervisere/",
                     "content/ordliste")


# --- parts generated from data -----------------------------------------------------------

def picto_img(root: Path, name: str, classes: str) -> ET.Element:
    """A pictogram for a part generated from data, straight from content/billeder (the site copies only those it shows)."""
    path = root / PICTO_DIR / f"{name}.svg"
    return element("img", src=path.as_uri(), alt=svg_title(path), class_=classes)


def day_programme(book: Handbook, s: Session) -> ET.Element:
    """The children's day: one pictogram and a few words per programme item, in order, as the room shows it."""
    body = element("div")
    sec = element("section", id=f"{s.id}-dagsprogram", class_="ml-day")
    sec.append(element("h1", f"Session {s.number}: {s.title}"))
    lst = element("ol", class_="ml-day-items")
    for item in room_programme(book, s)["items"]:  # check makes every children's item name both
        li = element("li", class_="ml-day-item")
        li.append(picto_img(book.root, item["picto"], "ml-day-picto"))
        li.append(element("span", item["short"], class_="ml-day-word"))
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
    for slot in book.programme(s):
        row = element("tr")
        row.append(element("th", minutes_clock(slot.start, slot.end), scope="row"))
        row.append(element("td", slot.title))
        row.append(element("td", "; ".join(s.material_texts(slot.activity.materials if slot.activity else []))))
        tbody.append(row)
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
    for item in book.session_print(s).items({p: m.title for p, m in book.printark.items()}):
        ul.append(print_line(item.title, item.how, item.pdf))
    prints.append(ul)
    cols.append(prints)
    sec.append(cols)
    body.append(sec)
    return body


def print_line(title: str, how: str, filename: str) -> ET.Element:
    li = element("li")
    li.append(element("span", "", class_="ml-tick", **{"aria-hidden": "true"}))
    li.append(element("span", f"{title} – ", class_="ml-run-title"))
    li.append(element("strong", how))
    li.append(element("span", f" ({filename})", class_="ml-run-file"))
    return li


def train_sheet(page: Page, sid: str, title: str) -> ET.Element:
    """A take-home Træn løs sheet cut from the session page (when no printark carries it)."""
    mark = train_at_home_id(sid)
    src = next((el for el in page.body.iter() if el.get("id") == mark), None)
    if src is None:
        raise PrintError([f"{page.path}: sessionens Træn løs (id '{mark}', book/contract.py) mangler på siden; "
                          "byg HTML igen"])
    body = element("div")
    sec = element("section", id=mark)
    sec.append(element("h1", f"Træn løs: {title}"))
    for child in src:
        if child.tag in ("h1", "h2", "h3") or {TRAIN_TITLE, SHEET_LINE} & set(child.get("class", "").split()):
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


def without(body: ET.Element, mark: str) -> ET.Element:
    """A copy of a page's article without the elements that carry a mark (book/contract.py)."""
    out = copy.deepcopy(body)
    for parent in list(out.iter()):
        for child in list(parent):
            if mark in child.get("class", "").split():
                parent.remove(child)
    return out


def sheet_kicker(book: Handbook, sheet_id: str) -> str:
    meta = book.printark[sheet_id]
    return f"{GUIDES[meta.guide]} · {meta.category}"


def plan(book: Handbook, html_dir: Path, book_title: str = "Mestringsluppen",
         partial: bool = False) -> list[Job]:
    """Every PDF, each with its parts in print order (their links become links inside the PDF).

    A page missing from the site is an error, unless the site is ``partial`` (a test's book of a
    few pages): then the PDFs that need it are left out.
    """
    pages = reading_order(html_dir)
    by_doc = {p.docname: p for p in pages}
    sessions = {p.top_id: p for p in pages if p.docname.startswith("content/guides/")}
    problems = []

    def sheet_page(sid: str) -> Page | None:
        page = by_doc.get(f"content/printark/{sid}")
        if page is None and not partial:
            problems.append(f"{html_dir}/content/printark/{sid}.html: siden mangler; byg HTML først")
        return page

    def sheet_part(sid: str) -> Part:
        meta = book.printark[sid]
        if meta.kind == "brev":
            return Part(by_doc[f"content/printark/{sid}"], classes="ml-letter")
        if meta.kind in CERTIFICATE_KINDS:  # hung on a wall at home: no guide, kind or page number on it
            return Part(by_doc[f"content/printark/{sid}"], classes=f"ml-sheet-{meta.guide} ml-certificate")
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
                if not partial:
                    problems.append(f"session {s.id}: ingen side med front matter 'session: {s.id}'; byg HTML først")
                continue
            label = GUIDES[course]
            title = book.title_of("session", s.id)
            parts = [Part(page, f"{label} · køreplan", classes="ml-run", body=run_sheet(book, s)),
                     Part(page, f"{label} · sessionsplan", classes="ml-plan")]
            pack = book.session_print(s)
            parts += [sheet_part(i) for i in pack.leaders_sheets if i in known]
            if pack.train_slip:
                parts.append(Part(page, f"{label} · Træn løs efter session {s.number}",
                                  body=train_sheet(page, s.id, pack.train_slip.title)))
            jobs.append(Job(pack.leaders_pdf, f"Printpakke til gruppelederne: {title}", "pack", parts, group=course))
            handouts = [sheet_part(i) for i in pack.handouts if i in known]
            if handouts:
                jobs.append(Job(pack.handouts_pdf, f"Ark til {pack.participant.each}: {title}", "handouts", handouts,
                                group=course))
            for size, filename in (pack.day_programmes or {}).items():
                jobs.append(Job(filename, f"Dagsprogram: {title}", "dagsprogram",
                                [Part(page, body=day_programme(book, s), classes=f"ml-day-{size}")], group=course))
    for day in book.course_data.days if book.course_data else []:
        page = by_doc.get(COURSE_DAY_DOC.format(number=day.number))
        if page is not None:  # the participants' agenda: the day's page without its modules in full
            jobs.append(Job(course_day_pdf(day.number), f"{page.title}: {day.title}", "sheet",
                            [Part(page, f"{GUIDES['undervisere']} · dagsorden", classes="ml-day-agenda",
                                  body=without(page.body, MODULE_DETAILS))],
                            group="undervisere"))
    chapters = [p for p in pages if p.docname.startswith(HANDBOOK_SECTIONS)]
    if chapters:
        front = Part(chapters[0], classes="ml-front", body=cover_and_contents(book, book_title, chapters))
        parts = [front] + [Part(p, level=1 if p.docname.endswith("/index") else 2) for p in chapters]
        jobs.append(Job(HANDBOOK_PDF, f"{book_title} – håndbog", "handbook", parts, group="haandbog"))
    if problems:
        raise PrintError(problems)
    return jobs

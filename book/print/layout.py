"""Laying out: print HTML to PDF with WeasyPrint, and PDFs joined with pypdf (packs, the handbook)."""
from __future__ import annotations

import io
import logging
import os
import time
from pathlib import Path

from ..paths import SHEET_CSS
from .pages import LATER, front_matter
from .plan import Job


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def quiet_weasyprint() -> _Collect:
    """WeasyPrint logs progress at INFO; keep it off the console and collect its warnings instead."""
    log = logging.getLogger("weasyprint")
    for h in list(log.handlers):
        if isinstance(h, _Collect):
            log.removeHandler(h)
    collect = _Collect()
    log.addHandler(collect)
    log.propagate = False
    log.setLevel(logging.WARNING)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    return collect


def render_one(name: str, html: str, base_url: str, out: str) -> tuple[str, float, int, list[str]]:
    """Render one print HTML to a PDF (runs in a worker process). Returns warnings instead of logging them."""
    collect = quiet_weasyprint()
    from weasyprint import CSS, HTML
    started = time.perf_counter()
    tmp = out + ".tmp"
    try:
        HTML(string=html, base_url=base_url).write_pdf(tmp, stylesheets=[CSS(filename=str(SHEET_CSS))], cache={})
        os.replace(tmp, out)
    finally:
        logging.getLogger("weasyprint").removeHandler(collect)
        if os.path.exists(tmp):
            os.remove(tmp)
    return name, time.perf_counter() - started, os.path.getsize(out), collect.messages


def join_pdfs(name: str, title: str, joins: list[tuple[str, Path]], out: Path) -> tuple[str, float, int, list[str]]:
    """A print pack: rendered PDFs one after the other, each with a bookmark."""
    from pypdf import PdfWriter
    started = time.perf_counter()
    writer = PdfWriter()
    for bookmark, path in joins:
        writer.append(str(path), outline_item=bookmark, import_outline=False)
    writer.add_metadata({"/Title": title, "/Author": "Mestringsluppen"})
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    os.replace(tmp, out)
    return name, time.perf_counter() - started, out.stat().st_size, []


def join_handbook(job: Job, chapters: list[Path], book_title: str, base_url: str, out: Path,
                  guess: int = 2) -> tuple[str, float, int, list[str]]:
    """Join the chapters behind the cover and contents; number the pages; make cross-chapter links work."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject
    from weasyprint import CSS, HTML
    started = time.perf_counter()
    collect = quiet_weasyprint()
    readers = [PdfReader(p) for p in chapters]
    counts = [len(r.pages) for r in readers]
    local = {}  # page slug -> page number counted from the first chapter page
    offset = 0
    for reader, count in zip(readers, counts):
        for name, dest in reader.named_destinations.items():
            if "--" not in name:
                local[name] = offset + reader.get_destination_page_number(dest)
        offset += count
    front_pages = guess
    for _attempt in range(3):
        numbers = {name: front_pages + n + 1 for name, n in local.items()}
        html = front_matter(job, book_title, numbers, sum(counts))
        doc = HTML(string=html, base_url=base_url).render(stylesheets=[CSS(filename=str(SHEET_CSS))])
        actual = len(doc.pages) - sum(counts)
        if actual == front_pages:
            break
        front_pages = actual
    front = PdfReader(io.BytesIO(doc.write_pdf()))
    writer = PdfWriter()
    writer.append(front, pages=list(range(front_pages)))
    for reader in readers:
        writer.append(reader)
    for i, page in enumerate(writer.pages[front_pages:], front_pages):
        page.merge_page(front.pages[i])  # the page number, drawn on the empty numbered page
        page.compress_content_streams()
    names = {name for reader in readers for name in reader.named_destinations}
    problems = [f"WeasyPrint: {m}" for m in collect.messages]
    for page in writer.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(LATER):
                target = uri[len(LATER):]
                if target not in names:
                    target = target.split("--")[0]
                del annot[NameObject("/A")]
                annot[NameObject("/Dest")] = TextStringObject(target)
    writer.add_metadata({"/Title": job.title, "/Author": book_title})
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    os.replace(tmp, out)
    return job.filename, time.perf_counter() - started, out.stat().st_size, problems

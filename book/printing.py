"""Printark as A4 PDFs, rendered by WeasyPrint from the built HTML pages.

Sphinx renders each sheet's MyST once; printing reuses the page's article
and wraps it in a print template without the site's chrome.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .model import load

PRINT_CSS = Path(__file__).parent / "theme" / "print-sheet.css"
ARTICLE = re.compile(r'<article class="bd-article">(.*?)</article>', re.S)


def sheet_html(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    m = ARTICLE.search(html)
    body = m.group(1) if m else html
    return f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"></head><body>{body}</body></html>'


def render(page: Path, out: Path) -> None:
    from weasyprint import CSS, HTML
    out.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=sheet_html(page), base_url=str(page)).write_pdf(out, stylesheets=[CSS(filename=str(PRINT_CSS))])


def build_pdfs(root: Path, html_dir: Path) -> int:
    book = load(root)
    for sheet in book.printark:
        page = html_dir / "content" / "printark" / f"{sheet}.html"
        if not page.exists():
            print(f"{page}: siden mangler; byg HTML først", file=sys.stderr)
            return 1
        render(page, html_dir / "pdf" / f"{sheet}.pdf")
    return 0

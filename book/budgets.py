"""Page-weight budgets, checked after every build and reported as warnings (never errors)."""
from __future__ import annotations

import re
from pathlib import Path

ASSET_BUDGET = 300 * 1024          # no single file above this, except the search index
FIRST_VISIT_BUDGET = 500 * 1024    # a session page with its CSS and JS, uncompressed
SAMPLE_PAGE = "content/guides/boern/session-1.html"
EXEMPT = {"searchindex.js", "ml-search-data.js"}  # the search page's data: loaded there only
ASSET = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"#?]+)(?:\?[^"]*)?"')


def first_visit_bytes(site: Path, page: str = SAMPLE_PAGE) -> int:
    """The page plus the scripts and stylesheets it links (a static estimate of a first visit)."""
    html_path = site / page
    if not html_path.exists():
        return 0
    html = html_path.read_text(encoding="utf-8")
    total = len(html.encode())
    for ref in set(ASSET.findall(html)):
        path = (html_path.parent / ref).resolve()
        if path.is_file() and path.suffix in (".js", ".css"):
            total += path.stat().st_size
    return total


def oversized(site: Path) -> list[tuple[str, int]]:
    """Files a browser may load that are over the per-file budget: (path in the site, bytes)."""
    return [(str(path.relative_to(site)), path.stat().st_size) for path in sorted(site.rglob("*"))
            if path.is_file() and path.suffix in (".js", ".css", ".svg", ".png", ".woff2", ".woff", ".html")
            and path.name not in EXEMPT and path.stat().st_size > ASSET_BUDGET]


def check(site: Path) -> list[str]:
    """Danish warnings for every budget exceeded."""
    warnings = [f"Advarsel: {name} fylder {size // 1024} KB (budget {ASSET_BUDGET // 1024} KB pr. fil)"
                for name, size in oversized(site)]
    visit = first_visit_bytes(site)
    if visit > FIRST_VISIT_BUDGET:
        warnings.append(f"Advarsel: første besøg på {SAMPLE_PAGE} henter {visit // 1024} KB "
                        f"(budget {FIRST_VISIT_BUDGET // 1024} KB)")
    return warnings

"""Reading the built site: links, anchors and text of every page (no third-party parser needed)."""
from __future__ import annotations

import html.parser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Parser(html.parser.HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.page.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
        for attr in ("src", "href"):
            if tag in ("img", "script", "link", "source", "iframe") and a.get(attr):
                self.page.assets.append(a[attr])
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.page.text.append(data)


def parse(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> dict[Path, Page]:
    return {p: parse(p) for p in site.rglob("*.html")}


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("file",)) or url.startswith("//")


def target(page: Path, url: str) -> tuple[Path, str]:
    parts = urlsplit(url)
    path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return path, unquote(parts.fragment)

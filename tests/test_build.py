"""The built site: warnings as errors, links and anchors, every object present and cross-linked."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, copy_project, run_book, small_book
from htmlcheck import is_external, parse, target


def test_every_internal_link_and_anchor_resolves(site, all_pages):
    broken = []
    for path, page in all_pages.items():
        for url in page.links:
            if is_external(url) or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            dest, frag = target(path, url)
            if dest.is_dir():
                dest = dest / "index.html"
            if not dest.exists():
                broken.append(f"{path.relative_to(site)} -> {url} (missing file)")
                continue
            if frag and dest.suffix == ".html":
                ids = all_pages[dest].ids if dest in all_pages else parse(dest).ids
                if frag not in ids:
                    broken.append(f"{path.relative_to(site)} -> {url} (missing anchor)")
    assert not broken, "\n".join(broken[:50])


def test_no_external_links_or_assets(all_pages, site):
    """The site loads nothing from other hosts (links to other sites are allowed only if deliberate)."""
    offenders = [f"{p.relative_to(site)}: {a}" for p, page in all_pages.items() for a in page.assets if is_external(a)]
    assert not offenders, "\n".join(offenders[:20])


def page_for(site: Path, docname: str) -> Path:
    return site / f"{docname}.html"


def links_to(all_pages, site: Path, src: Path, dest_doc: str, anchor: str | None = None) -> bool:
    dest = page_for(site, dest_doc).resolve()
    for url in all_pages[src].links:
        if is_external(url):
            continue
        path, frag = target(src, url)
        if path == dest and (anchor is None or frag == anchor):
            return True
    return False


def test_every_session_has_a_page_linked_from_the_overview(book, site, all_pages):
    overview = page_for(site, "content/undervisere/forloebsoversigt")
    for s in book.sessions.values():
        doc = f"content/guides/{s.course}/session-{s.number}"
        assert page_for(site, doc).exists(), doc
        assert links_to(all_pages, site, overview, doc, s.id), f"forløbsoversigten mangler {s.id}"


def test_sessions_link_their_parallel_sessions_both_ways(book, site, all_pages):
    for s in book.course("boern"):
        if s.parallel and s.parallel in book.sessions:
            a = book.sessions[s.parallel]
            child_page = page_for(site, f"content/guides/boern/session-{s.number}")
            adult_page = page_for(site, f"content/guides/voksne/session-{a.number}")
            assert links_to(all_pages, site, child_page, f"content/guides/voksne/session-{a.number}", a.id)
            assert links_to(all_pages, site, adult_page, f"content/guides/boern/session-{s.number}", s.id)


def test_core_elements_present_and_in_matrix(book, site, all_pages):
    ke_page = page_for(site, "content/indsats/kerneelementer")
    matrix = page_for(site, "content/undervisere/kerneelementer-matrix")
    for k in book.core_elements.values():
        assert k.id in all_pages[ke_page].ids
        assert links_to(all_pages, site, matrix, "content/indsats/kerneelementer", k.id)


def test_every_printark_has_a_page_and_is_in_the_overview(book, site, all_pages):
    for sheet in book.printark.values():
        overview = page_for(site, f"content/printark/guide/{sheet.guide}")  # its guide's page of sheets
        doc = f"content/printark/{sheet.id}"
        assert page_for(site, doc).exists()
        assert links_to(all_pages, site, overview, doc), f"printark-oversigten mangler {sheet.id}"
        text = " ".join(all_pages[page_for(site, doc)].text)
        assert sheet.title in text


def test_printark_shows_where_it_is_used(book, site, all_pages):
    for sheet in book.printark.values():
        page = page_for(site, f"content/printark/{sheet.id}")
        for kind, ident in book.used_in(sheet.id):
            assert book.title_of(kind, ident) in " ".join(all_pages[page].text), (sheet.id, ident)


def test_session_page_shows_programme_and_sheets(book, site, all_pages):
    for s in book.sessions.values():
        page = all_pages[page_for(site, f"content/guides/{s.course}/session-{s.number}")]
        text = " ".join(page.text)
        for item in s.programme:
            assert item.title.replace('"', "") in text.replace("»", "").replace("«", ""), (s.id, item.title)
        assert f"{s.id}-program" in page.ids and f"{s.id}-ark" in page.ids


@pytest.mark.skipif(not (SHARED / "tools" / "seed-overlap").exists(), reason="../shared is not beside the project")
def test_no_prose_copied_from_the_sources():
    proc = subprocess.run([str(SHARED / "tools" / "seed-overlap")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


@pytest.mark.build
def test_bad_data_stops_the_build_and_keeps_the_previous_site(tmp_path):
    # a process of its own: the command's exit code and publishing (or not) are what is tested; a small project
    project = copy_project(tmp_path / "p")
    small_book(project, pages=("content/guides/boern/session-1",), index="# Mestringsluppen\n\nForsiden.\n")
    build = tmp_path / "build"
    first = run_book(["build", "--no-pdf"], project, build)
    assert first.returncode == 0, first.stderr[-3000:]
    index = build / "html" / "index.html"
    before = index.read_bytes(), index.stat().st_mtime_ns

    f = project / "content/guides/boern/session-1.yml"
    text = f.read_text()
    f.write_text(text.replace("minutes: 90\n", "minutes: 85\n", 1))
    line = next(i for i, l in enumerate(f.read_text().splitlines(), 1) if l.startswith("programme:"))
    second = run_book(["build", "--no-pdf"], project, build)
    assert second.returncode == 1
    assert f"content/guides/boern/session-1.yml:{line}: programmet varer 90 minutter, men sessionen er på 85" in second.stderr
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before

    # an unknown id in a page's prose fails the Sphinx stage, with the page and line
    f.write_text(text)
    page = project / "content/guides/boern/session-1.md"
    page.write_text(page.read_text() + "\nSe også {session}`boern-42`.\n\n```{redskab-kort} lommelygten\n```\n")
    lines = page.read_text().splitlines()
    role_line = next(i for i, l in enumerate(lines, 1) if "boern-42" in l)
    directive_line = next(i for i, l in enumerate(lines, 1) if "lommelygten" in l)
    third = run_book(["build", "--no-pdf"], project, build)
    assert third.returncode == 1
    assert f"content/guides/boern/session-1.md:{role_line}:" in third.stderr and "boern-42" in third.stderr
    assert f"content/guides/boern/session-1.md:{directive_line}:" in third.stderr, third.stderr[-2000:]
    assert "redskab 'lommelygten' findes ikke" in third.stderr
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before

    # once fixed, the next build publishes – with the package's current stylesheet, not an
    # older copy left in the build folder
    page.write_text(page.read_text().replace("Se også {session}`boern-42`.", "").replace(
        "```{redskab-kort} lommelygten\n```\n", ""))
    # (the pages load one stylesheet, ml-site.css, made from handbook.css and the themes' by book.site.assets)
    for name in ("handbook.css", "ml-site.css"):
        (build / ".stage" / "html" / "_static" / name).write_text("/* forældet */")
    fourth = run_book(["build", "--no-pdf"], project, build)
    assert fourth.returncode == 0, fourth.stderr[-3000:]
    assert index.stat().st_mtime_ns != before[1]
    published = (build / "html" / "_static" / "ml-site.css").read_text(encoding="utf-8")
    assert "forældet" not in published and ".ml-card" in published and ".ml-facts" in published


def test_sidebar_marks_the_current_page_and_opens_its_branch(site_html):
    """The navigation is rendered once per build and marked per page: on a session page its own
    link is the current one (no address of its own), every list item and list above it is
    "current", and the branch that holds it is open; on another page the same link is plain."""
    from bs4 import BeautifulSoup

    def nav(page: str):
        soup = BeautifulSoup((site_html / page).read_text(encoding="utf-8"), "html.parser")
        return soup.select_one("nav.bd-docs-nav")

    here = nav("content/guides/boern/session-3.html")
    own = next(a for a in here.find_all("a") if a.get_text().startswith("Børn · Session 3:"))
    assert own["href"] == "#" and own["class"][0] == "current", own
    items = [p for p in own.parents if p.name == "li"]
    assert len(items) >= 2, "the session sits under its guide in the tree"
    for li in items:
        assert li["class"][1:3] == ["current", "active"], li["class"]  # after toctree-lN, as the theme has it
        details = li.find("details", recursive=False)
        assert details is None or details.get("open") == "open"
    assert all("current" in ul["class"] for ul in own.parents if ul.name == "ul")
    assert len(here.select("li.current")) == len(items), "only the page's own branch is marked"

    there = nav("content/guides/voksne/session-1.html")
    link = there.find("a", href="../boern/session-3.html")
    assert link is not None and "current" not in link["class"]
    assert not any("current" in li.get("class", []) for li in link.parents if li.name == "li")


def reference_marking(soup, pagename: str, address) -> str:
    """What the theme would write: the tree's links made relative, and the current page's markers."""
    import copy
    soup = copy.copy(soup)
    for a in soup.find_all("a", attrs={"data-ml-doc": True}):
        target = a.attrs.pop("data-ml-doc")
        if target != pagename:
            a["href"] = address(target)
            continue
        a["class"] = ["current", *a.get("class", [])]
        a["href"] = "#"
        for parent in a.parents:
            if parent.name == "li":
                classes = parent.get("class", [])
                parent["class"] = [*classes[:1], "current", "active", *classes[1:]]
                details = parent.find("details", recursive=False)
                if details is not None:
                    details["open"] = "open"
            elif parent.name == "ul":
                parent["class"] = ["current", *parent.get("class", [])]
    return str(soup)


def test_sidebar_slots_write_what_marking_a_copy_of_the_tree_writes():
    """Every page's navigation is filled into slots instead of marking a copy of the whole tree;
    the text must be the same, attribute order and all, for every page and for a page outside it."""
    from bs4 import BeautifulSoup

    from book.site.sidebar import Slots
    tree = BeautifulSoup(
        '<ul class="nav bd-sidenav"><li class="toctree-l1 has-children">'
        '<a class="reference internal" href="a.html" data-ml-doc="a">A &amp; B</a>'
        '<details><summary>…</summary><ul>'
        '<li class="toctree-l2"><a href="a/x.html" class="reference internal" data-ml-doc="a/x">X</a></li>'
        '<li class="toctree-l2 has-children"><a data-ml-doc="a/y" href="a/y.html">Y</a>'
        '<details open=""><ul><li><a href="a/y/z.html" data-ml-doc="a/y/z" title="z">Z</a></li></ul></details></li>'
        '</ul></details></li>'
        '<li class="toctree-l1"><a class="reference internal" href="b.html" data-ml-doc="b">B</a></li></ul>',
        "html.parser")
    slots = Slots(tree)
    for page in ("a", "a/x", "a/y", "a/y/z", "b", "outside"):
        address = lambda target: f"../{target}.html?p={page}&amp=1"  # noqa: E731 – escaped like an attribute
        assert slots.fill(page, address) == reference_marking(tree, page, address), page

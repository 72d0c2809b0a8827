"""Hostile input (issue 27): content, lokal.yml and the build's surroundings treated as untrusted.

Each case ends one of two ways: refused with a Danish ``file:line`` message (and ``check`` or the build
stops, leaving the published site as it was), or built safely. No case may end in a traceback.
The data cases run ``load`` on a copy of the project (milliseconds); the page cases build a small book
in this process; the print and command cases call the code that makes PDFs and runs the commands.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from book.data import ContentError, load
from conftest import copy_project

SESSION = "content/guides/boern/session-3.yml"
SHEET = "content/printark/diplom.md"
PAGE = "content/indsats/maalgruppe.md"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def lokal(project: Path, monkeypatch, text: str) -> Path:
    path = project / "kommune" / "lokal.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("ML_LOKAL", str(path))
    return path


def png(path: Path) -> Path:
    from PIL import Image
    Image.new("RGB", (4, 4), "teal").save(path)
    return path


@dataclass
class Case:
    name: str
    breaks: Callable            # (project, monkeypatch) -> where: (relative file or absolute path, line)
    says: str                   # the start of the message at that place


CASES = [
    Case("billion laughs", lambda p, m: (append(p / SESSION, "\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"),
                                         (SESSION, line_of(p / SESSION, "a: &a")))[1],
         "YAML-ankre (&navn) og -henvisninger (*navn) bruges ikke"),
    Case("merge key", lambda p, m: (append(p / SESSION, "\nx: &b {t: 1}\ny:\n  <<: *b\n"),
                                    (SESSION, line_of(p / SESSION, "x: &b")))[1],
         "YAML-ankre (&navn) og -henvisninger (*navn) bruges ikke"),
    Case("!!binary hides text from the checks", lambda p, m: (edit(p / SESSION, "\ntitle: ", "\ntitle: !!binary "),
                                                              (SESSION, line_of(p / SESSION, "title: !!binary")))[1],
         "YAML-mærket !!binary bruges ikke"),
    Case("a custom tag", lambda p, m: (edit(p / SESSION, "\ntitle: ", "\ntitle: !python/object "),
                                       (SESSION, line_of(p / SESSION, "!python")))[1],
         "YAML-mærket !python/object bruges ikke"),
    Case("5,000 levels of flow nesting", lambda p, m: (append(p / SESSION, "\nx: " + "[" * 5000 + "]" * 5000 + "\n"),
                                                       (SESSION, line_of(p / SESSION, "x: [[[")))[1],
         "filen er indlejret for dybt"),
    Case("3,000 levels of block nesting (9 MB of indentation)",
         lambda p, m: (append(p / SESSION, "\nx:\n" + "".join("  " * (i + 1) + "- \n" for i in range(3000))),
                       (SESSION, 0))[1], "filen er for stor (9.0 MB)"),
    Case("400 levels of block nesting",
         lambda p, m: (append(p / SESSION, "\nx:\n" + "".join("  " * (i + 1) + "- \n" for i in range(400))),
                       (SESSION, line_of(p / SESSION, "x:") + 30))[1],
         "filen er indlejret for dybt"),
    Case("minutes of 10^20", lambda p, m: (edit(p / SESSION, "\nminutes: 90", "\nminutes: 100000000000000000000"),
                                           (SESSION, line_of(p / SESSION, "minutes: 1000")))[1],
         "'minutes' må højst være 240"),
    Case("a 500-character title", lambda p, m: (edit(p / SESSION, "\ntitle: ", "\ntitle: " + "Lang" * 125 + " "),
                                                (SESSION, line_of(p / SESSION, "title: Lang")))[1],
         "'title' er for lang (5"),
    Case("a 200-character short label", lambda p, m: (edit(p / SESSION, "short: Velkommen", "short: " + "x" * 200),
                                                      (SESSION, line_of(p / SESSION, "short: xxx")))[1],
         "'programme.short' er for lang (200 tegn)"),
    Case("a date where a number belongs", lambda p, m: (edit(p / SESSION, "\nminutes: 90", "\nminutes: 2025-01-01"),
                                                        (SESSION, line_of(p / SESSION, "minutes: 2025")))[1],
         "'minutes' skal være et helt tal – der står '2025-01-01'"),
    Case("an emoji in data", lambda p, m: (edit(p / SESSION, "\ntitle: ", "\ntitle: 🎉 "),
                                           (SESSION, line_of(p / SESSION, "🎉")))[1],
         "tegnet '🎉' (U+1F389, party popper) kan ikke vises i PDF'erne"),
    Case("an emoji on a page", lambda p, m: (append(p / PAGE, "\nGod fornøjelse 🚀\n"),
                                             (PAGE, line_of(p / PAGE, "🚀")))[1],
         "tegnet '🚀' (U+1F680, rocket) kan ikke vises i PDF'erne"),
    Case("{eval-rst} with raw HTML indented", lambda p, m: (
        append(p / PAGE, "\n```{eval-rst}\n.. raw:: html\n\n    <script>alert(1)</script>\n```\n"),
        (PAGE, line_of(p / PAGE, "{eval-rst}")))[1], "direktivet {eval-rst} er ikke tilladt"),
    Case("{include} of a file outside", lambda p, m: (append(p / PAGE, "\n```{include} ../../../../etc/passwd\n```\n"),
                                                      (PAGE, line_of(p / PAGE, "{include}")))[1],
         "direktivet {include} er ikke tilladt"),
    Case("{literalinclude}", lambda p, m: (append(p / PAGE, "\n:::{literalinclude} /etc/hostname\n:::\n"),
                                           (PAGE, line_of(p / PAGE, "{literalinclude}")))[1],
         "direktivet {literalinclude} er ikke tilladt"),
    Case("{csv-table} from a URL", lambda p, m: (append(p / PAGE, "\n```{csv-table} T\n:url: http://x.invalid/a.csv\n```\n"),
                                                 (PAGE, line_of(p / PAGE, "{csv-table}")))[1],
         "{csv-table} med :url: henter tabellen"),
    Case("an empty heading", lambda p, m: (append(p / PAGE, "\n## \n\nTomt afsnit.\n"),
                                           (PAGE, line_of(p / PAGE, "Tomt afsnit.") - 2))[1],
         "overskriften er tom"),
    Case("a 200 KB image text", lambda p, m: (append(p / PAGE, f"\n![{'a' * 200_000}](../billeder/hus.svg)\n"),
                                              (PAGE, line_of(p / PAGE, "![aaa")))[1],
         "billedets tekst er 200000 tegn; højst 300"),
    Case("a printark linked to a file outside", lambda p, m: (
        (p / "content/printark/hemmelig.md").symlink_to("/etc/hostname"), ("content/printark/hemmelig.md", 0))[1],
         "er et link til '/etc/hostname', som ligger uden for projektet"),
    Case("a picture linked to a file outside", lambda p, m: (
        (p / "content/billeder/logo.svg").symlink_to("/etc/hostname"), ("content/billeder/logo.svg", 0))[1],
         "er et link til '/etc/hostname', som ligger uden for projektet"),
    Case("a 3 MB picture", lambda p, m: ((p / "content/billeder/stor.png").write_bytes(b"\x89PNG" + b"\0" * 3_000_000),
                                         ("content/billeder/stor.png", 0))[1],
         "billedet fylder 3.0 MB; højst 2 MB"),
    Case("a 2 MB page", lambda p, m: (append(p / PAGE, "tekst " * 350_000), (PAGE, 0))[1], "filen er for stor (2.1 MB)"),
    Case("ML_LOKAL is a pipe", lambda p, m: (os.mkfifo(p.parent / "fifo"), m.setenv("ML_LOKAL", str(p.parent / "fifo")),
                                             (str(p.parent / "fifo"), 0))[2],
         "er ikke en almindelig fil"),
    Case("ML_LOKAL is a device", lambda p, m: (m.setenv("ML_LOKAL", "/dev/zero"), ("/dev/zero", 0))[1],
         "er ikke en almindelig fil"),
    Case("a logo outside lokal.yml's folder", lambda p, m: (
        lokal(p, m, "kommune: Prøve\nlogo: ../../outside/secret.png\n"), ("kommune/lokal.yml", 2))[1],
         "logoet '../../outside/secret.png' skal ligge i mappen med lokal.yml"),
    Case("a 50 MB logo", lambda p, m: (lokal(p, m, "logo: logo.png\n"),
                                       os.truncate(png(p / "kommune/logo.png"), 50_000_000),
                                       ("kommune/lokal.yml", 1))[2],
         "logoet fylder 50.0 MB; højst 500 KB"),
    Case("a corrupt logo", lambda p, m: (lokal(p, m, "logo: logo.png\n"),
                                         (p / "kommune/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
                                         ("kommune/lokal.yml", 1))[2],
         "'logo.png' er ikke et PNG-billede, der kan læses"),
    Case("an SVG logo that fetches from the network", lambda p, m: (
        lokal(p, m, "logo: logo.svg\n"),
        (p / "kommune/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><image href="http://x.invalid/'
                                            'a.png"/></svg>', encoding="utf-8"),
        ("kommune/lokal.yml", 1))[2], "'logo.svg' henter andre filer, adresser eller kører script"),
    Case("an SVG logo with script", lambda p, m: (
        lokal(p, m, "logo: logo.svg\n"),
        (p / "kommune/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                            encoding="utf-8"),
        ("kommune/lokal.yml", 1))[2], "'logo.svg' henter andre filer, adresser eller kører script"),
    Case("a logo without an ending", lambda p, m: (lokal(p, m, "logo: logo\n"), ("kommune/lokal.yml", 1))[1],
         "logoet skal være PNG, JPEG eller SVG, ikke 'logo' (uden filendelse)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_at_its_place_in_danish(case, tmp_path, monkeypatch):
    project = copy_project(tmp_path / "p")
    monkeypatch.delenv("ML_LOKAL", raising=False)
    where, line = case.breaks(project, monkeypatch)
    with pytest.raises(ContentError) as err:
        load(project)
    said = [str(p) for p in err.value.problems]
    at = f"{where}:{line}" if line else where  # a problem with the whole file has no line
    assert any(s.startswith(f"{at}: {case.says}") for s in said), "\n".join(said)
    assert not any(re.search(r"datetime\.|TaggedScalar|Traceback", s) for s in said), said


def test_a_page_saved_with_windows_line_ends_keeps_its_front_matter(tmp_path):
    project = copy_project(tmp_path / "p")
    sheet = project / SHEET
    sheet.write_bytes(sheet.read_bytes().replace(b"\n", b"\r\n"))
    assert load(project).printark["diplom"].title


# --- pages: what a page can do once it is built (a small book in this process) ---------------------

HOSTILE_PAGES = {
    "a-evalrst.md": "# A\n\n```{eval-rst}\n.. raw:: html\n\n    <script>alert(1)</script>\n```\n",
    "b-html.md": "# B\n\n<div><script>alert(2)</script></div>\n",
    "c-figure.md": "# C\n\n```{figure} content/billeder/hus.svg\n:target: javascript:alert(3)\n\nHus\n```\n",
    "d-include.md": "# D\n\n```{include} ../../../../etc/passwd\n```\n",
    "e-csv.md": "# E\n\n```{csv-table} Tabel\n:url: http://example.invalid/x.csv\n```\n",
    "f-link.md": "# F\n\n[klik](javascript:alert(4)) og <javascript:alert(5)>\n",
    "g-img.md": "# G\n\n![x](http://example.invalid/x.png) ![y](../../../../etc/hostname)\n",
    "h-rstinclude.md": "# H\n\n```{eval-rst}\n.. include:: /etc/passwd\n```\n",
    "i-data.md": "# I\n\n[d](data:text/html,<script>alert(7)</script>)\n",
    "j-literal.md": "# J\n\n```{literalinclude} /etc/hostname\n```\n",
    "k-rstlink.md": "# K\n\n```{eval-rst}\n`x <javascript:alert(8)>`_\n```\n",
    "l-subst.md": "---\nmyst:\n  substitutions:\n    s: <script>alert(9)</script>\n---\n# L\n\n{{ s }}\n",
}
REFUSED = [  # page, line, the start of the warning
    ("a-evalrst.md", 4, "{raw} er slået fra: rå HTML er ikke tilladt"),
    ("b-html.md", 3, "rå HTML er ikke tilladt på håndbogens sider"),
    ("c-figure.md", 3, "linket 'javascript:alert(3)' bruger en adresseform, håndbogen ikke tillader"),
    ("d-include.md", 3, "{include} kan ikke hente indhold fra en anden fil eller en adresse"),
    ("e-csv.md", 3, "{csv-table} kan ikke hente indhold fra en anden fil eller en adresse"),
    ("g-img.md", 3, "billedet 'http://example.invalid/x.png' ligger ikke i håndbogen"),
    ("g-img.md", 3, "billedet '../../../../etc/hostname' ligger uden for projektet"),
    ("h-rstinclude.md", 4, "{include} kan ikke hente indhold fra en anden fil eller en adresse"),
    ("i-data.md", 3, "rå HTML er ikke tilladt på håndbogens sider"),
    ("j-literal.md", 3, "{literalinclude} kan ikke hente indhold fra en anden fil eller en adresse"),
    ("k-rstlink.md", 4, "linket 'javascript:alert(8)' bruger en adresseform"),
    ("l-subst.md", 9, "rå HTML er ikke tilladt på håndbogens sider"),
]


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    from tinybook import TinyBook
    return TinyBook(tmp_path_factory.mktemp("fjendtlig"), HOSTILE_PAGES).build()


@pytest.mark.parametrize("page,line,says", REFUSED, ids=[f"{p}:{says[:30]}" for p, _l, says in REFUSED])
def test_a_page_may_not_run_script_read_files_or_fetch(hostile_book, page, line, says):
    found = [w for w in hostile_book.warnings if f"/{page}:{line}: WARNING: {says}" in w]
    assert found, "\n".join(hostile_book.warnings)


def test_what_is_written_holds_no_script_no_outside_file_and_no_foreign_address(hostile_book):
    out = hostile_book.outdir
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    search = (out / "_static" / "ml-search-data.js").read_text(encoding="utf-8")
    secret = Path("/etc/passwd").read_text(encoding="utf-8").split("\n", 1)[0]
    for name, html in pages.items():
        body = html.split("<article", 1)[-1]
        assert "<script>alert" not in body and not re.search(r'href="\s*javascript:', body, re.I), name
        assert secret not in html, name
        assert not re.search(r'<img[^>]+src="(https?:)?//', body), name
    assert secret not in search
    assert not list((out / "_images").glob("hostname*")), "a file from outside was copied into the site"


def test_a_page_removed_from_the_book_leaves_the_site(tmp_path):
    from tinybook import TinyBook
    book = TinyBook(tmp_path, {"forsvinder.md": "# Forsvinder\n\nSnart væk.\n", "bliver.md": "# Bliver\n"}).build()
    assert (book.outdir / "forsvinder.html").exists()
    (book.srcdir / "forsvinder.md").unlink()
    del book.pages["forsvinder.md"]
    book.write_toc()
    book.build()
    assert not (book.outdir / "forsvinder.html").exists() and (book.outdir / "bliver.html").exists()


def test_a_build_with_nothing_out_of_date_keeps_the_pages_the_extension_writes(tmp_path):
    """Sphinx writes nothing when no page is out of date – not the room pages and decks either; those
    are not stale (found while working on issue 29: a build for the PDFs after an HTML build took them all)."""
    from types import SimpleNamespace

    from book.site.stale import remove_stale
    out = tmp_path / "html"
    room = out / "content" / "session-3-rum.html"
    room.parent.mkdir(parents=True)
    room.write_text("<p>rummet</p>", encoding="utf-8")
    builder = SimpleNamespace(format="html", get_outfilename=lambda name: str(out / f"{name}.html"))
    app = SimpleNamespace(builder=builder, outdir=str(out), env=SimpleNamespace(found_docs={"index"}))
    remove_stale(app, None)  # Sphinx wrote nothing: nothing is stale
    assert room.exists()
    app.ml_written = {"index"}  # a build that wrote pages, but not this one: it is stale
    remove_stale(app, None)
    assert not room.exists()


# --- print: what a PDF may fetch ----------------------------------------------------------------

def test_a_pdf_fetches_only_the_projects_own_files(tmp_path):
    from weasyprint.urls import FatalURLFetchingError

    from book.print.fetcher import ProjectFetcher
    inside = tmp_path / "site" / "a.svg"
    inside.parent.mkdir()
    inside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    fetcher = ProjectFetcher([str(tmp_path / "site")])
    assert fetcher.fetch(inside.as_uri())
    assert fetcher.fetch("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>")
    for url, says in (("http://example.invalid/x.png", "ligger ikke i projektet; PDF'erne henter intet"),
                      ("https://example.invalid/x.png", "ligger ikke i projektet"),
                      ("file:///etc/hostname", "ligger uden for projektet"),
                      ((tmp_path / "site" / ".." / "x").as_uri(), "ligger uden for projektet"),
                      ("ftp://example.invalid/x", "ligger ikke i projektet")):
        with pytest.raises(FatalURLFetchingError, match=says):
            fetcher.fetch(url)


def test_a_pdf_stopped_halfway_is_made_again_not_published_as_unchanged(tmp_path, monkeypatch):
    """Kill a build while PDFs are written, undo the edit, build again: the PDF must be made again."""
    from tinybook import TinyBook

    from book.print import build, layout
    project = copy_project(tmp_path / "p")
    book = TinyBook(tmp_path / "bog", real=[f"content/printark/{s}" for s in ("diplom", "pausekort")],
                    data_root=project).build()
    only = lambda job: job.kind == "sheet"  # noqa: E731
    first = build.render(project, book.outdir, select=only, partial=True)
    assert not first.problems and set(first.rendered) == {"diplom.pdf", "pausekort.pdf"}
    sheet = project / SHEET
    original = sheet.read_text(encoding="utf-8")
    sheet.write_text(original + "\nEn sætning, der bliver fortrudt.\n", encoding="utf-8")
    book.build()
    real = layout.render_group

    def killed(items, base, roots):  # writes the first PDF of its group, then the process dies
        name, title, out, units = items[0]
        real([items[0]], base, roots)
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "render_group", killed)
    monkeypatch.setenv("ML_PDF_JOBS", "1")
    with pytest.raises(KeyboardInterrupt):
        build.render(project, book.outdir, select=only, partial=True)
    monkeypatch.setattr(build, "render_group", real)
    sheet.write_text(original, encoding="utf-8")  # the edit undone
    book.build()
    again = build.render(project, book.outdir, select=only, partial=True)
    assert "diplom.pdf" in again.rendered, "the half-made PDF was called unchanged"
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(book.outdir / "pdf" / "diplom.pdf").pages)
    assert "fortrudt" not in text


# --- the commands: what stops them from outside -------------------------------------------------

def test_ctrl_c_a_full_disk_and_a_read_only_folder_are_one_danish_line(monkeypatch, capsys):
    import errno
    from book import cli, publish
    monkeypatch.setattr(cli, "compat_problems", lambda pdf: False)

    def interrupted():
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "check", lambda *a: interrupted())
    assert cli.main(["check"]) == 130
    assert capsys.readouterr().err.strip() == "Afbrudt. Den forrige version af hjemmesiden er urørt; kør kommandoen igen."

    def read_only(*a, **k):
        raise PermissionError(errno.EROFS, "Read-only file system", "/srv/bog/_build/.lock")
    monkeypatch.setattr(cli, "build_lock", read_only)
    assert cli.main(["build", "--no-pdf"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("/srv/bog/_build/.lock: der kan ikke skrives her (Read-only file system)"), err
    assert "Traceback" not in err and len(err.splitlines()) == 1

    def full(*a, **k):
        raise shutil.Error([("/b/.stage/html/pdf/x.pdf", "/b/html.tmp/pdf/x.pdf", "[Errno 28] No space left on device")]
                           * 500)
    monkeypatch.setattr(publish.shutil, "copytree", full)
    with pytest.raises(shutil.Error):
        publish.publish(Path("/nonexistent/stage"), Path("/nonexistent/site"))
    assert cli.os_problem(shutil.Error([("a", "/b/html.tmp/x", "[Errno 28] No space left on device")] * 500)) == \
        "/b/html.tmp/x: disken er fuld; frigør plads, og kør kommandoen igen. Den forrige version af hjemmesiden er urørt."

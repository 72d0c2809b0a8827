"""Bad input an editor can make: each gets a Danish ``file:line`` answer and exit code 1, never a traceback.
And nothing stale is ever published: PDFs match their pages, one build at a time, a publish survives an interrupt.

Every case here reproduced a hole found by trying the handbook as a new editor would (issue 14):
``tests/fixtures/robust/*`` are single files with their exact messages (``melding:``); ``CASES`` break
a copy of the project and name the exact lines ``check`` must print.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from book.data import files
from book.data.loader import check_file
from conftest import ROOT, copy_project, run_book, small_book

FIXTURES = Path(__file__).parent / "fixtures" / "robust"
PRINT_FIXTURES = Path(__file__).parent / "fixtures" / "print"


def expected_messages(path: Path) -> list[str]:
    """The ``melding: LINE: text`` lines of a fixture (a Latin-1 fixture keeps them in UTF-8)."""
    return re.findall(r"^[#%] melding: (.*)$", path.read_bytes().decode("utf-8", errors="replace"), re.M)


def line_with(path: Path, text: str) -> int:
    """The first line of ``path`` holding ``text`` (1-based)."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# --- one file on its own: encoding, invisible characters, HTML, YAML mistakes -------------------

@pytest.mark.parametrize("path", sorted(FIXTURES.iterdir()), ids=lambda p: p.name)
def test_check_names_file_and_line_of_bad_text(path):
    kind = files.KINDS[path.name.split("--")[0]]
    expected = [f"{path.name}:{m}" for m in expected_messages(path)]
    assert expected, f"{path.name}: skriv den forventede melding i fixturen ('melding: LINJE: tekst')"
    assert [str(p) for p in check_file(path, kind)] == expected


def test_a_file_saved_as_latin1_stops_check_with_its_line_not_a_traceback():
    fixture = FIXTURES / "lokal--latin1.yml"
    env = {**os.environ, "ML_LOKAL": str(fixture)}
    proc = subprocess.run([sys.executable, "-m", "book", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.stderr.splitlines()[0] == f"{fixture.relative_to(ROOT)}:{expected_messages(fixture)[0]}"


# --- a copy of the project, broken on purpose ------------------------------------------------------

BOERN, VOKSNE = "content/guides/boern", "content/guides/voksne"


def replace_in(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} har ikke længere '{old}' – ret testen"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_activity(project: Path, rel: str) -> str:
    return re.search(r"^  - id: (\S+)", (project / rel).read_text(encoding="utf-8"), re.M).group(1)


def duplicate_activity(project: Path) -> None:
    """Session 4's first activity gets the id of session 3's first (and its programme follows)."""
    mine, theirs = first_activity(project, f"{BOERN}/session-4.yml"), first_activity(project, f"{BOERN}/session-3.yml")
    path = project / BOERN / "session-4.yml"
    path.write_text(re.sub(rf"\b{mine}\b", theirs, path.read_text(encoding="utf-8")), encoding="utf-8")


def tool_sheet(project: Path) -> None:
    """Energibatteriet lists a sheet that does not exist (one letter short)."""
    path = project / "content/indsats/redskaber.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("- id: energibatteriet")
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("  printark: ["))
    lines[at] = lines[at].replace("[", "[mit-batter, ", 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def latin1_page(project: Path) -> None:
    (project / "content/indsats/vidensgrundlag.md").write_bytes("# Vidensgrundlag\n\nBørn og voksne.\n".encode("cp1252"))


@dataclass
class Case:
    name: str
    edit: Callable[[Path], None]
    expected: list[tuple[str, object, str]]   # (file, line or text on the line or 0 for none, message)
    env: dict = field(default_factory=dict)


NOT_IN_TOC = ("siden er ikke med i _toc.yml, så den kommer ikke med på hjemmesiden; tilføj den i _toc.yml under "
              "den del, den hører til (eller slet filen, hvis den ikke skal bruges)")
NO_HTML = "skriv almindelig tekst (fremhæv med **fed** eller *kursiv*)"

CASES = [
    Case("aktivitets-id-to-steder", duplicate_activity,
         [(f"{BOERN}/session-4.yml", lambda p: f"  - id: {first_activity(p, f'{BOERN}/session-3.yml')}",
           lambda p: f"aktivitets-id '{first_activity(p, f'{BOERN}/session-3.yml')}' bruges også i boern-3; "
                     "aktivitets-id'er skal være unikke")]),
    Case("redskabets-printark", tool_sheet,
         [("content/indsats/redskaber.yml", "mit-batter,",
           "printark 'mit-batter' findes ikke; ret id'et eller opret den (mente du 'mit-batteri'?)")]),
    Case("kopi-af-session",
         lambda p: shutil.copy(p / BOERN / "session-3.yml", p / BOERN / "session-3-kopi.yml"),
         [(f"{BOERN}/session-3-kopi.yml", 1,
           "filen ligner en kopi af session-3.yml: børnenes gruppeforløb har én fil pr. session (session-1.yml … "
           "session-9.yml); slet kopien, eller giv den det rigtige navn")]),
    Case("session-10",
         lambda p: (p / BOERN / "session-10.yml").write_text(
             (p / BOERN / "session-9.yml").read_text(encoding="utf-8").replace("id: boern-9", "id: boern-10")
             .replace("number: 9", "number: 10"), encoding="utf-8"),
         [(f"{BOERN}/session-10.yml", 1,
           "børnenes gruppeforløb har ni sessioner (session-1.yml … session-9.yml), så der er ingen session 10; "
           "slet filen, eller giv den det rigtige navn")]),
    Case("yaml-endelse",
         lambda p: (p / VOKSNE / "session-2.yml").rename(p / VOKSNE / "session-2.yaml"),
         [(f"{VOKSNE}/session-2.yaml", 1,
           "datafiler skal ende på .yml, ikke .yaml – omdøb filen til session-2.yml, ellers bliver den ikke læst")]),
    Case("session-mangler", lambda p: (p / BOERN / "session-7.yml").unlink(),
         [(f"{BOERN}/session-7.yml", 0,
           "filen mangler – børnenes gruppeforløb har ni sessioner, session-1.yml … session-9.yml; gendan den, "
           "eller opret den")]),
    Case("tom-kerneelementfil", lambda p: (p / "content/indsats/kerneelementer.yml").write_text(""),
         [("content/indsats/kerneelementer.yml", 1,
           "filen er tom eller har kun kommentarer, men skal indeholde de fem kerneelementer; gendan den seneste "
           "udgave, eller skriv indholdet")]),
    Case("kerneelement-mangler",
         lambda p: (p / "content/indsats/kerneelementer.yml").write_text(re.sub(
             r"^- id: ke4\n(?:(?!- id:).*\n)*", "", (p / "content/indsats/kerneelementer.yml").read_text(
                 encoding="utf-8"), flags=re.M), encoding="utf-8"),
         [("content/indsats/kerneelementer.yml", 1,
           "kerneelement ke4 mangler – indsatsen har fem kerneelementer (ke1–ke5); tilføj det")]),
    Case("side-uden-for-toc",
         lambda p: (p / BOERN / "noter.md").write_text("# Noter\n\nTil næste gang.\n", encoding="utf-8"),
         [(f"{BOERN}/noter.md", 1, NOT_IN_TOC)]),
    Case("toc-uden-side", lambda p: (p / "content/indsats/vidensgrundlag.md").unlink(),
         [("_toc.yml", "content/indsats/vidensgrundlag",
           "siden 'content/indsats/vidensgrundlag' findes ikke (der er ingen content/indsats/vidensgrundlag.md); "
           "ret stien, eller fjern linjen")]),
    Case("html-paa-siden",
         lambda p: replace_in(p, f"{BOERN}/session-3.md", "fordi det giver et enkelt sprog",
                              "fordi det <img src=x onerror=alert(1)> giver et enkelt sprog"),
         [(f"{BOERN}/session-3.md", "onerror",
           f"HTML er ikke tilladt på siderne ('<img src=x onerror=alert(1)>'); {NO_HTML}")]),
    Case("raw-direktiv",
         lambda p: (p / "content/ordliste.md").write_text((p / "content/ordliste.md").read_text(encoding="utf-8")
                                                          + "\n```{raw} html\n<script>alert(1)</script>\n```\n",
                                                          encoding="utf-8"),
         [("content/ordliste.md", "{raw}",
           "direktivet {raw} er ikke tilladt på siderne: det sender HTML uændret videre til browseren – brug MyST og "
           "håndbogens direktiver")]),
    Case("html-i-kompetenceforloebet",
         lambda p: replace_in(p, "content/undervisere/kompetenceforloeb.yml", "familien: {term}",
                              'familien: <iframe src="https://example.invalid"></iframe> {term}'),
         [("content/undervisere/kompetenceforloeb.yml", "<iframe",
           f"HTML er ikke tilladt i teksten ('<iframe src=\"https://example.invalid\">'); {NO_HTML}")]),
    Case("side-gemt-som-latin1", latin1_page,
         [("content/indsats/vidensgrundlag.md", 3,
           "filen er ikke gemt som UTF-8 (tegnet 'ø' i 'Børn' kan ikke læses) – gem den som UTF-8 (i VS Code: klik på "
           "tegnsættet nederst til højre, fx 'Windows 1252', vælg 'Save with Encoding' og så 'UTF-8')")]),
    Case("config-felt-to-gange",
         lambda p: (p / "_config.yml").write_text((p / "_config.yml").read_text(encoding="utf-8")
                                                  + "latex:\n  use_jupyterbook_latex: true\n", encoding="utf-8"),
         [("_config.yml", lambda p: len((p / "_config.yml").read_text(encoding="utf-8").splitlines()) - 1,
           "YAML-filen kan ikke læses: feltet står to gange; slet det ene")]),
    Case("ML_LOKAL-findes-ikke", lambda p: None,
         [("ML_LOKAL", 0, "peger på '{tmp}/kommune/lokal.yml', som ikke findes; ret stien, eller fjern ML_LOKAL "
           "(så bruges lokal.yml i projektet)")], {"ML_LOKAL": "{tmp}/kommune/lokal.yml"}),
    Case("ML_LOKAL-er-en-mappe", lambda p: None,
         [("ML_LOKAL", 0, "'{tmp}' er en mappe, ikke en fil; kommunens oplysninger skal stå i en fil som lokal.yml – "
           "sæt ML_LOKAL til stien til filen, fx kommune/lokal.yml")], {"ML_LOKAL": "{tmp}"}),
]


def expected_lines(case: Case, project: Path, tmp: Path) -> list[str]:
    out = []
    for rel, where, message in case.expected:
        where = where(project) if callable(where) else where
        message = message(project) if callable(message) else message
        line = line_with(project / rel, where) if isinstance(where, str) else where
        text = message.replace("{tmp}", str(tmp))
        out.append(f"{rel}:{line}: {text}" if line else f"{rel}: {text}")
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_names_the_file_and_line(case, tmp_path, monkeypatch, capsys):
    from book import cli
    project = copy_project(tmp_path / "p")
    case.edit(project)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value.replace("{tmp}", str(tmp_path)))
    if "ML_LOKAL" not in case.env:
        monkeypatch.delenv("ML_LOKAL", raising=False)
    rc = cli.check(project)
    err = capsys.readouterr().err
    assert rc == 1, err
    assert err.split("\n\n")[0].splitlines() == expected_lines(case, project, tmp_path)


# --- the Sphinx stage: MyST's reports in Danish, at the line the mistake is on ----------------------

def test_sphinx_reports_roles_directives_terms_and_pages_in_danish_at_their_own_line(project, tiny_book):
    page = project / BOERN / "session-3.md"
    page.write_text(page.read_text(encoding="utf-8") + (
        "\nFørste linje i et afsnit,\nanden linje,\nog {redskab}`hverdagsdetektivn` på den tredje.\n"
        "\nEt nyt afsnit\nmed {sesion}`boern-4` på anden linje.\n"
        "\n```{sesion-oversigt} boern-3\n```\n"
        "\nEt afsnit om et {term}`redskab`,\nog et {term}`hemmeligt ord`\nog {doc}`en side <vidensgrundlg>`.\n"),
        encoding="utf-8")
    book = tiny_book(real=[f"{BOERN}/session-3"], data_root=project).build()
    err = "\n".join(book.warnings)
    shown = book.srcdir / BOERN / "session-3.md"  # the page as the book has it (its content is the project's)
    at = lambda text: f"{shown}:{line_with(page, text)}:"  # noqa: E731
    expected = [
        f"{at('hverdagsdetektivn')} ERROR: {{redskab}}`hverdagsdetektivn` findes ikke; ret id'et (se oversigterne) "
        "eller opret det",
        f"{at('{sesion}')} WARNING: rollen {{sesion}} findes ikke (mente du 'session'?); ret navnet – håndbogens "
        "roller er {session}, {printark}, {kerneelement}, {redskab}, {aktivitet}, {lokal}, {term}, {doc}",
        f"{at('{sesion-oversigt}')} WARNING: direktivet {{sesion-oversigt}} findes ikke (mente du 'session-oversigt'?); "
        "ret navnet (se Vedligeholdelse › Skrivevejledning › Henvisninger mellem siderne)",
        f"{at('hemmeligt ord')} WARNING: begrebet 'hemmeligt ord' står ikke i ordlisten; ret stavningen, eller skriv "
        "det ind i content/ordliste.md",
        f"{at('vidensgrundlg')} WARNING: siden 'vidensgrundlg' findes ikke; ret henvisningen {{doc}}`…` (stien går fra "
        "siden selv, eller fra projektets rod, når den starter med /)",
    ]
    for line in expected:
        assert line in err.splitlines(), f"{line}\n\n{err[-3000:]}"


# --- nothing stale is published: PDFs that no longer match their pages ---------------------------

LETTER, DIPLOMA, UNRELATED = "informationsbrev-familie", "diplom", "detektivark"


def render_some(project: Path, html: Path, lokal: str, names: set[str]):
    from book.print import render
    old = os.environ.get("ML_LOKAL")
    os.environ["ML_LOKAL"] = str(PRINT_FIXTURES / lokal)
    try:
        result = render(project, html, select=lambda job: job.name in names, partial=True)
    finally:
        os.environ.pop("ML_LOKAL") if old is None else os.environ.__setitem__("ML_LOKAL", old)
    assert not result.problems, result.problems
    return result


@pytest.fixture(scope="module")
def rebuilt_with_other_settings(tmp_path_factory):
    """A site published with PDFs for one municipality, then rebuilt without PDFs for another."""
    from book.cli import publish
    # processes of their own: the command withdraws the PDFs (and says so); a small project of the three sheets
    tmp = tmp_path_factory.mktemp("forældede-pdf")
    project, build = copy_project(tmp / "p"), tmp / "b"
    small_book(project, pages=tuple(f"content/printark/{name}" for name in (LETTER, DIPLOMA, UNRELATED)),
               index="# Mestringsluppen\n\nForsiden.\n")
    stage, site = build / ".stage" / "html", build / "html"
    first = run_book(["build", "--no-pdf"], project, build, {"ML_LOKAL": str(PRINT_FIXTURES / "lokal-test.yml")})
    assert first.returncode == 0, first.stderr[-3000:]
    render_some(project, stage, "lokal-test.yml", {LETTER, DIPLOMA, UNRELATED})
    publish(stage, site)
    before = {name: (site / "pdf" / f"{name}.pdf").read_bytes() for name in (LETTER, DIPLOMA, UNRELATED)}
    second = run_book(["build", "--no-pdf"], project, build, {"ML_LOKAL": str(PRINT_FIXTURES / "lokal-lang.yml")})
    assert second.returncode == 0, second.stderr[-3000:]
    return project, stage, site, before, second


def pdf_words(path: Path) -> list[tuple[float, float, str]]:
    """(right edge, page width, word) for every word, from poppler's pdftotext."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for page in re.finditer(r'<page width="([\d.]+)".*?</page>', out, re.S):
        width = float(page.group(1))
        for m in re.finditer(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
                             page.group(0)):
            words.append((float(m.group(1)), width, m.group(2)))
    return words


@pytest.mark.build
def test_a_rebuild_for_another_municipality_withdraws_old_pdfs_and_wraps_long_values(rebuilt_with_other_settings):
    """Two checks on one build of their own: one test, so the build is made once whatever worker runs it."""
    an_html_only_build_never_publishes_pdfs_of_older_pages(rebuilt_with_other_settings)
    long_local_values_wrap_inside_the_page(rebuilt_with_other_settings)


def an_html_only_build_never_publishes_pdfs_of_older_pages(rebuilt_with_other_settings) -> None:
    from pypdf import PdfReader
    _project, _stage, site, before, second = rebuilt_with_other_settings
    letter = site / "pdf" / f"{LETTER}.pdf"
    if letter.exists():  # re-made or removed are both fine; the old municipality is not
        text = " ".join(p.extract_text() for p in PdfReader(letter).pages)
        assert "Prøvekommune" not in text, "brevet på hjemmesiden er stadig fra den forrige bygning"
    assert not (site / "pdf" / f"{DIPLOMA}.pdf").exists() or (site / "pdf" / f"{DIPLOMA}.pdf").read_bytes() != before[DIPLOMA]
    # a sheet whose page did not change keeps its PDF
    assert (site / "pdf" / f"{UNRELATED}.pdf").read_bytes() == before[UNRELATED]
    assert f"{LETTER}.pdf" in second.stdout and "make site" in second.stdout, second.stdout[-2000:]


def long_local_values_wrap_inside_the_page(rebuilt_with_other_settings) -> None:
    from pypdf import PdfReader
    project, stage, _site, _before, _second = rebuilt_with_other_settings
    render_some(project, stage, "lokal-lang.yml", {LETTER, DIPLOMA})
    assert len(PdfReader(stage / "pdf" / f"{DIPLOMA}.pdf").pages) == 1, "diplomet skal være på én side"
    for name in (LETTER, DIPLOMA):
        words = pdf_words(stage / "pdf" / f"{name}.pdf")
        outside = [w for right, width, w in words if right > width - 30]  # the margin is 16 mm (45 pt)
        assert not outside, f"{name}.pdf: tekst ud over papirets kant: {outside}"
        assert any("Eksempelbyogomegnens" in w for _r, _w, w in words), f"{name}.pdf mangler kommunens navn"


# --- one build at a time; a publish survives an interrupt ------------------------------------------

def wait_for(proc, lines: list[str], text: str, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            lines.append(line)
            if text in line:
                return True
        elif proc.poll() is not None:
            return False
    return False


@pytest.mark.build
def test_a_second_build_in_the_same_folder_is_refused_until_the_first_ends(tmp_path):
    # processes of their own: the lock is the command's, held by a process and let go when it dies; a small project
    project, build = copy_project(tmp_path / "p"), tmp_path / "b"
    small_book(project, index="# Mestringsluppen\n\nForsiden.\n")
    env = {**os.environ, "ML_ROOT": str(project), "ML_BUILD": str(build), "PYTHONUNBUFFERED": "1"}
    for stop in (signal.SIGINT, signal.SIGKILL):  # Ctrl+C, and a process killed without a chance to clean up
        # a job started in the background (`make test &`, a CI runner) ignores Ctrl+C, and its children
        # inherit that: give the build the terminal's default so SIGINT interrupts it as it would a user's
        first = subprocess.Popen([sys.executable, "-m", "book", "build", "--no-pdf"], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        lines: list[str] = []
        try:
            assert wait_for(first, lines, "Indholdet er i orden"), "".join(lines)
            # freeze it while it holds the lock: on a loaded machine it could otherwise finish its build before
            # the signal, and the command after it would then find whole HTML and make every PDF
            first.send_signal(signal.SIGSTOP)
            try:
                second = subprocess.run([sys.executable, "-m", "book", "build", "--no-pdf"], cwd=ROOT, env=env,
                                        capture_output=True, text=True, timeout=60)
            except subprocess.TimeoutExpired:
                pytest.fail("den anden bygning kørte løs i den samme mappe i stedet for at stoppe")
            assert second.returncode == 1
            assert "en anden bygning kører allerede i denne mappe" in second.stderr, second.stderr[-2000:]
            assert f"proces {first.pid}" in second.stderr
        finally:
            first.send_signal(stop)
            first.send_signal(signal.SIGCONT)  # a stopped process gets its Ctrl+C when it runs again
            first.wait(timeout=60)
        rest = first.stdout.read()
        assert first.returncode != 0, f"den første bygning skulle være afbrudt, ikke færdig:\n{''.join(lines)}{rest}"
        # the lock went with the process: the next command gets past it (and stops for its own reason)
        after = subprocess.run([sys.executable, "-m", "book", "pdf"], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=120)
        assert "en anden bygning" not in after.stderr, after.stderr[-2000:]
        assert "ingen færdig HTML" in after.stderr, after.stderr[-2000:]  # the interrupted build left none


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the lost interrupt, as meant
def test_a_ctrl_c_lost_on_its_way_still_stops_the_publishing(tmp_path, monkeypatch):
    """Python drops a KeyboardInterrupt raised in a finaliser (it prints "Exception ignored …"), and a build
    would go on to publish; the command remembers the Ctrl+C, and publishing refuses."""
    from book import publish as pub
    installed = []
    monkeypatch.setattr(pub.signal, "getsignal", lambda signum: pub.signal.default_int_handler)
    monkeypatch.setattr(pub.signal, "signal", lambda signum, handler: installed.append((signum, handler)))
    pub.remember_interrupts()
    [(signum, handler)] = installed
    assert signum == signal.SIGINT
    monkeypatch.setattr(pub, "_interrupted", False)
    site, stage = tmp_path / "b" / "html", tmp_path / "b" / ".stage" / "html"
    for folder, text in ((site, "gammel"), (stage, "ny")):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(text)

    class Finaliser:
        def __del__(self):
            handler(signal.SIGINT, None)  # where a Ctrl+C can land: the KeyboardInterrupt is printed and lost

    Finaliser()
    assert pub._interrupted, "the handler remembers the Ctrl+C it raised"
    with pytest.raises(KeyboardInterrupt):
        pub.publish(stage, site)
    assert (site / "index.html").read_text() == "gammel"


def test_an_interrupted_publish_is_finished_by_the_next_command(tmp_path, monkeypatch):
    from book import cli
    site, stage = tmp_path / "b" / "html", tmp_path / "b" / ".stage" / "html"
    for folder, text in ((site, "gammel"), (stage, "ny")):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(text)
    real_replace = os.replace

    def interrupted(src, dst):  # Ctrl+C between moving the old site aside and moving the new one in
        if Path(dst) == site:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cli.publish(stage, site)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not site.exists(), "the test should interrupt where the old publish left no site"
    # the next build puts the site back before anything else – even one that then stops at check
    env = {**os.environ, "ML_ROOT": str(tmp_path / "tom"), "ML_BUILD": str(tmp_path / "b")}
    proc = subprocess.run([sys.executable, "-m", "book", "build", "--no-pdf"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert site.exists(), "efter et afbrudt skift skal næste kørsel sætte hjemmesiden på plads igen"
    assert (site / "index.html").read_text() == "ny"
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith("html")) == ["html"]


@pytest.mark.parametrize("step", ["copy", "rename-new", "between-the-two-renames"])
def test_publish_leaves_a_whole_site_whatever_step_is_interrupted(tmp_path, monkeypatch, step):
    from book import publish as pub
    site, stage = tmp_path / "html", tmp_path / "stage"
    for folder, text in ((site, "gammel"), (stage, "ny")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    real_copy, real_replace = shutil.copytree, os.replace

    def copy(src, dst, *a, **kw):
        if step == "copy":
            real_copy(src, dst, *a, **kw)
            raise KeyboardInterrupt
        return real_copy(src, dst, *a, **kw)

    def replace(src, dst):
        if (step == "rename-new" and Path(dst).name == "html.new") or (step == "between-the-two-renames" and Path(dst) == site):
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(shutil, "copytree", copy)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        pub.publish(stage, site)
    monkeypatch.undo()
    pub.recover(site)
    expected = "ny" if step == "between-the-two-renames" else "gammel"  # once html.new is whole, it is what gets published
    assert (site / "index.html").read_text() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "stage"]


def test_a_byte_order_mark_is_fine(tmp_path):
    """Windows editors may start a UTF-8 file with a BOM; that is still UTF-8."""
    lokal = tmp_path / "lokal.yml"
    lokal.write_bytes("\ufeffkommune: Københavns Kommune\n".encode("utf-8"))
    assert check_file(lokal, files.KINDS["lokal"]) == []
    sheet = tmp_path / "ark.md"
    sheet.write_bytes(("\ufeff---\nid: ark\ntitle: Et ark\nguide: boern\naudience: [barn]\nkind: øvelse\n---\n\n"
                       "Tekst.\n").encode("utf-8"))
    assert check_file(sheet, files.KINDS["printark"]) == []

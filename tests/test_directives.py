"""What each of the handbook's directives and roles renders, kept as snapshots (``tests/test_directives/``).

One small book (built once for the module, in this process) has a page per directive invocation and per
role; each page's article, with what differs between machines and days taken out, must equal its snapshot.
A change in rendering shows as a diff. When the change is meant (or the content it shows changed), write the
snapshots again with ``make snapshots`` (``pytest tests/test_directives.py --force-regen``) and read the diff.
Every directive and role the extension registers needs a snapshot, so a new one cannot be forgotten.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, tiny_book_once
from tinybook import TinyBook

SNAPSHOTS = Path(__file__).parent / "test_directives"

# basename -> the page: front matter (a session or tool page, as the real ones) and the directive or roles.
# Sessions and tools are shown on their own pages here, so the roles below link to them.
CASES: dict[str, tuple[str, str]] = {
    "session-oversigt-boern-3": ("session: boern-3", "```{session-oversigt} boern-3\n```"),
    "session-oversigt-voksne-2": ("session: voksne-2", "```{session-oversigt} voksne-2\n```"),
    "session-liste-boern": ("", "```{session-liste} boern\n```"),
    "session-liste-voksne": ("", "```{session-liste} voksne\n```"),
    "forloebsoversigt": ("", "```{forloebsoversigt}\n```"),
    "session-kort-voksne": ("", "```{session-kort} voksne\n```"),
    "traen-loes-boern-3": ("", "```{traen-loes} boern-3\n```"),
    "traen-loes-boern-5-task": ("", "```{traen-loes} boern-5\n:part: task\n```"),
    "traen-loes-boern-5-adult": ("", "```{traen-loes} boern-5\n:part: adult\n```"),
    "traen-loes-periode-voksne-2": ("", "```{traen-loes-periode} voksne-2\n:linjer: 3\n```"),
    "printark-oversigt-boern": ("", "```{printark-oversigt} boern\n```"),
    "printark-grupper": ("", "```{printark-grupper}\n```"),
    "printark-efter-maalgruppe": ("", "```{printark-efter-maalgruppe}\n```"),
    "printpakker": ("", "```{printpakker}\n```"),
    "guidepakke-opstart": ("", "```{guidepakke} opstart\n```"),
    "skrivelinjer-3": ("", "```{skrivelinjer} 3\nHvad vil du gerne blive bedre til?\n```"),
    "skrivelinjer-felter": ("", "```{skrivelinjer}\n:felter: Barnets navn og alder; Dato; Deltagere\n```"),
    "session-titler-boern-datoer": ("", "```{session-titler} boern\n:datoer:\n```"),
    "session-billeder-boern": ("", "```{session-billeder} boern\n```"),
    "skole-vidensdeling-1-3": ("", "```{skole-vidensdeling} 1-3\n```"),
    "redskab-kort-energibatteriet": ("redskab: energibatteriet", "```{redskab-kort} energibatteriet\n```"),
    "redskab-trin-konflikttrappen": ("", "```{redskab-trin} konflikttrappen\n```"),
    "redskab-resume-hverdagsdetektiven": ("", "```{redskab-resume} hverdagsdetektiven\n```"),
    "redskab-matrix": ("", "```{redskab-matrix}\n```"),
    "kerneelementer": ("", "```{kerneelementer}\n```"),
    "forandringsteori": ("", "```{forandringsteori}\n```"),
    "fidelitetskriterier": ("", "```{fidelitetskriterier}\n```"),
    "kerneelement-matrix": ("", "```{kerneelement-matrix}\n```"),
    "fidelitetstjekliste": ("", "```{fidelitetstjekliste}\n```"),
    "kort-traedesten": ("", "```{kort} traedesten\n```"),
    "kort-sporkort-tjekliste": ("", "```{kort} sporkort\n:form: tjekliste\n:antal: 4\n:linjer: 1\n:navn:\n```"),
    "fremdriftstavle-boern": ("", "```{fremdriftstavle} boern\n```"),
    "forloebsplanlaegger": ("", "```{forloebsplanlaegger}\n```"),
    "feltreference": ("", "```{feltreference}\n```"),
    "aendringslog": ("", "```{aendringslog}\n```"),
    "tilgaengelighed-fakta": ("", "```{tilgaengelighed-fakta}\n```"),
    "aktivitet-forsamtale": ("", "```{aktivitet} forsamtale\n```"),
    "aktivitet-oversigt": ("", "```{aktivitet-oversigt}\n```"),
    "aktivitet-oversigt-2": ("", "```{aktivitet-oversigt} 2\n```"),
    "kompetenceforloeb": ("", "```{kompetenceforloeb}\n```"),
    "kursusdag-1": ("", "```{kursusdag} 1\n```"),
    "opdigtede-cases": ("", "```{opdigtede-cases}\n```"),
    "bekymring": ("", "```{bekymring}\n```"),
    "fidelitet-paa-tvaers": ("", "```{fidelitet-paa-tvaers}\n```"),
    # roles: the id alone (the title from the data) and with a text of its own
    "rolle-session": ("", "Se {session}`boern-3` og {session}`den tredje session <boern-3>`."),
    "rolle-printark": ("", "Print {printark}`mit-batteri` og {printark}`arket <mit-batteri>`."),
    "rolle-kerneelement": ("", "Det bærer {kerneelement}`ke2` og {kerneelement}`det andet <ke2>`."),
    "rolle-redskab": ("", "Brug {redskab}`energibatteriet` og {redskab}`batteriet <energibatteriet>`."),
    "rolle-aktivitet": ("", "Før start: {aktivitet}`forsamtale` og {aktivitet}`samtalen <forsamtale>`."),
    "rolle-lokal": ("", "Vi mødes på {lokal}`sted`, {lokal}`adresse` hos {lokal}`kommune`."),
    "rolle-trin": ("", "Trinnene: {trin}`konflikttrappen`."),
    "rolle-trinraekke": ("", "Trinnene: {trinraekke}`konflikttrappen`."),
    "rolle-redskabsstart": ("", "Børnene møder redskaberne i {redskabsstart}`boern`."),
    "rolle-kortene": ("", "Kortene på arket: {kortene}`traedesten`."),
}
# project pages in the book: a sheet, so the {printark} role has a page to link to, and the guides' sheet
# pages ({printark-grupper} links each guide's)
REAL = ["content/printark/mit-batteri", *(f"content/printark/guide/{g}" for g in ("opstart", "boern", "voksne",
                                                                                    "undervisere"))]
CHANGELOG = """# Ændringer i håndbogen

## Ikke udgivet endnu

### Nyt

- En ny side om {term}`Træn løs`.

## 1.0.0 – 2026-05-01

### Rettet

- Stavefejl på forsiden.
"""


def page(name: str) -> str:
    front, body = CASES[name]
    return (f"---\n{front}\n---\n\n" if front else f"# {name}\n\n") + body + "\n"


def make_snapshot_book(folder: Path) -> TinyBook:
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # the build date shown: 28. maj 2026
    monkeypatch.delenv("ML_LOKAL", raising=False)  # the letters' lines to fill in, not a municipality's details
    try:
        book = TinyBook(folder, {f"snap/{n}.md": page(n) for n in CASES}, real=REAL)
        book.write("CHANGELOG.md", CHANGELOG)  # {aendringslog} reads the one beside the pages
        return book.build()
    finally:
        monkeypatch.undo()


@pytest.fixture(scope="module")
def snapshot_book(tmp_path_factory) -> TinyBook:
    book = tiny_book_once(tmp_path_factory, "snapshots", make_snapshot_book)
    assert not book.warnings, "\n".join(book.warnings)
    return book


def normalised(book: TinyBook, html: str) -> str:
    """The article, the same on every machine and day: no paths, version or checkers' versions (the build date
    is SOURCE_DATE_EPOCH's), and without the theme's script for notebooks that ends every article."""
    from book.data.release import version
    from book.site.accessibility import pinned_checkers
    for path in (book.outdir, book.srcdir, book.folder, ROOT):
        html = html.replace(str(path), f"<{path.name}>")
    for pinned in pinned_checkers():
        html = html.replace(pinned, pinned.rsplit(" ", 1)[0] + " VERSION")
    html = html.replace(f"Version {version()}", "Version VERSION")
    html = re.sub(r'\s*<script type="text/x-thebe-config">.*?</script>\s*<script>kernelName = [^<]*</script>', "",
                  html, flags=re.S)
    html = re.sub(r"\?v=[0-9a-f]{6,}", "?v=STAMP", html)  # assets stamped with their bytes
    return "\n".join(line.rstrip() for line in html.strip().splitlines()) + "\n"


@pytest.mark.parametrize("name", CASES)
def test_directive_and_role_output_equals_its_snapshot(snapshot_book, file_regression, name):
    file_regression.check(normalised(snapshot_book, snapshot_book.article(f"snap/{name}")), extension=".html",
                          basename=name)


class Recorder:
    """Sphinx's application as far as ``setup`` goes: what is registered under which name is written down."""

    def __init__(self):
        self.directives: set[str] = set()
        self.roles: set[str] = set()

    def add_directive(self, name, *args, **kwargs):
        self.directives.add(name)

    def add_role(self, name, *args, **kwargs):
        self.roles.add(name)

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def registered() -> Recorder:
    from book import site
    app = Recorder()
    site.setup(app)
    return app


def test_every_directive_and_role_of_the_extension_has_a_snapshot():
    app = registered()
    assert len(app.directives) > 30 and {"session", "lokal", "trin"} <= app.roles, "the recorder records"
    pages = [page(n) for n in CASES]
    no_snapshot = sorted(d for d in app.directives if not any(f"```{{{d}}}" in p for p in pages))
    no_snapshot += sorted(f"{{{r}}}" for r in app.roles if not any(f"{{{r}}}`" in p for p in pages))
    assert not no_snapshot, f"uden snapshot i tests/test_directives.py (CASES): {', '.join(no_snapshot)}"
    # and no snapshot is left over from a case that is gone
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.html")) == sorted(CASES)

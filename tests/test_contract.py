"""The site→print contract (book/contract.py): each mark is named once, and print fails loudly without it."""
from __future__ import annotations

import re

import pytest

from book import contract
from conftest import ROOT, copy_project

# A value of the contract typed anywhere else in the package would be a second owner.
LITERALS = [re.escape(v) for v in (contract.ARTICLE_CLASS, contract.SCREEN_ONLY, contract.PRINT_HIDE,
                                   contract.LETTERHEAD, contract.TRAIN_TITLE, contract.SHEET_LINE)]
LITERALS.append(r"\}-traen-loes\b")  # train_at_home_id's pattern, e.g. f"{sid}-traen-loes"


def test_the_contract_is_the_only_place_that_names_its_marks():
    pattern = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(LITERALS))
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in sorted((ROOT / "book").rglob("*.py"))
             if p.name != "contract.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line) and not line.lstrip().startswith("#")]
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def slip_book(tmp_path_factory):
    """Children's session 3 with a Træn løs that has no sheet of its own: its leaders' pack gets a slip."""
    from tinybook import TinyBook
    tmp = tmp_path_factory.mktemp("kontrakt")
    project = copy_project(tmp / "p")
    data = project / "content/guides/boern/session-3.yml"
    text = data.read_text(encoding="utf-8")
    assert "  printark: traen-loes-3\n" in text
    data.write_text(text.replace("  printark: traen-loes-3\n", ""), encoding="utf-8")
    book = TinyBook(tmp / "bog", real=["content/guides/boern/session-3"], data_root=project).build()
    assert not [w for w in book.warnings if "WARNING" in w or "ERROR" in w], book.warnings
    return project, book


def leaders_pack(project, book):
    from book.data import load
    from book.print.build import book_title, fingerprint_all
    from book.print.plan import plan
    jobs = {j.filename: j for j in plan(load(project), book.outdir, book_title(project), partial=True)}
    fingerprint_all(list(jobs.values()), book.outdir, book_title(project))
    return jobs["pakke-boern-3.pdf"]


def test_the_slip_is_cut_from_the_session_page_by_the_contracts_marks(slip_book):
    from book.data import load
    project, book = slip_book
    train = load(project).sessions["boern-3"].train_at_home
    page = book.html("content/guides/boern/session-3")
    assert f'id="{contract.train_at_home_id("boern-3")}"' in page and contract.TRAIN_TITLE in page
    pack = leaders_pack(project, book)
    slip = next(p for p in pack.parts if "Træn løs efter session 3" in p.kicker)
    html = re.sub(r"\s+", " ", pack.html)
    start = html.index(f"Træn løs: {train.title}")
    text = re.sub(r"<[^>]+>", "", html[start:])
    assert train.task.split()[0] in text and "Sådan kan de nære voksne støtte" in text
    assert slip.body.find(".//h1").text == f"Træn løs: {train.title}"
    assert not [el for el in slip.body.iter() if contract.TRAIN_TITLE in el.get("class", "")]


def test_print_stops_naming_the_mark_when_a_page_lacks_it(slip_book, monkeypatch):
    """Site and print disagreeing about a mark (as if one of them had typed its own) is an error, not a
    PDF without the slip or without the page's text."""
    from book.print import pages, plan
    from book.print.pages import PrintError
    project, book = slip_book
    monkeypatch.setattr(plan, "train_at_home_id", lambda sid: f"{sid}-hjemmeopgave")
    with pytest.raises(PrintError, match=r"session-3\.html: sessionens Træn løs \(id 'boern-3-hjemmeopgave', "
                                         r"book/contract\.py\) mangler på siden"):
        leaders_pack(project, book)
    monkeypatch.undo()
    monkeypatch.setattr(pages, "ARTICLE", re.compile(r'<article class="bd-artikel"[^>]*>(.*?)</article>', re.S))
    with pytest.raises(PrintError, match=r"siden har intet <article class=\"bd-article\"> at printe"):
        leaders_pack(project, book)

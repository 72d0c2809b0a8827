"""Rebuilds read only the pages whose data changed, and give the same site as a full build."""
from __future__ import annotations

import pytest

from book.data import load
from book.site.dependencies import titles_fingerprint
from conftest import run_book


def doctree_times(build) -> dict[str, int]:
    folder = build / ".stage" / "doctrees"
    return {str(p.relative_to(folder).with_suffix("")): p.stat().st_mtime_ns for p in folder.rglob("*.doctree")}


def reread(before: dict, after: dict) -> set[str]:
    return {doc for doc, t in after.items() if before.get(doc) != t}


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.build
def test_a_data_edit_rereads_only_the_pages_that_show_it_and_equals_a_full_build(project, tmp_path):
    build, full = tmp_path / "build", tmp_path / "full"
    assert run_book(["build", "--no-pdf"], project, build).returncode == 0
    first = doctree_times(build)

    same = run_book(["build", "--no-pdf"], project, build)
    assert same.returncode == 0, same.stderr[-2000:]
    assert reread(first, doctree_times(build)) == set(), "nothing changed, so nothing is read again"

    # a sentence added to one page's prose reads that page alone (the letters were read on every build
    # while they noted lokal.yml, which a fresh project does not have, as a file they depend on)
    page = project / "content/guides/boern/session-1.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn sætning mere.\n", encoding="utf-8")
    prose = run_book(["build", "--no-pdf"], project, build)
    assert prose.returncode == 0, prose.stderr[-2000:]
    assert reread(first, doctree_times(build)) == {"content/guides/boern/session-1"}

    # a goal of children's session 3 (its page, its Træn løs sheet and the overviews show it),
    # a sheet added to a session (the sheet's "bruges i" changes) and a tool's summary
    session = project / "content/guides/boern/session-3.yml"
    goal = load(project).sessions["boern-3"].goals[0]
    edit(session, goal, goal.rstrip(".") + " – også de voksne i gruppen.")
    edit(session, "printark: []", "printark: [detektivark]")
    tools = project / "content/indsats/redskaber.yml"
    summary = load(project).tools["energibatteriet"].summary
    edit(tools, summary, summary.rstrip(".") + ", som alle har.")
    second = run_book(["build", "--no-pdf"], project, build)
    assert second.returncode == 0, second.stderr[-2000:]
    read = reread(first, doctree_times(build))
    assert {"content/guides/boern/session-3", "content/printark/traen-loes-3", "content/printark/detektivark",
            "content/redskaber/energibatteriet", "content/undervisere/forloebsoversigt"} <= read, sorted(read)
    assert "content/indsats/maalgruppe" not in read and "content/guides/boern/session-7" not in read, sorted(read)
    assert len(read) < len(first) / 2, sorted(read)

    assert run_book(["build", "--no-pdf"], project, full).returncode == 0
    pages = sorted(p.relative_to(full / "html") for p in (full / "html").rglob("*.html"))
    differ = [str(p) for p in pages if (build / "html" / p).read_bytes() != (full / "html" / p).read_bytes()]
    assert not differ, f"the rebuilt site differs from a full build: {differ[:10]}"


def test_titles_decide_when_every_page_is_read_again(project):
    """Links and the navigation show titles on every page; other data only where it is shown."""
    before = titles_fingerprint(load(project))
    session = project / "content/guides/boern/session-3.yml"
    goal = load(project).sessions["boern-3"].goals[0]
    edit(session, goal, goal + " Og lidt mere.")
    assert titles_fingerprint(load(project)) == before
    edit(session, "title: Energiforvaltning og mit indre batteri", "title: Energi og mit batteri")
    assert titles_fingerprint(load(project)) != before

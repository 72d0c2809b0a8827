"""Rebuilds read only the pages whose data changed, and give the same site as a full build."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from book.data import load
from book.site.dependencies import data_key, everywhere_fingerprint, object_key, pick, value


def doctree_times(book) -> dict[str, int]:
    folder = book.doctrees
    return {str(p.relative_to(folder).with_suffix("")): p.stat().st_mtime_ns for p in folder.rglob("*.doctree")}


def reread(before: dict, after: dict) -> set[str]:
    return {doc for doc, t in after.items() if before.get(doc) != t}


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(book) -> dict[str, int]:
    """Build the small book (a rebuild when it was built before, as the command's) and give each page's doctree time."""
    book.build()
    assert not book.warnings, "\n".join(book.warnings)
    return doctree_times(book)


def assert_same_as_full_build(book, fresh) -> None:
    build(fresh)
    pages = sorted(p.relative_to(fresh.outdir) for p in fresh.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(book.outdir) for p in book.outdir.rglob("*.html"))
    differ = [str(p) for p in pages if (book.outdir / p).read_bytes() != (fresh.outdir / p).read_bytes()]
    assert not differ, f"the rebuilt site differs from a full build: {differ[:10]}"


SESSION_3 = "content/guides/boern/session-3.yml"
# the bench's edit: a line of session 3's preparation, which its page and the session cards' slides show
PREPARATION = ("- Lav et stort batteri på gulvet", "- Lav et stort batteri på gulvet (gerne med farvet tape)")


# The pages the edits below are about, each either read again or not: a page left out of the book would make
# "not read again" true by default. Besides them: the letters (they were read on every build while they noted
# lokal.yml as a file they depend on), the guides' sheet pages (the sheet overview needs them), and pages that
# also show what the overview edits change, so that what else a rebuild reads is known (SHOW_IT_TOO).
BOERN = "content/guides/boern"
READ_AFTER_OVERVIEW_EDITS = {f"{BOERN}/session-3", "content/undervisere/sessionskort", "content/planlaeg",
                             "content/printark/vidensdeling-skole-session-3", "content/printark/detektivark",
                             "content/printark/guide/boern", "content/printark/index",
                             "content/redskaber/energibatteriet", "content/printark/samarbejde-information-skole"}
NOT_READ_AFTER_OVERVIEW_EDITS = {"content/indsats/maalgruppe", f"{BOERN}/session-7", "content/undervisere/forloebsoversigt",
                                 "content/printark/traen-loes-3", f"{BOERN}/index"}
SHOW_IT_TOO = {  # session 3's goals (school sharing, the trainers' day on it) and the tool's summary (adults' sheet)
    "content/printark/vidensdeling-skole-session-6", "content/printark/voksne-energibatteriet", "content/undervisere/dag-2"}
PAGES = sorted({f"{BOERN}/session-1", *READ_AFTER_OVERVIEW_EDITS, *NOT_READ_AFTER_OVERVIEW_EDITS, *SHOW_IT_TOO,
                "content/printark/informationsbrev-familie",
                *(f"content/printark/guide/{g}" for g in ("opstart", "voksne", "undervisere"))})


def test_a_data_edit_rereads_only_the_pages_that_show_it_and_equals_a_full_build(project, tiny_book):
    # a small book of the pages concerned, showing a copy of the project's data, rebuilt in this process
    site = tiny_book(real=PAGES, data_root=project)
    first = build(site)
    assert set(first) == {*PAGES, "index", "content/ordliste"}
    assert reread(first, build(site)) == set(), "nothing changed, so nothing is read again"

    # a sentence added to one page's prose reads that page alone (the letters were read on every build
    # while they noted lokal.yml, which a fresh project does not have, as a file they depend on)
    page = project / f"{BOERN}/session-1.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn sætning mere.\n", encoding="utf-8")
    before, now = first, build(site)
    assert reread(before, now) == {f"{BOERN}/session-1"}

    # a line of a session's preparation: not the overviews that list the sessions (42 pages were read)
    session = project / SESSION_3
    edit(session, *PREPARATION)
    before, now = now, build(site)
    read = reread(before, now)
    print("read again after the preparation edit:", sorted(read))
    assert read == {f"{BOERN}/session-3", "content/undervisere/sessionskort"}, sorted(read)
    # (one full build at the end checks both edits: a page left stale here would still differ there,
    # unless the next edit happens to read it again – the pages read are asserted, so they are known)

    # what the overviews show: a goal of children's session 3 (the session cards, the sharing with the
    # school), its minutes (the planner), a sheet added to it (the sheet's "bruges i", the print packs)
    # and a tool's summary (the tool's page, the slides, the school's summaries)
    goal = load(project).sessions["boern-3"].goals[0]
    edit(session, goal, goal.rstrip(".") + " – også de voksne i gruppen.")
    edit(session, "minutes: 90", "minutes: 95")
    edit(session, "    minutes: 10\n    picto: hilsen", "    minutes: 15\n    picto: hilsen")
    edit(session, "printark: []", "printark: [detektivark]")
    tools = project / "content/indsats/redskaber.yml"
    summary = load(project).tools["energibatteriet"].summary
    edit(tools, summary, summary.rstrip(".") + ", som alle har.")
    before, now = now, build(site)
    read = reread(before, now)
    print("read again after the overview edits:", sorted(read))
    assert READ_AFTER_OVERVIEW_EDITS <= read, sorted(read)
    assert not NOT_READ_AFTER_OVERVIEW_EDITS & read, sorted(read)
    # (the whole project's rebuild read 12 of its 110 pages: these 9, and SHOW_IT_TOO; in this book every
    # other page – the first session, the letter to the families, the guides' sheet pages – stays)
    assert read <= READ_AFTER_OVERVIEW_EDITS | SHOW_IT_TOO, sorted(read - READ_AFTER_OVERVIEW_EDITS - SHOW_IT_TOO)
    assert len(read) < 25, sorted(read)
    assert_same_as_full_build(site, tiny_book(real=PAGES, data_root=project))


def test_a_page_depends_on_the_fields_it_shows_not_on_the_whole_object(project):
    """A list of the sessions by number and title keeps its value when a session's preparation changes."""
    keys = {"list": data_key("sessions", ("number", "title")), "goals": object_key("session", "boern-3", ("goals",))}

    def shown() -> dict:
        app = SimpleNamespace(ml_handbook=load(project))
        return {name: value(app, key) for name, key in keys.items()}

    before = shown()
    edit(project / SESSION_3, *PREPARATION)
    assert shown() == before
    edit(project / SESSION_3, "også de voksne.\n", "også de voksne i gruppen.\n")  # the first goal
    after = shown()
    assert after["list"] == before["list"] and after["goals"] != before["goals"]
    assert pick({"activities": [{"title": "a", "steps": []}]}, ("activities.title",)) == {"activities": [{"title": "a"}]}
    with pytest.raises(KeyError):
        pick({"goals": []}, ("goal",))  # a misspelt field fails rather than hide a dependency


def test_titles_and_the_sheets_order_decide_when_every_page_is_read_again(project):
    """Links and the navigation show the titles, and the navigation the sheets in the order the courses use
    them, on every page; other data only where it is shown."""
    before = everywhere_fingerprint(load(project))
    session = project / SESSION_3
    goal = load(project).sessions["boern-3"].goals[0]
    edit(session, goal, goal + " Og lidt mere.")
    assert everywhere_fingerprint(load(project)) == before
    # used from session 1 on, the sheet moves up under its guide in every page's navigation
    edit(project / "content/guides/boern/session-1.yml", "\nprintark: []", "\nprintark: [mine-staerke-sider]")
    moved = everywhere_fingerprint(load(project))
    assert moved != before
    edit(session, "title: Energiforvaltning og mit indre batteri", "title: Energi og mit batteri")
    assert everywhere_fingerprint(load(project)) != moved

"""Rebuilds read only the pages whose data changed, and give the same site as a full build."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from book.data import load
from book.site.dependencies import data_key, everywhere_fingerprint, object_key, pick, value
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


def build(project, folder) -> dict[str, int]:
    """Build into ``folder`` (a rebuild when it holds a build) and give each page's doctree time."""
    done = run_book(["build", "--no-pdf"], project, folder)
    assert done.returncode == 0, done.stderr[-2000:]
    return doctree_times(folder)


def assert_same_as_full_build(project, folder, fresh) -> None:
    build(project, fresh)
    pages = sorted(p.relative_to(fresh / "html") for p in (fresh / "html").rglob("*.html"))
    differ = [str(p) for p in pages if (folder / "html" / p).read_bytes() != (fresh / "html" / p).read_bytes()]
    assert not differ, f"the rebuilt site differs from a full build: {differ[:10]}"


SESSION_3 = "content/guides/boern/session-3.yml"
# the bench's edit: a line of session 3's preparation, which its page and the session cards' slides show
PREPARATION = ("- Lav et stort batteri på gulvet", "- Lav et stort batteri på gulvet (gerne med farvet tape)")


@pytest.mark.build
def test_a_data_edit_rereads_only_the_pages_that_show_it_and_equals_a_full_build(project, tmp_path):
    site = tmp_path / "build"
    first = build(project, site)
    assert reread(first, build(project, site)) == set(), "nothing changed, so nothing is read again"

    # a sentence added to one page's prose reads that page alone (the letters were read on every build
    # while they noted lokal.yml, which a fresh project does not have, as a file they depend on)
    page = project / "content/guides/boern/session-1.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn sætning mere.\n", encoding="utf-8")
    before, now = first, build(project, site)
    assert reread(before, now) == {"content/guides/boern/session-1"}

    # a line of a session's preparation: not the overviews that list the sessions (42 pages were read)
    session = project / SESSION_3
    edit(session, *PREPARATION)
    before, now = now, build(project, site)
    read = reread(before, now)
    print("read again after the preparation edit:", sorted(read))
    assert read == {"content/guides/boern/session-3", "content/undervisere/sessionskort"}, sorted(read)
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
    before, now = now, build(project, site)
    read = reread(before, now)
    print("read again after the overview edits:", sorted(read))
    assert {"content/guides/boern/session-3", "content/undervisere/sessionskort", "content/planlaeg",
            "content/printark/vidensdeling-skole-session-3", "content/printark/detektivark",
            "content/printark/guide/boern", "content/printark/index", "content/redskaber/energibatteriet",
            "content/printark/samarbejde-information-skole"} <= read, sorted(read)
    assert not {"content/indsats/maalgruppe", "content/guides/boern/session-7", "content/undervisere/forloebsoversigt",
                "content/printark/traen-loes-3", "content/guides/boern/index"} & read, sorted(read)
    assert len(read) < 25, sorted(read)
    assert_same_as_full_build(project, site, tmp_path / "full")


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

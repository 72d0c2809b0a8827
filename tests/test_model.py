"""The data model loads the real content and rejects broken content with file and line."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from book.data import ContentError, load
from conftest import run_book


def test_real_content_loads(book):
    assert set(book.core_elements) == {"ke1", "ke2", "ke3", "ke4", "ke5"}
    assert [k.title for k in sorted(book.core_elements.values(), key=lambda k: k.number)] == [
        "Afdæk ressourcer og behov",
        "Styrk barnets viden, tænke- og handlemuligheder",
        "Styrk nære voksnes forudsætninger for at understøtte",
        "Anerkend barnet og børnegruppens perspektiver",
        "Overlever viden",
    ]
    assert {"hverdagsdetektiven", "energibatteriet", "konflikttrappen", "konfliktloesningshjulet",
            "giraf-og-ulvesprog"} <= set(book.tools)
    for s in book.sessions.values():
        assert sum(p.minutes for p in s.programme) == s.minutes, s.id


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(root)
    return [str(p) for p in info.value.problems]


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def edit_yaml(path: Path, change) -> None:
    """Change a data file the way an editor would, keeping its layout (round trip)."""
    from ruamel.yaml import YAML
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)


def test_programme_that_does_not_add_up(project):
    f = project / "content/guides/boern/session-1.yml"
    edit_yaml(f, lambda d: d["programme"][-1].__setitem__("minutes", d["programme"][-1]["minutes"] - 5))
    probs = problems_of(project)
    assert any(p.startswith(f"content/guides/boern/session-1.yml:{line_of(f, 'programme:')}: programmet varer 85 minutter")
               for p in probs), probs


def test_duplicate_id(project):
    f = project / "content/indsats/redskaber.yml"
    with f.open("a", encoding="utf-8") as fh:
        fh.write("- id: energibatteriet\n  title: Kopi\n  summary: x\n  idea: x\n"
                 "  with_children: x\n  with_adults: x\n  in_school: x\n")
    second = [i for i, l in enumerate(f.read_text().splitlines(), 1) if l == "- id: energibatteriet"][-1]
    probs = problems_of(project)
    assert any(p.startswith(f"content/indsats/redskaber.yml:{second}: id 'energibatteriet' findes allerede")
               for p in probs), probs


def test_unknown_reference(project):
    f = project / "content/guides/boern/session-1.yml"
    edit_yaml(f, lambda d: d["core_elements"].append("ke9"))
    probs = problems_of(project)
    assert any(p.startswith("content/guides/boern/session-1.yml:") and "kerneelement 'ke9' findes ikke" in p
               for p in probs), probs
    line = int(next(p for p in probs if "ke9" in p).split(":")[1])
    assert line >= line_of(f, "core_elements:")


def test_unknown_role_inside_yaml_text(project):
    f = project / "content/guides/voksne/session-1.yml"
    edit_yaml(f, lambda d: d["goals"].append("Vi øver {redskab}`hverdagsdetektiv` sammen."))
    probs = problems_of(project)
    line = line_of(f, "{redskab}`hverdagsdetektiv`")
    assert any(p.startswith(f"content/guides/voksne/session-1.yml:{line}:") and "mente du 'hverdagsdetektiven'" in p
               for p in probs), probs


def test_the_cards_role_inside_yaml_text_must_name_a_sheet(project):
    """{kortene}`…` says a sheet's cards as steps (the entry steps in sessions 4 and 5): a wrong id is caught
    by check, at its line, like every other role."""
    f = project / "content/guides/boern/session-5.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("{kortene}`traedesten`", "{kortene}`traedestn`", 1),
                 encoding="utf-8")
    probs = problems_of(project)
    line = line_of(f, "{kortene}`traedestn`")
    assert any(p.startswith(f"content/guides/boern/session-5.yml:{line}:") and "mente du 'traedesten'" in p
               for p in probs), probs


def test_malformed_yaml(project):
    f = project / "content/indsats/kerneelementer.yml"
    lines = f.read_text().splitlines()
    idx = next(i for i, l in enumerate(lines) if l.startswith("- id: ke2"))
    lines.insert(idx + 1, "  number: [2")
    f.write_text("\n".join(lines) + "\n")
    probs = problems_of(project)
    assert len(probs) == 1
    m = re.match(r"content/indsats/kerneelementer.yml:(\d+): YAML-filen kan ikke læses", probs[0])
    assert m and abs(int(m.group(1)) - (idx + 2)) <= 1, probs


def test_unknown_field_and_wrong_type(project):
    f = project / "content/guides/boern/session-1.yml"
    text = f.read_text()
    assert "\nminutes: 90\n" in text
    f.write_text(text.replace("\nminutes: 90\n", "\nminutes: halvfems\nlength: 90\n", 1))
    probs = problems_of(project)
    assert any(p.startswith(f"content/guides/boern/session-1.yml:{line_of(f, 'minutes: halvfems')}: 'minutes' skal være et helt tal") for p in probs), probs
    assert any(p.startswith(f"content/guides/boern/session-1.yml:{line_of(f, 'length: 90')}: 'length' ukendt felt") for p in probs), probs


def test_printark_front_matter_id_must_match_file(project):
    f = project / "content/printark/forsamtale-dagsorden.md"
    f.write_text(f.read_text().replace("id: forsamtale-dagsorden", "id: dagsorden"))
    probs = problems_of(project)
    assert any(p.startswith("content/printark/forsamtale-dagsorden.md:2: id 'dagsorden' skal være det samme som filnavnet")
               for p in probs), probs


def test_bad_local_settings(project, tmp_path, monkeypatch):
    lokal = tmp_path / "lokal.yml"
    lokal.write_text("kommune: Eksempelby\nborgmester: X\ntelefon: [1, 2]\n")
    monkeypatch.setenv("ML_LOKAL", str(lokal))
    probs = problems_of(project)
    assert any(p.endswith("lokal.yml:2: 'borgmester' ukendt felt; tjek stavningen eller fjern det") for p in probs), probs
    assert any(":3: 'telefon' skal være en tekst" in p for p in probs), probs


def test_check_command_exit_codes(project, tmp_path):
    # processes of their own: the command's exit codes are what is tested
    ok = run_book(["check"], project, tmp_path / "b")
    assert ok.returncode == 0, ok.stderr
    f = project / "content/guides/boern/session-1.yml"
    edit_yaml(f, lambda d: d.__setitem__("parallel", "voksne-7"))
    bad = run_book(["check"], project, tmp_path / "b")
    assert bad.returncode == 1
    assert f"content/guides/boern/session-1.yml:{line_of(f, 'parallel:')}: session 'voksne-7' findes ikke" in bad.stderr


def test_childrens_programme_items_need_a_pictogram_that_exists(project):
    f = project / "content/guides/boern/session-3.yml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("picto: batteri-felter", "picto: batterri", 1).replace(
        "    picto: hus\n    short: Træn løs\n", "    picto: hus\n", 1), encoding="utf-8")
    probs = problems_of(project)
    assert f"content/guides/boern/session-3.yml:{line_of(f, 'picto: batterri')}: piktogrammet 'batterri' findes " \
           "ikke i content/billeder (mente du 'batteri'?)" in probs, probs
    assert any(p.startswith("content/guides/boern/session-3.yml:") and "'Opsamling på sidste uges Træn løs' mangler short"
               in p for p in probs), probs


# --- materials: the packing list is the session's, its activities name what they use --------------

def test_activity_using_a_material_the_session_lacks(project):
    f = project / "content/guides/boern/session-4.yml"
    edit_yaml(f, lambda d: d.__setitem__("materials", [m for m in d["materials"] if m["id"] != "lupper"]))
    probs = problems_of(project)
    line = line_of(f, "materials: [kortspil, lupper]")
    assert any(p.startswith(f"content/guides/boern/session-4.yml:{line}: aktiviteten 'faellesskab-kig' bruger "
                            "'lupper', som ikke står i materialelisten") for p in probs), probs


def test_material_printed_from_an_unknown_sheet(project):
    f = project / "content/guides/boern/session-5.yml"
    edit_yaml(f, lambda d: next(m for m in d["materials"] if m["id"] == "pausekort").__setitem__("printark", "pausekortet"))
    probs = problems_of(project)
    assert any(p.startswith(f"content/guides/boern/session-5.yml:{line_of(f, 'printark: pausekortet')}: printark "
                            "'pausekortet' findes ikke") and "pausekort" in p for p in probs), probs


def test_packing_list_names_every_material_and_who_uses_it(book):
    s = book.sessions["boern-4"]
    packing = {m.id: [a.id for a in users] for m, users in book.packing_list(s)}
    assert packing["lupper"] == ["faellesskab-kig"]
    assert packing["musik"] == ["faellesskab-stopdans"]
    # a material printed from a sheet brings the sheet into the session (and its print pack), once
    assert "traedesten" in book.session_sheets(s) and "fremdriftstavle" in book.session_sheets(s)
    assert book.session_print(s).copies("traedesten") == "1×"
    assert book.session_print(s).copies("traen-loes-4") == "1 pr. barn"
    assert book.session_print(book.sessions["voksne-3"]).copies("konfliktloesningshjulet-ark") == "1 pr. voksen"
    for s in book.sessions.values():
        used = {m for a in s.activities for m in a.materials}
        assert used <= {m.id for m in s.materials}, s.id
        if s.course == "boern":
            assert "fremdriftstavle" in book.session_sheets(s), s.id


def test_a_poster_or_card_set_for_the_room_is_printed_once_per_course(book):
    """Issue 29: the progress board hangs up for the whole course – it was in all nine leaders' packs."""
    from book.data.models import GROUP_SHEET_KINDS
    checked = 0
    for course in ("boern", "voksne"):
        sessions = book.course(course)
        packs = {s.number: book.session_print(s) for s in sessions}
        for sheet, meta in book.printark.items():
            users = [n for n, pack in packs.items() if sheet in pack.sheets]
            if meta.kind not in GROUP_SHEET_KINDS or not users:
                continue
            checked += 1
            first, later = users[0], users[1:]
            printed = [n for n, pack in packs.items() if sheet in pack.leaders_sheets]
            assert printed == [first], (course, sheet, printed)
            for n in later:
                assert packs[n].how(sheet) == f"genbruges fra session {first}", (sheet, n)
                titles = {p: book.printark[p].title for p in packs[n].sheets}
                assert sheet not in [i.sheet for i in packs[n].items(titles)], (sheet, n)
            if later:
                assert packs[first].how(sheet).startswith("print 1×"), sheet
                named = "til hele forløbet" if len(users) == len(sessions) else f"session {later[-1]}"
                assert named in packs[first].how(sheet), (sheet, packs[first].how(sheet))
    assert checked
    # the progress board: every children's session uses it, so session 1's pack prints it for all of them
    board = {s.number: book.session_print(s).how("fremdriftstavle") for s in book.course("boern")}
    assert board[1] == "print 1× til hele forløbet"
    assert set(list(board.values())[1:]) == {"genbruges fra session 1"}


def test_card_with_a_pictogram_that_does_not_exist(project):
    f = project / "content/printark/traedesten.md"
    f.write_text(f.read_text(encoding="utf-8").replace("picto: oeje", "picto: oeje2"), encoding="utf-8")
    probs = problems_of(project)
    assert any(p.startswith(f"content/printark/traedesten.md:{line_of(f, 'picto: oeje2')}: piktogrammet 'oeje2' "
                            "findes ikke") and "mente du 'oeje'" in p for p in probs), probs

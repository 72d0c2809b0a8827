"""What the data files say about each other: every reference, and the rules that span objects.

References are declared in the models (``Ref("printark")``, :mod:`.refs`); :func:`check_references`
walks every object once, reports each id that points at nothing at its ``file:line`` with a
"mente du …?", and records the back-links the handbook's views read (who uses a sheet, which
children's sessions run beside an adults' session). The rest are rules no single field can state.
"""
from __future__ import annotations

from pathlib import Path

from .files import CORE_ELEMENTS, KINDS
from .agenda import day_start, parse_clock
from .messages import suggest
from .models import CompetenceCourse, Session
from .reading import Reader
from .refs import references
from .roles import roles_in
from .yamlsource import Problem

# roles whose text is an object's id: the kinds, the roles that show a tool's steps, a sheet's cards
ROLE_KIND = {"session": "session", "printark": "printark", "kerneelement": "kerneelement", "redskab": "redskab",
             "aktivitet": "aktivitet", "trin": "redskab", "trinraekke": "redskab", "kortene": "printark"}


def objects(r: Reader) -> list[tuple[str, str, object]]:
    """Every registered object as (kind, id, object), sessions first in course order (back-links keep it)."""
    b = r.book
    out = [("session", s.id, s) for s in b.all_sessions()]
    out += [("aktivitet", i, a) for i, a in b.activities.items()]
    out += [("redskab", i, t) for i, t in b.tools.items()]
    out += [("kerneelement", i, k) for i, k in b.core_elements.items()]
    out += [("printark", i, p) for i, p in b.printark.items()]
    out += [(kind, "", obj) for kind, obj in (("fidelitet", b.fidelity), ("forandringsteori", b.change_theory),
                                              ("kompetenceforloeb", b.course_data)) if obj is not None]
    return out


def targets(r: Reader, kind: str) -> list[str]:
    if kind == "billede":
        return r.pictures
    if kind == "case":
        return sorted(c.id for c in r.book.course_data.cases) if r.book.course_data else []
    return r.book.ids(kind)


def check_references(r: Reader, kinds: tuple[str, ...] | None = None) -> None:
    """Every id a field holds points at something; the back-links are recorded as they are walked.

    ``kinds`` limits the check to those kinds of target (the pictograms, which exist whatever else is wrong).
    """
    known: dict[str, set[str]] = {}
    for kind, ident, obj in objects(r):
        for ref in references(obj):
            target = ref.target.kind
            if kinds is not None and target not in kinds:
                continue
            if target not in known:
                known[target] = set(targets(r, target))
            if ref.ident not in known[target]:
                message = ref.target.missing.format(id=ref.ident) if ref.target.missing else \
                    f"{target} '{ref.ident}' findes ikke; ret id'et eller opret den"
                r.add(r.at(kind, ident, *ref.loc), message + suggest(ref.ident, targets(r, target)))
            else:
                r.book.referrers.setdefault((target, ref.ident), []).append((kind, ident, ref.loc))


def check_sessions(r: Reader) -> None:
    for s in r.book.all_sessions():
        at = lambda *loc, s=s: r.at("session", s.id, *loc)  # noqa: E731
        if s.course == "boern":
            for ai, a in enumerate(s.activities):
                if a.adapt is None:
                    r.add(at("activities", ai), f"aktiviteten '{a.id}' mangler adapt (younger/middle/older) – "
                          "børnesessioner skal have en variant for de yngste, de mellemste og de ældste børn")
            check_day_programme(r, s, at)
        check_materials(r, s, at)
        if s.parallel:
            if s.course != "boern":
                r.add(at("parallel"), "kun børnesessioner angiver parallel; voksensidens link beregnes")
            elif not s.parallel.startswith("voksne-"):
                r.add(at("parallel"), f"parallel skal være en voksensession (voksne-N), ikke '{s.parallel}'")
        check_joint(r, s, at)


def check_materials(r: Reader, s: Session, at) -> None:
    """The packing list is the session's; its activities name what they use from it, so nothing is forgotten."""
    listed: dict[str, int] = {}
    for i, m in enumerate(s.materials):
        if m.id in listed:
            r.add(at("materials", i, "id"), f"materialet '{m.id}' står to gange i materialelisten; giv det et andet id")
        listed.setdefault(m.id, i)
    for ai, a in enumerate(s.activities):
        for i, used in enumerate(a.materials):
            if used not in listed:
                r.add(at("activities", ai, "materials", i),
                      f"aktiviteten '{a.id}' bruger '{used}', som ikke står i materialelisten; tilføj den under "
                      f"materials (- {{id: {used}, text: …}}) eller ret id'et" + suggest(used, sorted(listed)))


def check_day_programme(r: Reader, s: Session, at) -> None:
    """Children see the day as pictograms with a few words: every item has both (that they exist is a reference)."""
    for i, item in enumerate(s.programme):
        for name in ("picto", "short"):
            if getattr(item, name) is None:
                r.add(at("programme", i), f"programpunktet '{item.title}' mangler {name} – børnenes dagsprogram "
                      "viser hvert punkt som et piktogram (picto) med få ord (short)")


def check_joint(r: Reader, s: Session, at) -> None:
    """The joint closing is one meeting: both its children's and its adults' session say so."""
    b = r.book
    if s.course == "boern" and s.parallel in b.sessions:
        adult = b.sessions[s.parallel]
        if s.joint != adult.joint:
            node = r.nodes[("session", s.id)][1]
            r.add(at("joint") if "joint" in node else at("parallel"),
                  f"joint er {str(s.joint).lower()} her, men {str(adult.joint).lower()} i {s.parallel}; den fælles "
                  "afslutning skal have joint: true begge steder")
    if s.course == "voksne" and s.joint and not any(k.joint for k in b.parallel_children(s.id)):
        r.add(at("joint"), f"en fælles voksensession skal have en børnesession med joint: true og parallel: {s.id}")


def check_activities(r: Reader) -> None:
    for a in r.book.activities.values():
        if a.timing.anchor == "session" and a.timing.session is None:
            r.add(r.at("aktivitet", a.id, "timing"), "timing.session mangler (hvilken børnesession er ankeret?)")
    # session activity ids share the namespace of guide-1 activities: both are {aktivitet} targets
    seen: dict[str, str] = {a: "guide 1" for a in r.book.activities}
    for s in r.book.sessions.values():
        for i, a in enumerate(s.activities):
            if a.id in seen:
                r.add(r.at("session", s.id, "activities", i, "id"),
                      f"aktivitets-id '{a.id}' bruges også i {seen[a.id]}; aktivitets-id'er skal være unikke")
            seen[a.id] = s.id


def check_fidelity(r: Reader) -> None:
    """The checklist rates statements: every core element and every criterion needs some."""
    f = r.book.fidelity
    at = lambda *loc: r.at("fidelitet", "", *loc)  # noqa: E731
    for k, statements in f.core_elements.items():
        if not statements:
            r.add(at("core_elements", k), f"kerneelement {k} har ingen udsagn til tjeklisten; skriv mindst ét")
    for k in sorted(set(r.book.core_elements) - set(f.core_elements)):
        r.add(at("core_elements"), f"kerneelement {k} mangler under core_elements – tjeklisten skal have udsagn til "
                                   "hvert kerneelement; tilføj det")
    for i, c in enumerate(f.criteria):
        if not c.statements:
            r.add(at("criteria", i), f"kriteriet '{c.id}' har ingen udsagn til tjeklisten; skriv mindst ét")


def check_course(r: Reader, course: CompetenceCourse) -> None:
    at = lambda *loc: r.at("kompetenceforloeb", "", *loc)  # noqa: E731
    for n, day in enumerate(course.days):
        if day.number != n + 1:
            r.add(at("days", n, "number"), f"dag nummer {day.number} står som dag {n + 1}; ret nummeret")
    seen: dict[str, int] = {}
    for d, day in enumerate(course.days):
        for m, mod in enumerate(day.modules):
            here = ("days", d, "modules", m)
            if mod.id in seen:
                r.add(at(*here, "id"), f"modul-id '{mod.id}' bruges allerede på linje {seen[mod.id]}")
            seen[mod.id] = at(*here, "id")[1]
            used = sum(x.minutes or 0 for x in mod.exercises)
            if used > mod.minutes:
                r.add(at(*here, "minutes"), f"øvelserne varer {used} minutter, men modulet kun {mod.minutes}")
        check_breaks(r, day, at, d)
    for c, case in enumerate(course.cases):
        if not course.case_users(case.id):
            r.add(at("cases", c, "id"), f"casen '{case.id}' bruges ikke i nogen øvelse; brug den eller fjern den")


def check_breaks(r: Reader, day, at, d: int) -> None:
    """Every break follows a module of its own day, and not the last one (the day ends there)."""
    ids = [m.id for m in day.modules]
    for i, b in enumerate(day.breaks):
        if b.after not in ids:
            r.add(at("days", d, "breaks", i, "after"), f"pausen '{b.title}' ligger efter modulet '{b.after}', som "
                  f"ikke findes på dag {day.number}" + suggest(b.after, ids))
        elif b.after == ids[-1]:
            r.add(at("days", d, "breaks", i, "after"), f"pausen '{b.title}' ligger efter dagens sidste modul; flyt "
                  "den ind mellem to moduler eller fjern den")
    end = parse_clock(day_start(r.book.course_data, day)) + sum(m.minutes for m in day.modules) \
        + sum(b.minutes for b in day.breaks)
    if end > 24 * 60:
        r.add(at("days", d, "number"), f"dag {day.number} slutter efter midnat; ret start, minutter eller pauser")


def check_roles_in(r: Reader, path: Path) -> None:
    """Roles written inside data or printark text must point at something that exists."""
    display = r.rel(path)
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for _m, role in roles_in(line):
            kind = ROLE_KIND.get(role.name)
            if kind and not r.book.exists(kind, role.ident):
                r.problems.append(Problem(display, lineno, f"{{{role.name}}}`{role.ident}` peger på noget, der ikke "
                                          "findes" + suggest(role.ident, r.book.ids(kind))))


def check_core_elements(r: Reader) -> None:
    """All five core elements, each once (ids are unique already; here: none is missing)."""
    missing = [k for k in CORE_ELEMENTS if k not in r.book.core_elements]
    if r.book.core_elements and missing:
        r.problems.append(Problem(r.rel(r.root / KINDS["kerneelementer"].path), 1,
                                  f"kerneelement {', '.join(missing)} mangler – indsatsen har fem kerneelementer "
                                  f"({CORE_ELEMENTS[0]}–{CORE_ELEMENTS[-1]}); tilføj det"))


def cross_check(r: Reader) -> None:
    """Everything that spans files; references to objects only once every object has loaded without a problem."""
    check_core_elements(r)
    check_activities(r)
    if r.problems:
        check_references(r, kinds=("billede",))  # pictograms are files: they exist whatever else is wrong
        return
    check_references(r)
    check_sessions(r)
    if r.book.fidelity:
        check_fidelity(r)
    if r.book.course_data is not None:
        check_course(r, r.book.course_data)
    for path in r.book.files:
        if path.suffix in (".yml", ".yaml", ".md"):
            check_roles_in(r, path)

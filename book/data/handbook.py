"""The loaded handbook and every view derived from it, each computed in exactly one place.

The site, the PDFs, the planner's exported data and ``check`` ask these questions; none
of them works the answer out on its own (which activities follow a session, which sheets
a guide has, who uses a sheet, which sessions run side by side).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

from .models import (COURSES, GUIDES, ChangeTheory, CompetenceCourse, CoreElement, Fidelity,
                     LocalSettings, Material, PrintarkMeta, Session, SessionActivity, StartActivity, Tool)
from .packs import SessionPrint, session_print
from .programme import Slot, timed_programme

KINDS = ("session", "printark", "kerneelement", "redskab", "aktivitet")
COURSE_LABELS = {"boern": "Børn", "voksne": "Voksne"}               # whose session: "Børn · Session 4: …"
SESSION_LABELS = {"boern": "Børnesession", "voksne": "Voksensession"}  # what readers call one


@dataclass(frozen=True)
class Relation:
    """Sessions or meetings around a session: its parallel or joint session(s), or the school sharing after it."""
    role: str                # "parallel", "joint" or "sharing"
    kind: str                # what ``ids`` are: "session" or "aktivitet"
    ids: tuple[str, ...]


@dataclass
class Handbook:
    root: Path
    core_elements: dict[str, CoreElement] = field(default_factory=dict)
    tools: dict[str, Tool] = field(default_factory=dict)
    activities: dict[str, StartActivity] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    printark: dict[str, PrintarkMeta] = field(default_factory=dict)
    fidelity: Optional[Fidelity] = None
    change_theory: Optional[ChangeTheory] = None
    course_data: Optional[CompetenceCourse] = None
    local: LocalSettings = field(default_factory=LocalSettings)
    sources: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # (kind, id) -> who refers to it: (kind, id, field's place), in the order check walked the data
    # (children's sessions, adults' sessions, activities, tools …); see book.data.crosscheck
    referrers: dict[tuple[str, str], list[tuple[str, str, tuple]]] = field(default_factory=dict)

    def referring(self, kind: str, ident: str, by: str, field_name: str | None = None) -> list[str]:
        """The ids of the ``by`` objects that refer to (kind, ident), each once; only through ``field_name``
        (a top-level field) when given."""
        found = [i for k, i, loc in self.referrers.get((kind, ident), [])
                 if k == by and (field_name is None or loc[0] == field_name)]
        return list(dict.fromkeys(found))

    # --- looking things up by kind and id (the roles' and directives' kinds) ---------------
    def collection(self, kind: str) -> dict:
        """id -> object for one kind; 'aktivitet' holds guide 1's and the sessions' activities."""
        if kind == "aktivitet":
            return self.all_activities
        return {"session": self.sessions, "kerneelement": self.core_elements, "redskab": self.tools,
                "printark": self.printark}[kind]

    def exists(self, kind: str, ident: str) -> bool:
        return kind in KINDS and ident in self.collection(kind)

    def ids(self, kind: str) -> list[str]:
        return list(self.collection(kind))

    def title_of(self, kind: str, ident: str) -> str:
        """The title readers see everywhere: page heading, tab, navigation, links, search, PDFs."""
        if kind == "session":
            # whose session it is comes first, so a tablet with both courses open tells them apart
            s = self.sessions[ident]
            return f"{COURSE_LABELS[s.course]} · Session {s.number}: {s.title}"
        if kind == "kerneelement":
            k = self.core_elements[ident]
            return f"Kerneelement {k.number}: {k.title}"
        return self.collection(kind)[ident].title

    def label_of(self, kind: str, ident: str) -> str:
        """What kind of thing it is, in the reader's words: Børnesession, Voksensession, Redskab, Arbejdsark …"""
        if kind == "session":
            return SESSION_LABELS[self.sessions[ident].course]
        if kind == "printark":
            return self.printark[ident].category.capitalize()
        return {"redskab": "Redskab", "aktivitet": "Aktivitet", "kerneelement": "Kerneelement"}[kind]

    # --- sessions ------------------------------------------------------------------
    def course(self, course: str) -> list[Session]:
        return sorted((s for s in self.sessions.values() if s.course == course), key=lambda s: s.number)

    def all_sessions(self) -> list[Session]:
        """Children's sessions, then adults', each in order."""
        return [s for c in COURSES for s in self.course(c)]

    @cached_property
    def session_activities(self) -> dict[str, tuple[Session, SessionActivity]]:
        return {a.id: (s, a) for s in self.sessions.values() for a in s.activities}

    @cached_property
    def all_activities(self) -> dict[str, StartActivity | SessionActivity]:
        return {**self.activities, **{i: a for i, (_s, a) in self.session_activities.items()}}

    def parallel_children(self, adult_id: str) -> list[Session]:
        return [self.sessions[i] for i in self.referring("session", adult_id, "session", "parallel")]

    def sharing_after(self, s: Session) -> list[StartActivity]:
        """Guide 1's knowledge sharing with the school that follows a children's session."""
        if s.course != "boern":
            return []
        return [a for a in self.activities.values() if a.timing.anchor == "session" and a.timing.session == s.number]

    def session_sheets(self, s: Session) -> list[str]:
        """All sheets a session needs, in order, without repeats: its own, its activities', its materials'."""
        ids = list(s.printark) + [p for a in s.activities for p in a.printark]
        if s.train_at_home and s.train_at_home.printark:
            ids.append(s.train_at_home.printark)
        ids += [m.printark for m in s.materials if m.printark]
        return list(dict.fromkeys(ids))

    def packing_list(self, s: Session) -> list[tuple[Material, list[SessionActivity]]]:
        """The session's materials, each with the activities that use it."""
        return [(m, [a for a in s.activities if m.id in a.materials]) for m in s.materials]

    def session_print(self, s: Session) -> SessionPrint:
        """What the leaders print for the session, how many of each and from which PDF (:mod:`.packs`)."""
        course = {c.number: self.session_sheets(c) for c in self.course(s.course)}
        return session_print(s, self.session_sheets(s), self.printark, course)

    def programme(self, s: Session) -> list[Slot]:
        """The session's programme on the clock (:mod:`.programme`)."""
        return timed_programme(s)

    def relations(self, s: Session) -> list[Relation]:
        """The sessions and meetings around a session, as its page, its card and its slides show them."""
        out = []
        if s.course == "boern" and s.parallel:
            out.append(Relation("joint" if s.joint else "parallel", "session", (s.parallel,)))
        if s.course == "voksne" and (kids := self.parallel_children(s.id)):
            out.append(Relation("parallel", "session", tuple(k.id for k in kids)))
        if shares := self.sharing_after(s):
            out.append(Relation("sharing", "aktivitet", tuple(a.id for a in shares)))
        return out

    def adult_weeks(self) -> dict[str, Session]:
        """The adults' session held in each children's session's week: an adults' session sits in the week
        of the first children's session it runs beside (the course overview and the planner place it so)."""
        return {kids[0].id: adult for adult in self.course("voksne") if (kids := self.parallel_children(adult.id))}

    def unpaired_adults(self) -> list[Session]:
        """Adults' sessions no children's session runs beside (they have no week in the course)."""
        return [a for a in self.course("voksne") if not self.parallel_children(a.id)]

    def sessions_with_tool(self, tool_id: str) -> list[Session]:
        return [self.sessions[i] for i in self.referring("redskab", tool_id, "session", "tools")]

    def tools_first_met(self, course: str) -> list[tuple[Session, list[str]]]:
        """Where a course meets each tool for the first time: (session, tool ids new there), in order."""
        seen: set[str] = set()
        out = []
        for s in self.course(course):
            new = [t for t in s.tools if t not in seen]
            seen.update(new)
            if new:
                out.append((s, new))
        return out

    # --- core elements ---------------------------------------------------------------
    def core_elements_in_order(self) -> list[CoreElement]:
        return sorted(self.core_elements.values(), key=lambda k: k.number)

    def carriers_of(self, ke_id: str) -> list[tuple[str, str]]:
        """Sessions and activities that carry a core element."""
        return [(kind, i) for kind in ("session", "aktivitet")
                for i in self.referring("kerneelement", ke_id, kind, "core_elements")]

    # --- sheets --------------------------------------------------------------------
    def used_in(self, sheet_id: str) -> list[tuple[str, str]]:
        """(kind, id) of everything that lists the sheet: sessions, activities, tools."""
        return [(kind, i) for kind in ("session", "aktivitet", "redskab")
                for i in self.referring("printark", sheet_id, kind)]

    def guide_sheets(self, guide: str) -> list[PrintarkMeta]:
        """A guide's sheets in the order the courses use them; sheets no session or activity uses last, by title."""
        order: dict[str, int] = {}
        for s in self.all_sessions():
            for p in self.session_sheets(s):
                order.setdefault(p, len(order))
        for a in self.activities.values():
            for p in a.printark:
                order.setdefault(p, len(order))
        sheets = [p for p in self.printark.values() if p.guide == guide]
        return sorted(sheets, key=lambda p: (order.get(p.id, len(order)), p.title))

    def guides_with_sheets(self) -> list[str]:
        return [g for g in GUIDES if any(p.guide == g for p in self.printark.values())]

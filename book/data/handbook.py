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

from .models import (COURSES, GROUP_SHEET_KINDS, GUIDES, ChangeTheory, CompetenceCourse, CoreElement, Fidelity,
                     LocalSettings, Material, PrintarkMeta, Session, SessionActivity, StartActivity, Tool)

KINDS = ("session", "printark", "kerneelement", "redskab", "aktivitet")
COURSE_LABELS = {"boern": "Børn", "voksne": "Voksne"}               # whose session: "Børn · Session 4: …"
SESSION_LABELS = {"boern": "Børnesession", "voksne": "Voksensession"}  # what readers call one
# The fields session_sheets reads: a page listing a session's sheets shows these (book.site.dependencies).
SHEET_FIELDS = ("printark", "activities.printark", "train_at_home.printark", "materials.printark")


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
        return [s for s in self.course("boern") if s.parallel == adult_id]

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

    @staticmethod
    def participant(s: Session) -> str:
        """Who gets a copy of each handout: 'barn' in the children's course, 'voksen' in the adults'."""
        return "barn" if s.course == "boern" else "voksen"

    @staticmethod
    def each_participant(s: Session) -> str:
        """'hvert barn' or 'hver voksen': 'hver' takes the noun's gender (et barn, en voksen)."""
        return "hvert barn" if s.course == "boern" else "hver voksen"

    def for_each_participant(self, s: Session, sheet_id: str) -> bool:
        """A sheet for the participants themselves (print one each); materials for the room print once."""
        meta = self.printark[sheet_id]
        audience = "barn" if s.course == "boern" else "nære voksne"
        return meta.kind not in GROUP_SHEET_KINDS and audience in meta.audience

    def copies(self, s: Session, sheet_id: str) -> str:
        """How many to print, said as the pack page and the run sheet say it."""
        return f"1 pr. {self.participant(s)}" if self.for_each_participant(s, sheet_id) else "1×"

    def handouts(self, s: Session) -> list[str]:
        """The session's sheets printed once per participant (the pack's second PDF)."""
        return [p for p in self.session_sheets(s) if self.for_each_participant(s, p)]

    def leaders_sheets(self, s: Session) -> list[str]:
        """The session's sheets printed once, for the group leaders and the room."""
        return [p for p in self.session_sheets(s) if not self.for_each_participant(s, p)]

    def sessions_with_tool(self, tool_id: str) -> list[Session]:
        return [s for s in self.all_sessions() if tool_id in s.tools]

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
        out = [("session", s.id) for s in self.all_sessions() if ke_id in s.core_elements]
        out += [("aktivitet", a.id) for a in self.activities.values() if ke_id in a.core_elements]
        return out

    # --- sheets --------------------------------------------------------------------
    def used_in(self, sheet_id: str) -> list[tuple[str, str]]:
        """(kind, id) of everything that lists the sheet: sessions, activities, tools."""
        uses = [("session", s.id) for s in self.all_sessions() if sheet_id in self.session_sheets(s)]
        uses += [("aktivitet", a.id) for a in self.activities.values() if sheet_id in a.printark]
        uses += [("redskab", t.id) for t in self.tools.values() if sheet_id in t.printark]
        return uses

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

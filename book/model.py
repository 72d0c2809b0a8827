"""Typed models of the handbook's YAML data, and loading with ``file:line`` errors.

One fact lives in one place: sessions list their sheets, children's sessions
name their parallel adults' session, activities name their timing. Everything
derived (who uses a sheet, which children's sessions run beside an adults'
session) is computed here, never typed twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .yamlsource import (ContentError, Problem, line_of, load_yaml, load_yaml_text,
                         split_front_matter, to_plain)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1)]

COURSES = {"boern": "Børnenes gruppeforløb", "voksne": "De nære voksnes gruppeforløb"}
GUIDES = {
    "opstart": "Guide 1 – opstart, vidensdeling og opfølgning",
    "boern": "Guide 2 – gruppeforløb for børn",
    "voksne": "Guide 3 – gruppeforløb for nære voksne",
    "undervisere": "Til undervisere",
}
AUDIENCES = Literal["barn", "nære voksne", "familie", "skole", "gruppeledere", "undervisere"]
SHEET_KINDS = Literal["brev", "dagsorden", "oversigt", "noteark", "øvelse", "træn løs",
                      "diplom", "plakat", "tjekliste", "refleksion", "planlægning"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- core elements and tools ---------------------------------------------------

class CoreElement(Model):
    """One of the five kerneelementer."""
    id: Annotated[str, StringConstraints(pattern=r"^ke[1-5]$")] = Field(description="Kerneelementets id: ke1, ke2, ke3, ke4 eller ke5. Andre filer henviser til kerneelementet med det.")
    number: int = Field(ge=1, le=5, description="Kerneelementets nummer fra 1 til 5.")
    title: Text = Field(description="Kerneelementets navn, som det vises på siderne.")
    aim: Text = Field(description="Kort formål: hvad kerneelementet skal sikre.")
    rationale: Text = Field(description="Faglig begrundelse (egne ord).")
    practice: list[Text] = Field(description="Sådan ser det ud i praksis, punkt for punkt.")
    materials: list[Text] = Field(default_factory=list, description="Hvilke guides og ark der bærer kerneelementet.")


class Tool(Model):
    """A redskab used across the courses (Hverdagsdetektiven, Energibatteriet, …)."""
    id: Id = Field(description="Redskabets id (små bogstaver og bindestreg). Bruges i henvisninger og i sidens adresse.")
    title: Text = Field(description="Redskabets navn, som det vises overalt i håndbogen.")
    aliases: list[Text] = Field(default_factory=list, description="Andre navne for samme redskab i kilderne.")
    summary: Text = Field(description="Én sætning: hvad redskabet er.")
    idea: Text = Field(description="Idéen bag redskabet.")
    steps: list[Text] = Field(default_factory=list, description="Trin eller spørgsmål i redskabet.")
    with_children: Text = Field(description="Sådan bruges redskabet sammen med børnene.")
    with_adults: Text = Field(description="Sådan bruges redskabet sammen med de nære voksne.")
    in_school: Text = Field(description="Sådan kan skolen bruge redskabet i barnets hverdag.")
    core_elements: list[Id] = Field(default_factory=list, description="De kerneelementer (ke1–ke5), redskabet især støtter.")
    printark: list[Id] = Field(default_factory=list, description="Id'er på de printark, der hører til redskabet.")


class FidelityCriterion(Model):
    """One of the intervention's fidelity criteria, with statements for self-assessment."""
    id: Id = Field(description="Kriteriets id (små bogstaver og bindestreg).")
    text: Text = Field(description="Kriteriet med egne ord.")
    statements: list[Text] = Field(default_factory=list, description=(
        "Udsagn til tjeklisten, der fortsætter 'I hvilken grad har vi …' og vurderes 1–5."))


class Fidelity(Model):
    """content/indsats/fidelitet.yml: the criteria and, per core element, self-assessment statements."""
    criteria: list[FidelityCriterion] = Field(description="Fidelitetskriterierne, ét kriterie pr. punkt i listen.")
    core_elements: dict[Annotated[str, StringConstraints(pattern=r"^ke[1-5]$")], list[Text]] = Field(
        default_factory=dict, description="Udsagn pr. kerneelement til tjeklisten ('I hvilken grad har vi …').")


class Output(Model):
    core_element: Id = Field(description="Det kerneelement (ke1–ke5), outputtet hører til.")
    text: Text = Field(description="Hvad kerneelementet leverer, sagt med egne ord.")


class ChangeTheory(Model):
    """Forandringsteorien: output per core element and results in the short, medium and long term."""
    outputs: list[Output] = Field(description="Output for hvert kerneelement.")
    short: list[Text] = Field(description="Resultater på kort sigt, ét pr. punkt.")
    medium: list[Text] = Field(description="Resultater på mellemlangt sigt, ét pr. punkt.")
    long: list[Text] = Field(description="Resultater på langt sigt, ét pr. punkt.")


class LocalSettings(Model):
    """The municipality's own details for letters (lokal.yml). Every field is optional."""
    kommune: Optional[Text] = Field(default=None, description="Kommunens navn.")
    afdeling: Optional[Text] = Field(default=None, description="Afdeling eller team, der leverer forløbet.")
    sted: Optional[Text] = Field(default=None, description="Hvor sessionerne holdes (navn på stedet).")
    adresse: Optional[Text] = Field(default=None, description="Stedets adresse.")
    tidspunkt_boern: Optional[Text] = Field(default=None, description="Ugedag og klokkeslæt for børnenes sessioner.")
    tidspunkt_voksne: Optional[Text] = Field(default=None, description="Ugedag og klokkeslæt for de voksnes sessioner.")
    gruppeleder_1: Optional[Text] = Field(default=None, description="Navn på den første gruppeleder.")
    gruppeleder_2: Optional[Text] = Field(default=None, description="Navn på den anden gruppeleder.")
    telefon: Optional[Text] = Field(default=None, description="Telefonnummer til gruppelederne.")
    email: Optional[Text] = Field(default=None, description="E-mailadresse til gruppelederne.")


# --- guide 1 activities --------------------------------------------------------

class Timing(Model):
    """When an activity happens, relative to the children's course."""
    anchor: Literal["start", "session", "end"] = Field(
        description="start = første børnesession, session = efter en bestemt børnesession, end = sidste session.")
    session: Optional[int] = Field(default=None, ge=1, le=9, description="Børnesessionen, når anchor er session.")
    days_from: int = Field(description="Tidligste dag i forhold til ankeret (negativ = før).")
    days_to: int = Field(description="Seneste dag i forhold til ankeret.")
    text: Text = Field(description="Tidspunktet sagt med ord, som kilderne siger det.")
    recommended: bool = Field(default=False, description="true når dagene er håndbogens anbefaling og ikke står i kilderne.")


class StartActivity(Model):
    """A guide-1 activity: forsamtale, samarbejdsmøde, vidensdeling, forankrings- og opfølgningsmøde."""
    id: Id = Field(description="Aktivitetens id. Det skal være unikt i hele håndbogen, også i forhold til sessionernes aktiviteter.")
    title: Text = Field(description="Aktivitetens navn.")
    part: Literal[1, 2, 3] = Field(description="Den del af guide 1, aktiviteten hører til: 1 = opstart og forsamtale, 2 = vidensdeling under forløbene, 3 = forankring og opfølgning.")
    timing: Timing = Field(description="Hvornår aktiviteten ligger i forhold til børnenes forløb.")
    minutes: Optional[tuple[int, int]] = Field(default=None, description="Varighed i minutter [fra, til].")
    minutes_approx: bool = Field(default=False, description=(
        "true når kilden kun giver varigheden omtrent ('ca.'); kortet viser da 'ca.' foran."))
    form: Optional[Text] = Field(default=None, description="Fx fysisk eller virtuelt, skriftligt eller møde.")
    participants: list[Text] = Field(description="Hvem der deltager, én pr. punkt.")
    purpose: Text = Field(description="Formålet med aktiviteten.")
    contributes: list[Text] = Field(default_factory=list, description="Hvad aktiviteten skal bidrage til.")
    content: list[Text] = Field(description="Hvad I gennemgår, punkt for punkt.")
    printark: list[Id] = Field(default_factory=list, description="Id'er på de printark, aktiviteten bruger.")
    core_elements: list[Id] = Field(default_factory=list, description="De kerneelementer (ke1–ke5), aktiviteten bærer.")
    planner: bool = Field(default=True, description="Vises i forløbsplanlæggeren.")


# --- sessions ------------------------------------------------------------------

class Adaptation(Model):
    younger: Text = Field(description="Variant for de yngste (8–9 år): leg og bevægelse.")
    middle: Text = Field(description=(
        "Variant for de mellemste (10–11 år): stadig leg og bevægelse, men med faste roller, "
        "små hold og korte samtaler om, hvad man fandt ud af. Håndbogens eget forslag; kilderne "
        "beskriver kun de yngste og de ældste."))
    older: Text = Field(description="Variant for de ældste (12–14 år): mere dialog.")


class SessionActivity(Model):
    id: Id = Field(description="Aktivitetens id. Det skal være unikt i hele håndbogen, også på tværs af sessioner.")
    title: Text = Field(description="Aktivitetens navn.")
    purpose: Text = Field(description="Hvorfor aktiviteten er med: hvad deltagerne skal have ud af den.")
    steps: list[Text] = Field(description="Sådan gør I, trin for trin.")
    say: list[Text] = Field(default_factory=list, description="Hvad gruppelederne kan sige.")
    watch: list[Text] = Field(default_factory=list, description="Hvad gruppelederne holder øje med.")
    adapt: Optional[Adaptation] = Field(default=None, description="Varianter for de yngste, de mellemste og de ældste børn. Skal udfyldes i børnenes sessioner.")
    materials: list[Text] = Field(default_factory=list, description="Det, I skal bruge til netop denne aktivitet.")
    printark: list[Id] = Field(default_factory=list, description="Id'er på de printark eller arbejdsark, aktiviteten bruger.")


class ProgrammeItem(Model):
    title: Text = Field(description="Programpunktets overskrift.")
    minutes: int = Field(gt=0, description="Hvor mange minutter punktet varer. Tilsammen skal punkterne give sessionens minutes.")
    activity: Optional[Id] = Field(default=None, description="Id på en aktivitet i samme session.")
    note: Optional[Text] = Field(default=None, description="En kort bemærkning til punktet.")


class TrainAtHome(Model):
    """Træn løs: the home task given at the end of a session."""
    title: Text = Field(description="Overskriften på Træn løs-opgaven.")
    task: Text = Field(description="Opgaven sagt til barnet.")
    adult_support: Text = Field(description="Sådan kan de nære voksne støtte opgaven.")
    printark: Optional[Id] = Field(default=None, description="Id på det ark, barnet får med hjem til opgaven.")


class Session(Model):
    id: Annotated[str, StringConstraints(pattern=r"^(boern|voksne)-[1-9]$")] = Field(description="Sessionens id: boern-N eller voksne-N. Skal passe til filnavnet (session-N.yml i mappen boern eller voksne).")
    number: int = Field(ge=1, le=9, description="Sessionens nummer (1–9). Skal passe til filnavnet.")
    title: Text = Field(description="Sessionens titel.")
    minutes: int = Field(gt=0, description="Sessionens længde i minutter; programmet skal gå op.")
    minutes_recommended: bool = Field(default=False, description="true når længden er håndbogens anbefaling.")
    lead: Optional[Text] = Field(default=None, description="En kort indledning til sessionen.")
    goals: list[Text] = Field(description="Målene for sessionen, ét pr. punkt.")
    core_elements: list[Id] = Field(description="De kerneelementer (ke1–ke5), sessionen arbejder med.")
    tools: list[Id] = Field(default_factory=list, description="Id'er på de redskaber, sessionen bruger.")
    preparation: list[Text] = Field(description="Det, gruppelederne gør klar før sessionen.")
    materials: list[Text] = Field(description="Materialer til hele sessionen.")
    programme: list[ProgrammeItem] = Field(description="Sessionens program i rækkefølge. Minutterne skal tilsammen give sessionens minutes.")
    activities: list[SessionActivity] = Field(description="Sessionens aktiviteter. Hver aktivitet beskrives én gang og kan bruges fra programmet.")
    train_at_home: Optional[TrainAtHome] = Field(default=None, description="Træn løs: opgaven, der gives med hjem i slutningen af sessionen.")
    printark: list[Id] = Field(default_factory=list, description="Id'er på de printark, hele sessionen bruger. Aktiviteternes egne ark kommer automatisk med.")
    school_sharing_after: bool = Field(default=False, description="true, når sessionen bliver fulgt op af vidensdeling med skolen.")
    parallel: Optional[Id] = Field(default=None, description="Børnesession: id på den parallelle voksensession.")
    joint: bool = Field(default=False, description="Fælles session for børn og voksne.")

    @property
    def course(self) -> str:
        return self.id.split("-")[0]


# --- printark ------------------------------------------------------------------

class PrintarkMeta(Model):
    """Front matter of a page in content/printark/."""
    id: Id = Field(description="Arkets id. Skal være det samme som filnavnet uden .md.")
    title: Text = Field(description="Arkets titel. Den bliver sidens overskrift, så skriv ikke selv en overskrift med #.")
    guide: Literal["opstart", "boern", "voksne", "undervisere"] = Field(description="Den guide, arket hører til.")
    audience: list[AUDIENCES] = Field(description="Hvem arket er til.")
    kind: SHEET_KINDS = Field(description="Hvilken slags ark det er.")
    description: Optional[Text] = Field(default=None, description="Én sætning om, hvad arket bruges til. Vises i oversigten over printark.")
    local: bool = Field(default=False, description="Arket bruger kommunens lokale oplysninger (lokal.yml).")

    @property
    def category(self) -> str:
        """Guide 2's sheets are arbejdsark; guides 1 and 3 use printark (seeds README)."""
        return "arbejdsark" if self.guide == "boern" else "printark"


# --- the whole handbook --------------------------------------------------------

ROLE_IN_TEXT = re.compile(r"\{(session|printark|kerneelement|redskab|aktivitet)\}`([^`<]*?)(?:\s*<([^`>]+)>)?`")


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
    local: LocalSettings = field(default_factory=LocalSettings)
    sources: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    # derived views ------------------------------------------------------------
    def course(self, course: str) -> list[Session]:
        return sorted((s for s in self.sessions.values() if s.course == course), key=lambda s: s.number)

    @cached_property
    def session_activities(self) -> dict[str, tuple[Session, SessionActivity]]:
        return {a.id: (s, a) for s in self.sessions.values() for a in s.activities}

    def parallel_children(self, adult_id: str) -> list[Session]:
        return [s for s in self.course("boern") if s.parallel == adult_id]

    def used_in(self, sheet_id: str) -> list[tuple[str, str]]:
        """(kind, id) of everything that lists the sheet: sessions, activities, tools."""
        uses = []
        for s in self.course("boern") + self.course("voksne"):
            if sheet_id in s.printark or any(sheet_id in a.printark for a in s.activities) or (
                    s.train_at_home and s.train_at_home.printark == sheet_id):
                uses.append(("session", s.id))
        uses += [("aktivitet", a.id) for a in self.activities.values() if sheet_id in a.printark]
        uses += [("redskab", t.id) for t in self.tools.values() if sheet_id in t.printark]
        return uses

    def session_sheets(self, s: Session) -> list[str]:
        """All sheets a session needs, in order, without repeats."""
        ids = list(s.printark) + [p for a in s.activities for p in a.printark]
        if s.train_at_home and s.train_at_home.printark:
            ids.append(s.train_at_home.printark)
        return list(dict.fromkeys(ids))

    def sessions_with_tool(self, tool_id: str) -> list[Session]:
        return [s for c in COURSES for s in self.course(c) if tool_id in s.tools]

    def carriers_of(self, ke_id: str) -> list[tuple[str, str]]:
        """Sessions and activities that carry a core element."""
        out = [("session", s.id) for c in COURSES for s in self.course(c) if ke_id in s.core_elements]
        out += [("aktivitet", a.id) for a in self.activities.values() if ke_id in a.core_elements]
        return out

    def title_of(self, kind: str, ident: str) -> str:
        if kind == "session":
            s = self.sessions[ident]
            who = "Børn" if s.course == "boern" else "Voksne"
            return f"{who}, session {s.number}: {s.title}"
        if kind == "kerneelement":
            k = self.core_elements[ident]
            return f"Kerneelement {k.number}: {k.title}"
        if kind == "aktivitet":
            if ident in self.activities:
                return self.activities[ident].title
            return self.session_activities[ident][1].title
        if kind == "redskab":
            return self.tools[ident].title
        if kind == "printark":
            return self.printark[ident].title
        raise KeyError(kind)

    def exists(self, kind: str, ident: str) -> bool:
        table = {"session": self.sessions, "kerneelement": self.core_elements, "redskab": self.tools,
                 "printark": self.printark}.get(kind)
        if kind == "aktivitet":
            return ident in self.activities or ident in self.session_activities
        return table is not None and ident in table


# --- loading -------------------------------------------------------------------

DANISH = {
    "missing": "feltet mangler; tilføj det",
    "extra_forbidden": "ukendt felt; tjek stavningen eller fjern det",
    "string_type": "skal være en tekst",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "list_type": "skal være en liste (linjer der starter med '- ')",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "string_too_short": "må ikke være tom",
    "string_pattern_mismatch": "er ikke et gyldigt id: brug små bogstaver, tal og bindestreg (fx 'boern-3')",
    "literal_error": "har en ugyldig værdi",
    "greater_than": "skal være større end 0",
    "greater_than_equal": "er for lille",
    "less_than_equal": "er for stor",
    "model_type": "skal være en samling af felter (navn: værdi)",
    "dict_type": "skal være en samling af felter (navn: værdi)",
    "tuple_type": "skal være en liste med to tal, fx [45, 60]",
    "too_long": "har for mange elementer",
    "too_short": "har for få elementer",
}


PATTERN_HINTS = {
    r"^ke[1-5]$": "skal være et kerneelement: ke1, ke2, ke3, ke4 eller ke5",
    r"^(boern|voksne)-[1-9]$": "skal være boern-N eller voksne-N, fx 'boern-3'",
}


def _fields_at(cls, loc: tuple) -> list[str]:
    """Field names of the model that holds the last part of ``loc`` (for 'mente du …?')."""
    import typing
    for part in loc[:-1]:
        if isinstance(part, int) or cls is None:
            continue
        info = cls.model_fields.get(str(part))
        todo, cls = [info.annotation] if info else [], None
        while todo:  # unwrap Optional[...], list[...], dict[..., ...]
            t = todo.pop(0)
            if isinstance(t, type) and issubclass(t, BaseModel):
                cls = t
                break
            todo += list(typing.get_args(t))
    return list(cls.model_fields) if cls is not None else []


def _danish(err: dict, cls=None) -> str:
    """One pydantic error as a Danish sentence for the person editing the file."""
    field_name = ".".join(str(p) for p in err["loc"] if not isinstance(p, int)) or "filen"
    kind, ctx = err["type"], err.get("ctx", {})
    msg = DANISH.get(kind)
    if kind == "extra_forbidden" and " " in str(err["loc"][-1]):
        # a comma inside {title: …, minutes: …} splits the title into a bogus key
        msg = "er ikke et felt – står der et komma i en tekst i {…}? Sæt så teksten i anførselstegn"
    elif kind == "extra_forbidden":
        import difflib
        close = difflib.get_close_matches(str(err["loc"][-1]), _fields_at(cls, tuple(err["loc"])), n=1)
        if close:
            msg += f" (mente du '{close[0]}'?)"
    elif kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        msg = f"har en ugyldig værdi; tilladt er: {expected}"
    elif kind in ("string_type", "int_type", "int_parsing", "bool_type", "bool_parsing"):
        msg += f" – der står {err.get('input')!r}"
        if kind == "string_type":
            msg += "; sæt anførselstegn om teksten, hvis den ligner et tal eller true/false"
    elif kind == "string_pattern_mismatch":
        msg = PATTERN_HINTS.get(ctx.get("pattern"), msg.replace(" id:", f" id ('{err.get('input')}'):", 1))
    elif kind == "greater_than" and "gt" in ctx:
        msg = f"skal være større end {ctx['gt']}"
    elif kind == "greater_than_equal" and "ge" in ctx:
        msg = f"skal være mindst {ctx['ge']}"
    elif kind == "less_than_equal" and "le" in ctx:
        msg = f"må højst være {ctx['le']}"
    return f"'{field_name}' {msg or err['msg']}"


class Loader:
    """Reads every data file; collects problems instead of stopping at the first."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.book = Handbook(root=root)

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def problem(self, kind_id: tuple[str, str] | None, message: str, where: tuple[str, int] | None = None):
        if where is None and kind_id is not None:
            where = self.book.sources.get(kind_id, ("?", 1))
        self.problems.append(Problem(where[0], where[1], message))

    def validate(self, cls, data: Any, display: str, base: int = 1):
        try:
            return cls.model_validate(to_plain(data))
        except ValidationError as exc:
            for err in exc.errors():
                self.problems.append(Problem(display, line_of(data, err["loc"], base), _danish(err, cls)))
            return None

    def read(self, path: Path):
        self.book.files.append(path)
        try:
            return load_yaml(path, self.rel(path))
        except ContentError as exc:
            self.problems += exc.problems
            return None

    def register(self, kind: str, obj, display: str, line: int, table: dict):
        key = (kind, obj.id)
        if obj.id in table:
            first = self.book.sources[key]
            self.problems.append(Problem(display, line,
                f"id '{obj.id}' findes allerede ({first[0]}:{first[1]}); giv den et andet id"))
            return
        table[obj.id] = obj
        self.book.sources[key] = (display, line)

    def load_list(self, path: Path, cls, kind: str, table: dict):
        if not path.exists():
            return
        data = self.read(path)
        if data is None:
            return
        display = self.rel(path)
        if not isinstance(data, list):
            self.problems.append(Problem(display, 1, "filen skal være en liste, hvor hvert element starter med '- id: …'"))
            return
        for i, item in enumerate(data):
            line = data.lc.item(i)[0] + 1
            obj = self.validate(cls, item, display)
            if obj is not None:
                self.register(kind, obj, display, line, table)

    def load_sessions(self, course: str):
        folder = self.root / "content" / "guides" / course
        for path in sorted(folder.glob("session-*.yml")):
            data = self.read(path)
            if data is None:
                continue
            display = self.rel(path)
            s = self.validate(Session, data, display)
            if s is None:
                continue
            expected = f"{course}-{path.stem.split('-')[1]}"
            if s.id != expected:
                self.problems.append(Problem(display, line_of(data, ("id",)),
                    f"id '{s.id}' passer ikke til filnavnet; filen {path.name} skal have id '{expected}'"))
                continue
            if s.number != int(path.stem.split("-")[1]):
                self.problems.append(Problem(display, line_of(data, ("number",)),
                    f"number {s.number} passer ikke til filnavnet {path.name}"))
            self.register("session", s, display, 1, self.book.sessions)
            self._session_lines[s.id] = data
            total = sum(p.minutes for p in s.programme)
            if total != s.minutes:
                self.problems.append(Problem(display, line_of(data, ("programme",)),
                    f"programmet varer {total} minutter, men sessionen er på {s.minutes} (minutes); "
                    f"ret minutterne i programmet, så de giver {s.minutes} i alt"))
            local_ids = {a.id for a in s.activities}
            for i, item in enumerate(s.programme):
                if item.activity and item.activity not in local_ids:
                    self.problems.append(Problem(display, line_of(data, ("programme", i, "activity")),
                        f"programpunktet peger på aktiviteten '{item.activity}', som ikke findes under activities "
                        f"i denne session; tilladt er: {', '.join(sorted(local_ids)) or '(ingen)'}"))

    def load_printark(self):
        folder = self.root / "content" / "printark"
        for path in sorted(folder.glob("*.md")):
            if path.stem == "index":
                continue
            self.book.files.append(path)
            display = self.rel(path)
            text = path.read_text(encoding="utf-8")
            fm, first = split_front_matter(text)
            if fm is None:
                self.problems.append(Problem(display, 1,
                    "printark-siden mangler front matter (--- id, title, guide, audience, kind ---) øverst"))
                continue
            try:
                data = load_yaml_text(fm, display, first)
            except ContentError as exc:
                self.problems += exc.problems
                continue
            meta = self.validate(PrintarkMeta, data, display, base=first)
            if meta is None:
                continue
            if meta.id != path.stem:
                self.problems.append(Problem(display, line_of(data, ("id",), first),
                    f"id '{meta.id}' skal være det samme som filnavnet ('{path.stem}')"))
                continue
            self.register("printark", meta, display, 1, self.book.printark)

    def load_one(self, path: Path, cls):
        """A data file holding one mapping (not a list); None when absent or invalid."""
        if not path.exists() or (data := self.read(path)) is None:
            return None
        return self.validate(cls, data, self.rel(path))

    def load_local(self):
        """lokal.yml (or the file in $ML_LOKAL): the municipality's details, all optional."""
        import os
        path = Path(os.environ.get("ML_LOKAL") or self.root / "lokal.yml")
        if not path.exists():
            return
        data = self.read(path)
        if data is None:
            return
        local = self.validate(LocalSettings, data, self.rel(path))
        if local is not None:
            self.book.local = local

    def check_refs(self):
        b = self.book

        def need(kind: str, ident: str, owner: tuple[str, str], where: tuple[str, int] | None = None):
            if not b.exists(kind, ident):
                self.problem(owner, f"{kind} '{ident}' findes ikke; ret id'et eller opret den"
                             + _suggest(ident, _ids(b, kind)), where)

        for s in b.sessions.values():
            data = self._session_lines.get(s.id)
            display = b.sources[("session", s.id)][0]
            at = lambda *loc: (display, line_of(data, loc))  # noqa: E731
            for i, k in enumerate(s.core_elements):
                need("kerneelement", k, ("session", s.id), at("core_elements", i))
            for i, t in enumerate(s.tools):
                need("redskab", t, ("session", s.id), at("tools", i))
            for i, p in enumerate(s.printark):
                need("printark", p, ("session", s.id), at("printark", i))
            for ai, a in enumerate(s.activities):
                for i, p in enumerate(a.printark):
                    need("printark", p, ("session", s.id), at("activities", ai, "printark", i))
                if s.course == "boern" and a.adapt is None:
                    self.problem(None, f"aktiviteten '{a.id}' mangler adapt (younger/middle/older) – børnesessioner "
                                 "skal have en variant for de yngste, de mellemste og de ældste børn", at("activities", ai))
            if s.train_at_home and s.train_at_home.printark:
                need("printark", s.train_at_home.printark, ("session", s.id), at("train_at_home", "printark"))
            if s.parallel:
                if s.course != "boern":
                    self.problem(None, "kun børnesessioner angiver parallel; voksensidens link beregnes",
                                 at("parallel"))
                elif not s.parallel.startswith("voksne-"):
                    self.problem(None, f"parallel skal være en voksensession (voksne-N), ikke '{s.parallel}'",
                                 at("parallel"))
                else:
                    need("session", s.parallel, ("session", s.id), at("parallel"))
        for a in b.activities.values():
            for p in a.printark:
                need("printark", p, ("aktivitet", a.id))
            for k in a.core_elements:
                need("kerneelement", k, ("aktivitet", a.id))
            if a.timing.anchor == "session" and a.timing.session is None:
                self.problem(("aktivitet", a.id), "timing.session mangler (hvilken børnesession er ankeret?)")
        if b.fidelity:
            for k in b.fidelity.core_elements:
                need("kerneelement", k, None, (self.rel(self.root / "content/indsats/fidelitet.yml"), 1))
        if b.change_theory:
            for o in b.change_theory.outputs:
                need("kerneelement", o.core_element, None, (self.rel(self.root / "content/indsats/forandringsteori.yml"), 1))
        for t in b.tools.values():
            for p in t.printark:
                need("printark", p, ("redskab", t.id))
            for k in t.core_elements:
                need("kerneelement", k, ("redskab", t.id))
        for path in b.files:
            if path.suffix in (".yml", ".yaml", ".md"):
                self.check_roles_in(path)

    def check_roles_in(self, path: Path):
        """Roles written inside data or printark text must point at something that exists."""
        display = self.rel(path)
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in ROLE_IN_TEXT.finditer(line):
                kind, ident = m.group(1), (m.group(3) or m.group(2)).strip()
                if not self.book.exists(kind, ident):
                    self.problems.append(Problem(display, lineno,
                        f"{{{kind}}}`{ident}` peger på noget, der ikke findes"
                        + _suggest(ident, _ids(self.book, kind))))

    def load(self) -> Handbook:
        self._session_lines: dict[str, Any] = {}
        c = self.root / "content"
        self.load_list(c / "indsats" / "kerneelementer.yml", CoreElement, "kerneelement", self.book.core_elements)
        self.load_list(c / "indsats" / "redskaber.yml", Tool, "redskab", self.book.tools)
        self.load_list(c / "guides" / "opstart" / "aktiviteter.yml", StartActivity, "aktivitet", self.book.activities)
        self.book.fidelity = self.load_one(c / "indsats" / "fidelitet.yml", Fidelity)
        self.book.change_theory = self.load_one(c / "indsats" / "forandringsteori.yml", ChangeTheory)
        self.load_local()
        for course in COURSES:
            self.load_sessions(course)
        self.load_printark()
        # session activity ids share the namespace of guide-1 activities: both are {aktivitet} targets
        seen: dict[str, str] = {a: "guide 1" for a in self.book.activities}
        for s in self.book.sessions.values():
            for a in s.activities:
                if a.id in seen:
                    self.problem(("session", s.id),
                                 f"aktivitets-id '{a.id}' bruges også i {seen[a.id]}; aktivitets-id'er skal være unikke")
                seen[a.id] = s.id
        if not self.problems:
            self.check_refs()
        if self.problems:
            raise ContentError(self.problems)
        return self.book


def _ids(book: Handbook, kind: str) -> list[str]:
    if kind == "aktivitet":
        return list(book.activities) + list(book.session_activities)
    return list({"session": book.sessions, "kerneelement": book.core_elements, "redskab": book.tools,
                 "printark": book.printark}[kind])


def _suggest(ident: str, candidates: list[str]) -> str:
    import difflib
    close = difflib.get_close_matches(ident, candidates, n=1)
    return f" (mente du '{close[0]}'?)" if close else ""


def load(root: Path | str = ".") -> Handbook:
    """Load and cross-check all content under ``root``; raises :class:`ContentError`."""
    return Loader(Path(root).resolve()).load()

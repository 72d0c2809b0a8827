"""Typed models of every data file: what each field means, with a Danish description.

One fact lives in one place: sessions list their sheets, children's sessions name their
parallel adults' session, guide 1's activities name their timing. What follows from those
facts (who uses a sheet, which activities follow a session) is computed in
:mod:`book.data.handbook`, never typed twice. The descriptions become the JSON Schemas
and the field reference editors read.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .pictograms import PICTO_DIR
from .refs import ID_PATTERN, Ref

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
KE_PATTERN = r"^ke[1-5]$"
KeId = Annotated[str, StringConstraints(pattern=KE_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
# Titles stand in headings, on cards, on the children's day programme and the diploma: long enough for any
# real title, short enough that no layout breaks (a 500-character title made the diploma three pages).
Title = Annotated[str, StringConstraints(min_length=1, max_length=80)]
LongTitle = Annotated[str, StringConstraints(min_length=1, max_length=100)]   # a programme item's line
Label = Annotated[str, StringConstraints(min_length=1, max_length=30)]        # a few words under a pictogram
Minutes = Annotated[int, Field(gt=0, le=480)]
LocalText = Annotated[str, StringConstraints(min_length=1, max_length=150)]   # a detail in a letterhead

# Fields that hold another object's id (book.data.refs): check verifies each, and the back-links come from them.
SheetRef = Ref("printark")
CoreElementRef = Ref("kerneelement")
KeRef = Ref("kerneelement", pattern=KE_PATTERN)
ToolRef = Ref("redskab")
SessionRef = Ref("session")
ActivityRef = Ref("aktivitet")
PictogramRef = Ref("billede", f"piktogrammet '{{id}}' findes ikke i {PICTO_DIR}")
DrawingRef = Ref("billede", f"tegningen '{{id}}' findes ikke i {PICTO_DIR}")
CaseRef = Ref("case", "casen '{id}' findes ikke under cases")

COURSES = {"boern": "Børnenes gruppeforløb", "voksne": "De nære voksnes gruppeforløb"}
GUIDES = {
    "opstart": "Guide 1 – opstart, vidensdeling og opfølgning",
    "boern": "Guide 2 – gruppeforløb for børn",
    "voksne": "Guide 3 – gruppeforløb for nære voksne",
    "undervisere": "Til undervisere",
}
AUDIENCES = Literal["barn", "nære voksne", "familie", "skole", "gruppeledere", "undervisere"]
SHEET_KINDS = Literal["brev", "dagsorden", "oversigt", "noteark", "øvelse", "træn løs",
                      "diplom", "plakat", "kort", "tjekliste", "refleksion", "planlægning"]
# Materials for the room: printed once for the group, whatever the audience (see book.data.packs).
GROUP_SHEET_KINDS = ("plakat", "kort")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- core elements and tools ---------------------------------------------------

class CoreElement(Model):
    """One of the five kerneelementer."""
    id: KeId = Field(description="Kerneelementets id: ke1, ke2, ke3, ke4 eller ke5. Andre filer henviser til kerneelementet med det.")
    number: int = Field(ge=1, le=5, description="Kerneelementets nummer fra 1 til 5.")
    title: Title = Field(description="Kerneelementets navn, som det vises på siderne.")
    aim: Text = Field(description="Kort formål: hvad kerneelementet skal sikre.")
    rationale: Text = Field(description="Faglig begrundelse (egne ord).")
    practice: list[Text] = Field(description="Sådan ser det ud i praksis, punkt for punkt.")
    materials: list[Text] = Field(default_factory=list, description="Hvilke guides og ark der bærer kerneelementet.")


class Tool(Model):
    """A redskab used across the courses (Hverdagsdetektiven, Energibatteriet, …)."""
    id: Id = Field(description="Redskabets id (små bogstaver og bindestreg). Bruges i henvisninger og i sidens adresse.")
    title: Title = Field(description="Redskabets navn, som det vises overalt i håndbogen.")
    aliases: list[Text] = Field(default_factory=list, description="Andre navne for samme redskab i kilderne.")
    summary: Text = Field(description="Én sætning: hvad redskabet er.")
    idea: Text = Field(description="Idéen bag redskabet.")
    steps: list[Text] = Field(default_factory=list, description="Trin eller spørgsmål i redskabet.")
    with_children: Text = Field(description="Sådan bruges redskabet sammen med børnene.")
    with_adults: Text = Field(description="Sådan bruges redskabet sammen med de nære voksne.")
    in_school: Text = Field(description="Sådan kan skolen bruge redskabet i barnets hverdag.")
    core_elements: list[CoreElementRef] = Field(default_factory=list, description="De kerneelementer (ke1–ke5), redskabet især støtter.")
    printark: list[SheetRef] = Field(default_factory=list, description="Id'er på de printark, der hører til redskabet.")
    pictures: list[DrawingRef] = Field(default_factory=list, description=(
        "Tegninger, der viser redskabet: navne på SVG-filer i content/billeder uden .svg, fx 'batteri'. "
        "Vises på undervisernes dias."))

    @property
    def levels(self) -> list[str]:
        """The names of a tool's numbered steps ("Trin 2 – sure: …" → "sure"), in order; [] if none are numbered."""
        found = [m for step in self.steps if (m := LEVEL.match(step))]
        return [m.group(2).strip() for m in sorted(found, key=lambda m: int(m.group(1)))]


LEVEL = re.compile(r"Trin (\d+) – ([^:]+):")  # how redskaber.yml names a numbered step


class FidelityCriterion(Model):
    """One of the intervention's fidelity criteria, with statements for self-assessment."""
    id: Id = Field(description="Kriteriets id (små bogstaver og bindestreg).")
    text: Text = Field(description="Kriteriet med egne ord.")
    statements: list[Text] = Field(default_factory=list, description=(
        "Udsagn til tjeklisten, der fortsætter 'I hvilken grad har vi …' og vurderes 1–5."))


class Fidelity(Model):
    """content/indsats/fidelitet.yml: the criteria and, per core element, self-assessment statements."""
    criteria: list[FidelityCriterion] = Field(description="Fidelitetskriterierne, ét kriterie pr. punkt i listen.")
    core_elements: dict[KeRef, list[Text]] = Field(
        default_factory=dict, description="Udsagn pr. kerneelement til tjeklisten ('I hvilken grad har vi …').")


class Output(Model):
    core_element: CoreElementRef = Field(description="Det kerneelement (ke1–ke5), outputtet hører til.")
    text: Text = Field(description="Hvad kerneelementet leverer, sagt med egne ord.")


class ChangeTheory(Model):
    """Forandringsteorien: output per core element and results in the short, medium and long term."""
    outputs: list[Output] = Field(description="Output for hvert kerneelement.")
    short: list[Text] = Field(description="Resultater på kort sigt, ét pr. punkt.")
    medium: list[Text] = Field(description="Resultater på mellemlangt sigt, ét pr. punkt.")
    long: list[Text] = Field(description="Resultater på langt sigt, ét pr. punkt.")


class LocalSettings(Model):
    """The municipality's own details for letters (lokal.yml). Every field is optional."""
    kommune: Optional[LocalText] = Field(default=None, description="Kommunens navn.")
    afdeling: Optional[LocalText] = Field(default=None, description="Afdeling eller team, der leverer forløbet.")
    sted: Optional[LocalText] = Field(default=None, description="Hvor sessionerne holdes (navn på stedet).")
    adresse: Optional[LocalText] = Field(default=None, description="Stedets adresse.")
    tidspunkt_boern: Optional[LocalText] = Field(default=None, description="Ugedag og klokkeslæt for børnenes sessioner.")
    tidspunkt_voksne: Optional[LocalText] = Field(default=None, description="Ugedag og klokkeslæt for de voksnes sessioner.")
    gruppeleder_1: Optional[LocalText] = Field(default=None, description="Navn på den første gruppeleder.")
    gruppeleder_2: Optional[LocalText] = Field(default=None, description="Navn på den anden gruppeleder.")
    telefon: Optional[LocalText] = Field(default=None, description="Telefonnummer til gruppelederne.")
    email: Optional[LocalText] = Field(default=None, description="E-mailadresse til gruppelederne.")
    logo: Optional[Text] = Field(default=None, description=(
        "Sti til kommunens logo (PNG, JPEG eller SVG), regnet fra mappen med lokal.yml, fx 'logo.png'. "
        "Vises øverst til venstre i brevhovedet. check melder, hvis filen mangler eller ikke er et billede."))


# --- guide 1 activities --------------------------------------------------------

class Timing(Model):
    """When an activity happens, relative to the children's course."""
    anchor: Literal["start", "session", "end"] = Field(
        description="start = første børnesession, session = efter en bestemt børnesession, end = sidste session.")
    session: Optional[int] = Field(default=None, ge=1, le=9, description="Børnesessionen, når anchor er session.")
    days_from: int = Field(ge=-365, le=365, description="Tidligste dag i forhold til ankeret (negativ = før).")
    days_to: int = Field(ge=-365, le=365, description="Seneste dag i forhold til ankeret.")
    text: Text = Field(description="Tidspunktet sagt med ord, som kilderne siger det.")
    recommended: bool = Field(default=False, description="true når dagene er håndbogens anbefaling og ikke står i kilderne.")


class StartActivity(Model):
    """A guide-1 activity: forsamtale, samarbejdsmøde, vidensdeling, forankrings- og opfølgningsmøde."""
    id: Id = Field(description="Aktivitetens id. Det skal være unikt i hele håndbogen, også i forhold til sessionernes aktiviteter.")
    title: Title = Field(description="Aktivitetens navn.")
    part: Literal[1, 2, 3] = Field(description="Den del af guide 1, aktiviteten hører til: 1 = opstart og forsamtale, 2 = vidensdeling under forløbene, 3 = forankring og opfølgning.")
    timing: Timing = Field(description="Hvornår aktiviteten ligger i forhold til børnenes forløb.")
    minutes: Optional[tuple[Minutes, Minutes]] = Field(default=None, description="Varighed i minutter [fra, til].")
    minutes_approx: bool = Field(default=False, description=(
        "true når kilden kun giver varigheden omtrent ('ca.'); kortet viser da 'ca.' foran."))
    form: Optional[Text] = Field(default=None, description="Fx fysisk eller virtuelt, skriftligt eller møde.")
    participants: list[Text] = Field(description="Hvem der deltager, én pr. punkt.")
    purpose: Text = Field(description="Formålet med aktiviteten.")
    contributes: list[Text] = Field(default_factory=list, description="Hvad aktiviteten skal bidrage til.")
    content: list[Text] = Field(description="Hvad I gennemgår, punkt for punkt.")
    printark: list[SheetRef] = Field(default_factory=list, description="Id'er på de printark, aktiviteten bruger.")
    core_elements: list[CoreElementRef] = Field(default_factory=list, description="De kerneelementer (ke1–ke5), aktiviteten bærer.")
    planner: bool = Field(default=True, description="Vises i forløbsplanlæggeren.")


# --- sessions ------------------------------------------------------------------

class Adaptation(Model):
    younger: Text = Field(description="Variant for de yngste (8–9 år): leg og bevægelse.")
    middle: Text = Field(description=(
        "Variant for de mellemste (10–11 år): stadig leg og bevægelse, men med faste roller, "
        "små hold og korte samtaler om, hvad man fandt ud af. Håndbogens eget forslag; kilderne "
        "beskriver kun de yngste og de ældste."))
    older: Text = Field(description="Variant for de ældste (12–14 år): mere dialog.")


class Material(Model):
    """One line of a session's packing list; the session's activities name it by its id."""
    id: Id = Field(description=(
        "Materialets id i sessionen (små bogstaver og bindestreg), fx lupper. Aktiviteterne i samme session "
        "henviser til materialet med det."))
    text: Text = Field(description=(
        "Det, gruppelederne skal have med, som det står på pakkelisten – gerne med antal, fx "
        "'Forstørrelsesglas – gerne ét pr. barn'."))
    printark: Optional[SheetRef] = Field(default=None, description=(
        "Id på det printark, materialet printes fra, fx pausekort. Arket kommer så med i sessionens printpakke."))


class SessionActivity(Model):
    id: Id = Field(description="Aktivitetens id. Det skal være unikt i hele håndbogen, også på tværs af sessioner.")
    title: Title = Field(description="Aktivitetens navn.")
    purpose: Text = Field(description="Hvorfor aktiviteten er med: hvad deltagerne skal have ud af den.")
    steps: list[Text] = Field(description="Sådan gør I, trin for trin.")
    say: list[Text] = Field(default_factory=list, description="Hvad gruppelederne kan sige.")
    watch: list[Text] = Field(default_factory=list, description="Hvad gruppelederne holder øje med.")
    adapt: Optional[Adaptation] = Field(default=None, description="Varianter for de yngste, de mellemste og de ældste børn. Skal udfyldes i børnenes sessioner.")
    materials: list[Id] = Field(default_factory=list, description=(
        "Id'er på de materialer fra sessionens materials, aktiviteten bruger. Alt, aktiviteten bruger, "
        "skal stå på sessionens materialeliste – check melder det, der mangler."))
    printark: list[SheetRef] = Field(default_factory=list, description="Id'er på de printark eller arbejdsark, aktiviteten bruger.")


class ProgrammeItem(Model):
    title: LongTitle = Field(description="Programpunktets overskrift.")
    minutes: int = Field(gt=0, le=240, description="Hvor mange minutter punktet varer. Tilsammen skal punkterne give sessionens minutes.")
    activity: Optional[Id] = Field(default=None, description="Id på en aktivitet i samme session.")
    note: Optional[Text] = Field(default=None, description="En kort bemærkning til punktet.")
    picto: Optional[PictogramRef] = Field(default=None, description=(
        "Piktogrammet til børnenes dagsprogram: navnet på en tegning i content/billeder uden .svg, fx 'batteri'. "
        "Skal udfyldes i børnenes sessioner."))
    short: Optional[Label] = Field(default=None, description=(
        "Punktet sagt kort til børnene (2–4 ord), fx 'Mit batteri'. Står under piktogrammet i dagsprogrammet. "
        "Skal udfyldes i børnenes sessioner."))


class TrainAtHome(Model):
    """Træn løs: the home task given at the end of a session."""
    title: Title = Field(description="Overskriften på Træn løs-opgaven.")
    task: Text = Field(description="Opgaven sagt til barnet.")
    adult_support: Text = Field(description="Sådan kan de nære voksne støtte opgaven.")
    printark: Optional[SheetRef] = Field(default=None, description="Id på det ark, barnet får med hjem til opgaven.")


class Session(Model):
    id: Annotated[str, StringConstraints(pattern=r"^(boern|voksne)-[1-9]$")] = Field(description="Sessionens id: boern-N eller voksne-N. Skal passe til filnavnet (session-N.yml i mappen boern eller voksne).")
    number: int = Field(ge=1, le=9, description="Sessionens nummer (1–9). Skal passe til filnavnet.")
    title: Title = Field(description="Sessionens titel.")
    minutes: int = Field(gt=0, le=240, description="Sessionens længde i minutter; programmet skal gå op.")
    minutes_recommended: bool = Field(default=False, description="true når længden er håndbogens anbefaling.")
    lead: Optional[Text] = Field(default=None, description="En kort indledning til sessionen.")
    goals: list[Text] = Field(description="Målene for sessionen, ét pr. punkt.")
    core_elements: list[CoreElementRef] = Field(description="De kerneelementer (ke1–ke5), sessionen arbejder med.")
    tools: list[ToolRef] = Field(default_factory=list, description="Id'er på de redskaber, sessionen bruger.")
    preparation: list[Text] = Field(description="Det, gruppelederne gør klar før sessionen.")
    materials: list[Material] = Field(description=(
        "Sessionens materialeliste (pakkelisten): alt, gruppelederne skal have med, hver med et id, som "
        "aktiviteterne henviser til. Ark, der printes pr. deltager, står under printark og kommer med af sig selv."))
    programme: list[ProgrammeItem] = Field(description="Sessionens program i rækkefølge. Minutterne skal tilsammen give sessionens minutes.")
    activities: list[SessionActivity] = Field(description="Sessionens aktiviteter. Hver aktivitet beskrives én gang og kan bruges fra programmet.")
    train_at_home: Optional[TrainAtHome] = Field(default=None, description="Træn løs: opgaven, der gives med hjem i slutningen af sessionen.")
    printark: list[SheetRef] = Field(default_factory=list, description="Id'er på de printark, hele sessionen bruger. Aktiviteternes egne ark kommer automatisk med.")
    parallel: Optional[SessionRef] = Field(default=None, description="Børnesession: id på den parallelle voksensession.")
    joint: bool = Field(default=False, description=(
        "true for den fælles afslutning for børn og voksne. Skrives i både børne- og voksensessionen, "
        "og de to skal passe sammen (børnesessionens parallel peger på voksensessionen)."))

    @property
    def course(self) -> str:
        return self.id.split("-")[0]

    def material_texts(self, ids: list[str]) -> list[str]:
        """What an activity needs, in words: it names the session's materials by id (check verifies them)."""
        texts = {m.id: m.text for m in self.materials}
        return [texts[i] for i in ids if i in texts]


# --- printark ------------------------------------------------------------------

class Card(Model):
    """One card, stepping stone or step a sheet shows with its pictogram."""
    picto: PictogramRef = Field(description="Piktogrammet: navnet på en tegning i content/billeder uden .svg, fx 'oeje'.")
    title: Label = Field(description="Kortets overskrift i få ord til børnene, fx 'Kig'.")
    text: Optional[Text] = Field(default=None, description="En kort sætning under overskriften, fx et spørgsmål.")


class PrintarkMeta(Model):
    """Front matter of a page in content/printark/."""
    id: Id = Field(description="Arkets id. Skal være det samme som filnavnet uden .md.")
    title: Title = Field(description="Arkets titel. Den bliver sidens overskrift, så skriv ikke selv en overskrift med #.")
    guide: Literal["opstart", "boern", "voksne", "undervisere"] = Field(description="Den guide, arket hører til.")
    audience: list[AUDIENCES] = Field(description="Hvem arket er til.")
    kind: SHEET_KINDS = Field(description="Hvilken slags ark det er.")
    description: Optional[Text] = Field(default=None, description="Én sætning om, hvad arket bruges til. Vises i oversigten over printark.")
    local: bool = Field(default=False, description="Arket bruger kommunens lokale oplysninger (lokal.yml).")
    recipient: Optional[Text] = Field(default=None, description=(
        "Kun for breve: hvem brevet er til, som det står i brevets Til-linje, fx 'Barnets skolekontakter'."))
    about_child: bool = Field(default=False, description=(
        "Kun for breve: true når brevet handler om ét barn; brevet får en linje til barnets navn."))
    cards: list[Card] = Field(default_factory=list, description=(
        "Kort, trin eller trædesten med piktogrammer, som arket viser med direktivet kort. Andre ark kan vise "
        "de samme kort, fx som en tjekliste, så trinene kun står ét sted."))

    @property
    def card_steps(self) -> list[str]:
        """The cards' titles as steps said in a sentence ("Kom tæt på" -> "kom tæt på"), in order."""
        return [c.title[:1].lower() + c.title[1:] for c in self.cards]

    @property
    def category(self) -> str:
        """Guide 2's sheets are arbejdsark; guides 1 and 3 use printark (seeds README)."""
        return "arbejdsark" if self.guide == "boern" else "printark"



# --- the trainers' competence course -------------------------------------------

class Exercise(Model):
    """An active exercise in a module: the participants do something, then the group debriefs."""
    title: Title = Field(description="Øvelsens navn, som det vises i programmet.")
    minutes: Optional[int] = Field(default=None, gt=0, le=480, description=(
        "Forslag til tid i minutter. Øvelsen ligger inden for modulets tid, så øvelserne må tilsammen "
        "højst vare lige så længe som modulet."))
    form: Text = Field(description="Hvordan deltagerne er organiseret, fx 'grupper á tre'.")
    steps: list[Text] = Field(description="Sådan gennemfører deltagerne øvelsen, trin for trin.")
    debrief: list[Text] = Field(default_factory=list, description="Spørgsmål til den fælles opsamling bagefter.")
    cases: list[CaseRef] = Field(default_factory=list, description="Id'er på de opdigtede cases (under cases), øvelsen bruger.")
    printark: list[SheetRef] = Field(default_factory=list, description="Id'er på de printark, deltagerne skal have i hånden.")


Clock = Annotated[str, StringConstraints(pattern=r"^([01]?[0-9]|2[0-3])\.[0-5][0-9]$")]


class TrainingModule(Model):
    """One block of a course day."""
    id: Id = Field(description="Modulets id (små bogstaver og bindestreg). Unikt i hele forløbet; bruges i sidens adresse.")
    title: Title = Field(description="Modulets overskrift.")
    minutes: int = Field(gt=0, le=480, description="Forslag til varighed i minutter, uden pauser.")
    aim: Text = Field(description="Hvad deltagerne kan eller ved bagefter.")
    content: list[Text] = Field(description="Det, underviseren gennemgår, punkt for punkt.")
    core_elements: list[KeRef] = Field(default_factory=list, description="De kerneelementer (ke1–ke5), modulet handler om.")
    tools: list[ToolRef] = Field(default_factory=list, description="Id'er på de redskaber, modulet gennemgår.")
    activities: list[ActivityRef] = Field(default_factory=list, description="Id'er på aktiviteter i guide 1 eller i sessionerne, modulet gennemgår.")
    sessions: list[SessionRef] = Field(default_factory=list, description="Id'er på de sessioner, modulet gennemgår (boern-N eller voksne-N).")
    read: list[Text] = Field(default_factory=list, description="Henvisninger til håndbogens kapitler, som deltagerne kan læse ({doc}`…`).")
    materials: list[Text] = Field(default_factory=list, description=(
        "Det, underviseren skal have klar til modulet (ud over de printark, øvelserne nævner), ét pr. punkt."))
    exercises: list[Exercise] = Field(default_factory=list, description="Øvelser i modulet, i den rækkefølge de bruges.")

    def sheets(self) -> list[str]:
        """The sheets the module's exercises use, in order, without repeats."""
        return list(dict.fromkeys(p for e in self.exercises for p in e.printark))


class Break(Model):
    """A break or lunch in a course day, placed after a module. Håndbogens forslag."""
    after: Id = Field(description="Id på det modul, pausen ligger efter. Modulet skal høre til samme dag.")
    minutes: int = Field(gt=0, le=240, description="Pausens længde i minutter.")
    title: Label = Field(description="Pausen sagt på dansk, fx 'Kaffepause' eller 'Frokost'.")


class TrainingDay(Model):
    """One of the course's three days."""
    number: int = Field(ge=1, le=3, description="Dagens nummer (1–3). Dagene står i rækkefølge.")
    title: Title = Field(description="Dagens tema i få ord.")
    residential: bool = Field(description="true når dagen holdes i internat (kilderne: de to første dage).")
    focus: Text = Field(description="Et kort afsnit om, hvad dagen skal give deltagerne.")
    modules: list[TrainingModule] = Field(description="Dagens moduler i rækkefølge.")
    breaks: list[Break] = Field(default_factory=list, description=(
        "Pauser og frokost, hver efter et af dagens moduler. Dagsplanen regner klokkeslættene ud fra "
        "starttidspunktet, modulernes minutter og pauserne."))
    start: Optional[Clock] = Field(default=None, description=(
        "Dagens starttidspunkt (fx '8.30'), når det ikke er forløbets start. Kan ændres på dagsplanen."))
    evening: Optional[Text] = Field(default=None, description="Forslag til aftenen på en internatdag.")

    def break_after(self, module_id: str) -> list[Break]:
        return [b for b in self.breaks if b.after == module_id]


class Case(Model):
    """An invented, anonymous case for practising the tools. Always shown as 'Opdigtet case'."""
    id: Id = Field(description="Casens id (små bogstaver og bindestreg). Øvelser henviser til casen med det.")
    title: Title = Field(description="Casens titel; vises som 'Opdigtet case: …'.")
    who: Text = Field(description="Barnet og familien i få ord, uden navne.")
    situation: Text = Field(description="Situationen, deltagerne arbejder med.")
    roles: list[Text] = Field(default_factory=list, description="Roller til rollespil, én pr. punkt.")
    tasks: list[Text] = Field(description="Opgaverne til deltagerne, i rækkefølge.")
    tools: list[ToolRef] = Field(default_factory=list, description="Id'er på de redskaber, casen øver.")


class CompetenceCourse(Model):
    """content/undervisere/kompetenceforloeb.yml: the three-day course for new group leaders."""
    start: Clock = Field(description=(
        "Hvornår kursusdagene starter, fx '9.00' (håndbogens forslag). Dagsplanerne regner klokkeslættene "
        "ud herfra; underviseren kan ændre det på siden."))
    days: list[TrainingDay] = Field(min_length=3, max_length=3, description="Forløbets tre dage.")
    cases: list[Case] = Field(default_factory=list, description="Opdigtede cases, som øvelserne bruger.")

    def modules(self) -> list[TrainingModule]:
        return [m for d in self.days for m in d.modules]

    def day_of(self, module: TrainingModule) -> TrainingDay:
        """The day a module is taught on (its page shows the module in full)."""
        return next(d for d in self.days if any(m.id == module.id for m in d.modules))

    def case_users(self, case_id: str) -> list[TrainingModule]:
        return [m for m in self.modules() if any(case_id in e.cases for e in m.exercises)]

    def case(self, case_id: str) -> Case:
        return next(c for c in self.cases if c.id == case_id)

"""```{forloebsplanlaegger}``` – the course planner: a form, and the course's rhythm as JSON.

The page computes the dated plan in the browser (``_static/plan-dates.js``, UI in
``_static/planner.js``, both classic scripts so the planner works from file:// too); nothing
entered is sent anywhere. What the plan is built from – the sessions of both courses with
their pairing, school sharing, room mode and print pack, and the guide-1 activities with their
timing – is exported here from :mod:`book.data` at build time, so the planner follows the same
data as the guides (one fact, one place).

Page URLs are known only when every page has been read, so the directive leaves a
placeholder that :func:`fill_data` replaces when the page is written.
"""
from __future__ import annotations

from html import escape

from docutils import nodes

from ..data.models import LocalSettings
from ..paths import pack_pdf, pdf_url
from .context import handbook
from .directive import HandbookDirective
from .nodes import script_json, trusted_html
from .room import room_page

# Children's sessions are weekly (indsatsbeskrivelsen). The adults' 14-day rhythm is not a
# number anywhere: it follows from which children's sessions each adults' session runs beside.
RHYTHM_DAYS = 7
DATA_ID = "ml-planner-data"
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
# The municipality's details the leader types in; tidspunkt_* are computed from weekday and time.
INPUTS = {
    "sted": ("Stedets navn", "text", "off", "fx Familiehuset, lokale 2"),
    "adresse": ("Adresse", "text", "off", "Gade, nummer, postnummer og by"),
    "kommune": ("Kommune", "text", "off", ""),
    "afdeling": ("Afdeling eller team", "text", "off", ""),
    "gruppeleder_1": ("Gruppeleder 1 (navn)", "text", "off", ""),
    "gruppeleder_2": ("Gruppeleder 2 (navn)", "text", "off", ""),
    "telefon": ("Telefon", "tel", "tel", ""),
    "email": ("E-mail", "email", "email", ""),
}
COMPUTED = ("tidspunkt_boern", "tidspunkt_voksne")
FILE_ONLY = ("logo",)  # a file next to lokal.yml: the letterhead shows it, the planner has nothing to type
assert set(INPUTS) | set(COMPUTED) | set(FILE_ONLY) == set(LocalSettings.model_fields), "every local detail needs a field"


class planner_data(nodes.General, nodes.Element):
    """Placeholder for the exported JSON; replaced in :func:`fill_data`."""


def _skip(self, node):
    raise nodes.SkipNode


def export(app, fromdoc: str) -> dict:
    """The data the planner computes from, with page URLs relative to ``fromdoc``."""
    book = handbook(app)
    objects = app.env.get_domain("ml").objects

    def url(kind: str, ident: str, anchor: bool = False) -> str | None:
        hit = objects.get((kind, ident))
        if hit is None:
            return None
        uri = app.builder.get_relative_uri(fromdoc, hit[0])
        return f"{uri}#{hit[1]}" if anchor else uri

    def session(s) -> dict:
        parallel = s.parallel if s.course == "boern" else [k.id for k in book.parallel_children(s.id)]
        page = objects.get(("session", s.id))
        room = app.builder.get_relative_uri(fromdoc, room_page(page[0])) if page else None
        return {"id": s.id, "number": s.number, "title": s.title, "minutes": s.minutes, "parallel": parallel,
                "joint": s.joint, "sharing_after": [a.id for a in book.sharing_after(s)], "url": url("session", s.id),
                "room": room, "pack": pdf_url(fromdoc, pack_pdf(s.id))}

    activities = [
        {"id": a.id, "title": a.title, "planner": a.planner, "timing": a.timing.model_dump(),
         "url": url("aktivitet", a.id, anchor=True)}
        for a in book.activities.values()
    ]
    letters = [{"id": p.id, "title": p.title, "audience": p.audience, "url": url("printark", p.id)}
               for p in sorted(book.printark.values(), key=lambda p: p.title) if p.local and p.kind == "brev"]
    return {
        "version": 1,
        "rhythm_days": RHYTHM_DAYS,
        "sessions": {c: [session(s) for s in book.course(c)] for c in ("boern", "voksne")},
        # children's session id -> the adults' session held in its week (Handbook.adult_weeks)
        "adult_weeks": {kid: adult.id for kid, adult in book.adult_weeks().items()},
        "activities": activities,
        "letters": letters,
    }


def fill_data(app, doctree, docname: str) -> None:
    if uses_planner(doctree):
        app.ml_planner_pages = getattr(app, "ml_planner_pages", set()) | {docname}
    if any(doctree.findall(planner_data)):
        app.ml_planner_forms = getattr(app, "ml_planner_forms", set()) | {docname}
    for node in list(doctree.findall(planner_data)):
        html = f'<script type="application/json" id="{DATA_ID}">{script_json(export(app, docname))}</script>'
        node.replace_self(trusted_html(html))


def uses_planner(doctree) -> bool:
    """The planner page itself, and pages with details it can fill in (letters: {lokal} and dates)."""
    return any(c.startswith("ml-lokal-") or c in ("ml-planner", "ml-plan-datoer")
               for node in doctree.findall(nodes.Element) for c in node.get("classes", []))


def add_assets(app, pagename: str, templatename, context, doctree) -> None:
    """planner.js and planner.css only where they do something, so other pages stay light.

    The date logic only where the form is; deferred classic scripts run in order, so it is
    ready when planner.js starts.
    """
    if pagename in getattr(app, "ml_planner_pages", ()):
        app.add_css_file("planner.css")
        if pagename in getattr(app, "ml_planner_forms", ()):
            app.add_js_file("plan-dates.js", loading_method="defer")
        app.add_js_file("planner.js", loading_method="defer")


# --- the form ----------------------------------------------------------------------

def _field(key: str, label: str, kind: str = "text", value: str | None = None, autocomplete: str = "off",
           hint: str = "", required: bool = False) -> str:
    ident = f"ml-{key.replace('_', '-')}"
    described = f' aria-describedby="{ident}-hint"' if hint else ""
    attrs = f'type="{kind}" id="{ident}" name="{key}" autocomplete="{autocomplete}"{described}'
    if value:
        attrs += f' value="{escape(value)}"'
    if required:
        attrs += " required"
    out = [f'<div class="ml-planner-field"><label for="{ident}">{escape(label)}</label>']
    if hint:
        out.append(f'<span class="ml-planner-hint" id="{ident}-hint">{escape(hint)}</span>')
    out.append(f"<input {attrs}></div>")
    return "".join(out)


def _weekday(key: str, label: str, first: str) -> str:
    ident = f"ml-{key.replace('_', '-')}"
    options = f'<option value="">{escape(first)}</option>' + "".join(
        f'<option value="{i}">{name}</option>' for i, name in enumerate(WEEKDAYS, 1))
    return (f'<div class="ml-planner-field"><label for="{ident}">{escape(label)}</label>'
            f'<select id="{ident}" name="{key}">{options}</select></div>')


def form_html(local: LocalSettings) -> str:
    def text(key: str) -> str:
        label, kind, auto, hint = INPUTS[key]
        return _field(key, label, kind, getattr(local, key), auto, hint)

    return "".join([
        '<form class="ml-planner-form" id="ml-planner-form" novalidate aria-describedby="ml-planner-privacy">',
        '<p class="ml-planner-privacy" id="ml-planner-privacy">Det, du skriver, bliver i din browser: '
        "intet sendes nogen steder hen, og oplysningerne glemmes, når du lukker fanen.</p>",
        '<fieldset><legend>Børnenes gruppeforløb</legend><div class="ml-planner-grid">',
        _field("start", "Dato for børnenes første session", "date", required=True,
               hint="Børnenes sessioner ligger på denne ugedag hver uge."),
        _weekday("boern_dag", "Ugedag", "Vælg først datoen"),
        _field("boern_tid", "Klokkeslæt (start)", "time", required=True),
        "</div></fieldset>",
        '<fieldset><legend>De nære voksnes gruppeforløb</legend><div class="ml-planner-grid">',
        _weekday("voksne_dag", "Ugedag", "Samme ugedag som børnene"),
        _field("voksne_tid", "Klokkeslæt (start)", "time", required=True,
               hint="Den sidste session er fælles med børnene og følger børnenes tidspunkt."),
        "</div></fieldset>",
        '<fieldset><legend>Sted</legend><div class="ml-planner-grid">',
        text("sted"), text("adresse"), text("kommune"), text("afdeling"),
        "</div></fieldset>",
        '<fieldset><legend>Gruppeledere og kontakt</legend><div class="ml-planner-grid">',
        text("gruppeleder_1"), text("gruppeleder_2"), text("telefon"), text("email"),
        "</div></fieldset>",
        '<fieldset><legend>Ferier og fridage</legend>',
        _field("spring_over", "Uger uden sessioner (ugenumre)", "text", autocomplete="off",
               hint="Skriv ugenumrene adskilt af komma, fx 42 for efterårsferien eller 52-1 for juleferien. "
                    "Helligdage springes over af sig selv."),
        "</fieldset>",
        '<p class="ml-planner-error" id="ml-planner-error" role="alert" hidden></p>',
        '<button type="submit" class="ml-planner-button ml-planner-primary">Lav planen</button>',
        "</form>",
        '<section class="ml-plan" id="ml-plan" aria-labelledby="ml-plan-heading" hidden>',
        '<h2 id="ml-plan-heading" tabindex="-1">Jeres plan</h2>',
        '<div id="ml-plan-status" class="ml-plan-status" role="status" aria-live="polite"></div>',
        '<div class="ml-plan-actions">',
        '<button type="button" class="ml-planner-button" id="ml-plan-ics">Hent kalenderfil til jer (.ics)</button>',
        '<button type="button" class="ml-planner-button" id="ml-plan-ics-familier">'
        "Hent kalenderfil til familierne (.ics)</button>",
        '<button type="button" class="ml-planner-button" id="ml-plan-print">Udskriv planen</button>',
        "</div>",
        '<div id="ml-plan-letters" class="ml-plan-letters"></div>',
        '<div id="ml-plan-details" class="ml-plan-details"></div>',
        '<div id="ml-plan-table"></div>',
        '<div id="ml-plan-notes"></div>',
        "</section>",
        '<noscript><p class="ml-planner-error">Planlæggeren kræver JavaScript. Slå det til i browseren, '
        "eller brug forløbsoversigten.</p></noscript>",
    ])


class PlannerDirective(HandbookDirective):
    """```{forloebsplanlaegger}``` – the planner form, its result area and its data."""

    def render(self):
        # the form's values, and what export() puts in the page when it is written
        self.uses_data("local")
        self.uses_data("sessions", ("number", "title", "minutes", "parallel", "joint"))
        self.uses_data("activities", ("title", "planner", "timing"))  # the timing also gives the sharing after
        self.uses_data("printark", ("local", "kind", "audience"))  # the letters the planner fills in
        box = nodes.container(classes=["ml-planner"])
        box += trusted_html(form_html(self.book.local))
        box += planner_data()
        return [box]


def setup(app) -> None:
    app.add_node(planner_data, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_directive("forloebsplanlaegger", PlannerDirective)
    app.connect("doctree-resolved", fill_data)
    app.connect("html-page-context", add_assets, priority=400)  # before assets.prune_assets

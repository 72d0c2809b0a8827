"""Maintenance support: editor schemas, the field reference, the change log and the footer.

Everything here is generated from :mod:`book.model`, so the documentation for
content editors and the JSON Schemas their editor uses can never drift from
the code that validates the content.

* ``FILE_KINDS`` names every kind of data file, the model that validates it and
  the files it covers. It drives the schemas, the reference and the tests.
* ``python -m book.authoring`` refreshes the committed schemas in ``schemas/``
  and the ``yaml.schemas`` block of ``.vscode/settings.json``; the HTML build
  also publishes the schemas under ``_static/schema/``.
* ``{feltreference}`` renders every field (type, required, allowed values,
  example, Danish explanation) from the schemas; ``{aendringslog}`` renders
  ``CHANGELOG.md``.
* The footer shows the version (pyproject) and the build date.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from pydantic import BaseModel, TypeAdapter
from sphinx.util.docutils import SphinxDirective

from . import model as m
from .render import para, parse_markdown, section

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
TEMPLATES = Path(__file__).parent / "theme" / "templates"
STATIC_SCHEMA = "_static/schema"
# Draft 7: the newest draft the YAML extension for VS Code (yaml-language-server) supports.
DIALECT = "http://json-schema.org/draft-07/schema#"
CHANGELOG_DOC = "content/skrivevejledning/aendringer"


@dataclass(frozen=True)
class FileKind:
    name: str              # schema file is <name>.schema.json
    title: str             # Danish, for editors
    files: tuple[str, ...]  # globs relative to the project folder
    shape: Any             # the type a file holds (a model or a list of models)
    front_matter: bool = False

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def root_model(self) -> type[BaseModel]:
        return self.shape.__args__[0] if getattr(self.shape, "__args__", None) else self.shape

    @property
    def is_list(self) -> bool:
        return self.root_model is not self.shape


FILE_KINDS = (
    FileKind("kerneelementer", "De fem kerneelementer", ("content/indsats/kerneelementer.yml",),
             list[m.CoreElement]),
    FileKind("redskaber", "Redskaberne", ("content/indsats/redskaber.yml",), list[m.Tool]),
    FileKind("fidelitet", "Fidelitetskriterier og tjekliste", ("content/indsats/fidelitet.yml",), m.Fidelity),
    FileKind("forandringsteori", "Forandringsteorien", ("content/indsats/forandringsteori.yml",), m.ChangeTheory),
    FileKind("aktiviteter", "Aktiviteterne i guide 1", ("content/guides/opstart/aktiviteter.yml",),
             list[m.StartActivity]),
    FileKind("session", "En session i et gruppeforløb",
             ("content/guides/boern/session-*.yml", "content/guides/voksne/session-*.yml"), m.Session),
    FileKind("printark", "Et printarks front matter", ("content/printark/*.md",), m.PrintarkMeta,
             front_matter=True),
    FileKind("lokal", "Kommunens egne oplysninger", ("lokal.yml", "lokal.eksempel.yml"), m.LocalSettings),
)

# Danish names and explanations of the models (the models' docstrings are for programmers).
MODELS: dict[str, tuple[str, str]] = {
    "CoreElement": ("Kerneelement", "Et af indsatsens fem kerneelementer. Filen er en liste med ét punkt pr. "
                    "kerneelement."),
    "Tool": ("Redskab", "Et af de redskaber, der går igen i forløbene. Filen er en liste med ét punkt pr. redskab; "
             "hvert redskab har desuden sin egen side i content/redskaber/."),
    "Fidelity": ("Fidelitet", "Fidelitetskriterierne og udsagnene til tjeklisten, som gruppelederne bruger til at "
                 "vurdere, om indsatsen bliver gennemført som beskrevet."),
    "FidelityCriterion": ("Fidelitetskriterie", "Ét kriterie med de udsagn, der hører til det."),
    "ChangeTheory": ("Forandringsteori", "Hvad hvert kerneelement leverer, og hvilke resultater indsatsen sigter "
                     "mod på kort, mellemlangt og langt sigt."),
    "Output": ("Output", "Hvad ét kerneelement leverer."),
    "StartActivity": ("Aktivitet i guide 1", "Et møde eller en opgave rundt om gruppeforløbene, fx forsamtalen. "
                      "Filen er en liste med ét punkt pr. aktivitet, og hver aktivitet kan vises med "
                      "aktivitet-direktivet på guidens sider."),
    "Timing": ("Tidspunkt", "Hvornår en aktivitet i guide 1 ligger, regnet i dage fra et anker i børnenes forløb."),
    "Session": ("Session", "Én session i børnenes eller de voksnes gruppeforløb. Hver session har sin egen fil, "
                "content/guides/boern/session-N.yml eller content/guides/voksne/session-N.yml, og en side med "
                "samme navn, der slutter på .md."),
    "ProgrammeItem": ("Programpunkt", "Et punkt i sessionens tidsplan."),
    "SessionActivity": ("Aktivitet i en session", "En øvelse eller leg, beskrevet så gruppelederne kan gennemføre den."),
    "Adaptation": ("Tilpasning til alder", "Sådan gør I aktiviteten lettere eller mere udfordrende efter børnenes "
                   "alder."),
    "TrainAtHome": ("Træn løs", "Opgaven, barnet får med hjem mellem sessionerne."),
    "PrintarkMeta": ("Printark", "Front matter øverst i et printark, mellem to linjer med ---. "
                     "Filen hedder content/printark/<id>.md, og teksten under front matter er selve arket."),
    "LocalSettings": ("Lokale oplysninger", "Kommunens egne oplysninger til breve og printark. Alle felter kan "
                      "udelades; så står der en tom linje at skrive på."),
}

PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": ("id (små bogstaver, tal og bindestreg)", "id'er"),
    r"^ke[1-5]$": ("kerneelement (ke1–ke5)", "kerneelementer (ke1–ke5)"),
    r"^(boern|voksne)-[1-9]$": ("session-id (boern-N eller voksne-N)", "session-id'er"),
}


# --- schemas -------------------------------------------------------------------

def schema_for(kind: FileKind) -> dict:
    """The JSON Schema (draft 7) of one kind of file, with Danish titles and descriptions."""
    raw = TypeAdapter(kind.shape).json_schema(mode="validation", ref_template="#/definitions/{model}")
    schema = {"$schema": DIALECT, **raw}
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    _tidy(schema)
    schema["title"] = kind.title
    text = _model_text(kind.root_model.__name__)
    schema["description"] = (f"En liste, hvor hvert punkt er: {text}" if kind.is_list
                             else MODELS[kind.root_model.__name__][1])
    return schema


def _model_text(name: str) -> str:
    title, text = MODELS.get(name, (name, ""))
    return f"{title}. {text}".strip()


def _tidy(node: Any) -> None:
    """Danish titles on models, no English auto-titles on fields, closed dictionaries."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for prop in props.values():
                prop.pop("title", None)
            name = node.get("title")
            if name in MODELS:
                node["title"], node["description"] = MODELS[name][0], MODELS[name][1]
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        if "prefixItems" in node:  # a fixed-length list, said the draft-7 way
            node["items"], node["additionalItems"] = node.pop("prefixItems"), False
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)


def dump(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def all_schemas() -> dict[str, str]:
    """File name -> JSON text, for every kind of data file."""
    return {k.schema_file: dump(schema_for(k)) for k in FILE_KINDS}


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into ``folder``; returns the files whose content changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in all_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def vscode_schemas() -> dict[str, list[str]]:
    """The ``yaml.schemas`` setting for VS Code's YAML extension (front matter is not YAML to it)."""
    return {f"./schemas/{k.schema_file}": [f"/{g}" for g in k.files] for k in FILE_KINDS if not k.front_matter}


def write_vscode(root: Path = ROOT) -> bool:
    path = root / ".vscode" / "settings.json"
    settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if settings.get("yaml.schemas") == vscode_schemas():
        return False
    settings["yaml.schemas"] = vscode_schemas()
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return True


def kind_of(path: Path, root: Path = ROOT) -> FileKind | None:
    """Which kind of data file ``path`` is (None for pages and anything else)."""
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    for kind in FILE_KINDS:
        if any(Path(rel).match(g) and rel.count("/") == g.count("/") for g in kind.files):
            if kind.front_matter and path.stem == "index":
                return None
            return kind
    return None


def content_files(root: Path = ROOT) -> list[tuple[Path, FileKind]]:
    """Every data file in the project, with its kind."""
    out = []
    for kind in FILE_KINDS:
        for pattern in kind.files:
            for path in sorted(root.glob(pattern)):
                if kind_of(path, root) is kind:
                    out.append((path, kind))
    return out


# --- the field reference -------------------------------------------------------

@dataclass
class TypeInfo:
    text: str
    plural: str
    allowed: list | None = None
    ref: str | None = None


def describe(frag: dict) -> TypeInfo:
    """A schema fragment in words an editor understands."""
    if "$ref" in frag:
        name = frag["$ref"].rsplit("/", 1)[-1]
        title = MODELS.get(name, (name,))[0]
        return TypeInfo(f"felter (se {title})", f"punkter med felter (se {title})", ref=name)
    if "anyOf" in frag:
        options = [f for f in frag["anyOf"] if f.get("type") != "null"]
        if len(options) == 1:
            return describe(options[0])
    if "enum" in frag:
        return TypeInfo("én af de tilladte værdier", "værdier blandt de tilladte", allowed=list(frag["enum"]))
    kind = frag.get("type")
    if kind == "string":
        if frag.get("pattern") in PATTERNS:
            one, many = PATTERNS[frag["pattern"]]
            return TypeInfo(one, many)
        return TypeInfo("tekst", "tekster")
    if kind == "integer":
        lo, hi, gt = frag.get("minimum"), frag.get("maximum"), frag.get("exclusiveMinimum")
        if lo is not None and hi is not None:
            return TypeInfo(f"helt tal fra {lo} til {hi}", f"hele tal fra {lo} til {hi}")
        if gt is not None:
            return TypeInfo(f"helt tal større end {gt}", f"hele tal større end {gt}")
        return TypeInfo("helt tal", "hele tal")
    if kind == "boolean":
        return TypeInfo("true eller false", "true eller false")
    if kind == "array":
        if isinstance(frag.get("items"), list):
            n = len(frag["items"])
            return TypeInfo(f"liste med {n} hele tal: [fra, til]", "lister med tal")
        inner = describe(frag.get("items", {}))
        return TypeInfo(f"liste af {inner.plural}", f"lister af {inner.plural}", inner.allowed, inner.ref)
    if kind == "object":
        if "patternProperties" in frag:
            (pattern, value), = frag["patternProperties"].items()
            key = PATTERNS.get(pattern, ("nøgle",))[0]
            inner = describe(value)
            return TypeInfo(f"samling: {key} → {inner.text}", "samlinger", inner.allowed, inner.ref)
        return TypeInfo("samling af felter", "samlinger af felter")
    return TypeInfo("værdi", "værdier")


def models_in(schema: dict, kind: FileKind) -> list[tuple[str, dict]]:
    """(model name, object schema) of the root model first, then the nested ones in order of use."""
    defs = schema.get("definitions", {})
    root_name = kind.root_model.__name__
    root = defs.get(root_name) if kind.is_list else schema
    order = [root_name]
    todo = [root]
    while todo:
        node = todo.pop(0)
        for ref in re.findall(r'"\$ref": "#/definitions/(\w+)"', json.dumps(node.get("properties", {}))):
            if ref not in order:
                order.append(ref)
                todo.append(defs[ref])
    return [(name, root if name == root_name else defs[name]) for name in order]


def example_values(book: m.Handbook | None, root: Path) -> dict[tuple[str, str], Any]:
    """(model, field) -> a real value from the content, so examples show how the handbook really looks."""
    found: dict[tuple[str, str], Any] = {}

    def walk(obj):
        if isinstance(obj, BaseModel):
            cls = type(obj).__name__
            for name in type(obj).model_fields:
                value = getattr(obj, name)
                empty = value is None or value == [] or value == {} or value is False
                if not empty and (cls, name) not in found and not _holds_models(value):
                    found[(cls, name)] = value
                walk(value)
        elif isinstance(obj, (list, tuple)):
            for item in obj:
                walk(item)
        elif isinstance(obj, dict):
            for item in obj.values():
                walk(item)

    if book is not None:
        for table in (book.core_elements, book.tools, book.activities, book.sessions, book.printark):
            walk(list(table.values()))
        walk([book.fidelity, book.change_theory, book.local])
    sample = root / "lokal.eksempel.yml"
    if sample.exists():
        import yaml
        try:
            walk(m.LocalSettings.model_validate(yaml.safe_load(sample.read_text(encoding="utf-8")) or {}))
        except Exception:  # noqa: BLE001 - a broken sample only costs us examples; check reports it
            pass
    return found


def _holds_models(value) -> bool:
    if isinstance(value, BaseModel):
        return True
    if isinstance(value, (list, tuple)):
        return any(isinstance(v, BaseModel) for v in value)
    if isinstance(value, dict):
        return any(_holds_models(v) for v in value.values())
    return False


def example_yaml(name: str, value: Any) -> str:
    """One short line of YAML as an editor would type it."""
    import yaml

    def shorten(v):
        if isinstance(v, str) and len(v) > 50:
            return v[:48].rstrip() + " …"
        if isinstance(v, (list, tuple)):
            items = [shorten(x) for x in list(v)[:3]]
            return items + ["…"] if len(v) > 3 else items
        if isinstance(v, dict):
            return {k: shorten(x) for k, x in list(v.items())[:1]}
        return v

    text = yaml.safe_dump(shorten(value), allow_unicode=True, default_flow_style=True, width=10_000).strip()
    text = text.removesuffix("\n...").strip()
    return f"{name}: " + text.replace("\n", " ")


PATTERN_EXAMPLES = {r"^ke[1-5]$": "ke1", r"^(boern|voksne)-[1-9]$": "boern-1"}


def synthetic_example(frag: dict) -> Any:
    """A made-up example for a field no content file uses yet, built from its type."""
    options = [f for f in frag.get("anyOf", [frag]) if f.get("type") != "null"]
    target = options[0] if options else frag
    if "enum" in target:
        return target["enum"][0]
    kind = target.get("type")
    if kind == "boolean":
        return not frag.get("default", False)
    if kind == "integer":
        if "minimum" in target:
            return target["minimum"]
        return target["exclusiveMinimum"] + 1 if "exclusiveMinimum" in target else 0
    if kind == "array" and isinstance(target.get("items"), list):
        return [45, 60]
    if kind == "array":
        return [synthetic_example(target.get("items", {}))]
    if kind == "object" and "patternProperties" in target:
        (pattern, value), = target["patternProperties"].items()
        return {PATTERN_EXAMPLES.get(pattern, "navn"): synthetic_example(value)}
    if kind == "string" and "pattern" in target:
        return PATTERN_EXAMPLES.get(target["pattern"], "eksempel-id")
    return "Din tekst her"


def anchor(model_name: str, field: str | None = None) -> str:
    return nodes.make_id(f"felt-{model_name}" + (f"-{field}" if field else ""))


def _link(model_name: str) -> nodes.reference:
    ref = nodes.reference("", "", internal=True, refid=anchor(model_name))
    ref += nodes.inline(text=MODELS.get(model_name, (model_name,))[0])
    return ref


class FieldReference(SphinxDirective):
    """```{feltreference}``` – every field of every data file, generated from the model."""

    def run(self):
        book = getattr(self.env.app, "ml_handbook", None)
        for path in list(getattr(book, "files", [])) + [Path(m.__file__), Path(__file__)]:
            self.env.note_dependency(str(path))
        examples = example_values(book, Path(self.env.srcdir))
        depth = self.env.docname.count("/")
        out: list[nodes.Node] = [self.overview(depth)]
        shown: set[str] = set()
        for kind in FILE_KINDS:
            schema = schema_for(kind)
            sec = self.labelled(section(f"felter-{kind.name}", kind.title))
            files = [nodes.literal(text=f) for f in kind.files]
            where = para("Fil: " if len(files) == 1 else "Filer: ", *_joined(files), ". ")
            if kind.front_matter:
                where += nodes.Text("Felterne står i front matter øverst i filen. ")
            where += nodes.Text("Skema til editoren: ")
            where += nodes.literal(text=f"schemas/{kind.schema_file}")
            where += nodes.Text(".")
            sec += where
            for name, obj in models_in(schema, kind):
                if name in shown:
                    sec += para("Se ", _link(name), ".")
                    continue
                shown.add(name)
                sec += self.labelled(self.model_section(name, obj, examples))
            out.append(sec)
        return out

    def labelled(self, sec: nodes.section) -> nodes.section:
        """Make the section a target for {ref}`felt-timing` from other pages."""
        sec["names"].append(sec["ids"][0])
        self.state.document.note_explicit_target(sec, sec)
        return sec

    def overview(self, depth: int) -> nodes.Element:
        from .render import table
        rows = []
        for kind in FILE_KINDS:
            link = nodes.reference("", "", internal=False,
                                   refuri="../" * depth + f"{STATIC_SCHEMA}/{kind.schema_file}")
            link += nodes.literal(text=kind.schema_file)
            files = _joined([nodes.literal(text=f) for f in kind.files], "\n")
            here = nodes.reference("", "", internal=True, refid=nodes.make_id(f"felter-{kind.name}"))
            here += nodes.inline(text=kind.title)
            rows.append([[here], files, [link]])
        return table(["Indhold", "Fil", "Skema"], rows, classes=["ml-file-kinds"], widths=[3, 4, 3])

    def model_section(self, name: str, obj: dict, examples: dict) -> nodes.section:
        title, text = MODELS.get(name, (name, ""))
        sec = section(anchor(name), title)
        sec += para(text)
        required = set(obj.get("required", []))
        dl = nodes.definition_list(classes=["ml-fields"])
        for field, frag in obj.get("properties", {}).items():
            item = nodes.definition_list_item()
            term = nodes.term(ids=[anchor(name, field)])
            term += nodes.literal(text=field)
            term += nodes.Text(" ")
            if field in required:
                term += nodes.inline(text="skal udfyldes", classes=["sd-badge", "sd-bg-primary", "sd-bg-text-primary"])
            else:
                term += nodes.inline(text="kan udelades", classes=["sd-badge", "sd-outline-secondary",
                                                                  "sd-text-secondary"])
            item += term
            d = nodes.definition()
            d += para(frag.get("description", ""))
            info = describe(frag)
            facts = nodes.bullet_list(classes=["ml-field-facts"])
            kind_line = [nodes.strong(text="Type: "), info.text.split(" (se ")[0]]
            if info.ref:
                kind_line += [" – se ", _link(info.ref)]
            facts += _item(kind_line)
            if info.allowed:
                facts += _item([nodes.strong(text="Tilladte værdier: "),
                                *_joined([nodes.literal(text=str(v)) for v in info.allowed])])
            if field not in required and "default" in frag and frag["default"] not in (None, [], {}):
                facts += _item([nodes.strong(text="Hvis feltet udelades: "),
                                nodes.literal(text=json.dumps(frag["default"], ensure_ascii=False))])
            if not info.ref:
                value = examples.get((name, field))
                if value is None:
                    value = synthetic_example(frag)
                facts += _item([nodes.strong(text="Eksempel: "), nodes.literal(text=example_yaml(field, value))])
            d += facts
            item += d
            dl += item
        sec += dl
        return sec


def _item(parts: list) -> nodes.list_item:
    li = nodes.list_item()
    li += para(*parts)
    return li


def _joined(items: list, sep: str = ", ") -> list:
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


# --- the change log ------------------------------------------------------------

def changelog_path(srcdir: Path) -> Path:
    """CHANGELOG.md beside the content (a copy of the project may lack it: then the package's own)."""
    for folder in (srcdir, ROOT):
        if (folder / "CHANGELOG.md").exists():
            return folder / "CHANGELOG.md"
    return ROOT / "CHANGELOG.md"


def changelog_versions(text: str) -> list[str]:
    """Version numbers of the released entries (## 1.2.0 – 2026-05-01), newest first."""
    return re.findall(r"^## +(\d+\.\d+\.\d+)\b", text, re.M)


class ChangeLog(SphinxDirective):
    """```{aendringslog}``` – CHANGELOG.md as a page; each ## heading becomes a section."""

    def run(self):
        path = changelog_path(Path(self.env.srcdir))
        self.env.note_dependency(str(path))
        text = path.read_text(encoding="utf-8")
        body = text.split("\n## ", 1)
        out: list[nodes.Node] = []
        if len(body) < 2:
            return [para("Ændringsloggen er tom.")]
        for chunk in ("## " + body[1]).split("\n## "):
            heading, _, rest = chunk.removeprefix("## ").partition("\n")
            version = changelog_versions("## " + heading)
            ident = f"version-{version[0]}" if version else f"aendringer-{heading}"
            sec = section(ident, heading.strip())
            sec.extend(self.subsections(ident, rest))
            out.append(sec)
        return out

    def subsections(self, parent: str, text: str) -> list[nodes.Node]:
        parts = re.split(r"^### +(.+)$", text, flags=re.M)
        out = parse_markdown(self.state, parts[0], self.content_offset) if parts[0].strip() else []
        for heading, rest in zip(parts[1::2], parts[2::2]):
            out.append(section(f"{parent}-{heading}", heading.strip(),
                               *parse_markdown(self.state, rest, self.content_offset)))
        return out


# --- version and build date in the footer --------------------------------------

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


def version() -> str:
    """The handbook's version: pyproject.toml when we run from the project, else the installed package."""
    pyproject = ROOT / "pyproject.toml"
    if pyproject.exists():
        import tomllib
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed
    try:
        return installed("mestringsluppen")
    except PackageNotFoundError:
        return "ukendt"


def build_date(now: dt.date | None = None) -> str:
    """Today in Danish ('21. november 2026'); SOURCE_DATE_EPOCH makes builds reproducible."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch
               else dt.date.today())
    return f"{now.day}. {MONTHS[now.month - 1]} {now.year}"


def add_footer(app, config) -> None:
    """Our footer template wins over the theme's; the date changes once a day (whole site rewritten then)."""
    config.templates_path = [str(TEMPLATES)] + [p for p in config.templates_path if p != str(TEMPLATES)]
    config.html_context = {**config.html_context, "ml_version": version(), "ml_build_date": build_date()}


def page_context(app, pagename, templatename, context, doctree) -> None:
    if CHANGELOG_DOC in app.env.all_docs:
        context["ml_changelog_url"] = app.builder.get_relative_uri(pagename, CHANGELOG_DOC)


def publish_schemas(app, exception) -> None:
    """The schemas travel with the site, so an editor can also point at the published copy."""
    if exception is None and app.builder.format == "html":
        write_schemas(Path(app.outdir) / STATIC_SCHEMA)


def setup(app) -> None:
    app.connect("config-inited", add_footer)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", publish_schemas)
    app.add_directive("feltreference", FieldReference)
    app.add_directive("aendringslog", ChangeLog)


# --- python -m book.authoring ----------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """Refresh schemas/ and .vscode/settings.json from the model; --check only reports."""
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        stale = [name for name, text in all_schemas().items()
                 if not (SCHEMAS / name).exists() or (SCHEMAS / name).read_text(encoding="utf-8") != text]
        if stale:
            print("Skemaerne i schemas/ passer ikke til datamodellen: " + ", ".join(stale)
                  + ". Kør: python -m book.authoring", file=sys.stderr)
            return 1
        print("Skemaerne i schemas/ passer til datamodellen.")
        return 0
    changed = write_schemas(SCHEMAS)
    vscode = write_vscode()
    print(f"{len(changed)} skema(er) opdateret i schemas/" + (", .vscode/settings.json opdateret" if vscode else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

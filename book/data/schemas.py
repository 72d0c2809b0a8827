"""JSON Schemas of the data files, and the field reference's words, generated from the models.

The documentation for content editors and the schemas their editor uses can never drift
from the code that validates the content: both come from :mod:`book.data.models` and the
table of file kinds in :mod:`book.data.files`. ``python -m book schemas`` refreshes the
committed copies in ``schemas/`` and ``.vscode/settings.json``.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from ..paths import PROJECT, SCHEMAS
from . import models as m
from .files import FILE_KINDS, FileKind
from .handbook import Handbook

# Draft 7: the newest draft the YAML extension for VS Code (yaml-language-server) supports.
DIALECT = "http://json-schema.org/draft-07/schema#"

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
    "Material": ("Materiale", "En linje på sessionens pakkeliste med et id, som aktiviteterne i samme session "
                 "henviser til."),
    "SessionActivity": ("Aktivitet i en session", "En øvelse eller leg, beskrevet så gruppelederne kan gennemføre den."),
    "Adaptation": ("Tilpasning til alder", "Sådan gør I aktiviteten lettere eller mere udfordrende efter børnenes "
                   "alder."),
    "TrainAtHome": ("Træn løs", "Opgaven, barnet får med hjem mellem sessionerne."),
    "Card": ("Kort", "Et kort, en trædesten eller et trin med piktogram og få ord, som arket viser."),
    "PrintarkMeta": ("Printark", "Front matter øverst i et printark, mellem to linjer med ---. "
                     "Filen hedder content/printark/<id>.md, og teksten under front matter er selve arket."),
    "LocalSettings": ("Lokale oplysninger", "Kommunens egne oplysninger til breve og printark. Alle felter kan "
                      "udelades; så står der en tom linje at skrive på."),
    "CompetenceCourse": ("Kompetenceforløb", "Det tre dage lange kompetenceforløb for nye gruppeledere, som "
                         "underviserne bruger: starttidspunktet, dagene med deres moduler og pauser og de opdigtede cases til "
                         "øvelserne."),
    "TrainingDay": ("Kursusdag", "Én af forløbets tre dage med dens moduler og pauser i rækkefølge."),
    "Break": ("Pause", "En pause eller frokost på en kursusdag, lagt efter et af dagens moduler (håndbogens forslag)."),
    "TrainingModule": ("Modul", "En blok på en kursusdag: hvad deltagerne skal lære, og hvad underviseren "
                       "gennemgår."),
    "Exercise": ("Øvelse", "En aktiv øvelse i et modul, hvor deltagerne prøver noget og samler op bagefter."),
    "Case": ("Opdigtet case", "En opdigtet og anonym case til øvelserne. Den vises altid som 'Opdigtet case'."),
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


@functools.lru_cache(maxsize=1)
def all_schemas() -> dict[str, str]:
    """File name -> JSON text, for every kind of data file (the models do not change in a process)."""
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


def write_vscode(root: Path = PROJECT) -> bool:
    path = root / ".vscode" / "settings.json"
    settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if settings.get("yaml.schemas") == vscode_schemas():
        return False
    settings["yaml.schemas"] = vscode_schemas()
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return True


def stale_schemas(folder: Path = SCHEMAS) -> list[str]:
    """Schema files in ``folder`` that no longer match the models."""
    return [name for name, text in all_schemas().items()
            if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]


# --- the field reference: each field in words an editor understands ------------------

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


def example_values(book: Handbook | None, root: Path) -> dict[tuple[str, str], Any]:
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
        walk([book.fidelity, book.change_theory, book.course_data, book.local])
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



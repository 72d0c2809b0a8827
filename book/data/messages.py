"""Danish messages for the person who edits a data file: validation errors and 'mente du …?'."""
from __future__ import annotations

import difflib
import typing

from pydantic import BaseModel

DANISH = {
    "missing": "feltet mangler; tilføj det",
    "extra_forbidden": "ukendt felt; tjek stavningen eller fjern det",
    "string_type": "skal være en tekst",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal uden komma",
    "list_type": "skal være en liste (linjer der starter med '- ')",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "string_too_short": "må ikke være tom",
    "string_too_long": "er for lang",
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


def suggest(ident: str, candidates: typing.Iterable[str]) -> str:
    """' (mente du 'x'?)' for the closest candidate, or nothing."""
    close = difflib.get_close_matches(ident, list(candidates), n=1)
    return f" (mente du '{close[0]}'?)" if close else ""


def _fields_at(cls, loc: tuple) -> list[str]:
    """Field names of the model that holds the last part of ``loc`` (for 'mente du …?')."""
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


def validation_message(err: dict, cls=None) -> str:
    """One pydantic error as a Danish sentence for the person editing the file."""
    field_name = ".".join(str(p) for p in err["loc"] if not isinstance(p, int)) or "filen"
    kind, ctx = err["type"], err.get("ctx", {})
    msg = DANISH.get(kind)
    if kind == "extra_forbidden" and " " in str(err["loc"][-1]):
        # a comma inside {title: …, minutes: …} splits the title into a bogus key
        msg = "er ikke et felt – står der et komma i en tekst i {…}? Sæt så teksten i anførselstegn"
    elif kind == "extra_forbidden":
        msg += suggest(str(err["loc"][-1]), _fields_at(cls, tuple(err["loc"])))
    elif kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        msg = f"har en ugyldig værdi; tilladt er: {expected}"
    elif kind in ("string_type", "int_type", "int_parsing", "int_from_float", "bool_type", "bool_parsing"):
        msg += f" – der står {as_written(err.get('input'))}"
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
    elif kind == "string_too_long" and "max_length" in ctx:
        msg = (f"er for lang ({len(str(err.get('input', '')))} tegn): højst {ctx['max_length']} tegn, så den kan stå "
               "i overskrifter, på kort og i PDF'erne – gør den kortere")
    elif msg is None:  # a check without its own words: still Danish, and the value as the file has it
        msg = f"har en ugyldig værdi – der står {as_written(err.get('input'))}"
    return f"'{field_name}' {msg}"


def as_written(value) -> str:
    """A value the way the YAML file spells it (true, not Python's True), for a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "ingenting"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(as_written(v).strip("'") for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {as_written(v).strip(chr(39))}" for k, v in value.items()) + "}"
    if hasattr(value, "isoformat"):  # a date YAML read from 2025-01-01
        return value.isoformat()
    return f"'{value}'"

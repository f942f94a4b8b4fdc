"""Validate documents against schema.json and say what is wrong in a contributor's words.

jsonschema's own messages name Python reprs and schema internals
("'x' does not match '^[a-z0-9]+(-[a-z0-9]+)*$'"). A contributor needs the
field, the line, what is allowed and how to fix it, so each kind of failure
gets its own wording here; anything unforeseen falls back to jsonschema's text.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for

from listsmith.problems import Level, Problem
from listsmith.project import SCHEMA, CouldNotRun
from listsmith.yamldoc import Document, Path

RULE = "schema"


class SchemaChecker:
    """Compiled validators for entries and for the index, built once per run."""

    def __init__(self, schema: dict[str, Any]) -> None:
        cls = validator_for(schema, default=Draft202012Validator)
        try:
            cls.check_schema(schema)
        except SchemaError as exc:
            raise CouldNotRun(f"{SCHEMA} is not a valid JSON Schema: {exc.message}") from exc
        self._entry = cls(schema)
        index_schema = {k: schema[k] for k in ("$schema", "$defs") if k in schema}
        self._index = cls({**index_schema, "$ref": "#/$defs/index"})

    def check_entry(self, path: str, doc: Document) -> list[Problem]:
        return list(_problems(path, doc, self._entry))

    def check_index(self, path: str, doc: Document) -> list[Problem]:
        return list(_problems(path, doc, self._index))


def _problems(path: str, doc: Document, validator: Any) -> Iterator[Problem]:
    for error in validator.iter_errors(doc.data):
        for (line, col), message in _explain(error, doc):
            yield Problem(path, line, col, Level.ERROR, message, RULE)


def readable(path: Path) -> str:
    """``("links", 0, "url")`` -> ``links[0].url``: the way people name a field."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the entry"


_KIND = {bool: "a boolean", int: "a number", float: "a number", str: "text",
         list: "a list", dict: "a mapping", type(None): "empty"}
_EXPECTED = {"string": "text", "array": "a list", "object": "a mapping", "boolean": "true or false",
             "integer": "a whole number", "number": "a number", "null": "empty"}


def _explain(error: ValidationError, doc: Document) -> Iterator[tuple[tuple[int, int], str]]:
    """Yield (position, message) pairs for one jsonschema error."""
    path: Path = tuple(error.absolute_path)
    where = readable(path)
    value = error.instance
    kind = error.validator
    at = doc.position(path)

    if kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        for name in missing:
            owner = "" if not path else f" in {where}"
            yield at, f"missing required field '{name}'{owner}"
        return
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for name in value:
            if name in allowed:
                continue
            hint = difflib.get_close_matches(name, allowed, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            yield (doc.key_position((*path, name)),
                   f"unknown field '{readable((*path, name))}'{suggestion} "
                   f"(allowed: {', '.join(allowed)})")
        return
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        want = " or ".join(_EXPECTED.get(e, e) for e in expected)
        typed = doc.typed_scalars.get(path)
        if typed is not None and typed.text == "":
            yield at, f"{where} has no value; write {want} after the colon"
        elif typed is not None and "string" in expected:
            yield at, (f"{where}: `{typed.text}` was read as {typed.kind}, not text; "
                       f"quote it: \"{typed.text}\"")
        else:
            yield at, f"{where} must be {want}, not {_KIND.get(type(value), 'this')}"
        return
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        yield at, f"{where}: {value!r} is not allowed; use one of: {options}"
        return
    if kind == "pattern":
        title = error.schema.get("title")
        what = f"a valid {title}" if title else f"of the form {error.validator_value}"
        hint = error.schema.get("description", "")
        yield at, f"{where}: {value!r} is not {what}" + (f". {hint}" if hint else "")
        return
    if kind in ("minLength", "maxLength"):
        if value == "":
            yield at, f"{where} is empty"
        else:
            bound = "at least" if kind == "minLength" else "at most"
            yield at, (f"{where} is too {'short' if kind == 'minLength' else 'long'}: "
                       f"{len(value)} characters, {bound} {error.validator_value} expected")
        return
    if kind in ("minItems", "maxItems"):
        bound = "at least" if kind == "minItems" else "at most"
        yield at, f"{where} has {len(value)} items; {bound} {error.validator_value} expected"
        return
    if kind == "uniqueItems":
        yield at, f"{where} lists the same item more than once"
        return
    yield at, f"{where}: {error.message}"

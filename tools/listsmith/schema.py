"""Validate documents against schema.json and say what is wrong in a contributor's words.

jsonschema's own messages name Python reprs and schema internals
("'x' does not match '^[a-z0-9]+(-[a-z0-9]+)*$'"). A contributor needs the
field, the line, what is allowed and how to fix it, so each kind of failure
gets its own wording here; anything unforeseen falls back to jsonschema's text.
"""

from __future__ import annotations

import copy
import difflib
import functools
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import fastjsonschema

from listsmith import codecache
from listsmith.problems import Level, Problem
from listsmith.project import SCHEMA, CouldNotRun, shipped_schema
from listsmith.yamldoc import Document, Path

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

RULE = "schema"
MOVED = {
    "template": "settings live in listsmith.yaml now: render.targets.readme.template, naming "
    "a file in templates/",
    "link_check": "settings live in listsmith.yaml now, under links",
}
"""Fields that moved out of the data, and where to: a hint, not a puzzle."""

# Keywords whose meaning is the same in draft-07 (what fastjsonschema compiles)
# and 2020-12 (what schema.json declares), and the annotation-only ones.
_SHARED_ASSERTIONS = frozenset(
    {
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "enum",
        "const",
        "pattern",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "propertyNames",
        "oneOf",
        "anyOf",
        "allOf",
        "not",
        "$ref",
    }
)
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "examples",
        "default",
        "format",  # an annotation in 2020-12 unless a format checker is asked for
    }
)


def _fast_path_safe(node: Any) -> bool:
    """True when every keyword in ``node`` means the same in draft-07 and 2020-12.

    Draft-07 ignores keywords beside ``$ref`` and reads array-form ``items``
    as tuples, so both are refused; so is any keyword not listed above, and any
    ``$ref`` outside the document (fastjsonschema would fetch it).
    """
    if isinstance(node, bool):
        return True
    if not isinstance(node, dict):
        return False
    if "$ref" in node and (
        not str(node["$ref"]).startswith("#") or not set(node) - {"$ref"} <= _ANNOTATIONS
    ):
        return False
    for key, value in node.items():
        if key not in _SHARED_ASSERTIONS | _ANNOTATIONS:
            return False
        if key in ("properties", "$defs"):
            if not all(_fast_path_safe(sub) for sub in value.values()):
                return False
        elif key in ("items", "additionalProperties", "propertyNames", "not"):
            if not _fast_path_safe(value):
                return False
        elif key in ("oneOf", "anyOf", "allOf") and not (
            isinstance(value, list) and all(_fast_path_safe(sub) for sub in value)
        ):
            return False
    return True


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _with_defs(schema: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """``top`` with only the ``$defs`` of ``schema`` it reaches."""
    defs = schema.get("$defs", {})
    needed: dict[str, Any] = {}
    stack: list[Any] = [top]
    while stack:
        for ref in _refs(stack.pop()):
            name = ref.removeprefix("#/$defs/")
            if name in defs and name not in needed:
                needed[name] = defs[name]
                stack.append(defs[name])
    return {**top, "$defs": needed} if needed else top


def entry_part(schema: dict[str, Any]) -> dict[str, Any]:
    """The entry schema with only the ``$defs`` it reaches (not the index's or config's)."""
    return _with_defs(schema, {key: value for key, value in schema.items() if key != "$defs"})


def index_part(schema: dict[str, Any]) -> dict[str, Any]:
    """The index schema (``$defs.index``) with only the ``$defs`` it reaches."""
    top = {key: schema[key] for key in ("$schema",) if key in schema}
    return _with_defs(schema, {**top, "$ref": "#/$defs/index"})


def _compile_fast(part: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A compiled validity check, ~15x faster than jsonschema, for the common case.

    Most files are valid, so the compiled check answers for them; any file it
    refuses goes through jsonschema, which alone words the errors. Returns
    None (always use jsonschema) when ``part`` (:func:`entry_part` or
    :func:`index_part`) is outside the shared subset. The compiled code is kept
    between runs (:mod:`listsmith.codecache`): making it took 60 ms of every run.
    """
    if not _fast_path_safe(part):
        return None
    # use_default=False: fastjsonschema would otherwise write the schema's defaults
    # (free: true) into the data it checks, and validating must not change an entry.
    options = {"use_formats": False, "use_default": False}
    key = json.dumps([fastjsonschema.VERSION, options, part], sort_keys=True)
    code = codecache.load("schema", key)
    if code is None:
        # Without its $id the validator is named ``validate`` (fastjsonschema names it
        # after the id), and every $ref here is local (``_fast_path_safe``). A copy:
        # code generation rewrites the $refs of the dict it is given.
        bare = {k: v for k, v in copy.deepcopy(part).items() if k != "$id"}
        try:
            source = fastjsonschema.compile_to_code(bare, **options)
        except fastjsonschema.JsonSchemaDefinitionException:
            return None
        code = compile(source, "<schema.json's compiled validator>", "exec")
        codecache.store("schema", key, code)
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # listsmith's own code generation, from a trusted schema
    compiled = namespace.get("validate")
    if not callable(compiled):
        return None

    def is_valid(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return is_valid


def _validator_class(schema: dict[str, Any]) -> type[Validator]:
    """The schema's jsonschema class, once the schema is checked against its metaschema."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
    from jsonschema.validators import validator_for

    cls: type[Validator] = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        raise CouldNotRun(f"{SCHEMA} is not a valid JSON Schema: {exc.message}") from exc
    return cls


class SchemaChecker:
    """Compiled validators for entries and for the index, built once per run.

    jsonschema is loaded only when it has work: a schema other than the one listsmith
    ships (checked against its metaschema first), one that is not compiled, or a file
    the compiled check refuses. Loading it and checking the shipped schema against the
    2020-12 metaschema took longer than the rest of a ``check`` of the bundled list, on
    every run, for a schema that a test checks once."""

    def __init__(self, schema: dict[str, Any], trusted: bool = False) -> None:
        """``trusted``: the schema is the base commit's or listsmith's own. fastjsonschema
        writes Python from the schema and runs it, and its releases up to 2.21 let a
        ``const`` string out of its quotes: a pull request's schema is never compiled."""
        self._schema = schema
        # Checked against its metaschema before any file (an invalid schema can't run),
        # unless it is the shipped one, which a test checks.
        self._cls = None if schema == shipped_schema() else _validator_class(schema)
        self._entry_is_valid = _compile_fast(entry_part(schema)) if trusted else None
        # A large list's index holds every curated order: jsonschema took longer over it
        # than over all 10,000 entries of the benchmark together.
        self._index_is_valid = _compile_fast(index_part(schema)) if trusted else None

    def _validator(self, schema: dict[str, Any]) -> Validator:
        from referencing import Registry

        if self._cls is None:
            self._cls = _validator_class(self._schema)
        # An empty registry: a $ref outside schema.json fails instead of fetching
        # it from the network (CI must not depend on, or leak to, a remote host).
        return self._cls(schema, registry=Registry())

    @functools.cached_property
    def _entry(self) -> Validator:
        return self._validator(self._schema)

    @functools.cached_property
    def _index(self) -> Validator:
        index_schema = {k: self._schema[k] for k in ("$schema", "$defs") if k in self._schema}
        return self._validator({**index_schema, "$ref": "#/$defs/index"})

    def check_entry(self, path: str, doc: Document) -> list[Problem]:
        if self._entry_is_valid is not None and self._entry_is_valid(doc.data):
            return []
        return _problems(path, doc, self._entry)

    def check_index(self, path: str, doc: Document) -> list[Problem]:
        if self._index_is_valid is not None and self._index_is_valid(doc.data):
            return []
        return _problems(path, doc, self._index)


def _problems(path: str, doc: Document, validator: Validator) -> list[Problem]:
    from referencing.exceptions import Unresolvable

    # jsonschema raises `required` once per missing field, each carrying the
    # whole list; explaining each from the instance repeats them, so dedupe.
    found = (
        Problem(path, line, col, Level.ERROR, message, RULE)
        for error in validator.iter_errors(doc.data)
        for (line, col), message in _explain(error, doc)
    )
    try:
        return list(dict.fromkeys(found))
    except Unresolvable as exc:
        raise CouldNotRun(f"{SCHEMA}: can't resolve $ref {exc.ref!r}") from exc


def readable(path: Path) -> str:
    """``("links", 0, "url")`` -> ``links[0].url``: the way people name a field."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the entry"


_KIND = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a mapping",
    type(None): "empty",
}
_EXPECTED = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}


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
            if name in MOVED and not path:
                suggestion = f"; {MOVED[name]}"
            yield (
                doc.key_position((*path, name)),
                f"unknown field '{readable((*path, name))}'{suggestion} "
                f"(allowed: {', '.join(allowed)})",
            )
        return
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        want = " or ".join(_EXPECTED.get(e, e) for e in expected)
        typed = doc.typed(path)
        if typed is not None and typed.text == "":
            yield at, f"{where} has no value; write {want} after the colon"
        elif typed is not None and "string" in expected:
            yield (
                at,
                (
                    f"{where}: `{typed.text}` was read as {typed.kind}, not text; "
                    f'quote it: "{typed.text}"'
                ),
            )
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
            yield (
                at,
                (
                    f"{where} is too {'short' if kind == 'minLength' else 'long'}: "
                    f"{len(value)} characters, {bound} {error.validator_value} expected"
                ),
            )
        return
    if kind in ("minItems", "maxItems"):
        bound = "at least" if kind == "minItems" else "at most"
        yield at, f"{where} has {len(value)} items; {bound} {error.validator_value} expected"
        return
    if kind == "uniqueItems":
        yield at, f"{where} lists the same item more than once"
        return
    yield at, f"{where}: {error.message}"

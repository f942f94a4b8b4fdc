"""The schema an imported list starts with: the scaffold's, loosened to what the source holds.

The scaffold asks for authors, topics and a 20-to-400-character description;
a real list has none of those for most entries, and its section texts run
past the scaffold's caps. Each validation error of a kind that only says
"more", "less" or "missing" is answered where it arises: a missing field
leaves ``required``, a cap the source exceeds is dropped, a minimum it
undercuts comes down to what it holds. What remains (a pattern a value
breaks, say) is left for ``listsmith check`` to report: that is a true
finding about the source.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry

from listsmith.importer.tables import declare_columns
from listsmith.schema import entry_part

_BATCH = 20
"""Instances explained by jsonschema per round; the compiled check sorts out the rest."""


def _loosen(validator: Draft202012Validator, instance: Any) -> bool:
    """Relax every keyword ``instance`` fails that a source may rightly fail; True only if
    the schema changed. An error the schema no longer has (jsonschema may report from
    keywords it read before) teaches nothing, so it can't keep an instance coming back."""
    changed = False
    for error in list(_with_context(validator.iter_errors(instance))):
        keyword, where, value = error.validator, error.schema, error.instance
        if not isinstance(where, dict) or keyword not in where:
            continue
        before = where[keyword]
        if keyword in ("maxLength", "maxItems"):
            where.pop(keyword)
        elif keyword in ("minLength", "minItems") and isinstance(value, (str, list)):
            where[keyword] = min(before, len(value)) if isinstance(before, int) else len(value)
        elif keyword == "required" and isinstance(value, dict) and isinstance(before, list):
            where["required"] = [name for name in before if name in value]
        else:
            continue
        changed |= where.get(keyword) != before
    return changed


def _with_context(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """Each error, and the errors of the branches behind a ``oneOf`` or ``anyOf`` one: a
    point of an entry's details is a string or an object, and its string's cap was only
    in the branch (awesome-courses' 1,025-character point made init refuse the list)."""
    for error in errors:
        yield error
        yield from _with_context(error.context or ())


def _compiled(part: dict[str, Any]) -> Callable[[Any], bool]:
    """A fast validity check (fastjsonschema; the scaffold keeps to what it reads the same
    way as jsonschema), or one that sends everything to jsonschema."""
    try:
        check = fastjsonschema.compile(copy.deepcopy(entry_part(part)), use_formats=False)
    except fastjsonschema.JsonSchemaException:
        return lambda _: False

    def valid(data: Any) -> bool:
        try:
            check(copy.copy(data))  # fastjsonschema fills in defaults; keep ours as they are
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return valid


def _relax_for(
    schema: dict[str, Any], ref: str | None, instances: Sequence[Any], registry: Registry
) -> None:
    """Loosen ``schema`` until every instance passes the part ``ref`` names (the whole
    schema when None), as far as a source may rightly differ. The compiled check sorts out
    the valid ones; jsonschema explains a few failing ones a round, which loosens the
    schema for all that fail the same way."""
    defs = {k: schema[k] for k in ("$schema", "$defs") if k in schema}
    root = schema if ref is None else {**defs, "$ref": ref}
    part = schema if ref is None else {"$defs": schema["$defs"], "$ref": ref}
    pending = list(instances)
    changed = True
    while pending:
        if changed:
            # Only a change can make a failing instance pass: check again only then, with
            # a fresh validator (jsonschema reads a schema's own keywords once, when built).
            valid = _compiled(part)
            pending = [instance for instance in pending if not valid(instance)]
            validator = Draft202012Validator(root, registry=registry)
        batch, pending = pending[:_BATCH], pending[_BATCH:]
        taught = [_loosen(validator, instance) for instance in batch]
        changed = any(taught)
        # An instance that taught nothing fails for a reason no source excuses: leave it be.
        # Every change loosens one keyword for good, so rounds that change something are
        # bounded by the schema's size, and the rest each settle one batch: linear.
        pending += [instance for instance, did in zip(batch, taught, strict=True) if did]


def _sections(items: Any) -> Iterator[dict[str, Any]]:
    """Every section of an index, at any depth, without its sub-sections."""
    stack = list(items) if isinstance(items, list) else []
    while stack:
        section = stack.pop()
        if isinstance(section, dict):
            stack += section.get("sections") or []
            yield {k: v for k, v in section.items() if k != "sections"}


def relaxed(
    base: dict[str, Any], entries: Sequence[dict[str, Any]], index: dict[str, Any]
) -> dict[str, Any]:
    """``base`` (unchanged) loosened until ``entries`` and ``index`` pass, as far as a
    source may rightly differ from the scaffold. Sections are checked one by one, so
    60,000 of them cost what 60,000 entries do."""
    schema = copy.deepcopy(base)
    declare_columns(schema, index)  # a table section's columns are fields of its entries
    registry: Registry = Registry()
    _relax_for(schema, None, entries, registry)
    _relax_for(schema, "#/$defs/section", list(_sections(index.get("sections"))), registry)
    stub = {"id": "section", "title": "Section"}
    top = {**index, "sections": [stub] * len(index.get("sections") or [])}
    _relax_for(schema, "#/$defs/index", [top], registry)
    return schema

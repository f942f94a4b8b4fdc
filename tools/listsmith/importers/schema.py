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
from collections.abc import Callable, Sequence
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from referencing import Registry

from listsmith.schema import entry_part

_BATCH = 20
"""Instances explained by jsonschema per round; the compiled check sorts out the rest."""


def _loosen(validator: Draft202012Validator, instance: Any) -> bool:
    """Relax every keyword ``instance`` fails that a source may rightly fail; True if any."""
    changed = False
    for error in list(validator.iter_errors(instance)):
        keyword, where, value = error.validator, error.schema, error.instance
        if not isinstance(where, dict):
            continue
        if keyword in ("maxLength", "maxItems"):
            where.pop(keyword, None)
        elif keyword in ("minLength", "minItems") and isinstance(value, (str, list)):
            where[keyword] = len(value)
        elif keyword == "required" and isinstance(value, dict):
            where["required"] = [name for name in where.get("required", []) if name in value]
        else:
            continue
        changed = True
    return changed


def _compiled(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """A fast validity check of entries, or one that sends everything to jsonschema."""
    try:
        check = fastjsonschema.compile(copy.deepcopy(entry_part(schema)), use_formats=False)
    except fastjsonschema.JsonSchemaException:
        return lambda _: False

    def valid(data: Any) -> bool:
        try:
            check(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return valid


def relaxed(
    base: dict[str, Any], entries: Sequence[dict[str, Any]], index: dict[str, Any]
) -> dict[str, Any]:
    """``base`` (unchanged) loosened until ``entries`` and ``index`` pass, as far as a
    source may rightly differ from the scaffold."""
    schema = copy.deepcopy(base)
    registry: Registry = Registry()
    entry_validator = Draft202012Validator(schema, registry=registry)
    index_part = {k: schema[k] for k in ("$schema", "$defs") if k in schema}
    index_validator = Draft202012Validator(
        {**index_part, "$ref": "#/$defs/index"}, registry=registry
    )
    pending = list(entries)
    while pending:
        valid = _compiled(schema)
        pending = [entry for entry in pending if not valid(entry)]
        batch, pending = pending[:_BATCH], pending[_BATCH:]
        changed = [_loosen(entry_validator, entry) for entry in batch]
        # An entry that taught nothing fails for a reason no source excuses: leave it be.
        pending += [entry for entry, did in zip(batch, changed, strict=True) if did]
    _loosen(index_validator, index)
    return schema

"""Write YAML the way a person would: plain where safe, quoted only where needed."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

# Text that is plain in YAML for sure: starts with a letter (or _ ( / $ or a non-ASCII
# character), holds no line or control
# characters, no ": " (a key), " #" (a comment) or trailing ":" or space, and is not a word
# YAML reads as a boolean or null. URLs and most titles are; the rest take the slow path.
_SURELY_PLAIN = re.compile(
    "[A-Za-z_(/$\u00a0-\u2027\u202a-\ufefe][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*(?<![ :])"
)
_TYPED_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})
_NEVER_PLAIN = tuple(",[]{}#&*!|>'\"%@`")
"""A plain scalar can't start with these: such text is always quoted."""


def scalar(value: str, style: str | None = None, flow: bool = False) -> str:
    """``value`` as a YAML scalar; ``style`` keeps a quoting style the file already had.
    ``flow``: it goes inside ``[...]`` or ``{...}``, where a comma or bracket ends it."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if (
        style is None
        and not flow
        and _SURELY_PLAIN.fullmatch(value)
        and ": " not in value
        and " #" not in value
        and value.lower() not in _TYPED_WORDS
    ):
        return value  # the common case, without a YAML round trip
    if style is None and "\n" not in value and not value.startswith(_NEVER_PLAIN):
        probe, want = (f"[{value}]", [value]) if flow else (f"k: {value}", {"k": value})
        try:
            if yaml.safe_load(probe) == want:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a valid YAML double-quoted scalar


def value(item: Any) -> str:
    """One value as YAML reads it back: booleans and numbers as such, anything else as text."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return json.dumps(item)
    return scalar(str(item))


def entry(data: dict[str, Any], header: str) -> str:
    """An entry file: the editor header, then one field a line in ``data``'s order."""
    lines = [header]
    for key, field in data.items():
        lines += _field(key, field, "")
    return "\n".join(lines) + "\n"


def _field(key: str, field: Any, indent: str) -> list[str]:
    """``key: field`` at ``indent``: a list one item a line, a mapping in a list one key a
    line under its dash (``links``), and so on down (``details`` nest)."""
    if not isinstance(field, list):
        return [f"{indent}{key}: {value(field)}"]
    lines = [f"{indent}{key}:"]
    inner = indent + "    "
    for item in field:
        if isinstance(item, dict):
            block = [line for k, v in item.items() for line in _field(k, v, inner)]
            lines.append(f"{indent}  - {block[0][len(inner) :]}")
            lines += block[1:]
        else:
            lines.append(f"{indent}  - {value(item)}")
    return lines

"""Write YAML the way a person would: plain where safe, quoted only where needed."""

from __future__ import annotations

import json
from typing import Any

import yaml


def scalar(value: str, style: str | None = None, flow: bool = False) -> str:
    """``value`` as a YAML scalar; ``style`` keeps a quoting style the file already had.
    ``flow``: it goes inside ``[...]`` or ``{...}``, where a comma or bracket ends it."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style is None and "\n" not in value:
        probe, want = (f"[{value}]", [value]) if flow else (f"k: {value}", {"k": value})
        try:
            if yaml.safe_load(probe) == want and not value.startswith("#"):
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a valid YAML double-quoted scalar


def entry(data: dict[str, Any], header: str) -> str:
    """An entry file: the editor header, then one field a line in ``data``'s order."""
    lines = [header]
    for key, value in data.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    lines.append(f"  {'- ' if first else '  '}{k}: {scalar(str(v))}")
                    first = False
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {scalar(str(item))}" for item in value]
        else:
            lines.append(f"{key}: {scalar(str(value))}")
    return "\n".join(lines) + "\n"

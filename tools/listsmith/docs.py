"""Generated blocks inside hand-written Markdown (CONTRIBUTING.md's table of fields).

A block sits between ``<!-- listsmith:NAME:start -->`` and
``<!-- listsmith:NAME:end -->``; ``listsmith render`` refreshes it and
``listsmith check`` fails when it drifted, so the documented entry format is
always what schema.json says. (The documentation site's reference pages are filled the same
way, at build time: :mod:`listsmith.reference`.)
"""

from __future__ import annotations

import json
import re
from typing import Any

from listsmith import markdown

CONTRIBUTING = "CONTRIBUTING.md"


def _marker(name: str, end: str) -> str:
    return f"<!-- listsmith:{name}:{end} -->"


def fields_table(schema: dict[str, Any]) -> str:
    """The entry's fields as a Markdown table, straight from schema.json."""
    required = set(schema.get("required", []))
    rows = ["| field | required | what it holds | example |", "| --- | --- | --- | --- |"]
    for name, prop in schema.get("properties", {}).items():
        example = (
            json.dumps(prop["examples"][0], ensure_ascii=False) if prop.get("examples") else ""
        )
        rows.append(
            f"| `{name}` | {'yes' if name in required else 'no'} | "
            f"{markdown.escape(prop.get('description', ''))} | "
            f"{markdown.cell(example)} |"
        )
    return "\n".join(rows)


def fill(text: str, blocks: dict[str, str]) -> str:
    """``text`` with each named block's content replaced; blocks without markers are skipped."""
    for name, content in blocks.items():
        pattern = re.compile(
            re.escape(_marker(name, "start")) + r".*?" + re.escape(_marker(name, "end")), re.S
        )
        replacement = f"{_marker(name, 'start')}\n{content}\n{_marker(name, 'end')}"
        text = pattern.sub(lambda _, r=replacement: r, text)
    return text


def generated(schema: dict[str, Any]) -> dict[str, str]:
    return {
        "fields": fields_table(schema),
    }

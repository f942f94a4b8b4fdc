"""Generated blocks inside hand-written Markdown (CONTRIBUTING.md's tables of fields and ids).

A block sits between ``<!-- listsmith:NAME:start -->`` and
``<!-- listsmith:NAME:end -->``; ``listsmith render`` refreshes it and
``listsmith check`` fails when it drifted, so the documented entry format is
always what schema.json says, and the problem ids what the code reports.
"""

from __future__ import annotations

import json
import re
from typing import Any

from listsmith import markdown, problem_ids, rules
from listsmith.render_options import OPTIONS as RENDER_OPTIONS
from listsmith.settings import Option
from listsmith.targets import TARGETS

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


def _setting_row(key: str, option: Option) -> str:
    default = "none" if option.default is None else f"`{json.dumps(option.default)}`"
    trusted = "yes" if option.trusted else "no"
    return f"| `{key}` | {default} | {trusted} | {markdown.escape(option.description)} |"


def settings_table() -> str:
    """Every setting of listsmith.yaml but the link check's, with its default, from the
    declarations the code reads (rules, the render block, each render target)."""
    rows = ["| setting | default | trusted | what it does |", "| --- | --- | --- | --- |"]
    for rule_id, rule in rules.RULES.items():
        # Every configurable rule takes ``level``; the table of problem ids shows each default.
        rows += [
            _setting_row(f"rules.{rule_id}.{name}", option)
            for name, option in getattr(rule, "OPTIONS", {}).items()
        ]
    rows += [_setting_row(f"render.{name}", option) for name, option in RENDER_OPTIONS.items()]
    for name, target in TARGETS.items():
        rows += [
            _setting_row(f"render.targets.{name}.{key}", option)
            for key, option in target.declared().items()
        ]
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
        "problem-ids": problem_ids.table(),
        "settings": settings_table(),
    }

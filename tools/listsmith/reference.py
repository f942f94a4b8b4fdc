"""The documentation's reference pages, generated from what the code declares.

Every setting of listsmith.yaml is an :class:`~listsmith.settings.Option` declared
beside the code that reads it, every rule is a module in the rules registry, every
command a module in the CLI's list, and the entry's fields are schema.json's. The
docs site (mkdocs, see ``.ci/docs_hooks.py``) fills its reference pages from here
at build time, so the documentation can't promise a setting the code ignores or
leave out one it reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from typing import Any

from listsmith import docs, markdown, problem_ids, render_options, rules
from listsmith.links import config as links_config
from listsmith.project import shipped_schema
from listsmith.settings import Option
from listsmith.targets import TARGETS

KIND_MEANING = {
    "reference": "keeps `render` from writing: the README could not show the list faithfully; "
    "always on, as an error",
    "style": "a finding for `check`; never keeps the README from being rendered",
    "duplicates": "compares entries with each other (`check` and `dupes`)",
    "maintenance": "reads `signals.json` (stars, archived, last push), refreshed by "
    "`listsmith links --signals`",
}


def blocks() -> Iterator[tuple[str, str, Mapping[str, Option]]]:
    """Each block of listsmith.yaml: its dotted place, what it is, its declared options."""
    yield "render", "How the list is rendered.", render_options.OPTIONS
    for name, target in TARGETS.items():
        yield f"render.targets.{name}", target.DESCRIPTION, target.declared()
    yield (
        "links",
        "How `listsmith links` checks. The command line overrides the limits.",
        links_config.declared(),
    )
    for rule_id, rule in rules.RULES.items():
        yield f"rules.{rule_id}", _summary(rule.__doc__), rules.declared(rule)


def _summary(doc: str | None) -> str:
    """A docstring's first paragraph, on one line."""
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def _prose(text: str) -> str:
    """The code's own text (trusted) in a table cell: reST's double backticks become
    Markdown's, and a ``|`` would end the cell."""
    return text.replace("``", "`").replace("|", "\\|")


def _value(value: Any) -> str:
    return markdown.cell(json.dumps(value, ensure_ascii=False))


def _accepts(option: Option) -> str:
    node = option.schema()
    if "enum" in node:
        return ", ".join(_value(choice) for choice in node["enum"])
    kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
    text = " or ".join(kinds)
    if "items" in node:
        text += f" of {node['items']['type']}"
    bounds = [f"≥ {node['minimum']:g}" if "minimum" in node else ""]
    bounds.append(f"≤ {node['maximum']:g}" if "maximum" in node else "")
    return " ".join([text, *filter(None, bounds)])


def settings() -> str:
    """Every setting of listsmith.yaml, block by block."""
    parts = []
    for place, about, options in blocks():
        if place.startswith("rules."):
            continue  # on the rules page, beside what each rule checks
        rows = [
            "| setting | default | accepts | trusted | what it does |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, option in options.items():
            rows.append(
                f"| `{place}.{name}` | "
                f"{'' if option.default is None else _value(option.default)} | "
                f"{_accepts(option)} | {'**yes**' if option.trusted else ''} | "
                f"{_prose(option.description)} |"
            )
        parts.append(f"### `{place}` {{#{place}}}\n\n{_prose(about)}\n\n" + "\n".join(rows))
    return "\n\n".join(parts)


def rule_table() -> str:
    """Every rule of the registry: its default level, kind, what it checks, its options."""
    rows = [
        "| rule | level | kind | what it checks | options |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule_id, rule in rules.RULES.items():
        options = [
            f"`{name}` ({_value(option.default)}): {_prose(option.description)}"
            for name, option in getattr(rule, "OPTIONS", {}).items()
        ]
        rows.append(
            f"| `{rule_id}` | {rule.LEVEL.value} | {rules.kind(rule)} | "
            f"{_prose(_summary(rule.__doc__))} | {'<br>'.join(options)} |"
        )
    return "\n".join(rows)


def kinds() -> str:
    return "\n".join(f"- **{kind}**: {meaning}." for kind, meaning in KIND_MEANING.items())


def commands() -> str:
    """Every command's ``--help``, as argparse prints it."""
    from listsmith.cli import COMMANDS, build_parser

    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # the same width on every machine
    try:
        parser = build_parser()
        subparsers = next(a for a in parser._actions if a.choices and "check" in a.choices)
        parts = []
        for command in COMMANDS:
            text = subparsers.choices[command.NAME].format_help().rstrip()
            parts.append(
                f"### `listsmith {command.NAME}`\n\n{command.HELP}.\n\n```text\n{text}\n```"
            )
    finally:
        if columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = columns
    return "\n\n".join(parts)


def fields() -> str:
    """The entry's fields in the schema ``listsmith init`` writes."""
    return docs.fields_table(shipped_schema())


PAGES = {
    "problem-ids": problem_ids.table,
    "settings": settings,
    "rules": rule_table,
    "rule-kinds": kinds,
    "commands": commands,
    "fields": fields,
}
"""What a docs page asks for with ``<!-- listsmith:reference NAME -->``."""

"""Checks beyond the schema, one module a rule, keyed by id (yamllint's layout).

Adding a rule is one module (see :mod:`listsmith.rules.base` for what it
declares) and one line in ``_MODULES``. A list turns rules off, changes their
level or sets their options in listsmith.yaml, checked against what each rule
declares::

    rules:
      url-https: disable
      title-period: {level: warning}
      description-sentences: {max: 3}

The runner stamps every finding with the rule's id and its level, so the
same problem has the same level in every command (``new``, ``check``,
``dupes``, ``render``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from listsmith.problems import Level, Problem
from listsmith.project import Config, Project
from listsmith.rules import (
    archived,
    contents_kept,
    description_sentences,
    description_style,
    distinct_from,
    duplicate_redirect,
    duplicate_title,
    duplicate_url,
    file_name,
    layout,
    lookalike,
    markdown_closed,
    markdown_inline,
    order_complete,
    order_reference,
    parent,
    point_after,
    section_declared,
    section_style,
    similar_title,
    stale,
    stray_file,
    table_cells,
    title_period,
    topic_declared,
    unique_ids,
    unused,
    url_https,
    url_valid,
)
from listsmith.rules.base import RuleContext
from listsmith.settings import Option, at, check_block, unknown
from listsmith.trust import from_base

_MODULES: tuple[ModuleType, ...] = (
    layout,
    stray_file,
    file_name,
    section_declared,
    section_style,
    topic_declared,
    unique_ids,
    parent,
    point_after,
    order_reference,
    order_complete,
    markdown_closed,
    markdown_inline,
    table_cells,
    title_period,
    description_style,
    description_sentences,
    url_https,
    url_valid,
    lookalike,
    distinct_from,
    duplicate_url,
    duplicate_redirect,
    duplicate_title,
    similar_title,
    archived,
    stale,
    unused,
    contents_kept,
)
RULES: dict[str, ModuleType] = {module.ID: module for module in _MODULES}
KINDS = ("style", "reference", "duplicates", "maintenance")
_SWITCHES = ("enable", "disable")


def kind(rule: ModuleType) -> str:
    """Which commands run the rule (``check`` all kinds, ``validate`` all but duplicates)."""
    return getattr(rule, "KIND", "style")


def is_blocking(rule: ModuleType) -> bool:
    """Whether the rule's error keeps ``render`` from writing."""
    return getattr(rule, "BLOCKING", False)


def is_configurable(rule: ModuleType) -> bool:
    """Whether listsmith.yaml may turn the rule off or change its level."""
    return getattr(rule, "CONFIGURABLE", True)


def declared(rule: ModuleType) -> dict[str, Option]:
    """A rule's options, ``level`` included."""
    level = Option(
        rule.LEVEL.value,
        (str,),
        "error fails the run; warning is reported only.",
        choices=("error", "warning"),
    )
    return {"level": level, **getattr(rule, "OPTIONS", {})}


@dataclass(frozen=True)
class Enabled:
    """A rule this run applies, with the level and options the list gave it."""

    rule: ModuleType
    level: Level
    options: Mapping[str, Any]


def configured(project: Project) -> tuple[list[Enabled], list[Problem]]:
    """Every enabled rule with its level and options, and what is wrong with the config."""
    problems: list[Problem] = []
    config = _policy(project.config, problems)
    block = config.data.get("rules")
    if block is not None and not isinstance(block, dict):
        problems.append(at(config, ("rules",), "rules must be a mapping of rule ids"))
        block = {}
    block = block or {}
    for rule_id in block:
        if rule_id not in RULES:
            problems.append(unknown(config, ("rules", rule_id), sorted(RULES)))
    enabled = []
    for rule_id, rule in RULES.items():
        given = block.get(rule_id)
        if not is_configurable(rule) and given is not None and given != "enable":
            # These keep render faithful and the README safe (an unclosed comment, raw
            # HTML in a description): turning one off would let a pull request through.
            problems.append(
                at(
                    config,
                    ("rules", rule_id),
                    f"rules.{rule_id} keeps the README faithful to the data; it is always on, "
                    "as an error",
                )
            )
            given = None
        if given == "disable":
            continue
        if given is not None and not isinstance(given, dict) and given not in _SWITCHES:
            # YAML 1.1 reads off/no/false as a boolean: say what to write instead.
            read_as = " (YAML read it as a boolean)" if isinstance(given, bool) else ""
            problems.append(
                at(
                    config,
                    ("rules", rule_id),
                    f"rules.{rule_id}: write enable, disable or a mapping{read_as}",
                )
            )
            given = None
        values, found = check_block(
            config, ("rules", rule_id), declared(rule), None if given == "enable" else given
        )
        problems += found
        level = Level(values.pop("level"))
        enabled.append(Enabled(rule, level, values))
    return enabled, problems


def _policy(config: Config, problems: list[Problem]) -> Config:
    """Where the rules block is read from. The rules are what a pull request is judged
    by, so with ``--base`` they are the base branch's, and a change to them is reported
    (like a trusted setting) instead of loosening the very run that judges it."""
    if config.base is None or config.base.data.get("rules") == config.data.get("rules"):
        return config
    position = (1, 1)
    if config.doc is not None and "rules" in config.data:
        position = config.doc.key_position(("rules",))
    why = "rules decide what a pull request is judged by, so this run reads them from the base"
    problems.append(from_base(config.path, position, f"{why} branch"))
    return config.base


def run(
    project: Project,
    kinds: Iterable[str] = KINDS,
    final_urls: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Findings of every enabled rule of the given kinds, stamped with id and level."""
    enabled, problems = configured(project)
    wanted = set(kinds)
    ids = frozenset(e.rule.ID for e in enabled)
    shared: dict[str, Any] = {}
    for item in enabled:
        if kind(item.rule) not in wanted:
            continue
        context = RuleContext(project, item.options, ids, final_urls or {}, shared)
        problems += [
            Problem(f.path, f.line, f.col, item.level, f.message, item.rule.ID)
            for f in item.rule.check(context)
        ]
    return problems

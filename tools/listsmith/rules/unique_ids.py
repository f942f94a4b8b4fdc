"""Section ids are unique among siblings, topic ids in the list (JSON Schema can't say so)."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "unique-id"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = "Sibling section ids and topic ids in the index are unique."
BLOCKING = True
CONFIGURABLE = False


def check(context: RuleContext) -> Iterator[Finding]:
    index = context.project.index
    first: dict[str, tuple[str | int, ...]] = {}
    for section in index.sections:
        if section.path in first:
            line = index.position(*first[section.path], "id")[0]
            yield at(
                index,
                (*section.where, "id"),
                f"section id '{section.key}' is declared twice here (first at line {line})",
            )
        else:
            first[section.path] = section.where
    topics: dict[str, int] = {}
    for i, ident in index.topic_ids:
        if ident in topics:
            line = index.position("topics", topics[ident], "id")[0]
            yield at(
                index,
                ("topics", i, "id"),
                f"topic id '{ident}' is declared twice (first at line {line})",
            )
        else:
            topics[ident] = i

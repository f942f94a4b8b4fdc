"""Sections without entries and topics nobody uses are clutter in the README (warnings).

A section counts as used when it or any section below it has entries, or
when it has its own text (a section that is only an introduction is fine).
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "unused"
LEVEL = Level.WARNING
ASKS = "A section (without text of its own) or a topic in the index has no entries."


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    index = project.index
    used: set[str] = set()
    for entry in project.entries:
        parts = entry.section.split("/")
        used |= {"/".join(parts[: i + 1]) for i in range(len(parts))}
    for section in index.sections:
        if section.path not in used and not section.data.get("description"):
            yield at(index, (*section.where, "id"), f"section '{section.path}' has no entries")
    used_topics = {t for entry in project.entries for _, t in entry.strings("topics")}
    for i, ident in index.topic_ids:
        if ident not in used_topics:
            yield at(index, ("topics", i, "id"), f"topic '{ident}' has no entries")

"""Sections without entries and topics nobody uses are clutter in the README (warnings)."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import at

ID = "unused"
LEVEL = Level.WARNING


def check(project: Project) -> Iterator[Problem]:
    index = project.index
    used_sections = {entry.section for entry in project.entries}
    used_topics = {t for entry in project.entries for _, t in entry.strings("topics")}
    for key, ids, used in (
        ("sections", index.section_ids, used_sections),
        ("topics", index.topic_ids, used_topics),
    ):
        for i, ident in ids:
            if ident not in used:
                yield at(index, (key, i, "id"), LEVEL, f"{key[:-1]} '{ident}' has no entries", ID)

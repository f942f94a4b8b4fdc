"""Section and topic ids in index.yaml are unique (JSON Schema can't say "unique by id")."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import at

ID = "unique-id"
LEVEL = Level.ERROR


def check(project: Project) -> Iterator[Problem]:
    index = project.index
    for key, ids in (("sections", index.section_ids), ("topics", index.topic_ids)):
        first: dict[str, int] = {}
        for i, ident in ids:
            if ident in first:
                line = index.position(key, first[ident], "id")[0]
                yield at(
                    index,
                    (key, i, "id"),
                    LEVEL,
                    f"{key[:-1]} id '{ident}' is declared twice (first at line {line})",
                    ID,
                )
            else:
                first[ident] = i

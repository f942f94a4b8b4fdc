"""``distinct_from`` must name entries that exist, or the allowance silences nothing."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import at

ID = "distinct-from"
LEVEL = Level.ERROR


def check(project: Project) -> Iterator[Problem]:
    refs = {entry.ref for entry in project.entries}
    for entry in project.entries:
        for i, ref in entry.strings("distinct_from"):
            if ref == entry.ref:
                yield at(entry, ("distinct_from", i), LEVEL, "an entry can't name itself", ID)
            elif ref not in refs:
                yield at(
                    entry,
                    ("distinct_from", i),
                    LEVEL,
                    f"no entry {ref} (expected resources/{ref}.yaml)",
                    ID,
                )

"""File names are kebab-case slugs ending in .yaml, so URLs and sorting stay predictable."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import KEBAB

ID = "file-name"
LEVEL = Level.ERROR


def check(project: Project) -> Iterator[Problem]:
    for entry in project.entries:
        if entry.path.endswith(".yml"):
            yield Problem(entry.path, 1, 1, LEVEL, "use the .yaml extension, not .yml", ID)
        if not KEBAB.fullmatch(entry.slug):
            yield Problem(
                entry.path,
                1,
                1,
                LEVEL,
                f"file name '{entry.slug}' is not kebab-case: use lowercase words "
                "joined by hyphens, like linear-algebra-done-right.yaml",
                ID,
            )

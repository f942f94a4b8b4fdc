"""Titles are names, not sentences: no trailing period (an ellipsis is part of a name)."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import at

ID = "title-period"
LEVEL = Level.ERROR


def check(project: Project) -> Iterator[Problem]:
    for entry in project.entries:
        title = entry.text("title")
        if title and title.endswith(".") and not title.endswith("..."):
            yield at(entry, ("title",), LEVEL, "title ends with a period; remove it", ID)

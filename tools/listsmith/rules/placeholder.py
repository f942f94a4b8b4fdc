"""Placeholders left by ``listsmith import`` must be filled in before the list is sound."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import at

ID = "placeholder"
LEVEL = Level.ERROR
PLACEHOLDER = "TODO(listsmith import)"
"""Marks what the import could not know."""


FIELDS = ("title", "description")
"""Text fields the import may fill with a placeholder; authors are checked as a list."""


def check(project: Project) -> Iterator[Problem]:
    for entry in project.entries:
        texts = [((name,), entry.text(name) or "") for name in FIELDS]
        texts += [(("authors", i), author) for i, author in entry.strings("authors")]
        for path, text in texts:
            if PLACEHOLDER in text:
                yield at(
                    entry,
                    path,
                    LEVEL,
                    f"{path[0]} is a placeholder left by `listsmith import`: fill it in",
                    ID,
                )

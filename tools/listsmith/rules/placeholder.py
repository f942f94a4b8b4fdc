"""Placeholders left by ``listsmith import`` must be filled in before the list is sound."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import at

ID = "placeholder"
LEVEL = Level.ERROR
PLACEHOLDER = "TODO(listsmith import)"
"""Marks what the import could not know."""


def _strings(
    value: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))


def check(project: Project) -> Iterator[Problem]:
    for entry in project.entries:
        for path, text in _strings(entry.data, ()):
            if PLACEHOLDER in text:
                yield at(
                    entry,
                    path,
                    LEVEL,
                    f"{path[0]} is a placeholder left by `listsmith import`: fill it in",
                    ID,
                )

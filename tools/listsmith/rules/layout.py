"""Every file under resources/ is the index or an entry in a section folder.

A YAML file dropped at the top of resources/ or two folders deep is silently
left out of the README by naive tools; here it is an error, so nothing a
contributor adds can vanish.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import ENTRY_SUFFIXES, RESOURCES, Project

ID = "layout"
LEVEL = Level.ERROR


def check(project: Project) -> Iterator[Problem]:
    for path in project.strays:
        inner = path[len(RESOURCES) + 1 :]
        if not path.endswith(ENTRY_SUFFIXES):
            yield Problem(
                path,
                1,
                1,
                Level.WARNING,
                "not a YAML file; only .yaml entries are part of the list",
                ID,
            )
        elif "/" not in inner:
            yield Problem(
                path,
                1,
                1,
                LEVEL,
                f"entry outside a section folder: move it to {RESOURCES}/<section-id>/",
                ID,
            )
        else:
            yield Problem(
                path,
                1,
                1,
                LEVEL,
                f"entry nested too deep: entries live directly in {RESOURCES}/<section-id>/",
                ID,
            )

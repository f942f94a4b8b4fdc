"""An entry's folder must be a section of index.yaml, or it would never be rendered."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project

ID = "section-declared"
LEVEL = Level.ERROR


def check(project: Project) -> Iterator[Problem]:
    declared = {sid for _, sid in project.index.section_ids}
    if not project.index.doc:
        return  # the index's own problem explains everything
    for entry in project.entries:
        if entry.section not in declared:
            known = ", ".join(sorted(declared)) or "none"
            yield Problem(
                entry.path,
                1,
                1,
                LEVEL,
                f"folder '{entry.section}' is not a section declared in index.yaml "
                f"(sections: {known})",
                ID,
            )

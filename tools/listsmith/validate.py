"""Stage two of every command: the schema, then the rules, over a loaded list."""

from __future__ import annotations

from listsmith import rules
from listsmith.problems import Problem
from listsmith.project import Project
from listsmith.schema import SchemaChecker


def validate(project: Project) -> list[Problem]:
    """Every problem of the list, sorted by file and position."""
    checker = SchemaChecker(project.schema)
    problems = list(project.problems)
    if project.index.doc:
        problems += checker.check_index(project.index.path, project.index.doc)
    for entry in project.entries:
        if entry.doc:
            problems += checker.check_entry(entry.path, entry.doc)
    problems += rules.run(project)
    return sorted(problems)

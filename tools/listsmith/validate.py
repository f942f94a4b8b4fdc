"""Stage two of every command: the schema, the settings, then the rules, over a loaded list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from listsmith import rules
from listsmith.problems import Problem
from listsmith.project import Project
from listsmith.schema import SchemaChecker
from listsmith.settings import at, unknown

BLOCKS = ("rules", "render", "links")
"""What listsmith.yaml may hold at its top level."""


def check_config(project: Project) -> list[Problem]:
    """listsmith.yaml's shape, its render and links blocks (rules check their own block)."""
    from listsmith import render
    from listsmith.links import config as links_config

    config = project.config
    if config.doc is None:
        return []
    if not isinstance(config.doc.data, dict):
        return [at(config, (), "listsmith.yaml must be a mapping of settings blocks")]
    problems = [
        unknown(config, (key,), list(BLOCKS)) for key in config.doc.data if key not in BLOCKS
    ]
    return problems + render.check_settings(project)[2] + links_config.check(project)[1]


def validate(
    project: Project,
    kinds: Iterable[str] = rules.KINDS,
    final_urls: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every problem of the list, sorted by file and position."""
    checker = SchemaChecker(project.schema)
    problems = list(project.problems)
    if project.index.doc:
        problems += checker.check_index(project.index.path, project.index.doc)
    for entry in project.entries:
        if entry.doc:
            problems += checker.check_entry(entry.path, entry.doc)
    problems += check_config(project)
    problems += rules.run(project, kinds, final_urls)
    return sorted(set(problems))

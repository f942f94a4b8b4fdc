"""Stage two of every command: the schema, the settings, then the rules, over a loaded list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from listsmith import rules
from listsmith.problems import Level, Problem
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
    checker = SchemaChecker(project.schema, project.schema_trusted)
    problems = list(project.problems)
    if project.index.doc:
        problems += checker.check_index(project.index.path, project.index.doc)
    for entry in project.entries:
        if entry.doc:
            problems += checker.check_entry(entry.path, entry.doc)
    problems += check_config(project)
    problems += rules.run(project, kinds, final_urls)
    return sorted(set(problems))


def introduced(
    before: Iterable[Problem], after: Iterable[Problem], changed: Collection[str]
) -> list[Problem]:
    """The errors a change to the files ``changed`` brings: every error in those files,
    and errors elsewhere beyond those already there (counted by file and rule: the
    lines a message names may move). A duplicate, say, is reported once, at whichever
    entry of the pair carries it, which need not be the one that changed."""
    baseline = Counter(
        (p.path, p.rule) for p in before if p.level is Level.ERROR and p.path not in changed
    )
    seen: Counter[tuple[str, str]] = Counter()
    found = []
    for problem in after:
        if problem.level is not Level.ERROR:
            continue
        if problem.path in changed:
            found.append(problem)
            continue
        key = (problem.path, problem.rule)
        seen[key] += 1
        if seen[key] > baseline[key]:
            found.append(problem)
    return found

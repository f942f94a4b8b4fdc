"""Checks beyond the schema, one module a rule (the yamllint layout).

Each module defines ``ID`` (what a problem's ``[rule]`` shows), ``LEVEL`` and
``check(project)``, which yields problems and never prints. Rules only look at
entries that parsed; a file that did not has its load problem already.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

from listsmith.problems import Problem
from listsmith.project import Project
from listsmith.rules import (
    description_style,
    distinct_from,
    file_name,
    layout,
    placeholder,
    section_declared,
    title_period,
    topic_declared,
    unique_ids,
    unused,
    url_https,
)

RULES: tuple[ModuleType, ...] = (
    layout,
    file_name,
    section_declared,
    topic_declared,
    unique_ids,
    title_period,
    description_style,
    url_https,
    distinct_from,
    placeholder,
    unused,
)


def run(project: Project) -> Iterator[Problem]:
    for rule in RULES:
        yield from rule.check(project)

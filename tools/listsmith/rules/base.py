"""What every rule module needs: the finding it yields, its context, where a field is.

A rule module declares ``ID`` (what a problem's ``[rule]`` shows), ``LEVEL``
(its default level), ``ASKS`` (what it asks of the list, in one line:
CONTRIBUTING's table of problem ids shows it), ``KIND`` (``style``,
``reference``, ``duplicates`` or ``maintenance``: which commands run it),
``BLOCKING`` (default False; True when its error keeps ``render`` from
writing, since the README could not show the list faithfully),
``CONFIGURABLE`` (default True; False when listsmith.yaml may neither turn it
off nor change its level), ``OPTIONS`` (declared
:class:`~listsmith.settings.Option` values, default none) and
``check(context)``, which yields :class:`Finding` values. A rule never
decides its own level or id: the runner stamps both, from the declaration and
the list's listsmith.yaml (yamllint's model). :mod:`listsmith.problem_ids`
reads the declarations into the registry of every problem id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from listsmith.project import Config, Entry, Index, Project, YamlPath

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Finding:
    """One problem a rule found, before the runner gives it a rule id and a level."""

    path: str
    line: int
    col: int
    message: str


@dataclass
class RuleContext:
    """What a rule may read: the list, its own options, and what the run shares."""

    project: Project
    options: Mapping[str, Any]
    enabled: frozenset[str]
    """Ids of every rule enabled in this run (the duplicate rules share one search)."""
    final_urls: Mapping[str, str] = field(default_factory=dict)
    """URL -> where it ends after redirects, from the link history."""
    shared: dict[str, Any] = field(default_factory=dict)
    """Work several rules use, done once per run."""


def at(doc: Entry | Index | Config, path: YamlPath, message: str) -> Finding:
    """A finding located at ``path`` inside ``doc`` (a field, a list item, or the file)."""
    line, col = doc.position(*path)
    return Finding(doc.path, line, col, message)


def file(path: str, message: str) -> Finding:
    """A finding about a whole file."""
    return Finding(path, 1, 1, message)

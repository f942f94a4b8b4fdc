"""The one currency every check pays in: a located, levelled problem.

Checks never print; they yield :class:`Problem` values and the report module
formats them. This keeps every check testable as plain data (yamllint's model).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(str, enum.Enum):
    """How bad a problem is. Only errors make a command exit 1; a note is a finding the
    list's baseline already records (see :mod:`listsmith.baseline`)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at one place.

    ``path`` is relative to the list's root with forward slashes, so output is
    the same on every machine and clickable in editors and CI logs. Lines and
    columns start at 1.
    """

    path: str
    line: int
    col: int
    level: Level
    message: str
    rule: str


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem should fail the run (warnings never do)."""
    return any(p.level is Level.ERROR for p in problems)

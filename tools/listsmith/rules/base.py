"""What every rule module needs: where a field is, and how to say so."""

from __future__ import annotations

import re

from listsmith.problems import Level, Problem
from listsmith.project import Entry, Index

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def at(
    doc: Entry | Index, path: tuple[str | int, ...], level: Level, message: str, rule: str
) -> Problem:
    """A problem located at ``path`` inside ``doc`` (a field, a list item, or the file)."""
    line, col = doc.position(*path)
    return Problem(doc.path, line, col, level, message, rule)

"""Descriptions read as one or two real sentences that add something to the title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import at

ID = "description-style"
LEVEL = Level.ERROR

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Compare texts by their words only: case, spaces and punctuation don't matter."""
    return _NOT_WORD.sub("", text.casefold())


def check(project: Project) -> Iterator[Problem]:
    for entry in project.entries:
        text = entry.text("description")
        if not text or not text.strip():
            continue  # the schema reports a missing or empty description
        where = ("description",)
        first = next((c for c in text if c.isalnum()), "")
        if first and not (first.isupper() or first.isdigit()):
            yield at(entry, where, LEVEL, "description should start with a capital letter", ID)
        if not text.rstrip().endswith((".", "!", "?")):
            yield at(entry, where, LEVEL, "description should end with '.', '!' or '?'", ID)
        title = entry.text("title")
        # Only a description about as short as the title can be a mere repeat of it.
        if (
            title
            and len(text) <= len(title) + 20
            and fold(text) in (fold(title), fold(title) + fold(" is a resource"))
        ):
            yield at(
                entry,
                where,
                LEVEL,
                "description only repeats the title; say what the reader gets from it",
                ID,
            )
        sentences = len(_SENTENCE_END.findall(text.strip())) + 1
        if sentences > 2:
            yield at(
                entry,
                where,
                Level.WARNING,
                f"description has {sentences} sentences; keep it to one or two",
                ID,
            )

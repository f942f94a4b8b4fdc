"""Titles are names, not sentences: no trailing period (an ellipsis is part of a name)."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "title-period"
LEVEL = Level.ERROR
ASKS = "The title does not end with a period."


def check(context: RuleContext) -> Iterator[Finding]:
    for entry in context.project.entries:
        title = entry.text("title")
        if title and title.endswith(".") and not title.endswith("..."):
            yield at(entry, ("title",), "title ends with a period; remove it")

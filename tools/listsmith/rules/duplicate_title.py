"""Two entries with the same title, after folding case, accents and punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules._duplicates import findings
from listsmith.rules.base import Finding, RuleContext

ID = "duplicate-title"
LEVEL = Level.WARNING
KIND = "duplicates"
ASKS = "No two entries share a title (after folding case, accents and punctuation)."


def check(context: RuleContext) -> Iterator[Finding]:
    yield from findings(context, ID)

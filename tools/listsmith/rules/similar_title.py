"""Two entries by one author whose titles differ only in small ways."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules._duplicates import findings
from listsmith.rules.base import Finding, RuleContext

ID = "similar-title"
LEVEL = Level.WARNING
KIND = "duplicates"
ASKS = "No two entries by the same author have nearly the same title."


def check(context: RuleContext) -> Iterator[Finding]:
    yield from findings(context, ID)

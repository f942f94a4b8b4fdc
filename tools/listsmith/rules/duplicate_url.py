"""The same resource twice, however its URL is spelled (see CONTRIBUTING: Duplicates)."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules._duplicates import findings
from listsmith.rules.base import Finding, RuleContext

ID = "duplicate-url"
LEVEL = Level.ERROR
KIND = "duplicates"
ASKS = "No two entries point to the same resource (see Duplicates)."


def check(context: RuleContext) -> Iterator[Finding]:
    yield from findings(context, ID)

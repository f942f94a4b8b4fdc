"""Two URLs that end at the same page after redirects (read from the link history)."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules._duplicates import findings
from listsmith.rules.base import Finding, RuleContext

ID = "duplicate-redirect"
LEVEL = Level.ERROR
KIND = "duplicates"
ASKS = "No two entries' URLs end at the same page after redirects."


def check(context: RuleContext) -> Iterator[Finding]:
    yield from findings(context, ID)

"""``distinct_from`` must name entries that exist, or the allowance silences nothing."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "distinct-from"
LEVEL = Level.ERROR
ASKS = "Every `distinct_from` names an existing entry other than itself."


def check(context: RuleContext) -> Iterator[Finding]:
    entries = context.project.entries
    refs = {entry.ref for entry in entries}
    for entry in entries:
        for i, ref in entry.strings("distinct_from"):
            if ref == entry.ref:
                yield at(entry, ("distinct_from", i), "an entry can't name itself")
            elif ref not in refs:
                yield at(
                    entry, ("distinct_from", i), f"no entry {ref} (expected resources/{ref}.yaml)"
                )

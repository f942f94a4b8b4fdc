"""A point's ``after`` names one of its own entry's sub-entries.

An imported entry's points may sit among its sub-entries (an app's App Store link,
then its year and stars): each such point names the sub-entry it follows. One that
names no sub-entry of its entry (it was deleted, or moved under another) is shown
after them all, which is not where it was written, so the rule says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "point-after"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = "A point's `after` names a sub-entry of its own entry; only top-level points have one."


def check(context: RuleContext) -> Iterator[Finding]:
    children: dict[tuple[str, str], set[str]] = {}
    for entry in context.project.entries:
        parent = entry.text("parent")
        if parent:
            children.setdefault((entry.section, parent), set()).add(entry.slug)
    for entry in context.project.entries:
        points = entry.data.get("details")
        if not isinstance(points, list):
            continue
        own = children.get((entry.section, entry.slug), set())
        for i, point in enumerate(points):
            after = _after(point)
            if after is not None and after not in own:
                yield at(
                    entry,
                    ("details", i, "after"),
                    f"no entry '{after}' under this one (one whose parent is '{entry.slug}')",
                )
            yield from _nested(entry, ("details", i), point)


def _after(point: Any) -> str | None:
    """The point's ``after``, when it is a slug's text; any other value is the schema's to
    report (a list or a mapping here would be a crash, not a finding)."""
    after = point.get("after") if isinstance(point, dict) else None
    return after if isinstance(after, str) else None


def _nested(entry: Any, where: tuple[str | int, ...], point: Any) -> Iterator[Finding]:
    """Points under a point have no sub-entries to follow."""
    inner = point.get("details") if isinstance(point, dict) else None
    for i, sub in enumerate(inner if isinstance(inner, list) else []):
        if _after(sub) is not None:
            yield at(
                entry,
                (*where, "details", i, "after"),
                "only a point directly under the entry can follow one of its sub-entries",
            )
        yield from _nested(entry, (*where, "details", i), sub)

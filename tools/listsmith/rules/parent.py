"""``parent`` names another entry of the same section, and parents never loop.

An entry with ``parent: flask`` is shown indented under the ``flask`` entry
of its section, the way awesome lists nest an item's own sub-items.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "parent"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = "`parent` names another entry of the same section, and parents never loop."
BLOCKING = True
CONFIGURABLE = False


def check(context: RuleContext) -> Iterator[Finding]:
    entries = [e for e in context.project.entries if e.doc]
    parents: dict[tuple[str, str], str] = {}
    slugs = {(e.section, e.slug) for e in entries}
    for entry in entries:
        parent = entry.text("parent")
        if parent is None:
            continue
        if parent == entry.slug:
            yield at(entry, ("parent",), "an entry can't be its own parent")
        elif (entry.section, parent) not in slugs:
            yield at(
                entry,
                ("parent",),
                f"no entry '{parent}' in section '{entry.section}' "
                f"(expected resources/{entry.section}/{parent}.yaml)",
            )
        else:
            parents[(entry.section, entry.slug)] = parent
    for entry in entries:
        seen = {entry.slug}
        step = parents.get((entry.section, entry.slug))
        while step is not None and step not in seen:
            seen.add(step)
            step = parents.get((entry.section, step))
        if step == entry.slug:
            yield at(entry, ("parent",), "parents form a loop back to this entry")

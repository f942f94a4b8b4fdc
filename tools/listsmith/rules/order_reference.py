"""A curated order names only entries and list-item sections that exist.

A section's ``order`` may be a list: the slugs of its entries, and
``{section: id}`` for a sub-section shown as a list item, in the order the
README shows them. A name that matches nothing is a broken reference.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at
from listsmith.view import curated_positions

ID = "order-reference"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = "A curated order names only entries and list-item sections that exist."
BLOCKING = True
CONFIGURABLE = False


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    index = project.index
    slugs: dict[str, set[str]] = {}
    for entry in project.entries:
        slugs.setdefault(entry.section, set()).add(entry.slug)
    labels: dict[str, set[str]] = {}
    for section in index.sections:
        if section.parent is not None and section.style == "item":
            labels.setdefault(section.parent, set()).add(section.key)
    for section in index.sections:
        order = section.data.get("order")
        if not isinstance(order, list):
            continue
        # The schema reports items of the wrong shape; view.curated_refs leaves them out.
        for i, (what, name) in curated_positions(order):
            where = (*section.where, "order", i)
            if what == "entry" and name not in slugs.get(section.path, set()):
                yield at(
                    index,
                    where,
                    f"no entry '{name}' in section '{section.path}' "
                    f"(expected resources/{section.path}/{name}.yaml)",
                )
            elif what == "section" and name not in labels.get(section.path, set()):
                yield at(index, where, f"no list-item section '{name}' under '{section.path}'")

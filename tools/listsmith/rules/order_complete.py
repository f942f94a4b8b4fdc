"""A curated order lists every entry of its section, each once.

``listsmith new`` appends the entries it writes; an entry added by hand and
left out would otherwise drift to the end of its section unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at, file
from listsmith.view import curated_positions

ID = "order-complete"
LEVEL = Level.ERROR
ASKS = "A curated order lists every entry of its section, each once."


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    index = project.index
    orders = {s.path: s for s in index.sections if isinstance(s.data.get("order"), list)}
    # Each order is read once into the set of slugs it lists: asking the order itself
    # for every entry of its section made the rule quadratic in the section's size.
    listed: dict[str, set[str]] = {}
    for path, section in orders.items():
        seen: dict[tuple[str, str], int] = {}
        for i, ref in curated_positions(section.data["order"]):
            if ref in seen:
                line = index.position(*section.where, "order", seen[ref])[0]
                name = ref[1] if ref[0] == "entry" else f"section {ref[1]}"
                yield at(
                    index,
                    (*section.where, "order", i),
                    f"'{name}' is listed twice in this order (first at line {line})",
                )
            else:
                seen[ref] = i
        listed[path] = {name for what, name in seen if what == "entry"}
    for entry in project.entries:
        section = orders.get(entry.section)
        if section is None or entry.slug in listed[entry.section]:
            continue
        line = index.position(*section.where, "order")[0]
        yield file(
            entry.path,
            f"'{entry.slug}' is missing from the curated order of section "
            f"'{entry.section}' (resources/index.yaml line {line}); add it where it belongs",
        )

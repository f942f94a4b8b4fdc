"""A curated order lists every entry of its section, each once.

``listsmith new`` appends the entries it writes; an entry added by hand and
left out would otherwise drift to the end of its section unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Context, Finding, at, file

ID = "order-complete"
LEVEL = Level.ERROR


def check(context: Context) -> Iterator[Finding]:
    project = context.project
    index = project.index
    orders = {s.path: s for s in index.sections if isinstance(s.data.get("order"), list)}
    for section in orders.values():
        seen: dict[str, int] = {}
        for i, item in enumerate(section.data["order"]):
            name = item if isinstance(item, str) else f"section {item.get('section')}"
            if name in seen:
                line = index.position(*section.where, "order", seen[name])[0]
                yield at(
                    index,
                    (*section.where, "order", i),
                    f"'{name}' is listed twice in this order (first at line {line})",
                )
            else:
                seen[name] = i
    for entry in project.entries:
        section = orders.get(entry.section)
        if section is not None and entry.slug not in section.data["order"]:
            line = index.position(*section.where, "order")[0]
            yield file(
                entry.path,
                f"'{entry.slug}' is missing from the curated order of section "
                f"'{entry.section}' (resources/index.yaml line {line}); add it where it belongs",
            )

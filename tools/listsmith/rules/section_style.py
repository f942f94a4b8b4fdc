"""A section shown as a list item can only hold entries and more list-item sections.

Markdown can't put a heading inside a list item, so a ``style: item``
section with a heading or bold sub-section could not be rendered as written;
nor can a table hold a list item, so a table section (``columns``) has no
``style: item`` sub-section. A section shown with no line of its own (``style:
none``, an imported list's entries under its title alone) must be the list's only
top-level section: anywhere else its entries would read as the section before it.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "section-style"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = "A list-item section holds only entries and list-item sections."
BLOCKING = True
CONFIGURABLE = False


def check(context: RuleContext) -> Iterator[Finding]:
    index = context.project.index
    styles = {s.path: s.style for s in index.sections}
    tables = {s.path for s in index.sections if s.data.get("columns")}
    for section in index.sections:
        if section.style == "none" and not index.may_show_bare(section):
            yield at(
                index,
                (*section.where, "style"),
                f"section '{section.path}' has style: none, which only the list's one "
                "top-level section may have: shown with no heading, its entries would read as "
                "the section's before it",
            )
        if section.parent in tables and section.style == "item":
            yield at(
                index,
                (*section.where, "style"),
                f"section '{section.path}' sits in a table section, whose rows can't hold a "
                "list item: give it its own heading (style: heading) or move its entries",
            )
        if section.parent and styles.get(section.parent) == "item" and section.style != "item":
            yield at(
                index,
                (*section.where, "style"),
                f"section '{section.path}' sits in a list-item section, so it must have "
                "style: item too",
            )

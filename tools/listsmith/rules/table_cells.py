"""A table section's cells hold inline Markdown only, as descriptions do.

A section with ``columns`` shows fields of its entries as table cells (public-apis'
Auth, HTTPS, CORS). In a list whose descriptions are Markdown, the cells are kept as
Markdown too, so they meet the ``markdown-inline`` rule's limits: text, code, emphasis
and web links; no image or raw HTML. They come from pull requests like descriptions.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.render_options import render_options
from listsmith.rules.base import Finding, RuleContext, at
from listsmith.rules.markdown_inline import problem
from listsmith.tables import TITLE, columns

ID = "table-cells"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = (
    "With `render.descriptions: markdown`, a table section's cells hold only what a "
    "description may."
)
BLOCKING = True
CONFIGURABLE = False


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    if render_options(project)[0]["descriptions"] != "markdown":
        return  # cells are escaped, as descriptions are
    cells = {
        s.path: [c.field for c in columns(s.data) if c.field not in (TITLE, "description")]
        for s in project.index.sections
    }
    for entry in project.entries:
        for name in cells.get(entry.section, ()):
            text = entry.text(name)
            why = problem(text) if text else None
            if why:
                yield at(entry, (name,), why.replace("a description", "a table cell", 1))

"""A table of contents the list keeps as its own text names every section it covers.

When an imported README's table of contents is one the README target can't
write (awesome-elixir's has no heading and nests under a link to the title,
awesome-vue's is a doctoc block), the import keeps it in the intro as
written. Nothing then adds a section created later, and the README shows a
heading its contents never link to. A table of contents is told apart from
other links to headings by what it covers: at each depth of the section tree
where it links most headings, the headings it doesn't link are named.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import unquote

from markdown_it import MarkdownIt

from listsmith import markdown
from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "contents-kept"
LEVEL = Level.WARNING
ASKS = "A table of contents kept in the intro links every section at the depths it covers."

_ANCHOR_LINK = re.compile(r"\]\(\s*#([^)\s]+)\s*\)")
MIN_LINKED = 3
"""Fewer links to headings than this are a few cross-references, not a table of contents."""


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _shown(heading: object, title: str) -> str:
    """The words a heading shows, which GitHub makes its anchor of: its written Markdown's
    (``heading: Other stuff`` links as ``#other-stuff``), else its title."""
    if not isinstance(heading, str) or not heading.strip():
        return title
    found = _parser().parseInline(heading)
    return markdown.words(found[0].children or [] if found else [])


def check(context: RuleContext) -> Iterator[Finding]:
    index = context.project.index
    intro = index.data.get("intro")
    if not isinstance(intro, str) or "](#" not in intro:
        return
    # A link to a heading anywhere in the list's text counts (awesome-nlp keeps its table
    # of contents under a heading of its own, a section's text).
    texts = [intro] + [
        text
        for section in index.sections
        for key in ("description", "footer")
        if isinstance(text := section.data.get(key), str)
    ]
    linked = {unquote(found).casefold() for text in texts for found in _ANCHOR_LINK.findall(text)}
    seen: dict[str, int] = {}
    title = index.data.get("title")
    markdown.heading_anchor(title if isinstance(title, str) else "", seen)
    headings = []
    for section in index.sections:
        if section.style == "heading":
            anchor = markdown.heading_anchor(
                _shown(section.data.get("heading"), section.title), seen
            )
            headings.append((section, section.path.count("/"), anchor.casefold() in linked))
    for depth in {depth for _, depth, _ in headings}:
        at_depth = [(section, found) for section, d, found in headings if d == depth]
        covered = sum(found for _, found in at_depth)
        if covered < MIN_LINKED or 2 * covered <= len(at_depth):
            continue  # not a table of contents of this depth
        for section, found in at_depth:
            if not found:
                yield at(
                    index,
                    (*section.where, "title"),
                    f"section '{section.title}' is missing from the table of contents the "
                    "intro keeps as written (the README target can't write one of its shape): "
                    "add a line linking to it there",
                )

"""A README's table of contents: how to recognise one, and whether listsmith would write it so.

A table of contents is recognised by what it holds, not by its name: lists of
nothing but links to headings of the page, with perhaps bold group names,
"back to top" lines, HTML without addresses and rules (awesome-python's
"Categories", awesome-go's collapsible one). The README target writes one of
its own, from the sections; when that would be the same tree of titles, the
import leaves it to the target, and otherwise keeps the source's as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markdown_it.token import Token

from listsmith.importer import tokens
from listsmith.importer.items import ListItem
from listsmith.importer.ledger import html_urls
from listsmith.importer.model import ImportedSection
from listsmith.importer.tokens import Block, BlockKind

Tree = list[tuple[str, list[Any]]]
"""(title, children) pairs, children of the same shape."""


def is_table(body: Sequence[Block], also: Callable[[list[Token]], bool]) -> bool:
    """Whether the blocks under a heading are only a table of contents; ``also`` accepts
    a paragraph of another kind (the count line of a README listsmith rendered)."""
    lists = 0
    for block in body:
        children = [c for t in block.tokens if t.type == "inline" for c in t.children or []]
        if block.kind is BlockKind.LIST:
            found = list(tokens.links(children))
            if not found or not all(link.anchor for link in found):
                return False
            lists += 1
        elif block.kind is BlockKind.PARAGRAPH:
            words = tokens.is_navigation(children) or tokens.emphasised(children)
            if not (words or also(children)):
                return False
        elif block.kind is BlockKind.HTML:
            if html_urls(block.tokens[0].content):
                return False
        elif block.kind is not BlockKind.OTHER or not block.tokens or block.tokens[0].type != "hr":
            return False
    return lists > 0


def tree(items: list[ListItem]) -> Tree:
    """A table of contents' list as a tree of titles, each its link's words."""
    found: Tree = []
    for item in items:
        children = item.inline.children or [] if item.inline else []
        link = next(tokens.links(children), None)
        title = tokens.plain(link.text if link else children)
        found.append((title, tree([child for sub in item.sublists for child in sub])))
    return found


def rendered(sections: list[ImportedSection]) -> Tree:
    """The table of contents the README target writes for these sections: level-2
    headings and their level-3 children (bold and list-item sections take no level)."""
    found: Tree = []

    def visit(section: ImportedSection, level: int, parent: tuple[str, list[Any]] | None) -> None:
        item, child_level = parent, level
        if section.style == "heading":
            child_level = level + 1
            entry: tuple[str, list[Any]] = (section.title, [])
            if level == 2:
                found.append(entry)
                item = entry
            elif level == 3 and parent is not None:
                parent[1].append(entry)
        for sub in (*section.labels, *section.sections):
            visit(sub, child_level, item)

    for section in sections:
        visit(section, 2, None)
    return found

"""``listsmith import``: an awesome-style README becomes a listsmith list, losing nothing.

One module a concern:

- :mod:`~listsmith.importer.tokens`: Markdown as markdown-it-py reads it, in blocks;
- :mod:`~listsmith.importer.ledger`: every URL of the source, and where it went;
- :mod:`~listsmith.importer.headings`: what a heading is for (an Enum); the title, in Markdown
  or in HTML;
- :mod:`~listsmith.importer.contents`: a table of contents, and whether listsmith writes it so;
- :mod:`~listsmith.importer.document`: the README's shape (title, intro, sections, closing);
- :mod:`~listsmith.importer.items`: list items as entries, sub-items and label sections;
- :mod:`~listsmith.importer.styles`: what follows an entry's link, hand-written or rendered;
- :mod:`~listsmith.importer.dates`: ``added`` dates from ``git blame``;
- :mod:`~listsmith.importer.schema`, :mod:`~listsmith.importer.settings`: the schema and
  listsmith.yaml the imported list starts with;
- :mod:`~listsmith.importer.writer`: ids, slugs, orders and the files, moved into place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from listsmith import yamldoc
from listsmith.importer import writer
from listsmith.importer.document import Reader
from listsmith.importer.model import Imported

__all__ = ["Imported", "parse", "write"]

_SCHEME = re.compile(r"(?:https?|ftp|mailto):", re.IGNORECASE)
_ADDRESS_END = re.compile(r"[\s<>\"'|]")
"""What ends an address in Markdown: a blank, a tag's or a quote's mark, a table's cell."""


def parse(source: str, dates: Mapping[int, str] | None = None) -> Imported:
    """Everything ``source`` holds; ``dates`` maps its line numbers to ``added`` dates.

    Invisible characters the list's checks refuse (a joiner left dangling after an emoji,
    a zero-width space) are taken out of its words first, each noted in ``notes``: they
    show nothing, and kept, the list init writes would fail its own check (awesome-swift's
    "🧙\u200d." made init refuse the whole list). One inside an address stays: taken out,
    the link would lead elsewhere; the URL is written with it percent-encoded."""
    removed = [
        (offset, char)
        for offset, char in yamldoc.hidden_characters(source)
        if not _in_address(source, offset)
    ]
    text, at = [], 0
    for offset, _ in removed:
        text.append(source[at:offset])
        at = offset + 1
    text.append(source[at:])
    imported = Reader("".join(text), dates or {}).read()
    taken = [
        (
            source.count("\n", 0, offset) + 1,
            f"took out {yamldoc.character_name(char)}: it shows nothing, and listsmith "
            "refuses text that hides characters",
        )
        for offset, char in removed
    ]
    imported.notes = sorted(taken + imported.notes)
    return imported


def _in_address(source: str, offset: int) -> bool:
    """Whether ``offset`` is inside an address: after a scheme, with nothing that ends an
    address between (``[Name\u200b](https://...)``'s joiner is the title's, one right
    after ``(https://...)`` is the text's, and one after a table's ``|`` its cell's)."""
    start = max(source.rfind(" ", 0, offset), source.rfind("\n", 0, offset)) + 1
    schemes = list(_SCHEME.finditer(source, start, offset))
    if not schemes or source[offset - 1] == ")":  # after a link's "(https://...)"
        return False
    return not _ADDRESS_END.search(source, schemes[-1].end(), offset)


def write(imported: Imported, into: Path, force: bool) -> list[str]:
    """Write the list under ``into`` (see :func:`listsmith.importer.writer.write`)."""
    return writer.write(imported, into, force)

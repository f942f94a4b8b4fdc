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

from collections.abc import Mapping
from pathlib import Path

from listsmith.importer import writer
from listsmith.importer.document import Reader
from listsmith.importer.model import Imported

__all__ = ["Imported", "parse", "write"]


def parse(source: str, dates: Mapping[int, str] | None = None) -> Imported:
    """Everything ``source`` holds; ``dates`` maps its line numbers to ``added`` dates."""
    return Reader(source, dates or {}).read()


def write(imported: Imported, into: Path, force: bool) -> list[str]:
    """Write the list under ``into`` (see :func:`listsmith.importer.writer.write`)."""
    return writer.write(imported, into, force)

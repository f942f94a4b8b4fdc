"""What an import found, before anything is written: entries, the section tree, the list's text.

Only what the source says is held: a field the source has no data for is
absent, never a placeholder. Ids, slugs and file names are given at write
time (:mod:`listsmith.importer.writer`), from the titles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

from listsmith.importer.ledger import Skipped

EMPTY = ("", [], None)
"""Values of a field the source gave no data for."""


@dataclass
class ImportedDetail:
    """A sub-item of an entry that has no link of its own ("App Engine - 28 instance
    hours a day" under Google Cloud): a point shown under the entry, not a resource."""

    text: str
    """As Markdown, the way the source wrote it."""
    plain: str
    """Its words without Markdown, for a list whose descriptions are text."""
    details: list[ImportedDetail] = field(default_factory=list)
    follows: int = 0
    """How many of the entry's sub-entries the source listed before this point: a point
    under an entry may come after some of them (open-source-ios-apps lists an app's App
    Store link, then its year and stars)."""

    def data(self, markdown: bool, after: str = "") -> str | dict[str, Any]:
        """The point as an entry's ``details`` holds it: its text, with its own points and
        the slug of the sub-entry it follows (``after``), if any."""
        text = self.text if markdown else self.plain
        if not self.details and not after:
            return text
        found: dict[str, Any] = {"text": text}
        if after:
            found["after"] = after
        if self.details:
            found["details"] = [point.data(markdown) for point in self.details]
        return found


@dataclass
class ImportedEntry:
    """One resource: a list item with a link, and its own sub-items."""

    title: str
    url: str
    description: str = ""
    """As Markdown, the way the source wrote it."""
    plain: str = ""
    """The description's words without Markdown, for a list whose descriptions are text."""
    markup: bool = False
    """The description holds Markdown beyond plain text (links, code, emphasis, escapes)."""
    authors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    """Topic titles (a README listsmith rendered names them); ids are given at write time."""
    tags: list[str] = field(default_factory=list)
    level: str = ""
    free: bool | None = None
    links: list[dict[str, str]] = field(default_factory=list)
    added: str = ""
    emphasis: str = ""
    """The bold or italic marker around the title link (awesome-indie's ``**[X](...)**``)."""
    title_markdown: str = ""
    """The title's words as the link writes them, when they hold code or emphasis."""
    lead: str = ""
    """Markdown before the title link: code spans and a separator (`` `0BSD` -``)."""
    marks: str = ""
    """Markdown between the title link and the separator: badges, icons, ``[[crate](...)]``."""
    separator: str | None = None
    """What the line put between the link (and marks) and the description; None when the
    line was read from tokens only."""
    children: list[ImportedEntry] = field(default_factory=list)
    details: list[ImportedDetail] = field(default_factory=list)
    """Its link-less sub-items, shown under it among its children where each ``follows``."""
    description_below: bool = False
    """Its description is a paragraph of its own under its line (awesome-indie)."""
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)
    """A table row's other cells by field: (as Markdown, as plain words)."""

    def fields(
        self,
        topic_ids: Mapping[str, str],
        markdown: bool,
        parent: str = "",
        separator: str | None = None,
        children: Sequence[str] = (),
    ) -> dict[str, Any]:
        """The entry's fields, only those the source gave, in the order people write them;
        the description as Markdown or as its plain words, as the list renders it; the
        separator only where it is not the list's (``separator``); each point after the
        sub-entry it follows, by its slug (``children``: theirs, in order)."""
        own = self.separator
        found: dict[str, Any] = {
            "title": self.title,
            "url": self.url,
            "title_markdown": self.title_markdown,
            "emphasis": self.emphasis,
            "lead": self.lead,
            "marks": self.marks,
            "separator": own,
            "authors": self.authors,
            "description": self.description if markdown else self.plain,
            **{k: cell[0] if markdown else cell[1] for k, cell in self.columns.items()},
            "topics": [topic_ids[t] for t in self.topics],
            "tags": self.tags,
            "level": self.level,
            "free": self.free,
            "links": self.links,
            "details": [
                point.data(markdown, children[point.follows - 1] if point.follows else "")
                for point in self.details
            ],
            "description_below": self.description_below or None,
            "parent": parent,
            "added": self.added,
        }
        # "" is a separator too: "[Alpha](...)." and "[Beta](...), a tool" join their words
        # to the link with nothing between.
        own_separator = own is not None and own != separator
        # A separator with nothing after it (coding-interview-university's "[Cards](...):")
        # is the entry's own even when it is the list's: the README writes it only so.
        own_separator |= own is not None and bool(own.strip()) and not found["description"]
        return {
            k: v
            for k, v in found.items()
            if (k == "separator" and own_separator) or (k != "separator" and v not in EMPTY)
        }


@dataclass
class ImportedSection:
    """A heading, a bold line grouping headings, or a label item with items under it."""

    title: str
    style: str = "heading"
    level: int = 0
    """The heading's level in the source (0 for a bold or item section)."""
    heading: str = ""
    """The heading's Markdown as written, when it holds more than the title (a badge)."""
    separator: str | None = None
    """A list-item section's: what its line puts between its label and its text."""
    joiner: str | None = None
    """A list-item section whose line lists its entries: what joins them there."""
    bullet: str = ""
    """The marker of its lists, when it is not the list's."""
    loose: bool = False
    """Its list stands its items a blank line apart."""
    description: str = ""
    footer: str = ""
    """Text after the section's items (a "back to top" link, a rule): the list's own Markdown."""
    items: list[Item] = field(default_factory=list)
    """Entries and label sections (``style: item``), in source order."""
    sections: list[ImportedSection] = field(default_factory=list)
    """Heading and bold sub-sections, which always follow the items."""
    columns: list[dict[str, str]] = field(default_factory=list)
    """A table section's columns (field, header, align): its entries are the rows."""

    def walk(self) -> list[ImportedSection]:
        """This section and every section below it, parents first."""
        found = [self]
        for child in (*self.labels, *self.sections):
            found += child.walk()
        return found

    @property
    def labels(self) -> list[ImportedSection]:
        return [item for item in self.items if isinstance(item, ImportedSection)]

    @property
    def entries(self) -> list[ImportedEntry]:
        """Entries directly in this section, sub-items included, in display order."""
        found: list[ImportedEntry] = []
        stack = [item for item in reversed(self.items) if isinstance(item, ImportedEntry)]
        while stack:
            entry = stack.pop()
            found.append(entry)
            stack += reversed(entry.children)
        return found


Item = Union[ImportedEntry, ImportedSection]  # noqa: UP007 - a runtime alias, used before 3.10 syntax


@dataclass
class Settings:
    """How the source is shown, as listsmith.yaml's render settings reproduce it."""

    contents: str | bool = False
    """The table of contents' heading, or False when the source has none."""
    contents_counts: bool = False
    summary: bool = False
    topics_index: bool = False
    emphasis: str = "*"
    bullet: str = "-"
    """The marker of the source's entry lists."""
    separator: str = " - "
    """What most entry lines put between the link and the description."""
    title_underline: str = ""
    """The row of ``=`` under the title when the source writes it that way (Setext)."""
    generated: bool = False
    """The source is a README listsmith rendered: its own defaults apply."""
    path: str = "README.md"
    """The README's file name, when the list spells it otherwise (``readme.md``): the
    README target then renders that file, and no second README appears beside it."""


@dataclass
class Imported:
    """Everything one README holds."""

    title: str = ""
    homepage: str = ""
    masthead: str = ""
    """What comes before the title heading (a logo, a banner), as written."""
    intro: str = ""
    heading: str | None = None
    """The title heading's Markdown as written when ``# title`` (or ``# [title](homepage)``)
    would not give it back (badges, HTML); "" when the source has no title heading."""
    sections: list[ImportedSection] = field(default_factory=list)
    closing: str | None = None
    """The source's closing sections (Contributing, License), headings included, as
    written; None when it has none (then the README's own Contributing section shows)."""
    topics: list[str] = field(default_factory=list)
    """Topic titles in the order the source's topic index gives them (generated READMEs)."""
    settings: Settings = field(default_factory=Settings)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    """What the import changed that loses nothing, each as (line, what it did): an invisible
    character taken out, a list kept as written."""

    def walk(self) -> list[ImportedSection]:
        return [s for top in self.sections for s in top.walk()]

    @property
    def entries(self) -> list[ImportedEntry]:
        return [e for s in self.walk() for e in s.entries]

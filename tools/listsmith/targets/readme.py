"""README.md: the list as GitHub shows it, in the form awesome-lint accepts.

Items read ``- [Name](url) - Description.`` (the awesome manifesto's form);
what the data adds (authors, topics, level, stars) follows the description
in one emphasis span, secondary links after it and a 💲 for a paid resource
last, which keeps the linter's "description ends with punctuation" happy.
An imported list keeps its own shape instead: its bullet and separator, marks
and leads around an entry's link, links in parentheses and tags last
(``layout: awesome``), its heading levels, its title heading and its closing
sections as written.
The table of contents lists exactly the top headings after it and their
children, with GitHub's anchors; the Contributing section is not in it
(awesome-lint forbids that), and the built-in README has no License heading
(the manifesto keeps the licence in its file): the list's licence text closes it.

Everything from the data is escaped with :func:`listsmith.markdown.escape`
unless the list says its descriptions are Markdown; section texts and the
intro are Markdown by design.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from listsmith import markdown, tables
from listsmith.settings import Option
from listsmith.targets.base import Target
from listsmith.view import BULLETS, EntryView, ListView, SectionView

MAX_HEADING = 6


@dataclass
class ContentsItem:
    title: str
    anchor: str
    count: int
    children: list[ContentsItem] = field(default_factory=list)


class Readme(Target):
    NAME = "readme"
    DESCRIPTION = "README.md in the awesome-list form, as GitHub shows it."
    PATH = "README.md"
    TEMPLATE = "listsmith/README.md.j2"
    OPTIONS: ClassVar[dict[str, Option]] = {
        "contents": Option(
            "Contents",
            (str, bool),
            "The table of contents' heading, or false for none. awesome-lint checks a "
            "table of contents only under the heading Contents.",
        ),
        "contents_counts": Option(
            False, (bool,), "Show how many entries each section holds in the table of contents."
        ),
        "summary": Option(
            True, (bool,), "Say how many entries the list holds (and what 💲 means) after it."
        ),
        "topics_index": Option(
            False,
            (bool,),
            "Add a Topics section naming the entries of each topic (names only, no repeated "
            "links).",
        ),
        "emphasis": Option(
            "*",
            (str,),
            "The emphasis marker of the metadata after descriptions; use the one the list's "
            "own Markdown uses, as awesome-lint wants one marker throughout.",
            choices=("*", "_"),
        ),
        "layout": Option(
            "listsmith",
            (str,),
            "How the facts and links after a description show: listsmith (the facts in one "
            "emphasis span, then each link after a ·) or awesome (the links in parentheses, "
            "`([Demo](...), [Source Code](...))`, then the facts, as hand-written lists do).",
            choices=("listsmith", "awesome"),
        ),
        "bullet": Option(
            "-",
            (str,),
            "The marker of the list's items; an imported list keeps its own, as awesome-lint "
            "wants one marker throughout. 1. or 1) numbers them (an ordered list).",
            choices=BULLETS,
        ),
        "separator": Option(
            " - ",
            (str,),
            "What joins an entry's link to its description (an imported list keeps its own, "
            "such as ' — ' or ': '); an entry may set its own with its separator field.",
        ),
        "tags": Option(
            "text",
            (str,),
            "How tags show among the facts: text, or code (each in a code span, as lists such "
            "as awesome-selfhosted write licences and languages).",
            choices=("text", "code"),
        ),
        "title_underline": Option(
            "",
            (str,),
            "A row of = to write under the title (a Setext heading, as some lists have it) "
            "instead of a # before it; empty for # Title.",
            check=lambda value: (
                None if value == "" or set(value) == {"="} else "must be empty or a row of ="
            ),
        ),
        "metadata": Option(
            ["authors", "topics", "level"],
            (list,),
            "Which facts follow an entry's description, in this order: authors, topics, "
            "tags, level, added, stars, last_push, or any other field of the list's schema.",
            items=str,
        ),
    }

    def filters(self) -> dict[str, Callable[..., Any]]:
        descriptions = self.shared.descriptions
        return {
            "md": markdown.escape,
            "url": markdown.link_url,
            "description": markdown.inline if descriptions == "markdown" else markdown.escape,
            # A list-item section's text stays on its item's line: a blank line in it would
            # end the list and leave the section's entries outside it.
            "oneline": markdown.inline,
        }

    def context(self, view: ListView) -> dict[str, Any]:
        seen: dict[str, int] = {}
        markdown.heading_anchor(view.title, seen)
        contents_title = self.options["contents"]
        if contents_title:
            markdown.heading_anchor(str(contents_title), seen)
        levels: dict[str, int] = {}
        contents: list[ContentsItem] = []

        def visit(section: SectionView, rank: int, level: int, parent: ContentsItem | None):
            """Walk sections in output order, giving headings levels and anchors. ``rank``
            counts headings from the top (2 for the first), which the contents go by;
            ``level`` is the one a heading gets unless it asks for its own."""
            item = parent
            if section.style == "heading":
                level = section.level or min(level, MAX_HEADING)
                levels[section.id] = level
                anchor = markdown.heading_anchor(section.title, seen)
                entry = ContentsItem(section.title, anchor, section.count)
                if rank == 2:
                    contents.append(entry)
                    item = entry
                elif rank == 3 and parent is not None:
                    parent.children.append(entry)
                rank, level = rank + 1, level + 1
            for sub in section.sections:
                visit(sub, rank, level, item)

        for section in view.sections:
            visit(section, 2, 2, None)
        topics_anchor = ""
        if self.options["topics_index"] and view.topics:
            topics_anchor = markdown.heading_anchor("Topics", seen)
            contents.append(ContentsItem("Topics", topics_anchor, 0))
        contributing_anchor = markdown.heading_anchor("Contributing", seen)
        return {
            **super().context(view),
            "title": view.title,
            "homepage": view.homepage,
            "intro": view.intro,
            "masthead": view.masthead,
            "sections": view.sections,
            "levels": levels,
            "contents_title": contents_title,
            "contents": contents,
            "entry_count": view.entry_count,
            "any_paid": any(e.free is False for e in view.walk()),
            "topics": _topic_index(view) if topics_anchor else [],
            "contributing": view.contributing,
            "contributing_linked": _links_contributing(view.intro, view.contributing),
            "heading": view.heading,
            "underline": self.options["title_underline"],
            "closing": view.closing,
            "bullet": self.options["bullet"],
            "layout": self.options["layout"],
            "separator": self.options["separator"],
            "contributing_anchor": contributing_anchor,
            "license": view.license,
            "em": self.options["emphasis"],
            "meta": self.metadata,
            "page_url": self.shared.site.address("page"),
            "table": self.table,
        }

    def table(self, section: SectionView) -> str:
        """A table section's entries as the rows of its Markdown table; an entry's own
        sub-items (``parent``) are the rows after it, as a table can't indent."""
        text = self.filters()["description"]
        rows = tables.with_children(section.entries)
        return "\n".join(tables.lines(section.columns, rows, text))

    def metadata(self, entry: EntryView) -> list[str]:
        """The facts shown after an entry's description, each as Markdown."""
        parts: list[str] = []
        for name in self.options["metadata"]:
            if name == "tags" and self.options["tags"] == "code" and entry.tags:
                parts.append(" ".join(markdown.code(tag) for tag in entry.tags))
                continue
            value = _fact(entry, name)
            if value:
                parts.append(markdown.escape(value))
        return parts

    def finish(self, text: str) -> str:
        return normalize(text)


_CONTRIBUTING_LINK = re.compile(r"\]\(\s*<?(?:\./)?contributing\.md", re.IGNORECASE)


def _links_contributing(*texts: str) -> bool:
    """Whether the list's own text links CONTRIBUTING.md already: the default Contributing
    sentence then doesn't, as awesome-lint's double-link rule refuses a second link."""
    return any(
        _CONTRIBUTING_LINK.search(text) or 'contributing.md"' in text.lower() for text in texts
    )


def _fact(entry: EntryView, name: str) -> str:
    """One fact of an entry as words, or "" when the entry doesn't have it."""
    if name == "authors":
        return f"By {', '.join(entry.authors)}" if entry.authors else ""
    if name == "topics":
        return ", ".join(t.title for t in entry.topics)
    if name == "tags":
        return ", ".join(entry.tags)
    if name == "level":
        return entry.level or ""
    if name == "added":
        return f"added {entry.added}" if entry.added else ""
    repo = entry.repo
    if name == "stars" and repo is not None and repo.stars is not None:
        return f"★ {repo.stars:,}"
    if name == "last_push" and repo is not None and repo.pushed and repo.refreshed:
        return f"last commit {_age((repo.refreshed.date() - repo.pushed).days)}"
    value = entry.data.get(name)
    return str(value) if isinstance(value, (str, int, float)) and value != "" else ""


def _age(days: int) -> str:
    """How long ago, in the unit a reader would use; counted from the signals' refresh."""
    if days < 1:
        return "the day it was checked"
    units = (("year", 365), ("month", 30), ("week", 7), ("day", 1))
    unit, size = next((unit, size) for unit, size in units if days >= size)
    count = days // size
    return f"{count} {unit}{'' if count == 1 else 's'} ago"


def _topic_index(view: ListView) -> list[tuple[str, list[str]]]:
    by_topic: dict[str, list[str]] = {t.id: [] for t in view.topics}
    for entry in view.walk():
        for topic in entry.topics:
            by_topic.setdefault(topic.id, []).append(entry.title)
    return [(t.title, sorted(by_topic[t.id], key=str.casefold)) for t in view.topics]


def normalize(text: str) -> str:
    """LF endings, no run of blank lines longer than one, exactly one final newline."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    for line in lines:
        if line.strip() == "" and out and out[-1] == "":
            continue
        out.append("" if line.strip() == "" else line)
    return "\n".join(out).strip("\n") + "\n"

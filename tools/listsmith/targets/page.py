"""site/index.html: the list as one self-contained web page a reader can search and filter.

Every entry is in the HTML, so without JavaScript the whole list is there
and readable; the search box and filters stay hidden until the page's small
script shows them. Each entry carries what the script needs in data
attributes, worked out here once: its search text (title, authors,
description, tags and a table row's other cells, lowercased and without
accents), topic ids, level and price. Searching is then a substring test per entry and a toggle of
``hidden`` on the entries that change; entries come in lists of ``CHUNK``
that the browser lays out only near the screen, so with 10,000 entries a
keystroke's frame stays within 16 ms (bench/bench_page.py measures it).

The CSS and the script are inlined from the package (no CDN, nothing
fetched), and a Content-Security-Policy allows those two by hash and no
other script or style: escaping is jinja2's autoescape, this is the net
under it.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, ClassVar

from markupsafe import Markup, escape

from listsmith import tables
from listsmith.settings import Option
from listsmith.tables import TITLE, Column
from listsmith.targets import html
from listsmith.targets.base import Target
from listsmith.view import EntryView, Item, ListView, SectionView

MAX_HEADING = 6
SHOWN = frozenset({TITLE, "url", "description"})
"""Columns every entry shows anyway: a table row's others are its cells on the page."""
CHUNK = 20
"""Entries per list: the browser skips laying out lists off screen (content-visibility), so
showing or hiding thousands of entries costs only the few lists in view."""
MANY = 200
"""From this many entries on, lists off screen are skipped; a shorter page lays out at once,
so its scroll bar and links to sections are exact from the start."""
SHORT_INTRO = 700
"""Characters of text up to which an intro of plain paragraphs stays above the search box;
a longer one, or one with images, tables, headings or lists, comes folded below it, so the
search box is on the first screen whatever the intro holds."""
_TALL = re.compile(r"<(?:img|table|h[1-6]|ul|ol|pre|details|blockquote|hr)\b")


def short(rendered: str) -> bool:
    """Whether the intro, as HTML, is short enough to show whole above the search box."""
    words = re.sub(r"<[^>]*>", "", rendered)
    return len(words) <= SHORT_INTRO and not _TALL.search(rendered) and rendered.count("<p>") <= 3


def _asset(name: str) -> Markup:
    text = (resources.files("listsmith") / "templates" / name).read_text(encoding="utf-8")
    return Markup(text)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


STYLE = _asset("page.css")
SCRIPT = _asset("page.js")
POLICY = (
    f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; "
    "img-src https: data:; base-uri 'none'; form-action 'none'"
)
"""Only the page's own style and script run; images (a list's badges) may come from https."""


def searchable(text: str) -> str:
    """Text as the search compares it: lowercase, accents dropped, spaces collapsed.

    The script folds what the reader types the same way
    (``normalize("NFKD")``, marks dropped, ``toLowerCase()``).
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return " ".join(text.lower().split())


def search_text(entry: EntryView, row: Sequence[tuple[str, str]] = ()) -> str:
    """What a search looks in: title, authors, description, tags and a table row's cells."""
    cells = (text for _, text in row)
    return searchable(
        " ".join((entry.title, *entry.authors, entry.description, *entry.tags, *cells))
    )


def cells(entry: EntryView, columns: Sequence[Column]) -> list[tuple[str, str]]:
    """A table row's other cells as (header, text): the columns besides its title and
    description, which the entry shows anyway; a field the row leaves empty is left out."""
    found = []
    for column in columns:
        text = None if column.field in SHOWN else tables.value(entry, column)
        if text is not None:
            found.append((column.header, text))
    return found


def data_attributes(entry: EntryView, row: Sequence[tuple[str, str]] = ()) -> Markup:
    """The attributes page.js filters an entry by: search text, topic ids, level, price."""
    found = {"s": search_text(entry, row)}
    if entry.topics:
        found["t"] = " ".join(t.id for t in entry.topics)
    if entry.level:
        found["l"] = entry.level
    if entry.free is False:
        found["p"] = "paid"
    return Markup("".join(f' data-{k}="{escape(v)}"' for k, v in found.items()))


def chunks(section: SectionView) -> list[tuple[Item, ...]]:
    """The section's list items (entries and list-item sections) in lists of ``CHUNK``."""
    listed = [i for i in section.items if isinstance(i, EntryView) or i.style == "item"]
    return [tuple(listed[i : i + CHUNK]) for i in range(0, len(listed), CHUNK)]


def _sections(sections: tuple[SectionView, ...]) -> list[SectionView]:
    """Every section in page order, parents before their sub-sections."""
    found: list[SectionView] = []
    for section in sections:
        found.append(section)
        found += _sections(section.sections)
    return found


def _levels(entries: list[EntryView], declared: Any) -> list[str]:
    """The levels entries use: in the schema's order when it lists them, then by name."""
    used = {e.level for e in entries if e.level}
    order = [v for v in declared if v in used] if isinstance(declared, list) else []
    return order + sorted(used - set(order))


@dataclass(frozen=True)
class Filter:
    """A drop-down of the filter bar: its form field, label, "any" choice and choices."""

    name: str
    label: str
    everything: str
    choices: list[tuple[str, str]]


def filter_bar(view: ListView, level_enum: Any) -> list[Filter]:
    """The filters this list's data gives a reason for, in the bar's order.

    A filter with nothing to tell apart is left out: one section, no topics,
    no levels, or every entry free (or every one paid).
    """
    entries = list(view.walk())
    sections = _sections(view.sections)
    paid = sum(e.free is False for e in entries)
    found = []
    if len(sections) > 1:
        indent = "\u2003"  # an em space per level: options can't be styled
        choices = [(s.id, indent * (s.depth - 1) + s.title) for s in sections]
        found.append(Filter("section", "Section", "All sections", choices))
    if view.topics:
        choices = [(t.id, t.title) for t in view.topics]
        found.append(Filter("topic", "Topic", "All topics", choices))
    levels = _levels(entries, level_enum)
    if levels:
        found.append(Filter("level", "Level", "Any level", [(v, v) for v in levels]))
    if 0 < paid < len(entries):
        prices = [("free", "Free"), ("paid", "Paid")]
        found.append(Filter("price", "Price", "Free and paid", prices))
    return found


class Page(Target):
    NAME = "page"
    DESCRIPTION = (
        "A web page of the list (one self-contained HTML file) with search and filters; "
        "publish its folder with GitHub Pages."
    )
    PATH = "site/index.html"
    TEMPLATE = "listsmith/page.html.j2"
    AUTOESCAPE = True
    OPTIONS: ClassVar[dict[str, Option]] = {
        "lang": Option(
            "en",
            (str,),
            "The language of the list's text, as an HTML lang code (en, fr, pt-BR): screen "
            "readers pronounce the page by it.",
        ),
    }

    def filters(self) -> dict[str, Callable[..., Any]]:
        descriptions = self.shared.descriptions
        return {
            "markdown": html.block,
            "description": html.inline if descriptions == "markdown" else html.plain,
            # An imported entry's icons and badges (``marks``) and its leading code spans
            # (``lead``) are Markdown whatever the descriptions are: inline, raw HTML off.
            "marks": html.inline,
            "href": html.href,
        }

    def context(self, view: ListView) -> dict[str, Any]:
        level = self.project.schema.get("properties", {}).get("level", {})
        intro = html.intro(view.intro) if view.intro else Markup("")
        return {
            **super().context(view),
            "title": view.title,
            "homepage": html.href(view.homepage or ""),
            "intro": intro,
            "intro_short": short(intro),
            "sections": view.sections,
            "filter_bar": filter_bar(view, level.get("enum") if isinstance(level, dict) else None),
            "entry_count": view.entry_count,
            "contributing": view.contributing,
            "license": view.license,
            "feed": self.shared.site.relative(self.path, "feed"),
            "max_heading": MAX_HEADING,
            "data": data_attributes,
            "cells": cells,
            "chunks": chunks,
            "many": view.entry_count >= MANY,
            "style": STYLE,
            "script": SCRIPT,
            "policy": POLICY,
        }

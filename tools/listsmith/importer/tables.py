"""A table of resources (public-apis' ``API | Description | Auth | HTTPS | CORS``) as entries.

GitHub reads pipe tables (GFM); the CommonMark the rest of the import reads
sees a paragraph. A paragraph's lines are read again with tables on, and when
they are exactly one table whose every row starts with a web link, each row
is an entry: the first cell's link its title and url (code or emphasis in its
words kept as ``title_markdown``), a Description column its description, any
other column a field named after its header. The
section keeps the headers, their order and alignment (``columns``, see
:mod:`listsmith.tables`) so the README shows the same table. Anything else (a
table without links, a row whose first cell is not one link, a cell beyond the
description that holds more than inline Markdown, text around the table) stays
the section's text, as written; so does a table whose first cell links an image
(awesome-datascience's ``[<img src=... width="150" />](...)`` thumbnails), which a
title cell, the link's words, can't show. A description cell is read as a bullet's
description is: an image or raw HTML in it is left out, and reported.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from listsmith.importer import html_inline, tokens
from listsmith.importer.inline import inline_only
from listsmith.importer.items import WEB
from listsmith.importer.ledger import Ledger
from listsmith.importer.model import ImportedEntry
from listsmith.newentry import FIELD_ORDER
from listsmith.rules.markdown_inline import problem
from listsmith.tables import TITLE, unescape_pipes

_GFM = MarkdownIt("commonmark").enable("table")
_GFM.validateLink = lambda url: True  # type: ignore[method-assign]
_ALIGN = re.compile(r"text-align:(left|center|right)")
_DELIMITER = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*")
"""A table's second line (``|:---|---:|``): without one, a paragraph is not read again."""
_NOT_NAME = re.compile(r"[^a-z0-9]+")
_NOT_TITLE = frozenset({"image", "html_inline"})
"""What a title link may not hold: the title cell shows its words, not images or HTML."""
RESERVED = frozenset((*FIELD_ORDER, "original_url", "id"))
"""Fields with a meaning of their own: a column named so gets a field of its own name."""


def read_table(
    lines: list[str], ledger: Ledger
) -> tuple[list[dict[str, str]], list[ImportedEntry]] | None:
    """The columns and the entries of a table of resources, or None when ``lines`` are not
    one such table."""
    found = _resources(lines)
    if found is None:
        return None
    columns, links, body = found
    pairs = zip(links, body, strict=True)
    return columns, [_entry(link, row, columns, ledger) for link, row in pairs]


def is_resource_table(lines: list[str]) -> bool:
    """Whether ``lines`` are one table of resources (nothing is read or reported)."""
    return _resources(lines) is not None


def _resources(
    lines: list[str],
) -> tuple[list[dict[str, str]], list[tokens.Link], list[list[tuple[Token, Token]]]] | None:
    """The columns, each row's link and the rows of a table of resources; None for text."""
    if len(lines) < 3 or not _DELIMITER.fullmatch(lines[1]):
        return None
    stream = _GFM.parse("\n".join(lines))
    if not stream or stream[0].type != "table_open" or stream[-1].type != "table_close":
        return None
    if stream[0].map != [0, len(lines)]:
        return None
    rows = _rows(stream)
    if len(rows) < 2:
        return None
    head, body = rows[0], rows[1:]
    columns = _columns(head)
    links = [link for row in body if (link := _link(row)) is not None]
    if len(links) < len(body) or not all(_inline(row, columns) for row in body):
        return None
    return columns, links, body


def _rows(stream: list[Token]) -> list[list[tuple[Token, Token]]]:
    """Each row's cells: (the th/td opening token, its inline token)."""
    rows: list[list[tuple[Token, Token]]] = []
    for i, token in enumerate(stream):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append((token, stream[i + 1]))
    return rows


def _columns(head: list[tuple[Token, Token]]) -> list[dict[str, str]]:
    """The header cells as column settings: field, header, alignment."""
    taken: set[str] = set()
    found = []
    for n, (opening, inline) in enumerate(head):
        header = unescape_pipes(inline.content)
        if n == 0:
            field = TITLE
        elif tokens.plain(inline.children or []).casefold() == "description":
            field = "description"
        else:
            field = _NOT_NAME.sub("_", tokens.plain(inline.children or []).lower()).strip("_")
            if not field or field[0].isdigit():
                field = f"column_{field}".rstrip("_")
            if field in RESERVED:
                field = f"{field}_column"
        while field in taken:
            field += "_"
        taken.add(field)
        align = _ALIGN.search(str(opening.attrs.get("style", "")))
        column = {"field": field, "header": header}
        if align:
            column["align"] = align.group(1)
        found.append(column)
    return found


def _link(row: list[tuple[Token, Token]]) -> tokens.Link | None:
    """The web link that is the whole of the row's first cell, or None. The README writes
    that cell as ``[title](url)``, the title's words only, so a link around an image (a
    thumbnail, Markdown or ``<img width="150">``, or an icon beside the words) or other raw
    HTML, or around no words at all, could not come back from an entry: None."""
    first = _html_link(row[0][1].children or [])
    found = list(tokens.links(first))
    if len(found) != 1:
        return None
    link = found[0]  # its words with their spaces: `jq` **fast** is not "jqfast"
    if not all(map(tokens.is_space, first[: link.start] + first[link.end + 1 :])):
        return None
    if any(t.type in _NOT_TITLE for t in link.text) or not tokens.plain(link.text):
        return None
    return link if link.href.startswith(WEB) else None


def _html_link(cell: list[Token]) -> list[Token]:
    """A cell's tokens, an HTML link in it (TopDeepLearning's ``<a href="...">name</a>``,
    2,230 rows) as the Markdown link GitHub shows it as (:mod:`html_inline`)."""
    at = next((i for i, t in enumerate(cell) if t.type == "html_inline"), None)
    twin = html_inline.convert(cell, at) if at is not None else None
    if twin is None or twin[0][0].type != "link_open":
        return cell
    return [*cell[:at], *twin[0], *cell[twin[1] :]]


def _inline(row: list[tuple[Token, Token]], columns: list[dict[str, str]]) -> bool:
    """Whether every cell but the link and the description is inline Markdown a field
    may hold (the ``markdown-inline`` rule checks them too)."""
    return not any(
        problem(inline.content)
        for column, (_, inline) in zip(columns[1:], row[1:], strict=False)
        if column["field"] != "description"
    )


def _entry(
    link: tokens.Link,
    row: list[tuple[Token, Token]],
    columns: list[dict[str, str]],
    ledger: Ledger,
) -> ImportedEntry:
    """One row as an entry: the link its title and url, the other cells its fields."""
    entry = ImportedEntry(tokens.plain(link.text), link.href.strip())
    if tokens.has_markup(link.text):  # code or emphasis: the title cell writes it so
        entry.title_markdown = tokens.to_markdown(link.text).strip()
    for column, (_, inline) in zip(columns[1:], row[1:], strict=False):
        children = inline.children or []
        text = unescape_pipes(inline.content)
        if column["field"] == "description":
            kept = inline_only(children, ledger)
            if len(kept) != len(children):
                text = unescape_pipes(tokens.to_markdown(kept).strip())
            entry.description, entry.plain = text, tokens.plain(kept)
            entry.markup |= tokens.has_markup(kept)
        elif text:
            entry.columns[column["field"]] = (text, tokens.plain(children))
            entry.markup |= tokens.has_markup(children)
    return entry


def declare_columns(schema: dict[str, Any], index: dict[str, Any]) -> None:
    """Declare in ``schema`` each field the table sections' columns show, as text, so
    entries may hold them (the scaffold allows no field it doesn't name)."""
    properties = schema.setdefault("properties", {})
    stack = list(index.get("sections") or [])
    while stack:
        section = stack.pop()
        stack += section.get("sections") or []
        for column in section.get("columns") or []:
            if column["field"] not in properties:
                properties[column["field"]] = {
                    "type": "string",
                    "description": f"The {column['header']!r} column of a table section.",
                }

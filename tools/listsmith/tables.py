"""A table section: its entries shown as the rows of a Markdown table, one column a field.

A section with ``columns`` in index.yaml (public-apis' ``API | Description |
Auth | HTTPS | CORS``) lists its entries as table rows instead of bullets.
Each column names the field it shows, its header and its alignment; the
``title`` column shows the entry's link (its words as ``title_markdown`` writes
them, when set), any other the field's text. The
order of the rows is the section's ``order``, as for any section.

What a target needs is here once: the columns as data (for the view) and the
table's Markdown lines (for the README target), with every cell's ``|``
escaped so a cell can't end early and the pipes lined up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from listsmith import markdown

TITLE = "title"
"""The field of the column that shows the entry's link."""
ALIGNS = ("left", "center", "right", "")
"""How a column's cells line up ("" for no alignment)."""
_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    align: str = ""


def columns(section_data: Mapping[str, Any]) -> tuple[Column, ...]:
    """The ``columns`` of a section's data; items of another shape are left out (the
    schema reports them)."""
    found = []
    for item in section_data.get("columns") or []:
        if isinstance(item, dict) and isinstance(item.get("field"), str):
            header = item.get("header")
            align = item.get("align")
            found.append(
                Column(
                    item["field"],
                    header if isinstance(header, str) else item["field"],
                    align if align in ALIGNS else "",
                )
            )
    return tuple(found)


def cell(text: str) -> str:
    """Cell text as a table holds it: one line, each ``|`` escaped (GitHub splits cells
    before it reads code spans, so a pipe in code needs its backslash too)."""
    return _PIPE.sub(lambda m: f"{m.group(1)}\\|", " ".join(text.split()))


def unescape_pipes(text: str) -> str:
    """A cell's text as a field holds it: the pipes ``cell`` escapes, unescaped."""
    return text.replace("\\|", "|")


def with_children(entries: Sequence[Any]) -> list[Any]:
    """Entries (:class:`~listsmith.view.EntryView`) each followed by its own sub-items: the
    rows of a table, which can't indent them."""
    return [row for e in entries for row in (e, *with_children(e.children))]


def lines(
    cols: tuple[Column, ...],
    rows: list[Any],
    text: Callable[[str], str],
) -> list[str]:
    """The table as Markdown lines: header, delimiter row, one line per entry (an
    :class:`~listsmith.view.EntryView`); ``text`` renders a field's text (escaped, or kept
    as Markdown when the list's descriptions are Markdown). Cells are padded so the pipes
    line up, as awesome-lint asks (``table-pipe-alignment``)."""
    header = [cell(c.header) for c in cols]
    body = [[_cell(entry, c, text) for c in cols] for entry in rows]
    widths = [max(3, *(_width(r[i]) for r in [header, *body])) for i in range(len(cols))]
    delimiter = [_delimiter(c.align, w) for c, w in zip(cols, widths, strict=True)]
    return [
        _line(header, cols, widths),
        "| " + " | ".join(delimiter) + " |",
        *(_line(r, cols, widths) for r in body),
    ]


def _width(text: str) -> int:
    """A cell's width as awesome-lint measures it: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _line(cells: list[str], cols: tuple[Column, ...], widths: list[int]) -> str:
    padded = []
    for text, column, width in zip(cells, cols, widths, strict=True):
        room = width - _width(text)
        left = {"right": room, "center": room // 2}.get(column.align, 0)
        padded.append(" " * left + text + " " * (room - left))
    return "| " + " | ".join(padded) + " |"


def _delimiter(align: str, width: int) -> str:
    """The delimiter row's cell for ``align``, as wide as the column."""
    left = ":" if align in ("left", "center") else ""
    right = ":" if align in ("right", "center") else ""
    return left + "-" * (width - len(left) - len(right)) + right


def value(entry: Any, column: Column) -> str | None:
    """The text of ``entry``'s cell in ``column`` (a title column aside), or None when the
    entry has nothing there a cell can show: one rule for the README and the page."""
    found = entry.description if column.field == "description" else entry.data.get(column.field)
    if not isinstance(found, (str, int, float)) or not str(found).strip():
        return None
    return str(found)


def _cell(entry: Any, column: Column, text: Callable[[str], str]) -> str:
    if column.field == TITLE:  # the title's words, with the code and emphasis it was written in
        words = getattr(entry, "title_markdown", "") or markdown.escape(entry.title)
        return cell(f"[{words}]({markdown.link_url(entry.url)})")
    found = value(entry, column)
    return cell(text(found)) if found is not None else ""

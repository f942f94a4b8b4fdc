"""A table section: its entries shown as the rows of a Markdown table, one column a field.

A section with ``columns`` in index.yaml (public-apis' ``API | Description |
Auth | HTTPS | CORS``) lists its entries as table rows instead of bullets.
Each column names the field it shows, its header and its alignment; the
``title`` column shows the entry's link, any other the field's text. The
order of the rows is the section's ``order``, as for any section.

What a target needs is here once: the columns as data (for the view) and the
table's Markdown lines (for the README target), with every cell's ``|``
escaped so a cell can't end early.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from listsmith import markdown

TITLE = "title"
"""The field of the column that shows the entry's link."""
ALIGNS = {"left": ":---", "center": ":---:", "right": "---:", "": "---"}
"""How each alignment is written in the delimiter row ("" for none)."""
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


def lines(
    cols: tuple[Column, ...],
    rows: list[Any],
    text: Callable[[str], str],
) -> list[str]:
    """The table as Markdown lines: header, delimiter row, one line per entry (an
    :class:`~listsmith.view.EntryView`); ``text`` renders a field's text (escaped, or kept
    as Markdown when the list's descriptions are Markdown)."""
    out = [
        "| " + " | ".join(cell(c.header) for c in cols) + " |",
        "|" + "|".join(ALIGNS[c.align] for c in cols) + "|",
    ]
    for entry in rows:
        out.append("| " + " | ".join(_cell(entry, c, text) for c in cols) + " |")
    return out


def _cell(entry: Any, column: Column, text: Callable[[str], str]) -> str:
    if column.field == TITLE:
        return cell(f"[{markdown.escape(entry.title)}]({markdown.link_url(entry.url)})")
    value = entry.description if column.field == "description" else entry.data.get(column.field)
    return cell(text(str(value))) if isinstance(value, (str, int, float)) else ""

"""Descriptions written in Markdown stay inline: text, code, emphasis and web links.

Only for lists whose ``render.descriptions`` is ``markdown`` (many imported
lists link related projects inside descriptions). Images, raw HTML and
links that are not http(s) are refused: a description is a line of a list,
and it comes from a pull request.
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt

from listsmith.problems import Level
from listsmith.render_options import render_options
from listsmith.rules.base import Finding, RuleContext, at

ID = "markdown-inline"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = (
    "With `render.descriptions: markdown`, descriptions hold only inline text, code, emphasis "
    "and http(s) links."
)
BLOCKING = True
CONFIGURABLE = False

_ALLOWED = frozenset(
    {
        "text",
        "text_special",
        "softbreak",
        "code_inline",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "s_open",
        "s_close",
        "link_open",
        "link_close",
    }
)
_md = MarkdownIt("commonmark").enable("strikethrough")


def problem(text: str) -> str | None:
    """What in ``text`` is not allowed, or None."""
    for token in _md.parseInline(" ".join(text.split())):
        for child in token.children or []:
            if child.type not in _ALLOWED:
                kind = child.type.replace("_inline", "").replace("_", " ")
                return f"a description can't hold {kind} ({child.content or child.markup!r})"
            href = str(child.attrs.get("href", ""))
            if child.type == "link_open" and not href.lower().startswith(("https://", "http://")):
                return f"a link in a description must be http(s), not {href!r}"
    return None


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    if render_options(project)[0]["descriptions"] != "markdown":
        return
    for entry in project.entries:
        text = entry.text("description")
        why = problem(text) if text else None
        if why:
            yield at(entry, ("description",), why)

"""One README line from an untrusted preview, rebuilt as Markdown that can only be text.

The preview comment shows how an entry reads in the README, rendered, not only as
source. The line comes from the pull request's job, so it is never pasted in: it is
parsed (raw HTML recognised, so it can be dropped) and written again from its parts by
this code. Text is escaped, links are kept only to http(s) addresses, emphasis and
code spans are kept, and everything else (HTML, images, autolinks to other schemes)
becomes plain text. ``@name`` and ``#123`` get an invisible word joiner after the sign,
so the comment mentions no one and links no issue.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from listsmith import markdown

_PARSER = MarkdownIt("commonmark", {"html": True})
_SPECIAL = re.compile(r"([\\`*_\[\]()|~<>!#])")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SIGNS = re.compile(r"([@#])(?=\w)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
JOINER = "\u2060"


def text(value: str) -> str:
    """``value`` as Markdown text that shows exactly it and does nothing."""
    value = _CONTROL.sub(" ", value).translate(_HTML)
    value = _SPECIAL.sub(r"\\\1", value)
    return _SIGNS.sub(lambda m: m.group(1) + JOINER, value)


def rebuild(line: str) -> str:
    """``line`` (one line of a README) as safe Markdown that reads the same."""
    line = _CONTROL.sub(" ", line)
    indent = len(line) - len(line.lstrip(" "))
    body = line.strip()
    marker = ""
    if body[:2] in ("- ", "* "):  # the list item an entry is: kept as one
        marker, body = "- ", body[2:]
    out: list[str] = []
    targets: list[str | None] = []  # per open link: its address, or None when not kept
    for token in _PARSER.parseInline(body)[0].children or []:
        kind = token.type
        if kind == "link_open":
            href = str(token.attrGet("href") or "")
            kept = markdown.link_url(href) if re.match(r"https?://", href, re.I) else None
            targets.append(kept)
            out.append("[" if kept else "")
        elif kind == "link_close":
            kept = targets.pop() if targets else None
            out.append(f"]({kept})" if kept else "")
        elif kind == "code_inline":
            out.append(markdown.code(token.content))
        elif kind in ("em_open", "em_close", "strong_open", "strong_close"):
            out.append("**" if kind.startswith("strong") else "*")
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        else:  # text, and raw HTML, images and the like shown as their text, inert
            out.append(text(token.content))
    return " " * indent + marker + "".join(out)

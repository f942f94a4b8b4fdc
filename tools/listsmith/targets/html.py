"""The list's Markdown as HTML for the page and the feed, with no markup of its own.

The intro and section texts are Markdown by design, and so are descriptions
when ``render.descriptions`` is ``markdown``. markdown-it-py turns them into
HTML with raw HTML off (a ``<script>`` in the text shows as text) and its
own link check on (no ``javascript:`` links). Relative links and images are
kept as their text: they point into the repository, next to README.md,
while the page is published from another folder and address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_SPACE = re.compile(r"\s+")
_WEB = re.compile(r"https?://", re.IGNORECASE)


def href(url: str) -> str:
    """``url`` when it is a web address a reader can follow, else "" (no link at all)."""
    url = url.strip()
    return url if _WEB.match(url) else ""


def _absolute(url: str) -> bool:
    try:
        return bool(urlsplit(url).scheme)
    except ValueError:
        return False


def _unlink(tokens: Sequence[Token]) -> list[Token]:
    """Inline tokens with relative links reduced to their text, relative images to their alt."""
    kept: list[Token] = []
    dropped: list[bool] = []
    for token in tokens:
        if token.type == "link_open":
            dropped.append(not _absolute(str(token.attrGet("href") or "")))
            if dropped[-1]:
                continue
        elif token.type == "link_close":
            if dropped.pop():
                continue
        elif token.type == "image" and not _absolute(str(token.attrGet("src") or "")):
            alt = _md.renderer.renderInlineAsText(token.children or [], _md.options, {})
            token = Token("text", "", 0, content=alt)
        kept.append(token)
    return kept


def _render(tokens: list[Token]) -> Markup:
    for token in tokens:
        if token.type == "inline" and token.children is not None:
            token.children = _unlink(token.children)
    return Markup(_md.renderer.render(tokens, _md.options, {}))


def block(text: str) -> Markup:
    """Markdown text (the intro, a section's description) as HTML blocks."""
    return _render(_md.parse(text))


def inline(text: str) -> Markup:
    """A one-line Markdown description as inline HTML."""
    return _render(_md.parseInline(_SPACE.sub(" ", text).strip()))


def plain(text: str) -> str:
    """A plain-text description on one line; autoescape makes it safe."""
    return _SPACE.sub(" ", text).strip()

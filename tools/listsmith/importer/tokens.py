"""Markdown as markdown-it-py reads it, cut into top-level blocks, and inline tokens as text.

CommonMark with line maps, so nested lists, escapes, emphasis and badges are
read the way GitHub shows them, not guessed from regexes over lines. The
``text_join`` rule is off: it would fold escapes (``\\*``) and entities
(``&amp;``) into plain text, and kept apart they let :func:`to_markdown` give
a description back as its author wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from listsmith import markdown

# GFM's strikethrough is read too: GitHub shows "~~deprecated~~" struck through, and read
# as words it came back as literal tildes (awesome-mac's "~~Let QuickTime play ...~~").
# markdown-it reads the two-tilde form only; GitHub's rarer one-tilde form stays words.
_MD = MarkdownIt("commonmark").enable("strikethrough").disable("text_join")
# markdown-it leaves javascript:, file: and data: links as plain text; GitHub parses them as
# links (and drops the address). Read them as links, so the import can report them.
_MD.validateLink = lambda url: True  # type: ignore[method-assign]
# A destination is read as the list wrote it (its escapes and entities undone), not as
# markdown-it normalises it for HTML (every non-ASCII letter percent-encoded, the host in
# punycode): an entry keeps "flutter-türkiye". Only what a link can't hold as written, or
# what would hide, is encoded, as the README target writes it (markdown.destination).
_MD.normalizeLink = markdown.destination  # type: ignore[method-assign]
_SPACE = re.compile(r"\s+")
# GFM's tagfilter extension: GitHub writes the "<" of these tags as "&lt;", so readers see
# the tag as text (https://github.github.com/gfm/#disallowed-raw-html-extension-).
_TAGFILTER = re.compile(
    r"</?(?:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)(?=[\s>]|/>)",
    re.IGNORECASE,
)


def shown_as_text(token: Token) -> bool:
    """Whether ``token`` is raw HTML GitHub shows as it is written: a tag its tagfilter
    extension filters (awesome-vue's "supports HMR & <style> block.")."""
    return token.type == "html_inline" and bool(_TAGFILTER.match(token.content))


def parse(source: str) -> tuple[list[Token], dict[str, Any]]:
    """The token stream and markdown-it's env (which holds link reference definitions)."""
    env: dict[str, Any] = {}
    return _MD.parse(source, env), env


class BlockKind(Enum):
    HEADING = "heading"
    LIST = "list"
    PARAGRAPH = "paragraph"
    HTML = "html"
    OTHER = "other"
    """A quote, a code block, a thematic break: kept as text, never read for entries."""


_KINDS = {
    "heading_open": BlockKind.HEADING,
    "bullet_list_open": BlockKind.LIST,
    "ordered_list_open": BlockKind.LIST,
    "paragraph_open": BlockKind.PARAGRAPH,
    "html_block": BlockKind.HTML,
}


@dataclass(frozen=True)
class Block:
    """One top-level block of the document and the source lines [start, end) it covers."""

    kind: BlockKind
    tokens: list[Token]
    start: int
    end: int

    @property
    def inline(self) -> Token | None:
        """The inline token of a heading or paragraph."""
        if self.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) and len(self.tokens) > 1:
            return self.tokens[1]
        return None

    @property
    def children(self) -> list[Token]:
        inline = self.inline
        return inline.children or [] if inline is not None else []

    @property
    def level(self) -> int:
        """A heading's level, 1 to 6."""
        return int(self.tokens[0].tag[1])


def blocks(tokens: list[Token]) -> list[Block]:
    """The top-level blocks, in order; one pass over the tokens."""
    found: list[Block] = []
    i = 0
    while i < len(tokens):
        depth, j = tokens[i].nesting, i + 1
        while depth > 0 and j < len(tokens):
            depth += tokens[j].nesting
            j += 1
        opening = tokens[i]
        start, end = opening.map or (0, 0)
        found.append(Block(_KINDS.get(opening.type, BlockKind.OTHER), tokens[i:j], start, end))
        i = j
    return found


def with_gaps(found: list[Block], lines: list[str]) -> list[Block]:
    """The blocks, and a text block (no tokens) for each run of written lines no block
    covers: link reference definitions, which markdown-it keeps in its env, not in its
    tokens. Kept text takes its lines from the source, so they stay where they were."""
    out: list[Block] = []
    line = 0

    def gap(start: int, end: int) -> None:
        run: list[int] = []
        for number in range(start, end):
            if lines[number].strip():
                run.append(number)
            elif run:
                out.append(Block(BlockKind.OTHER, [], run[0], run[-1] + 1))
                run = []
        if run:
            out.append(Block(BlockKind.OTHER, [], run[0], run[-1] + 1))

    for block in found:
        if block.start > line:
            gap(line, block.start)
        out.append(block)
        line = max(line, block.end)
    gap(line, len(lines))
    return out


def plain(children: Sequence[Token]) -> str:
    """The words a reader sees: escapes and entities undone, code without its backticks,
    images and raw HTML left out (but a tag GitHub shows as text), whitespace collapsed."""
    out = []
    for token in children:
        if token.type in ("text", "text_special", "code_inline") or shown_as_text(token):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return _SPACE.sub(" ", "".join(out)).strip()


def _code(token: Token) -> str:
    content = token.content
    pad = content.startswith("`") or content.endswith("`")
    pad = pad or (content.startswith(" ") and content.endswith(" ") and content.strip() != "")
    fill = " " if pad else ""
    return f"{token.markup}{fill}{content}{fill}{token.markup}"


def _destination(url: str, title: str) -> str:
    url = markdown.link_url(url)
    if title:
        # In single quotes, as awesome-lint's link-title-style asks.
        url += " '" + title.replace("'", "\\'") + "'"
    return url


def to_markdown(children: Sequence[Token]) -> str:
    """Inline tokens back as Markdown, on one line.

    Escapes, entities, emphasis markers and code fences come back as written;
    links come back inline (a reference-style link with its destination
    filled in), their destinations as the README target writes a URL.
    """
    out: list[str] = []
    closes: list[str] = []
    for token in children:
        kind = token.type
        if kind == "text":
            out.append(token.content)
        elif kind == "text_special":
            out.append(token.markup or token.content)
        elif kind == "code_inline":
            out.append(_code(token))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
            out.append(token.markup)
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            if token.markup == "autolink":
                out.append("<")
                closes.append(">")
            else:
                out.append("[")
                closes.append("](" + _destination(href, str(token.attrs.get("title") or "")) + ")")
        elif kind == "link_close":
            out.append(closes.pop() if closes else "")
        elif kind == "image":
            src = str(token.attrs.get("src", ""))
            title = str(token.attrs.get("title") or "")
            out.append(f"![{to_markdown(token.children or [])}]({_destination(src, title)})")
        elif kind == "html_inline":
            out.append(token.content)
    return _SPACE.sub(" ", "".join(out)).strip()


@dataclass(frozen=True)
class Link:
    """One link of an inline token list: its tokens ``children[start:end + 1]``."""

    href: str
    start: int
    end: int
    text: list[Token]

    @property
    def anchor(self) -> bool:
        """A link to a heading of the same page (``#contents``)."""
        return self.href.startswith("#")

    @property
    def badge(self) -> bool:
        """A link around nothing but images (Markdown's or ``<img>`` tags): a badge, a logo."""
        return any(t.type == "image" or _is_img(t) for t in self.text) and all(
            t.type in ("image", "softbreak") or _is_img(t) or is_space(t) for t in self.text
        )


_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _is_img(token: Token) -> bool:
    """An inline ``<img ...>`` tag (awesome lists' sized logos)."""
    return token.type == "html_inline" and bool(_IMG_TAG.fullmatch(token.content.strip()))


def links(children: Sequence[Token]) -> Iterator[Link]:
    """Every link of an inline token list, outermost only, in order."""
    i = 0
    while i < len(children):
        if children[i].type == "link_open":
            j, depth = i + 1, 1
            while j < len(children):
                depth += {"link_open": 1, "link_close": -1}.get(children[j].type, 0)
                if depth == 0:
                    break
                j += 1
            yield Link(str(children[i].attrs.get("href", "")), i, j, list(children[i + 1 : j]))
            i = j
        i += 1


def is_space(token: Token) -> bool:
    return token.type in ("softbreak", "hardbreak") or (
        token.type == "text" and not token.content.strip()
    )


def inline(text: str, env: dict[str, Any] | None = None) -> list[Token]:
    """The inline tokens of a fragment of Markdown (``env``: the document's, whose link
    reference definitions its reference-style links and images use)."""
    found = _MD.parseInline(text, env)
    return found[0].children or [] if found else []


def has_markup(children: Sequence[Token]) -> bool:
    """Whether inline tokens hold Markdown beyond words (a link, code, emphasis, HTML):
    such text reads the same only rendered as Markdown. Escapes and entities don't count,
    since escaping the plain words gives them back."""
    return any(t.type not in ("text", "text_special", "softbreak") for t in children)


def is_navigation(children: Sequence[Token]) -> bool:
    """Links to headings of the page and nothing else to read ("**[⬆ back to top](#contents)**")."""
    found = list(links(children))
    if not found or not all(link.anchor for link in found):
        return False
    inside = {i for link in found for i in range(link.start, link.end + 1)}
    return not re.search(r"\w", plain([t for i, t in enumerate(children) if i not in inside]))


def emphasised(children: Sequence[Token]) -> str:
    """``strong_open`` or ``em_open`` for inline tokens that are one bold or italic span of
    words without links ("**AI & ML**", "_Interaction_"); "" for anything else."""
    kept = [t for t in children if not is_space(t)]
    if len(kept) < 3 or kept[0].type not in ("strong_open", "em_open"):
        return ""
    closing = kept[0].type.replace("_open", "_close")
    end = next((i for i, t in enumerate(kept) if t.type == closing), -1)
    words_only = not any(t.type in ("link_open", "image", "html_inline") for t in kept)
    return kept[0].type if end == len(kept) - 1 and words_only else ""

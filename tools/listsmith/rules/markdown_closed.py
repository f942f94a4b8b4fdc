"""Every Markdown text of the list closes what it opens.

The list's own texts (intro, contributing and licence texts, section
descriptions and footers) and, with ``render.descriptions: markdown``, entry
descriptions are pasted into the README as written. An HTML comment, a
``<script>``/``<pre>`` block or a code fence left open there runs on to the
end of the README on GitHub; a container element left open (``<details>``
collapses, ``<table>``, ``<div>``...) takes every entry below it inside. Either
hides or disfigures the rest of the list, so it is refused at its line,
before it reaches the README.

A comment, a raw block or a fence ends in the text that opens it, or never. A container
element may close in a later text: the index's texts are read as one stream, in the
order the README shows them (awesome-nlp folds each language's sub-sections in a
``<details>`` its last sub-section's footer closes, and opens the next language's
there). An entry's Markdown description is judged alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from listsmith.problems import Level
from listsmith.project import Entry, Index, Section, YamlPath
from listsmith.render_options import render_options
from listsmith.rules.base import Finding, RuleContext, at

ID = "markdown-closed"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = (
    "Every Markdown text (the intro, section texts, Markdown descriptions) closes every HTML "
    "comment, raw-HTML block and code fence it opens; a container element (`<details>`, "
    "`<div>`, `<table>`...) the list's texts open is closed, in the same text or one the "
    "README shows after it."
)
BLOCKING = True
CONFIGURABLE = False

# CommonMark's HTML blocks that end only at an explicit marker (kinds 1-5).
_ENDS = (
    (
        re.compile(r"<(script|pre|style|textarea)[\s>/]", re.I),
        re.compile(r"</(script|pre|style|textarea)>", re.I),
        "the <{0}> block",
    ),
    (re.compile(r"<!--"), re.compile(r"-->"), "the HTML comment"),
    (re.compile(r"<\?"), re.compile(r"\?>"), "the <? block"),
    (re.compile(r"<![A-Za-z]"), re.compile(r">"), "the <! block"),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>"), "the CDATA block"),
)
_md = MarkdownIt("commonmark")

_CONTAINERS = frozenset(
    [
        "details",
        "summary",
        "div",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "blockquote",
        "section",
        "article",
        "aside",
        "nav",
        "header",
        "footer",
        "main",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "dl",
        "center",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "picture",
        "video",
        "audio",
        "object",
        "form",
        "fieldset",
    ]
)
"""Elements whose end tag HTML never lets go missing: one left open holds everything
after it. (``p``, ``li``, ``tr``, ``td`` end by themselves, so they are not here.)"""
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?=[\s/>])[^<>]*?(/?)>")
"""A start or end tag. ``[^<>]`` keeps a search linear: a ``<`` without a ``>`` stops the
scan at the next ``<`` instead of the end of the text."""


def _html(tokens: list[Token]) -> Iterator[tuple[int, str]]:
    """(line, raw HTML) of every HTML block and inline HTML tag, in order."""
    for token in tokens:
        line = (token.map or (0, 0))[0] + 1
        if token.type == "html_block":
            yield line, token.content
        for child in token.children or []:
            if child.type == "html_inline":
                yield line, child.content


@dataclass(frozen=True)
class _Text:
    """One Markdown text of the list, and where it is."""

    doc: Index | Entry
    where: YamlPath
    text: str

    @functools.cached_property
    def tokens(self) -> list[Token]:
        """Its parse, made once for both of its checks (elements, and blocks that never
        end)."""
        return _md.parse(self.text)


def _tags(text: _Text) -> Iterator[tuple[int, str, bool]]:
    """(line, name, closing) of every container element tag of ``text``, in order."""
    for line, raw in _html(text.tokens):
        for tag in _HTML_TAG.finditer(raw):
            closing, name, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3)
            if name in _CONTAINERS and not selfclosing:
                yield line + raw.count("\n", 0, tag.start()), name, bool(closing)


def _open_elements(texts: list[_Text]) -> dict[int, tuple[int, str]]:
    """For each text (by its place in ``texts``, which are in the order the README shows
    them), (line, name) of the first container element it opens that neither it nor a
    later text closes: one closed further down the README swallows nothing past it."""
    opened: dict[str, list[tuple[int, int]]] = {}
    for at_text, text in enumerate(texts):
        if "<" not in text.text:
            continue
        for line, name, closing in _tags(text):
            stack = opened.setdefault(name, [])
            if not closing:
                stack.append((at_text, line))
            elif stack:
                stack.pop()
    found: dict[int, tuple[int, str]] = {}
    for name, stack in opened.items():
        for at_text, line in stack:
            found[at_text] = min(found.get(at_text, (line, name)), (line, name))
    return found


def _open_comment(tokens: list[Token]) -> int | None:
    """The line of a ``<!--`` that no ``-->`` follows, inside an HTML block that opens
    with something else, or in running text (markdown-it made it text, not HTML, as
    no ``-->`` follows in its paragraph, but a browser reading the README's HTML, or
    another renderer, may still take it as the start of a comment)."""
    for token in tokens:
        raw = token.content if token.type == "html_block" else ""
        text = "".join(c.content for c in token.children or [] if c.type == "text")
        if raw.rfind("<!--") > raw.rfind("-->") or "<!--" in text:
            return (token.map or (0, 0))[0] + 1
    return None


def _unclosed(text: _Text) -> tuple[int, str] | None:
    """(line in ``text``, what is left open) for the first HTML block, comment or code
    fence that never closes: these end inside the text that opens them, or never."""
    if "<" not in text.text and "```" not in text.text and "~~~" not in text.text:
        return None  # nothing here can open a block, a comment or a fence: no parse
    lines = text.text.splitlines()
    tokens = text.tokens
    for token in tokens:
        start, end = token.map or (0, 0)
        if token.type == "html_block":
            content = token.content.lstrip()
            for opens, closes, what in _ENDS:
                found = opens.match(content)
                if found and not closes.search(content[found.end() :]):
                    name = found.group(1).lower() if found.groups() else ""
                    return start + 1, what.format(name)
        elif token.type == "fence" and end >= len(lines):
            last = lines[end - 1].strip() if end > start + 1 else ""
            if not (last.startswith(token.markup) and last.strip(token.markup[0]) == ""):
                return start + 1, f"the code block opened with {token.markup}"
    comment = _open_comment(tokens)
    return (comment, "the HTML comment") if comment else None


def _index_texts(index: Index) -> tuple[list[_Text], list[_Text]]:
    """The index's Markdown texts: those the README shows as blocks of their own, in its
    order (the intro; each section's bold line, description and footer, then its
    sub-sections; the closing texts it shows), and those inside a list item (an item
    section's), which its item closes and so are judged alone."""
    below: dict[str | None, list[Section]] = {}
    for section in index.sections:
        below.setdefault(section.parent, []).append(section)
    stream: list[_Text] = []
    alone: list[_Text] = []

    def add(into: list[_Text], where: YamlPath, data: dict[str, Any], *keys: str) -> None:
        for key in keys:
            if isinstance(data.get(key), str):
                into.append(_Text(index, (*where, key), data[key]))

    def walk(section: Section) -> None:
        children = below.get(section.path, [])
        if section.style == "item":
            add(alone, section.where, section.data, "description", "footer")
            for child in children:
                walk(child)
            return
        if section.style == "bold":  # a line of its own, as written
            add(stream, section.where, section.data, "heading")
        add(stream, section.where, section.data, "description")
        for child in children:
            if child.style == "item":
                walk(child)
        add(stream, section.where, section.data, "footer")
        for child in children:
            if child.style != "item":
                walk(child)

    data = index.data
    add(stream, (), data, "masthead", "intro")
    for top in below.get(None, []):
        walk(top)
    # The README shows the list's closing text, or else its contributing and licence texts.
    closing = ("closing",) if isinstance(data.get("closing"), str) else ("contributing", "license")
    add(stream, (), data, *closing)
    return stream, alone


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    texts, alone = _index_texts(project.index)
    # The index's texts are one stream: a <details> a section's description opens may
    # close in a later section's text (awesome-nlp folds each language's sub-sections in
    # one). A text inside a list item (an item section's, a Markdown description) is
    # judged alone: its item holds it.
    elements = _open_elements(texts)
    if render_options(project)[0]["descriptions"] == "markdown":
        for entry in project.entries:
            text = entry.text("description")
            if text:
                alone.append(_Text(entry, ("description",), text))
            if "details" in entry.data:
                alone += [_Text(entry, where, point) for where, point in entry.points()]
    for text in alone:
        own = _open_elements([text])
        if own:
            elements[len(texts)] = own[0]
        texts.append(text)
    for i, text in enumerate(texts):
        left = [found] if (found := _unclosed(text)) else []
        if i in elements:
            line, name = elements[i]
            left.append((line, f"the <{name}> element"))
        if left:
            line, what = min(left)
            yield at(
                text.doc,
                text.where,
                f"{what} (line {line} of this text) is never closed; on GitHub it would "
                "swallow the rest of the README",
            )

"""Every Markdown text of the list closes what it opens.

The list's own texts (intro, contributing and licence texts, section
descriptions and footers) and, with ``render.descriptions: markdown``, entry
descriptions are pasted into the README as written. An HTML comment, a
``<script>``/``<pre>`` block or a code fence left open there runs on to the
end of the README on GitHub; a container element left open (``<details>``
collapses, ``<table>``, ``<div>``...) takes every entry below it inside. Either
hides or disfigures the rest of the list, so it is refused at its line,
before it reaches the README.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

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
    "comment, raw-HTML block, container element (`<details>`, `<div>`, `<table>`...) and code "
    "fence it opens; a section's footer, or a text of a section inside it, may close what its "
    "description opened."
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


def _open_element(tokens: list[Token], after: list[Token]) -> tuple[int, str] | None:
    """(line, name) of the first container element ``tokens`` open and neither they nor
    ``after`` close (a section's footer may close what its description opened)."""
    opened: dict[str, list[int]] = {}
    later = [(0, raw) for _, raw in _html(after)]
    for line, raw in [*_html(tokens), *later]:
        for tag in _HTML_TAG.finditer(raw):
            closing, name, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3)
            if name not in _CONTAINERS or selfclosing:
                continue
            stack = opened.setdefault(name, [])
            if not closing:
                stack.append(line + raw.count("\n", 0, tag.start()) if line else 0)
            elif stack:
                stack.pop()
    left = [(lines[0], name) for name, lines in opened.items() if lines and lines[0]]
    return min(left) if left else None


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


def unclosed(text: str, closed_by: str = "") -> tuple[int, str] | None:
    """(line in ``text``, what is left open) for the first block that never closes; an
    element may close in ``closed_by``, the text that follows it in the README."""
    if "<" not in text and "```" not in text and "~~~" not in text:
        return None  # nothing here can open a block, a comment or an element: no parse
    lines = text.splitlines()
    tokens = _md.parse(text)
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
    element = _open_element(tokens, _md.parse(closed_by) if closed_by else [])
    found = [
        *([(comment, "the HTML comment")] if comment else []),
        *([(element[0], f"the <{element[1]}> element")] if element else []),
    ]
    return min(found) if found else None


def _texts(context: RuleContext) -> Iterator[tuple[Index | Entry, YamlPath, str, str]]:
    """(file, field, text, the text that may close its elements) of every Markdown text."""
    project = context.project
    index = project.index
    for key in ("intro", "contributing", "license", "closing"):
        if isinstance(index.data.get(key), str):
            yield index, (key,), index.data[key], ""
    sections = index.sections
    for i, section in enumerate(sections):
        footer = _text(section, "footer")
        for key, after in (("description", footer + _inside(sections, i)), ("footer", "")):
            if isinstance(section.data.get(key), str):
                yield index, (*section.where, key), section.data[key], after
    if render_options(project)[0]["descriptions"] == "markdown":
        for entry in project.entries:
            text = entry.text("description")
            if text:
                yield entry, ("description",), text, ""


def _text(section: Section, key: str) -> str:
    text = section.data.get(key)
    return f"\n\n{text}" if isinstance(text, str) else ""


def _inside(sections: list[Section], i: int) -> str:
    """The texts of the sections below ``sections[i]``, in document order: the README
    shows them inside it, so they may close what its description opened (awesome-nlp
    wraps a section's sub-sections in one ``<details>``)."""
    below = sections[i].path + "/"
    found = []
    for section in itertools.takewhile(lambda s: s.path.startswith(below), sections[i + 1 :]):
        found += [_text(section, "description"), _text(section, "footer")]
    return "".join(found)


def check(context: RuleContext) -> Iterator[Finding]:
    for doc, where, text, after in _texts(context):
        found = unclosed(text, after)
        if found:
            line, what = found
            yield at(
                doc,
                where,
                f"{what} (line {line} of this text) is never closed; on GitHub it would "
                "swallow the rest of the README",
            )

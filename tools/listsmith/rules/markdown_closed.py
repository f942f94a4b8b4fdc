"""The list's own Markdown (intro, section texts and footers) closes what it opens.

These texts are pasted into the README as written. An HTML comment, a
``<script>``/``<pre>`` block or a code fence left open there runs on to the
end of the README on GitHub and hides every entry below it, so it is refused
at its line, before it reaches the README.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt

from listsmith.problems import Level
from listsmith.project import YamlPath
from listsmith.rules.base import Context, Finding, at

ID = "markdown-closed"
LEVEL = Level.ERROR
KIND = "reference"

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


def unclosed(text: str) -> tuple[int, str] | None:
    """(line in ``text``, what is left open) for the first block that never closes."""
    lines = text.splitlines()
    for token in _md.parse(text):
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
    return None


def _texts(context: Context) -> Iterator[tuple[YamlPath, str]]:
    index = context.project.index.data
    for key in ("intro", "contributing", "license", "closing"):
        if isinstance(index.get(key), str):
            yield (key,), index[key]
    for section in context.project.index.sections:
        for key in ("description", "footer"):
            if isinstance(section.data.get(key), str):
                yield (*section.where, key), section.data[key]


def check(context: Context) -> Iterator[Finding]:
    index = context.project.index
    for where, text in _texts(context):
        found = unclosed(text)
        if found:
            line, what = found
            yield at(
                index,
                where,
                f"{what} (line {line} of this text) is never closed; on GitHub it would "
                "swallow the rest of the README",
            )

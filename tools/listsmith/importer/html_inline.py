"""Raw HTML in a description, said in Markdown where Markdown has the words for it.

A description holds Markdown and never raw HTML (an entry comes from a pull
request, and the page and feed must not carry its markup). Lists do write a
little inline HTML: ``<kbd>⌘ Right Command</kbd>`` (awesome-mac),
``<b>``/``<i>`` for emphasis, ``<br>``. Those have Markdown twins, so the
import keeps what they mean: ``<kbd>``, ``<code>``, ``<samp>`` and ``<tt>``
around plain words become a code span, ``<b>``/``<strong>`` strong emphasis,
``<i>``/``<em>`` emphasis, ``<br>`` a line break (a space on one line). Any
other tag (``<sup>``, ``<span>``, ``<audio>``) is left out and its words stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from markdown_it.token import Token

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>", re.DOTALL)
CODE = frozenset({"kbd", "code", "samp", "tt"})
EMPHASIS = {"b": ("strong", "**"), "strong": ("strong", "**"), "i": ("em", "*"), "em": ("em", "*")}
WORDS = frozenset({"text", "text_special"})
_TICKS = re.compile(r"`+")


def tag(token: Token) -> tuple[str, bool] | None:
    """(name, closing) of an ``html_inline`` token that is one tag, else None."""
    if token.type != "html_inline":
        return None
    found = _TAG.fullmatch(token.content.strip())
    return (found.group(2).lower(), found.group(1) == "/") if found else None


def _closing(children: Sequence[Token], start: int, name: str) -> int | None:
    """The index of ``</name>`` after ``start``, with nothing but words between."""
    for i in range(start + 1, len(children)):
        if tag(children[i]) == (name, True):
            return i
        if children[i].type not in WORDS:
            return None
    return None


def _code(words: str) -> Token:
    """A code span of ``words``, its fence one backtick longer than any run inside."""
    token = Token("code_inline", "code", 0)
    token.content = words
    token.markup = "`" * (max(map(len, _TICKS.findall(words)), default=0) + 1)
    return token


def _bare(char: str) -> bool:
    """Whitespace or punctuation: what may stand beside an emphasis mark that touches
    punctuation (CommonMark's left- and right-flanking delimiter runs)."""
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def _edge(token: Token | None, last: bool) -> str:
    """The character beside an enclosed run: a space at the description's edge or next
    to anything but words (a code span, a link's mark)."""
    if token is None or token.type not in WORDS or not token.content:
        return " "
    return token.content[-1] if last else token.content[0]


def _emphasis_holds(before: str, words: str, after: str) -> bool:
    """``*words*`` (or ``**``) reads as emphasis between ``before`` and ``after``."""
    if not words or words != words.strip():  # "** x **" is no emphasis
        return False
    opens = not _bare(words[0]) or _bare(before)
    closes = not _bare(words[-1]) or _bare(after)
    return opens and closes


def _mark(kind: str, markup: str, nesting: int) -> Token:
    token = Token(f"{kind}_{'open' if nesting > 0 else 'close'}", kind, nesting)
    token.markup = markup
    return token


def convert(children: Sequence[Token], start: int) -> tuple[list[Token], int] | None:
    """The Markdown tokens for the tag at ``children[start]`` and what it encloses, and
    the index after them; None when the tag has no Markdown twin here."""
    found = tag(children[start])
    if found is None or found[1]:
        return None
    name = found[0]
    if name == "br":
        return [Token("softbreak", "br", 0)], start + 1
    end = _closing(children, start, name)
    if end is None or end == start + 1:
        return None
    inner = list(children[start + 1 : end])
    words = "".join(t.content for t in inner)
    if name in CODE:
        return [_code(words)], end + 1
    before = _edge(children[start - 1] if start else None, last=True)
    after = _edge(children[end + 1] if end + 1 < len(children) else None, last=False)
    if name in EMPHASIS and _emphasis_holds(before, words, after):
        kind, markup = EMPHASIS[name]
        return [_mark(kind, markup, 1), *inner, _mark(kind, markup, -1)], end + 1
    return None

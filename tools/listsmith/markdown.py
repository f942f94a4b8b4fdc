"""Make contributor text inert inside a Markdown README.

Entries come from pull requests, so a title or description must never be able
to open a link, emphasis, code span, table cell or HTML tag. Escaping is done
here, once, and the template applies it to every piece of entry text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

BODY_LIMIT = 65_536
"""The most characters GitHub takes in an issue, pull request or comment body: past it
the API answers "body is too long (maximum is 65536 characters)" and ``gh issue create``
fails (peter-evans/create-issue-from-file#1705, a link checker's weekly report hitting it).
Every report meant for such a body keeps under it."""
_SPACE = re.compile(r"\s+")
# Characters that open or close inline Markdown wherever they stand: a link's brackets, a
# code span's backticks, emphasis ``*`` (which opens and closes inside a word too), GFM's
# strikethrough ``~`` and a table cell's ``|``. Each is backslash-escaped.
_ALWAYS = frozenset("`*[]|~")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# "&" shows as itself unless it starts a character reference (``&amp;``, ``&#38;``): only
# then is it written as ``&amp;``, so "Art & Design" stays as the list wrote it.
_REFERENCE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# What opens a block where the text starts a line (a setext heading's text) or a list item's
# content (``- {{ title | md }}``): a block quote, an ATX heading, a bullet or ordered list
# marker, a thematic break of dashes. Its first character is escaped (``1\.`` for a number).
_LINE_START = re.compile(r">|#{1,6}(?: |$)|[-+](?: |$)|-[- ]*$|[0-9]{1,9}(?=[.)](?: |$))")
# A heading's closing sequence: a run of ``#`` at the end after a space (or alone), which
# an ATX heading would drop.
_CLOSING_HASHES = re.compile(r"(?:^| )(#+)$")
_ANCHOR_DROP = re.compile(r"[^\w\- ]")


def _inert_underscores(text: str, start: int, end: int) -> bool:
    """Whether the run of ``_`` at ``text[start:end]`` can neither open nor close emphasis,
    so it shows as written unescaped (CommonMark 0.31.2, 6.2).

    A ``_`` run opens only when left-flanking and either not right-flanking or preceded by
    punctuation; it closes only when right-flanking and either not left-flanking or
    followed by punctuation. Neither holds when it is both left- and right-flanking with
    neither neighbour punctuation, that is inside a word (``ex_aws``), or when it is
    neither, that is with a space on both sides (``a _ b``). Letters and digits of any
    script are neither space nor punctuation however a parser reads the spec (0.31 made
    symbols punctuation; GitHub's cmark-gfm did not): a run between any other neighbours,
    or at the text's ends (next to the template's ``[`` or ``**``), is escaped."""
    if start == 0 or end == len(text):
        return False
    before, after = text[start - 1], text[end]
    return (before.isalnum() and after.isalnum()) or (before == " " and after == " ")


def escape(text: str) -> str:
    """Inline-safe text, on one line, that shows exactly as written and opens nothing: no
    link, image, emphasis, code span, strikethrough, HTML, table cell, heading or list.

    Only what would change how the text reads is escaped, so a title reads back as the list
    wrote it (``ex_aws``, ``Storyboard -> SwiftUI``): ``` ` * [ ] | ~ ``` always; ``_``
    unless it can neither open nor close emphasis (``_inert_underscores``); ``\\`` before
    ASCII punctuation or at the end, where it would escape what follows; ``<`` always (as
    ``&lt;``: raw HTML, an autolink), so a ``>`` never closes anything and stays as written
    except where the text would start a block quote; an ``&`` that starts a character
    reference; and, at the start, what opens a block on a line of its own (``> ``, ``# ``,
    ``- ``, ``1. ``), and at the end a heading's closing ``#`` run.
    """
    text = " ".join(text.split())
    out = list(text)  # one piece for each character, escaped or not
    i = 0
    while i < len(text):
        char = text[i]
        if char == "_":
            end = i
            while end < len(text) and text[end] == "_":
                end += 1
            if not _inert_underscores(text, i, end):
                out[i:end] = ["\\_"] * (end - i)
            i = end
            continue
        if char in _ALWAYS:
            out[i] = "\\" + char
        elif char == "\\" and (i + 1 == len(text) or text[i + 1] in _ASCII_PUNCTUATION):
            out[i] = "\\\\"
        elif char == "<":
            out[i] = "&lt;"
        elif char == "&" and _REFERENCE.match(text, i):
            out[i] = "&amp;"
        i += 1
    starts = _LINE_START.match(text)
    if starts:
        at = starts.end() if text[0].isdigit() else 0  # the "." or ")" after a number
        out[at] = "\\" + text[at]
    closing = _CLOSING_HASHES.search(text)
    if closing:
        out[closing.start(1)] = "\\#"
    return "".join(out)


def code(text: str) -> str:
    """``text`` as an inline code span: shown as written, and inert in an issue or pull
    request body, where plain text would mention ``@people``, link ``#123`` or close
    issues with "fixes #123". The fence is longer than any run of backticks inside."""
    text = _SPACE.sub(" ", text).strip() or " "
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def cell(text: str) -> str:
    """``text`` as an inert code span inside a table cell, whose ``|`` would end the cell."""
    return code(text).replace("|", "\\|")


def inline(text: str) -> str:
    """A description the list writes in inline Markdown, on one line.

    The ``markdown-inline`` rule has already refused anything beyond inline
    text, code, emphasis and http(s) links, so the text is kept as written.
    """
    return _SPACE.sub(" ", text).strip()


_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# ASCII a link destination can't hold as written: a control or space ends it (and a space
# lets a quote start a title), ``<`` and ``>`` read as raw HTML or an autolink, a backtick
# opens a code span that outranks the link, a backslash escapes what follows it.
_ASCII_ENCODED = re.compile(r"[\x00-\x20\x7f<>`\\]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Default_Ignorable_Code_Point outside the C and Z categories (the combining grapheme
# joiner, Hangul fillers, Khmer inherent vowels, variation selectors) and the blank Braille
# pattern: they show nothing, so they are encoded with the C and Z characters (``_shows``).
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)
_NESTING = 32
"""The deepest parentheses a destination may nest: CommonMark's reference parser (cmark,
and GitHub's cmark-gfm) and markdown-it both stop reading a link past 32."""


def _shows(char: str) -> bool:
    """Whether a non-ASCII character is one a reader sees as written: a letter, mark,
    digit, punctuation or symbol. Controls, format characters (bidi overrides and
    isolates, zero-width spaces and joiners, the soft hyphen), every kind of space and
    line or paragraph separator, private-use and unassigned code points are not."""
    return unicodedata.category(char)[0] not in "CZ" and not _IGNORABLE.match(char)


def _balanced(url: str) -> bool:
    """Whether ``url``'s parentheses pair up, each ``)`` after its ``(``, nested no deeper
    than a link destination may hold unescaped."""
    depth = 0
    for char in url:
        if char == "(":
            depth += 1
            if depth > _NESTING:
                return False
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _encoded(char: str) -> str:
    return quote(char, safe="")


def destination(url: str) -> str:
    """``url`` as a link destination holds it: as written wherever that reads back as the
    same URL, percent-encoded (as UTF-8) where it would not, or where it would hide.

    Encoded are controls and spaces, ``<``, ``>``, a backtick and a backslash; every
    parenthesis when any one is unbalanced (balanced ones, as in Wikipedia's
    ``Boosting_(machine_learning)``, stay); non-ASCII that shows nothing or moves text
    around (see ``_shows``); and a ``%`` that starts no escape, as a browser would. Letters
    of any script stay as written (``flutter-türkiye``, an international host name):
    GitHub links them, and a browser encodes them when it follows the link. Escapes
    already in the URL stay as they are. The same URL in, the same text out, and
    ``destination(destination(url)) == destination(url)``.
    """
    url = _LONE_PERCENT.sub("%25", url)
    if ("(" in url or ")" in url) and not _balanced(url):
        url = url.replace("(", "%28").replace(")", "%29")
    url = _ASCII_ENCODED.sub(lambda m: _encoded(m.group()), url)
    if url.isascii():
        return url
    return _NON_ASCII.sub(lambda m: m.group() if _shows(m.group()) else _encoded(m.group()), url)


def link_url(url: str) -> str:
    """A URL that can sit in ``[text](here)``, as one link to exactly that URL and nothing
    after it (no title, no HTML, no code span): its :func:`destination`, with an ``&`` that
    would start a character reference (``&copy;``) written ``&amp;``, as Markdown reads
    entities in a destination."""
    return _REFERENCE.sub("&amp;", destination(url))


def heading_anchor(title: str, seen: dict[str, int]) -> str:
    """The id GitHub gives a heading: lowercase, punctuation dropped, spaces to
    hyphens, and ``-1``, ``-2``... for repeats. ``seen`` carries repeats across calls."""
    slug = _ANCHOR_DROP.sub("", title.strip().lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"


TITLE_MARKUP = frozenset(
    {"text", "text_special", "code_inline", "em_open", "em_close", "strong_open", "strong_close"}
    | {"s_open", "s_close"}
)
"""The inline tokens (markdown-it's) a title's words may be written in, as an entry's
``title_markdown``: code spans and emphasis (awesome-electron's ``[`@electronjs` on
Twitter](...)``). The import keeps what fits; markdown-inline refuses the rest."""


def words(tokens: Iterable[Any]) -> str:
    """The words markdown-it's inline ``tokens`` show: their text and code, without the
    markers of emphasis, links or HTML (what GitHub makes a heading's anchor of, and what a
    title's Markdown must say)."""
    return "".join(t.content for t in tokens if t.type in ("text", "text_special", "code_inline"))

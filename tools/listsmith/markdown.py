"""Make contributor text inert inside a Markdown README.

Entries come from pull requests, so a title or description must never be able
to open a link, emphasis, code span, table cell or HTML tag. Escaping is done
here, once, and the template applies it to every piece of entry text.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

BODY_LIMIT = 65_536
"""The most characters GitHub takes in an issue, pull request or comment body: past it
the API answers "body is too long (maximum is 65536 characters)" and ``gh issue create``
fails (peter-evans/create-issue-from-file#1705, a link checker's weekly report hitting it).
Every report meant for such a body keeps under it."""
_SPACE = re.compile(r"\s+")
# Characters that start or end Markdown inline syntax (links, emphasis, code,
# strikethrough, tables) are backslash-escaped; HTML specials become entities.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_HTML = str.maketrans({"<": "&lt;", ">": "&gt;"})
# "&" shows as itself unless it starts a character reference (``&amp;``, ``&#38;``): only
# then is it written as ``&amp;``, so "Art & Design" stays as the list wrote it.
_REFERENCE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_ANCHOR_DROP = re.compile(r"[^\w\- ]")


def escape(text: str) -> str:
    """Inline-safe text: one line, no markup, no HTML."""
    text = _REFERENCE.sub("&amp;", " ".join(text.split())).translate(_HTML)
    return _MD_SPECIAL.sub(r"\\\1", text) if _MD_SPECIAL.search(text) else text


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

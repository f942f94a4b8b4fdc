"""Make contributor text inert inside a Markdown README.

Entries come from pull requests, so a title or description must never be able
to open a link, emphasis, code span, table cell or HTML tag. Escaping is done
here, once, and the template applies it to every piece of entry text.
"""

from __future__ import annotations

import re
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
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"
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


def link_url(url: str) -> str:
    """A URL that can sit in ``[text](here)``: parentheses, spaces, quotes and
    non-ASCII are percent-encoded so the link can't end early or carry a title;
    a ``%`` that starts no escape is encoded too, as a browser would."""
    return quote(_LONE_PERCENT.sub("%25", url), safe=_URL_SAFE)


def heading_anchor(title: str, seen: dict[str, int]) -> str:
    """The id GitHub gives a heading: lowercase, punctuation dropped, spaces to
    hyphens, and ``-1``, ``-2``... for repeats. ``seen`` carries repeats across calls."""
    slug = _ANCHOR_DROP.sub("", title.strip().lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"

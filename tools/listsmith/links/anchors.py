"""Which ``#fragment`` of a URL names an element its page must hold.

Not every fragment is an anchor. A text directive (``#:~:text=...``) asks
the browser to find words; ``#/path`` and ``#!/path`` are a single-page
app's routes; ``#L10-L20`` is a code host's line range, drawn by script;
``#t=30`` and ``#page=3`` are media and PDF parameters; ``#top`` always
works. None of those can be judged by the page's ids, so none is.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

DIRECTIVE = ":~:"
_LINES = re.compile(r"L\d+(C\d+)?(-L?\d+(C\d+)?)?")
_PARAMETERS = re.compile(r"[\w.-]+=[^&]*(&[\w.-]+=[^&]*)*")


def fragment(url: str) -> str:
    if "#" not in url:  # most URLs: no parse needed
        return ""
    try:
        return urlsplit(url).fragment
    except ValueError:
        return ""


def wanted(url: str) -> str | None:
    """The anchor the page at ``url`` must hold, or None when there is none to judge."""
    anchor = fragment(url).split(DIRECTIVE, 1)[0]
    if (
        not anchor
        or anchor.startswith(("/", "!"))
        or anchor.lower() == "top"
        or _LINES.fullmatch(anchor)
        or _PARAMETERS.fullmatch(anchor)
    ):
        return None
    return anchor

"""A host must read as the host that is contacted.

IDNA (UTS 46) maps many characters to others before a name is looked up:
fullwidth digits and letters to ASCII (U+FF11 to ``1``), circled digits to
digits (U+2460), the ideographic and fullwidth full stops (U+3002, U+FF0E,
U+FF61) to ``.``. HTTP clients apply that mapping, so 127.0.0.1 written in
fullwidth digits is a request to loopback that neither a reviewer nor a check
reading the written host would recognise as one. A host is accepted only in
the form it is contacted in (an honest international name such as
``bücher.de`` is already in that form).
"""

from __future__ import annotations

import unicodedata

_OTHER_DOTS = str.maketrans(dict.fromkeys("\u3002\uff0e\uff61", "."))
"""Label separators IDNA reads as a full stop, besides "." itself."""


def contacted(host: str) -> str:
    """``host`` as IDNA's mapping reads it (compatibility forms folded, dots unified,
    lower case), before any punycode."""
    return unicodedata.normalize("NFKC", host.translate(_OTHER_DOTS)).casefold()


def disguise(host: str) -> str | None:
    """Why ``host`` is not written as the host it names, or None when it is."""
    if host.isascii():
        return None
    meant = contacted(host)
    if meant == host.casefold():
        return None
    return f"the host {host!r} is contacted as {meant!r}; write it that way"

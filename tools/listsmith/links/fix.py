"""``--fix-redirects``: put each permanent redirect's new URL into the YAML, and nothing else.

The value is replaced in the file's text at the scalar's exact span
(:mod:`listsmith.yamledit`), so comments, key order, indentation and every
other byte stay as they were; the scalar keeps its quoting style when the new
URL allows it, and a block scalar becomes a quoted one on its key's line.
A new URL comes from a server's Location header: it is written only when it
is a URL the schema would take (one line, no spaces, http(s)); otherwise the
file is left alone and the reason reported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

from listsmith import yamledit
from listsmith.fsutil import atomic_write
from listsmith.links.status import Result, Status

_URL = re.compile(r"https?://[^\s/?#]+\S*")
_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def writable(url: str) -> str | None:
    """``url`` as it can go into an entry, or None when it can't.

    Non-ASCII (a UTF-8 Location header) is percent-encoded, as browsers send
    it; a URL with spaces, line breaks or another scheme is refused.
    """
    if any(c.isspace() for c in url) or not _URL.fullmatch(url):
        return None
    try:
        encoded = quote(url, safe=_SAFE)
        host = urlsplit(encoded).hostname
    except (ValueError, UnicodeError):  # a bad port, or bytes that were never UTF-8
        return None
    return encoded if host else None


def fix_redirects(root: Path, results: list[Result]) -> tuple[list[str], list[str]]:
    """Rewrite every use of a permanently redirected URL.

    Returns the files changed and, with the reason, what was left alone.
    """
    edits: dict[str, list[tuple[tuple[str | int, ...], str, str]]] = defaultdict(list)
    skipped: list[str] = []
    for result in results:
        if result.status is not Status.REDIRECTED or not result.new_url:
            continue
        new = writable(result.new_url)
        if new is None:
            skipped.append(f"{result.url}: the new address {result.new_url!r} is not a usable URL")
            continue
        for source in result.sources:
            edits[source.file].append((source.path, result.url, new))
    changed: list[str] = []
    for file, wanted in sorted(edits.items()):
        path = root / file
        text = path.read_bytes().decode("utf-8")
        try:
            for where, old, new in wanted:
                # Composed again after each edit: the edit moved every offset after it.
                text = yamledit.replace_scalar(text, yamledit.compose(text), where, old, new)
        except yamledit.CannotEdit as exc:
            skipped.append(f"{file}: {exc}")
            continue
        atomic_write(path, text.encode("utf-8"))
        changed.append(file)
    return changed, skipped

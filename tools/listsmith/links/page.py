"""What a page says about itself, read as little of it as the question allows.

Two questions need a page's words rather than its status: is it a soft 404
(its ``<title>`` and first ``<h1>``, which sit near the top), and does it
hold the element a URL's ``#fragment`` names (anywhere, but found it is
found). The body is fed to :class:`html.parser.HTMLParser` chunk by chunk as
it arrives, and reading stops as soon as both are answered, or at a byte
limit: a link check must not download a 40 MB page to learn its title.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

HEAD_BYTES = 64 * 1024
"""Read for the title and main heading: they come first, after the <head>."""
ANCHOR_BYTES = 4 * 1024 * 1024
"""Read for an anchor, which may be anywhere; a longer page is not judged."""
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_MAX = 300
"""Characters kept of a title or heading."""
GITHUB_PREFIX = "user-content-"
"""GitHub (and Gitea) prefix the ids of rendered Markdown, and their script
scrolls ``#name`` to ``user-content-name``."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Question:
    """What to read a page for."""

    anchor: str | None = None
    """The fragment to find as an ``id`` or ``<a name>``."""
    heading: bool = False
    """Read the title and the first ``<h1>`` (for the soft-404 check)."""

    @property
    def limit(self) -> int:
        return ANCHOR_BYTES if self.anchor is not None else HEAD_BYTES


@dataclass(frozen=True)
class Reading:
    """What was read of one page."""

    title: str | None = None
    heading: str | None = None
    anchor_found: bool = False
    complete: bool = False
    """The whole page was read (so an anchor not found is not there)."""


def is_html(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() in HTML_TYPES


def charset(content_type: str | None) -> str:
    """The charset the Content-Type names, if Python knows it; else UTF-8."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            try:
                codec = codecs.lookup(value.strip().strip("\"'"))
            except LookupError:
                break
            # Python knows codecs that are no text encoding at all (rot13, base64, zlib):
            # a server naming one gets read as UTF-8 like any unknown charset.
            if getattr(codec, "_is_text_encoding", True):
                return codec.name
            break
    return "utf-8"


def candidates(anchor: str) -> frozenset[str]:
    """The ids that answer ``#anchor``: as written, percent-decoded (HTML's two
    tries), and GitHub's prefixed form of each (GitHub lowercases heading ids)."""
    plain = {anchor, unquote(anchor, errors="replace")}
    github = {GITHUB_PREFIX + a for a in plain} | {GITHUB_PREFIX + a.lower() for a in plain}
    return frozenset(plain | github)


class Reader(HTMLParser):
    """Fed a page's bytes as they arrive; ``feed_bytes`` says when it has heard enough."""

    def __init__(self, question: Question, content_type: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.question = question
        self._decoder = codecs.getincrementaldecoder(charset(content_type))(errors="replace")
        self._wanted = candidates(question.anchor) if question.anchor is not None else frozenset()
        # GitHub's code view carries rendered Markdown inside a JSON payload, where
        # an id reads id=\"user-content-name\": looked for in such scripts' text.
        self._embedded = [f'id=\\"{a}\\"' for a in self._wanted]
        self._json = False
        self._tail = ""
        self._in: str | None = None
        """"title" or "h1" while inside the first of each."""
        self._text: list[str] = []
        self._seen_h1 = False
        self._title: str | None = None
        self._heading: str | None = None
        self._anchor_found = False

    @property
    def done(self) -> bool:
        heading_known = not self.question.heading or (self._seen_h1 and self._in is None)
        anchor_known = self.question.anchor is None or self._anchor_found
        return heading_known and anchor_known

    def feed_bytes(self, chunk: bytes) -> bool:
        """Read on; True once the question is answered. A page HTMLParser can't read
        further is simply read no further."""
        try:
            self.feed(self._decoder.decode(chunk))
        except (AssertionError, ValueError, RecursionError):
            return True
        return self.done

    def finish(self, complete: bool) -> Reading:
        return Reading(self._title, self._heading, self._anchor_found, complete)

    # -- HTMLParser's callbacks ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._wanted and not self._anchor_found:
            for name, value in attrs:
                if value in self._wanted and (name == "id" or (name == "name" and tag == "a")):
                    self._anchor_found = True
        if tag == "script":
            kind = next((v or "" for k, v in attrs if k == "type"), "")
            self._json = bool(self._embedded) and "json" in kind.lower()
        if not self.question.heading or self._in is not None:
            return
        if tag == "title" and self._title is None:
            self._start("title")
        elif tag == "h1" and not self._seen_h1:
            self._seen_h1 = True
            self._start("h1")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json, self._tail = False, ""
        if tag != self._in:
            return
        text = _SPACE.sub(" ", "".join(self._text)).strip()[:TEXT_MAX]
        if tag == "title":
            self._title = text
        else:
            self._heading = text
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None and sum(map(len, self._text)) < 4 * TEXT_MAX:
            self._text.append(data)
        if self._json and not self._anchor_found:
            text = self._tail + data
            self._anchor_found = any(e in text for e in self._embedded)
            self._tail = text[-max(map(len, self._embedded)) :]

    def _start(self, tag: str) -> None:
        self._in = tag
        self._text = []

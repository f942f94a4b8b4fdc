"""One ledger of the source's URLs: each one goes into an entry, into kept text, or into the report.

Before anything is read, every URL of the source is written down once, with
its line: link destinations, image sources, bare URLs that GitHub would
link, ``href``/``src`` in raw HTML, and link reference definitions. Readers
then settle each URL by the very token that holds it, so a URL spelled the
same twice is two items, and one ending in ``_`` or ``?`` is the same item
whatever a regex would have cut off. Whatever no reader settled is reported
at the end, so imported plus reported is always everything, and the counts
the command prints are the lengths of these lists.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from markdown_it.token import Token

from listsmith.importer import tokens
from listsmith.problems import Level, Problem

UNREAD = "not in a list item the import understands"

# GitHub's autolink extension: www. or http(s):// up to whitespace or <, minus trailing
# punctuation (and an unbalanced closing parenthesis).
_BARE = re.compile(r"(?:https?://|www\.)[^\s<]+", re.IGNORECASE)
_TRAILING = ".,:;!?*_~'\""
_HTML_ATTRIBUTE = re.compile(
    r"""\b(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)

Key = tuple[int, int]


@dataclass(frozen=True)
class Skipped:
    """A URL of the source that is in no entry and no kept text, and why; or, for what
    has no URL (a heading inside a list item, a link to nowhere), its words."""

    line: int
    url: str
    why: str

    def problem(self, readme: str, level: Level, rule: str) -> Problem:
        """This address as a problem at its line of ``readme``."""
        return Problem(readme, self.line, 1, level, f"not imported: {self.url} ({self.why})", rule)


def bare_urls(text: str) -> list[str]:
    """URLs GitHub would turn into links in plain text."""
    found = []
    for url in _BARE.findall(text):
        while url:
            stripped = url.rstrip(_TRAILING)
            if stripped.endswith(")") and stripped.count(")") > stripped.count("("):
                stripped = stripped[:-1]
            if stripped == url:
                break
            url = stripped
        if len(url) > len("www."):
            found.append(url)
    return found


def html_urls(text: str) -> list[str]:
    """Addresses in raw HTML attributes (a srcset names several)."""
    found = []
    for match in _HTML_ATTRIBUTE.finditer(text):
        value = html.unescape(next(g for g in match.groups()[1:] if g is not None)).strip()
        if match.group(1).lower() == "srcset":
            found += [part.split()[0] for part in value.split(",") if part.split()]
        elif value:
            found.append(value)
    return [url for url in found if is_address(url)]


def is_address(url: str) -> bool:
    """Anything a reader could follow off this page: not empty, not a ``#heading`` anchor."""
    return bool(url) and not url.startswith("#")


def urls(tokens: Sequence[Token]) -> Iterator[tuple[Key, Token | None, str]]:
    """(key, inline token holding it or None, URL) for every URL in ``tokens``.

    ``tokens`` is a block's token list or part of an inline token's children;
    a key names the token a URL sits in, so settling a URL needs that token.
    """
    in_link = 0
    for token in tokens:
        kind = token.type
        if kind == "inline":
            for key, _, url in urls(token.children or []):
                yield key, token, url
        elif kind in ("html_block", "html_inline"):
            for k, url in enumerate(html_urls(token.content)):
                yield (id(token), k), None, url
        elif kind == "link_open":
            in_link += 1
            href = str(token.attrs.get("href", ""))
            if is_address(href):
                yield (id(token), 0), None, href
        elif kind == "link_close":
            in_link = max(0, in_link - 1)
        elif kind == "image":
            src = str(token.attrs.get("src", ""))
            if is_address(src):
                yield (id(token), 0), None, src
        elif kind == "text" and not in_link:
            for k, url in enumerate(bare_urls(token.content)):
                yield (id(token), k), None, url


class Ledger:
    """Where every URL of one source went."""

    def __init__(self, tokens: list[Token], env: dict[str, Any], lines: list[str]) -> None:
        self._lines = lines
        self._open: dict[Key, tuple[int, str]] = {}
        self.skipped: list[Skipped] = []
        self._settled: set[str] = set()
        self._kept_spans: list[tuple[int, int]] = []
        cursor: dict[int, int] = {}
        for block in tokens:
            if block.type not in ("inline", "html_block"):
                continue
            for key, inline, url in urls([block]):
                owner = inline or block
                start, end = owner.map or (0, 1)
                line = self._find(url, cursor.get(id(owner), start), end)
                cursor[id(owner)] = line
                self._open[key] = (line + 1, url)
        self._references = [
            (int(ref["map"][0]) + 1, str(ref["href"]))
            for ref in (env.get("references") or {}).values()
            if is_address(str(ref.get("href", ""))) and ref.get("map")
        ]

    def _find(self, url: str, start: int, end: int) -> int:
        """The first line in [start, end) where ``url`` is written, else ``start``."""
        spellings = {url, unquote(url), html.escape(url, quote=False)}
        for number in range(start, min(end, len(self._lines))):
            if any(s in self._lines[number] for s in spellings):
                return number
        return start

    def settle(self, tokens: Sequence[Token]) -> None:
        """The URLs in ``tokens`` went into an entry or into kept text."""
        for key, _, url in urls(tokens):
            if self._open.pop(key, None) is not None:
                self._settled.add(url)

    def keep_lines(self, start: int, end: int) -> None:
        """Source lines [start, end) are kept as they are (reference definitions included)."""
        self._kept_spans.append((start, end))

    def skip_url(self, tokens: Sequence[Token], url: str, why: str) -> None:
        """The first URL spelled ``url`` in ``tokens`` that is still open is left out."""
        for key, _, found in urls(tokens):
            if found == url and key in self._open:
                line, _ = self._open.pop(key)
                self.skipped.append(Skipped(line, url, why))
                return

    def skip(self, tokens: Sequence[Token], why: str) -> None:
        """The URLs in ``tokens`` are left out, for the reason given."""
        for key, _, _ in urls(tokens):
            found = self._open.pop(key, None)
            if found is not None:
                self.skipped.append(Skipped(found[0], found[1], why))

    def skip_block(self, block: Sequence[Token], why: str) -> None:
        """A block is left out: its URLs, or its words or code when it has none
        (awesome-haskell's "### Web Tutorials" inside a list item went without a word)."""
        if any(True for _ in urls(block)):
            self.skip(block, why)
            return
        words = " ".join(tokens.plain(t.children or []) for t in block if t.type == "inline")
        # A code block's text is its own token's (best-of-ml-python's install commands
        # under each project went without a word).
        code = " ".join(t.content for t in block if t.type in ("fence", "code_block"))
        words = " ".join(f"{words} {code}".split())
        if words and block and block[0].map:
            self.lost(block[0].map[0] + 1, words, why)

    def lost(self, line: int, what: str, why: str) -> None:
        """Something with no URL of its own is left out: ``what`` says it."""
        shown = what if len(what) <= 60 else what[:59] + "…"
        self.skipped.append(Skipped(line, f'"{shown}"', why))

    def finish(self) -> list[Skipped]:
        """Everything left out, by line: what readers skipped and what none of them settled."""
        for line, url in self._open.values():
            self.skipped.append(Skipped(line, url, UNREAD))
        self._open.clear()
        for line, url in self._references:
            kept = any(start < line <= end for start, end in self._kept_spans)
            if not kept and url not in self._settled:
                self.skipped.append(Skipped(line, url, "a link reference definition no link uses"))
        self._references = []
        self.skipped.sort(key=lambda s: (s.line, s.url))
        return self.skipped

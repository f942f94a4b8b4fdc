"""What follows an entry's link, in the two kinds of README the import reads.

:class:`Awesome` reads a hand-written line, ``[Name](url) - Description.``,
with the inline metadata real lists add: code spans after the description
become ``tags`` (awesome-selfhosted's `` `GPL-2.0` `Python` ``, its `` `⚠` ``
after the link), a closing group of nothing but links becomes labelled
``links`` (``([Demo](...), [Source Code](...))``), and a line that only lists
links is several entries. Any other link stays in the description, where the
author put it.

:class:`Generated` reads a line listsmith rendered, ``[Title](url) -
Description. *By A · Topic · level* · [label](url) 💲``, back into the fields
it was rendered from.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from markdown_it.token import Token

from listsmith.importers import tokens
from listsmith.importers.items import WEB, link_entries, link_run
from listsmith.importers.ledger import Ledger
from listsmith.importers.model import Entry
from listsmith.markdown import link_url

LEVELS = ("beginner", "intermediate", "advanced")
PAID = "💲"
_SEPARATOR = re.compile(r"^(?:[-\u2013\u2014:|](?:\s+|$))")
_SENTENCE_END = (".", "!", "?", ")", "…", "。")
_ADDED = re.compile(r"added (\d{4}-\d{2}-\d{2})")


def _describe(entry: Entry, children: list[Token], trim: str = "") -> None:
    """Set the description from tokens: their Markdown, less a leading separator and ``trim``
    characters at the end, and whether it holds any Markdown beyond text."""
    entry.description = (
        _SEPARATOR.sub("", tokens.to_markdown(children), count=1).rstrip(trim).strip()
    )
    entry.plain = _SEPARATOR.sub("", tokens.plain(children), count=1).rstrip(trim).strip()
    entry.markup = tokens.has_markup(children)


def _link_before(tail: list[Token], end: int) -> tokens.Link | None:
    """The link whose closing token is ``tail[end - 1]``."""
    if end <= 0 or tail[end - 1].type != "link_close":
        return None
    depth, i = 0, end - 1
    while i >= 0:
        depth += {"link_close": 1, "link_open": -1}.get(tail[i].type, 0)
        if depth == 0:
            return tokens.Link(
                str(tail[i].attrs.get("href", "")), i, end - 1, tail[i + 1 : end - 1]
            )
        i -= 1
    return None


def _skip_space(tail: list[Token], end: int) -> int:
    while end > 0 and tokens.is_space(tail[end - 1]):
        end -= 1
    return end


def inline_only(children: list[Token], ledger: Ledger) -> list[Token]:
    """A description's tokens as a description may hold them (the ``markdown-inline``
    rule): text, code, emphasis and web links. A link of another kind keeps its words; an
    image, a badge or raw HTML is left out; the report names each address dropped."""
    kept: list[Token] = []
    links = {link.start: link for link in tokens.links(children)}
    i = 0
    while i < len(children):
        token = children[i]
        link = links.get(i)
        if link is not None and link.badge:
            ledger.skip(children[i : link.end + 1], "a badge in a description, which holds text")
            i = link.end + 1
            continue
        if link is not None and not link.href.startswith(WEB):
            ledger.skip([token], "a link in a description that is not http(s); its words stay")
            kept += link.text
            i = link.end + 1
            continue
        if token.type in ("image", "html_inline"):
            what = "an image" if token.type == "image" else "raw HTML"
            ledger.skip([token], f"{what} in a description, which holds text")
        else:
            kept.append(token)
        i += 1
    return kept


class Awesome:
    """A hand-written awesome-list line."""

    def read(self, entry: Entry, tail: list[Token], ledger: Ledger) -> list[Entry]:
        start = 0
        while start < len(tail) and (
            tokens.is_space(tail[start]) or tail[start].type == "code_inline"
        ):
            if tail[start].type == "code_inline":
                entry.tags.append(tail[start].content.strip())
            start += 1
        rest = tail[start:]
        several = link_run(rest)
        if several is not None:
            ledger.settle(tail)
            return link_entries(several)
        end, tags = self._trailing_tags(rest)
        end, links = self._link_group(rest, end)
        if tags and not links and not self._after_sentence(rest, end):
            end, tags = len(rest), []
        entry.tags += [t for t in tags if t not in entry.tags]
        entry.links = links
        _describe(entry, inline_only(rest[:end], ledger), "(" if links else "")
        ledger.settle(tail)
        return []

    @staticmethod
    def _trailing_tags(rest: list[Token]) -> tuple[int, list[str]]:
        """Code spans at the very end: `` `MIT` `Go` ``."""
        end, tags = len(rest), []
        while end > 0 and (tokens.is_space(rest[end - 1]) or rest[end - 1].type == "code_inline"):
            if rest[end - 1].type == "code_inline":
                tags.insert(0, rest[end - 1].content.strip())
            end -= 1
        return end, [t for t in tags if t]

    @staticmethod
    def _after_sentence(rest: list[Token], end: int) -> bool:
        """Code spans are tags only after the description ended, not inside its last words."""
        end = _skip_space(rest, end)
        if end == 0:
            return True
        last = rest[end - 1]
        return last.type == "text" and last.content.rstrip().endswith(_SENTENCE_END)

    @staticmethod
    def _link_group(rest: list[Token], end: int) -> tuple[int, list[dict[str, str]]]:
        """A closing ``([Demo](...), [Source Code](...))``: labelled links, not description."""
        end = _skip_space(rest, end)
        if end == 0 or rest[end - 1].type != "text" or rest[end - 1].content.strip() != ")":
            return end, []
        found: list[tokens.Link] = []
        i = end - 1
        while True:
            link = _link_before(rest, i)
            if link is None or link.badge or not link.href.startswith(WEB):
                return end, []
            found.insert(0, link)
            before = rest[link.start - 1] if link.start > 0 else None
            if before is None or before.type != "text":
                return end, []
            if before.content.strip() == ",":
                i = link.start - 1
                continue
            if before.content.rstrip().endswith("("):
                links = [{"label": tokens.plain(x.text) or "link", "url": x.href} for x in found]
                return link.start, links
            return end, []


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def unrendered(url: str) -> str:
    """A URL as it was before the README target percent-encoded it for Markdown: each run
    of escapes that :func:`listsmith.markdown.link_url` would have written is undone."""

    def undo(match: re.Match[str]) -> str:
        decoded = unquote(match.group(0))
        return decoded if link_url(decoded) == match.group(0) else match.group(0)

    return _ESCAPES.sub(undo, url)


class Generated:
    """A line listsmith rendered: description, facts in emphasis, labelled links, a 💲."""

    def read(self, entry: Entry, tail: list[Token], ledger: Ledger) -> list[Entry]:
        ledger.settle(tail)
        entry.url = unrendered(entry.url)
        end = len(tail)
        last = tail[end - 1] if end else None
        if last is not None and last.type == "text" and last.content.rstrip().endswith(PAID):
            entry.free = False
            if not last.content.strip().removesuffix(PAID).strip():
                end -= 1
        while True:
            link = _link_before(tail, end)
            if link is None:
                break
            entry.links.insert(0, {"label": tokens.plain(link.text), "url": unrendered(link.href)})
            end = link.start
            before = tail[end - 1] if end else None
            if before is not None and before.type == "text" and before.content.strip() == "\u00b7":
                end -= 1
        if end and tail[end - 1].type == "em_close":
            opening = max(i for i in range(end) if tail[i].type == "em_open")
            self._facts(entry, tokens.plain(tail[opening + 1 : end - 1]))
            end = opening
        _describe(entry, tail[:end], "\u00b7 " + (PAID if entry.free is False else ""))
        return []

    @staticmethod
    def _facts(entry: Entry, facts: str) -> None:
        """``By A, B · Topic, Topic · level``, as the default ``metadata`` renders them."""
        for part in facts.split(" \u00b7 "):
            added = _ADDED.fullmatch(part)
            if part.startswith("By "):
                entry.authors = [a for a in part[3:].split(", ") if a]
            elif part in LEVELS:
                entry.level = part
            elif added:
                entry.added = added.group(1)
            elif not part.startswith(("\u2605 ", "last commit ")):
                entry.topics += [t for t in part.split(", ") if t]

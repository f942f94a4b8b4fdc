"""What a heading is for, judged by its words, and a title found in raw HTML.

The table of contents is recognised by what it holds (nothing but links to
headings of the page), not by its name: awesome-python calls it
"Categories", awesome-selfhosted "Table of contents".
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from markdown_it.token import Token

from listsmith.importer import tokens

_H1_OPEN = re.compile(r"<h1\b", re.IGNORECASE)
_H1_CLOSE = re.compile(r"</h1\s*>", re.IGNORECASE)
_IMG_OPEN = re.compile(r"<img\b", re.IGNORECASE)
_ALT = re.compile(r"\balt\s*=\s*", re.IGNORECASE)


class HeadingKind(Enum):
    SECTION = "section"
    CONTENTS = "contents"
    CONTRIBUTING = "contributing"
    LICENSE = "license"
    TOPICS = "topics"
    """The topic index a README rendered by listsmith ends with."""


_NAMES = {
    HeadingKind.CONTRIBUTING: {
        "contributing",
        "contribute",
        "contribution",
        "contributions",
        "how to contribute",
        "contribution guidelines",
    },
    HeadingKind.LICENSE: {"license", "licence", "licensing"},
}


def words(title: str) -> str:
    """A heading's words alone, lowercase: emoji and punctuation don't change its kind."""
    return " ".join(re.findall(r"[a-z]+", title.lower()))


def kind(title: str, generated: bool) -> HeadingKind:
    """What a heading (other than the table of contents) opens."""
    said = words(title)
    for heading_kind, names in _NAMES.items():
        if said in names:
            return heading_kind
    if generated and said == "topics":
        return HeadingKind.TOPICS
    return HeadingKind.SECTION


def _untagged(text: str) -> str:
    """``text`` with each ``<...>`` a space, as ``re.sub(r"<[^>]*>", " ", text)`` would
    have it, but linear: that regex scans to the end from every ``<`` lacking a ``>``."""
    out = []
    pos = 0
    while (start := text.find("<", pos)) >= 0:
        end = text.find(">", start + 1)
        if end < 0:
            break
        out += [text[pos:start], " "]
        pos = end + 1
    out.append(text[pos:])
    return "".join(out)


def _h1(text: str) -> str | None:
    """What the first ``<h1 ...>`` holds up to ``</h1>``, in one pass over ``text``.

    A regex searching ``<h1[^>]*>(.*?)</h1>`` from every ``<h1`` scans the rest
    of the text from each: quadratic on ``<h1>`` repeated. Only the first
    opening tag needs trying: a later one closes at the same ``>`` or after,
    and so finds no ``</h1>`` the first one missed.
    """
    opening = _H1_OPEN.search(text)
    if opening is None:
        return None
    inside = text.find(">", opening.end())
    if inside < 0:
        return None
    closing = _H1_CLOSE.search(text, inside + 1)
    return None if closing is None else text[inside + 1 : closing.start()]


def _img_alts(text: str) -> Iterator[str]:
    """The quoted ``alt`` of each ``<img ...>``, in order, in one pass over ``text``.

    An ``alt=`` counts before the tag's first ``>``; its quoted value may run
    past it. Two shortcuts keep this linear where a backtracking regex was
    quadratic (``<img a`` repeated without a ``>``): an ``<img`` inside a tag
    that found no ``alt`` finds none either (its candidates are a subset), so
    the search goes on after that tag; and a quote character missing from the
    rest of the text is not looked for again.
    """
    pos = 0
    missing: set[str] = set()
    while (tag := _IMG_OPEN.search(text, pos)) is not None:
        end = text.find(">", tag.end())
        pos = end = len(text) if end < 0 else end
        for name in _ALT.finditer(text, tag.end(), end):
            quote = text[name.end() : name.end() + 1]
            if quote not in ('"', "'") or quote in missing:
                continue
            closing = text.find(quote, name.end() + 1)
            if closing < 0:
                missing.add(quote)
                continue
            yield text[name.end() + 1 : closing]
            pos = closing + 1
            break


def html_title(text: str) -> str:
    """The list's name in raw HTML: an ``<h1>``'s text, else the first image's ``alt``."""
    inside = _h1(text)
    if inside is not None:
        title = " ".join(html.unescape(_untagged(inside)).split())
        if title:
            return title
    for value in _img_alts(text):
        alt = " ".join(html.unescape(value).split())
        if alt:
            return alt
    return ""


@dataclass
class Title:
    """What a list's level-1 heading holds: ``# [Name](homepage) [![badge](...)](...)``."""

    name: str
    homepage: tokens.Link | None
    """The link around the whole name, when there is one."""
    badges: list[Token]
    """Images and image links beside the name; the model has no place for them but the intro."""
    links: list[tokens.Link]
    """Other links in it, which a title can't hold."""


def title(children: list[Token]) -> Title:
    """Read a title heading's inline tokens."""
    found = list(tokens.links(children))
    badges: list[Token] = []
    words: list[Token] = []
    covered: set[int] = set()
    for link in found:
        if link.badge:
            badges += children[link.start : link.end + 1]
        covered |= set(range(link.start, link.end + 1))
    for i, token in enumerate(children):
        if i not in covered:
            (badges if token.type == "image" else words).append(token)
    named = [link for link in found if not link.badge]
    web = len(named) == 1 and named[0].href.startswith(("http://", "https://"))
    if web and not tokens.plain(words):
        return Title(tokens.plain(named[0].text), named[0], badges, [])
    listed = {id(t) for t in badges}
    return Title(tokens.plain([t for t in children if id(t) not in listed]), None, badges, named)

"""What a heading is for, judged by its words, and a title found in raw HTML.

The table of contents is recognised by what it holds (nothing but links to
headings of the page), not by its name: awesome-python calls it
"Categories", awesome-selfhosted "Table of contents".
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum

from markdown_it.token import Token

from listsmith.importer import tokens

_TAG = re.compile(r"<[^>]*>")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_IMG_ALT = re.compile(r"<img\b[^>]*?\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


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


def html_title(text: str) -> str:
    """The list's name in raw HTML: an ``<h1>``'s text, else the first image's ``alt``."""
    found = _H1.search(text)
    if found:
        title = " ".join(html.unescape(_TAG.sub(" ", found.group(1))).split())
        if title:
            return title
    for match in _IMG_ALT.finditer(text):
        alt = " ".join(html.unescape(match.group(1) or match.group(2) or "").split())
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

"""What a heading is for, judged by its words, and a title found in raw HTML.

The table of contents is recognised by what it holds (nothing but links to
headings of the page), not by its name: awesome-python calls it
"Categories", awesome-selfhosted "Table of contents".
"""

from __future__ import annotations

import html
import re
from enum import Enum

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

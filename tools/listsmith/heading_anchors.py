"""Which anchors a README's headings get, and whether one heading's would be another's.

GitHub gives each heading an anchor from its words (:func:`markdown.heading_anchor`);
a repeated one gets ``-1``, ``-2``... in the order the page shows them. An item that is a
heading (an imported list's ``- ### Arrays``, which its table of contents links to) is
allowed only when its anchor is its own whatever the order: no other heading has its
words, and no repeated heading's numbered anchor (``tools-1``) is its. Otherwise a pull
request's "### Contributing" there would take the links meant for the real one.
``markdown-inline`` refuses such a heading; the import shows its words instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from markdown_it import MarkdownIt

from listsmith import markdown

README_HEADINGS = ("Contents", "Topics", "Contributing")
"""Headings of the README's own making, beside the title's and the sections'."""

_md = MarkdownIt("commonmark")


def anchor_of(text: str) -> str:
    """The anchor GitHub gives a heading written ``text`` (Markdown), alone on its page."""
    inline = next((t for t in _md.parse(text) if t.type == "inline"), None)
    words = markdown.words(inline.children or []) if inline is not None else text
    return markdown.heading_anchor(words, {})


def in_texts(texts: Iterable[object]) -> Iterator[str]:
    """The headings (ATX or setext) inside Markdown ``texts``, each as ``# words``."""
    for text in texts:
        if isinstance(text, str) and text:
            found = _md.parse(text)
            yield from (
                f"# {found[i + 1].content}" for i, t in enumerate(found) if t.type == "heading_open"
            )


def counted(texts: Iterable[str]) -> Counter[str]:
    """How many of the headings written ``texts`` have each anchor."""
    return Counter(anchor_of(text) for text in texts)


def taken(heading: str, shown: Counter[str]) -> str | None:
    """The anchor ``heading`` would share with another heading the README shows, in some
    order of the page; None when it is its own. ``shown``: :func:`counted` of every heading
    the README shows, ``heading`` among them (counted once, the page's work, not each
    heading's: a list with 53 item headings checked in 1.3 s when each counted the rest)."""
    anchor = anchor_of(heading)
    others = shown - Counter([anchor])
    if others[anchor]:
        return anchor
    numbered = {f"{slug}-{n}" for slug, count in others.items() for n in range(1, count)}
    return anchor if anchor in numbered else None

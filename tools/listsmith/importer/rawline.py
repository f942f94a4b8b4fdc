"""An entry's line as its author typed it: the title link, the marks after it, the separator.

Tokens tell what a line means but not how it was spelled: a reference-style
image (``![Freeware][Freeware Icon]``) comes back from them as an inline one,
and the spaces around a separator are gone. Reading the item's raw text with
a small bracket scanner gives the spelling back, so what sits between the
title link and the separator (badges, icons, ``[[crate](...)]``, an HTML comment
a list's tooling reads), the separator itself (`` - ``, `` — ``, ``: ``) and the
description stay as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WRAPPER = re.compile(r"(\*\*|__|\*|_|~~)(?=\[)")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_SHORTCODES = re.compile(r"(?::[a-z0-9_+-]+:\s*)+")
_SEPARATOR = re.compile(r"\s*(?:--?|\u2013|\u2014|:|\uff1a|\|)(?:\s+|$|(?<=\uff1a))|\s+")
# An HTML comment as CommonMark reads one inline (markdown-it's own pattern): it ends at the
# first "-->", where a browser ends it too, or at once (``<!-->``).
_COMMENT = re.compile(r"<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->")


@dataclass(frozen=True)
class Shape:
    """The raw pieces of an item that starts with its title link."""

    marks: str
    """Markdown between the title link and the separator, stripped ("" when none)."""
    separator: str
    """What joins them to the description, spaces included (" - "); "" at the line's end."""
    rest: str
    """The description and anything after it, as written, on one line."""
    emphasis: str = ""
    """The bold, italic or strikethrough marker around the title link (``**[X](...)**``),
    "" for none."""


def _skip_code(text: str, i: int) -> int:
    """Past a code span starting at ``text[i]`` (a run of backticks), or i + 1 if unclosed."""
    run = len(text[i:]) - len(text[i:].lstrip("`"))
    close = text.find("`" * run, i + run)
    return close + run if close >= 0 else i + run


def _close(text: str, i: int, opening: str, closing: str) -> int:
    """The index after the ``closing`` that matches ``text[i] == opening``; -1 if none."""
    depth = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "`" and opening == "[":
            i = _skip_code(text, i)
            continue
        if char == "<" and opening == "(":
            end = text.find(">", i)
            if end > 0 and "\n" not in text[i:end]:
                i = end + 1
                continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def link_end(text: str, i: int) -> int:
    """The index after a link, image text or bracketed group starting at ``text[i] == "["``:
    ``[a](b)``, ``[a][ref]``, ``[a]``. -1 when the bracket never closes."""
    end = _close(text, i, "[", "]")
    if end < 0:
        return -1
    if text.startswith("(", end):
        return _close(text, end, "(", ")")
    if text.startswith("[", end):
        after = _close(text, end, "[", "]")
        return after if after > 0 else end
    return end


def shape(raw: str) -> Shape | None:
    """The pieces of ``raw`` (an item's first paragraph) when it starts with a link; None
    for any other line."""
    text = " ".join(raw.split())
    # A title link in bold or italics (awesome-indie's **[r/Entrepreneur](...)**): the
    # pieces start after the closing marker.
    wrapper = _WRAPPER.match(text)
    start = wrapper.end() if wrapper else 0
    if not text.startswith("[", start):
        return None
    pos = link_end(text, start)
    if pos < 0:
        return None
    if wrapper:
        if not text.startswith(wrapper.group(1), pos):
            return None
        pos += len(wrapper.group(1))
    marks_start = marks_end = pos
    while True:
        k = pos
        while k < len(text) and text[k] == " ":
            k += 1
        # An image, a badge (a link around images), a bracketed group of links, a code
        # span or an HTML comment: not a link of its own, which would be a second resource
        # or the words.
        if text.startswith("`", k):  # a code span, such as awesome-selfhosted's `⚠`
            end = _skip_code(text, k)
            end = end if text[k:end].endswith("`") and end > k + 1 else -1
        elif text.startswith("<!--", k):  # awesome-flutter's <!-- stargazers:owner/repo -->
            comment = _COMMENT.match(text, k)
            end = comment.end() if comment else -1
        elif text.startswith(("![", "[![", "[["), k):
            end = link_end(text, k + 1 if text.startswith("![", k) else k)
        else:
            break
        if end < 0:
            break
        pos = marks_end = end
    found = _SEPARATOR.match(text, marks_end)
    sep_end = found.end() if found else marks_end
    return Shape(
        text[marks_start:marks_end].strip(),
        text[marks_end:sep_end],
        text[sep_end:],
        wrapper.group(1) if wrapper else "",
    )


_TASK = re.compile(r"\[[ xX]\]\s+")
"""A task list item's checkbox (GFM), which GitHub shows at the start of an item."""


def task_box(text: str) -> str:
    """The checkbox and space ``text`` starts with as a task list item's, or ""."""
    found = _TASK.match(text)
    return found.group(0) if found else ""


def shortcodes(text: str) -> bool:
    """Whether ``text`` is emoji shortcodes alone (``:free:``, ``:moneybag: :tada:``), which
    GitHub shows as emoji."""
    return bool(_SHORTCODES.fullmatch(text.strip()))


def lead_end(text: str) -> int:
    """Where the title link starts after code spans, emoji shortcodes, images and a separator
    that lead a line (`` `0BSD` - [BSD Zero-Clause Licence](...)``, ``:free: [Littera](...)``,
    ``![v3] [plugin-vue](...)``), or a task list's checkbox (``[ ] [Skiena](...)``); -1 when
    something else comes first."""
    i = len(task_box(text))
    while i < len(text) and text[i] != "[":
        shortcode = _SHORTCODE.match(text, i)
        if shortcode:
            i = shortcode.end()
        elif text.startswith("![", i):  # awesome-vite's "![v3] [plugin-vue](...)"
            i = link_end(text, i + 1)
            if i < 0:
                return -1
        elif text[i] == "`":
            i = _skip_code(text, i)
        elif text[i] in " -:\u2013\u2014|":
            i += 1
        else:
            return -1
    return i if i < len(text) else -1


def reference_link(raw: str) -> str | None:
    """A line's first link as written when it is reference-style (``[Calico][calico]``,
    ``[Calico][]``, ``[Calico]``); None for an inline link or a line that starts otherwise."""
    text = " ".join(raw.split())
    if not text.startswith("["):
        return None
    end = _close(text, 0, "[", "]")
    if end < 0 or text.startswith("(", end):
        return None
    if text.startswith("[", end):
        after = _close(text, end, "[", "]")
        return text[:after] if after > 0 else None
    return text[:end]

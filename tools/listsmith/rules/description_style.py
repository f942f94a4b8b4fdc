"""Descriptions read as real sentences that add something to the title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "description-style"
LEVEL = Level.ERROR
ASKS = (
    "The description starts with a capital, ends with `.`, `!` or `?`, and does not just "
    "repeat the title."
)

_NOT_WORD = re.compile(r"[\W_]+")
_IMAGE = r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])"
# Icons and badges a list puts after the sentence (``... editor. ![Freeware][Freeware Icon]``,
# ``[![Build](...)](...)``): the sentence ends before them.
_TRAILING_BADGE = re.compile(rf"\s*(?:{_IMAGE}|\[{_IMAGE}\]\([^)\n]*\))\s*$")


def sentence(text: str) -> str:
    """A description less the icons and badges that follow its words."""
    text = text.rstrip()
    while (found := _TRAILING_BADGE.search(text)) is not None and found.start() > 0:
        text = text[: found.start()].rstrip()
    return text


def starts_as_a_sentence(text: str) -> bool:
    """Its first letter or digit is a capital or a digit (or it has none)."""
    first = next((c for c in text if c.isalnum()), "")
    return not first or first.isupper() or first.isdigit()


def ends_as_a_sentence(text: str) -> bool:
    """Its words, less the icons and badges after them, end with ``.``, ``!``, ``?`` or ``…``."""
    return sentence(text).endswith((".", "!", "?", "…"))


def alphanumerics(text: str) -> str:
    """Compare texts by their words only: case, spaces and punctuation don't matter."""
    return _NOT_WORD.sub("", text.casefold())


def check(context: RuleContext) -> Iterator[Finding]:
    for entry in context.project.entries:
        text = entry.text("description")
        if not text or not text.strip():
            continue  # the schema decides whether a description is required
        where = ("description",)
        if not starts_as_a_sentence(text):
            yield at(entry, where, "description should start with a capital letter")
        if not ends_as_a_sentence(text):
            yield at(entry, where, "description should end with '.', '!' or '?'")
        title = entry.text("title")
        # Only a description about as short as the title can be a mere repeat of it.
        if (
            title
            and len(text) <= len(title) + 20
            and alphanumerics(text)
            in (alphanumerics(title), alphanumerics(title) + alphanumerics(" is a resource"))
        ):
            yield at(
                entry, where, "description only repeats the title; say what the reader gets from it"
            )

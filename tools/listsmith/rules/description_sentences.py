"""A description is a line in a list, not a paragraph: keep it to a sentence or two."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at
from listsmith.settings import Option

ID = "description-sentences"
LEVEL = Level.WARNING
ASKS = "The description has at most `max` sentences."
OPTIONS = {
    "max": Option(2, (int,), "The most sentences a description may have.", minimum=1),
}

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def check(context: RuleContext) -> Iterator[Finding]:
    most = context.options["max"]
    for entry in context.project.entries:
        text = entry.text("description")
        if not text or not text.strip():
            continue
        sentences = len(_SENTENCE_END.findall(text.strip())) + 1
        if sentences > most:
            yield at(
                entry,
                ("description",),
                f"description has {sentences} sentences; keep it to {most}",
            )

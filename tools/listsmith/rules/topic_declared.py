"""Topics are a closed vocabulary: a typo would otherwise create a new topic of one."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "topic-declared"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = "Every topic is declared in `resources/index.yaml`."
BLOCKING = True
CONFIGURABLE = False


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    if not project.index.doc:
        return
    declared = [tid for _, tid in project.index.topic_ids]
    for entry in project.entries:
        for i, topic in entry.strings("topics"):
            if topic in declared:
                continue
            close = difflib.get_close_matches(topic, declared, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "; declare it in index.yaml first"
            yield at(entry, ("topics", i), f"topic '{topic}' is not declared{hint}")

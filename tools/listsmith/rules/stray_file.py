"""Files under resources/ that are not YAML are not part of the list; say so."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.project import ENTRY_SUFFIXES
from listsmith.rules.base import Finding, RuleContext, file

ID = "stray-file"
LEVEL = Level.WARNING
ASKS = "Only YAML files belong under `resources/`."


def check(context: RuleContext) -> Iterator[Finding]:
    for path in context.project.strays:
        if not path.endswith(ENTRY_SUFFIXES):
            yield file(path, "not a YAML file; only .yaml entries are part of the list")

"""An entry's folder must be a section of index.yaml, or it would never be rendered."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, file

ID = "section-declared"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = "The folder is a section (or sub-section) of `resources/index.yaml`."
BLOCKING = True
CONFIGURABLE = False


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    if not project.index.doc:
        return  # the index's own problem explains everything
    declared = [s.path for s in project.index.sections]
    known = set(declared)
    for entry in project.entries:
        if entry.section in known:
            continue
        # A sub-section is named by its whole path (`minimizers/date`): a bare last part,
        # the name the README shows, is the likeliest slip.
        named = [p for p in declared if p.rsplit("/", 1)[-1] == entry.section]
        close = named[:1] or difflib.get_close_matches(entry.section, declared, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        listed = f" (sections: {', '.join(declared) or 'none'})" if len(declared) <= 12 else ""
        yield file(
            entry.path,
            f"folder '{entry.section}' is not a section declared in index.yaml{hint}{listed}",
        )

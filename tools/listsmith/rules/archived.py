"""A linked repository its host marks archived (read-only): perhaps time for a successor.

Read from signals.json, which ``listsmith links --signals`` refreshes; an entry
with ``maintenance: finished`` says the project is done, and stays quiet.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith import signals
from listsmith.problems import Level
from listsmith.rules._signals import repository
from listsmith.rules.base import Finding, RuleContext, at

ID = "archived"
LEVEL = Level.WARNING
KIND = "maintenance"
ASKS = (
    "A linked repository is not marked archived (read-only) by its host; needs the repository "
    "signals (see Maintenance)."
)


def check(context: RuleContext) -> Iterator[Finding]:
    for entry in context.project.entries:
        repo = repository(context, entry)
        message = repo and signals.archived_warning(repo, entry.data.get("maintenance"))
        if message:
            yield at(entry, ("url",), message)

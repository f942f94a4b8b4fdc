"""A linked repository with no push for a long time (``days``, default 365): abandoned?

Counted from when signals.json was refreshed, not from today, so ``check``
answers the same every day. An entry with ``maintenance: finished`` is a
project that is done, not dead, and stays quiet.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith import signals
from listsmith.problems import Level
from listsmith.rules._signals import asked_on, repository
from listsmith.rules.base import Finding, RuleContext, at
from listsmith.settings import Option

ID = "stale"
LEVEL = Level.WARNING
KIND = "maintenance"
ASKS = (
    "A linked repository had a push within `days` days; a `maintenance: finished` entry is exempt."
)
OPTIONS = {
    "days": Option(
        signals.STALE_DAYS,
        (int,),
        "Days without a push after which a repository is stale.",
        minimum=1,
    ),
}


def check(context: RuleContext) -> Iterator[Finding]:
    for entry in context.project.entries:
        repo = repository(context, entry)
        today = asked_on(repo) if repo else None
        if repo is None or today is None:
            continue
        message = signals.stale_warning(
            repo, today, context.options["days"], entry.data.get("maintenance")
        )
        if message:
            yield at(entry, ("url",), message)

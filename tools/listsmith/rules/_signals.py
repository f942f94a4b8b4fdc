"""The maintenance signals (signals.json) the maintenance rules share in a run."""

from __future__ import annotations

from datetime import date

from listsmith import signals
from listsmith.project import Entry
from listsmith.rules.base import RuleContext


def repository(context: RuleContext, entry: Entry) -> signals.RepoSignals | None:
    """The signals of the repository an entry's main URL points into, if the file has them."""
    if "signals" not in context.shared:
        context.shared["signals"] = signals.load(context.project.root)
    url = entry.text("url")
    return context.shared["signals"].for_url(url) if url else None


def asked_on(repo: signals.RepoSignals) -> date | None:
    """The day the host was asked: ages count from there, so check gives the same answer
    every day until the scheduled run refreshes the file."""
    return repo.refreshed.date() if repo.refreshed is not None else None

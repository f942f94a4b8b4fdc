"""What ``check`` judges a list by, offline, in one function, so that every command that
reports a list's problems (``check``, the pull-request preview) says the same.

Validation and the duplicate rules (with the link history's redirects), then
the baseline: recorded findings become notes, and with a base commit the
errors the base has too, in files the change didn't touch, are not the
change's. A finding about two entries goes to the one the change adds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from listsmith import baseline, gitref
from listsmith.problems import Problem
from listsmith.project import Project


@dataclass(frozen=True)
class Judgement:
    problems: list[Problem]
    """The list's findings, the baseline applied and the change settled."""
    recorded: list[baseline.Item]
    """The findings the trusted baseline records."""
    stale: list[baseline.Item]
    """Recorded findings that no longer occur."""
    unreadable: list[Problem]
    """What is wrong with the baseline file itself."""

    def reported(self) -> list[Problem]:
        """Everything ``check`` reports of it (the generated files aside)."""
        stale = [baseline.stale_problem(self.stale)] if self.stale else []
        return self.problems + stale + self.unreadable


def judge(project: Project, commit: str | None, history: Path | None = None) -> Judgement:
    """``project`` judged, against the base ``commit`` of a change when there is one;
    ``history`` is the link history to learn redirects from (None: the list's own)."""
    from listsmith.links.history import final_urls
    from listsmith.validate import validate

    statuses = gitref.statuses(project.root, commit) if commit is not None else {}
    if commit is not None:
        project.added = frozenset(p for p, status in statuses.items() if status == "A")
    final, problems = final_urls(project.root, history)
    problems = sorted(problems + validate(project, final_urls=final))
    recorded, unreadable = baseline.read(project.root, commit)
    problems, stale = baseline.apply(project.root, recorded, problems)
    if commit is not None:
        touched = frozenset(p for p, status in statuses.items() if status in "ACMR")
        problems = baseline.settle(project.root, commit, problems, touched)
    return Judgement(problems, recorded, stale, unreadable)

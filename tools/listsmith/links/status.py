"""The closed set of outcomes a link can have, a check's verdict, a run's result, and
when it is rot."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields, replace
from typing import Any

from listsmith.signals import RepoSignals


class Status(str, enum.Enum):
    """What a reader would experience following the link.

    Only BROKEN means the link is rotten (and MISSING_ANCHOR, when the list
    says so); the others are reported for a human to judge and never fail a
    run, because a checker that cries wolf (bot walls, rate limits, a flaky
    network) stops being read.
    """

    OK = "ok"
    REDIRECTED = "redirected"
    """Works, but through a permanent redirect: the list should use the new URL."""
    BROKEN = "broken"
    """Gone: 404, 410, no such host, a loop, a deleted repository, or a soft 404
    (a page that answers 200 and says it does not exist)."""
    MISSING_ANCHOR = "missing-anchor"
    """The page works, but has no element the URL's #fragment names (no ``id``, no
    ``<a name>``): the reader lands at the top instead of the section meant.
    It fails the run only when the list asks for it (``links.anchors: fail``)."""
    BLOCKED = "blocked"
    """The site refuses automated visitors (401, 403, 429, 999, challenge pages)."""
    TIMEOUT = "timeout"
    ERROR = "error"
    """A transient or local fault: refused or reset connections, TLS, 5xx after retries."""
    SKIPPED = "skipped"


FAILING = frozenset({Status.BROKEN, Status.MISSING_ANCHOR})
"""Statuses whose runs in a row the history counts (``--fail-after``)."""


@dataclass(frozen=True)
class Source:
    file: str
    line: int
    col: int
    path: tuple[str | int, ...] = ("url",)
    """Where in the entry the URL sits, for rewriting it."""


@dataclass(frozen=True)
class Verdict:
    """What one check says of one URL, in words a maintainer can act on.

    Every check (plain HTTP, each site) returns one and nobody changes it: a
    check that learns more makes a new one (``dataclasses.replace``).
    """

    url: str
    status: Status
    reason: str
    http_status: int | None = None
    final_url: str | None = None
    """Where the URL ends after every redirect."""
    new_url: str | None = None
    """For REDIRECTED: the target of the leading permanent redirects, which the list
    should use (a later temporary hop is the site's business, not ours)."""
    note: str = ""
    """Something worth knowing about a working link (an archived repository)."""
    retry_after: str | None = field(default=None, repr=False, compare=False)
    """The server's Retry-After, used between attempts and never reported."""
    signals: RepoSignals | None = field(default=None, repr=False, compare=False)
    """What a site's API said about the repository the URL is in (``--signals``)."""

    def noted(self, note: str) -> Verdict:
        """This verdict with ``note`` added to what it already notes."""
        return replace(self, note=f"{self.note}; {note}" if self.note else note)


@dataclass(frozen=True)
class Result(Verdict):
    """One URL as a run reports it: the verdict (this run's, or the history's), where
    the list uses the URL, how long it has been failing, and the archived copy the
    list already links. Only the run (``run.check_links``) assembles one."""

    failures: int = 0
    """Consecutive failing runs, from the history (this one included)."""
    first_failure: str | None = None
    """When the first of those runs was (ISO 8601), from the history."""
    cached: bool = False
    """The verdict is the history's, not this run's."""
    sources: tuple[Source, ...] = ()
    archived_copy: str | None = None
    """A Wayback snapshot of this URL that every entry using it already links
    (``fix_broken: link``): the reader can get around the rot, so it is not
    reported as rot again."""

    @classmethod
    def of(cls, verdict: Verdict, **run: Any) -> Result:
        """``verdict`` with what the run knows of it (``failures``, ``sources``...)."""
        return cls(**{name: getattr(verdict, name) for name in _SAID}, **run)


_SAID = tuple(said.name for said in fields(Verdict))
"""What a verdict says, field by field (``fields()`` is slow to ask for every URL)."""


@dataclass(frozen=True)
class Policy:
    """When a result is rot: it fails the run, ``--fix`` repairs it, the issue lists it."""

    fail_after: int = 1
    """Failing runs in a row before a link counts (the history counts them)."""
    anchors_fail: bool = False
    """A missing anchor is rot too (``links.anchors: fail``)."""

    def counts(self, result: Verdict) -> bool:
        """Of a kind this list calls rot, however many runs it has failed."""
        return result.status is Status.BROKEN or (
            self.anchors_fail and result.status is Status.MISSING_ANCHOR
        )

    def rotten(self, result: Result) -> bool:
        return (
            self.counts(result)
            and result.failures >= self.fail_after
            and result.archived_copy is None
        )

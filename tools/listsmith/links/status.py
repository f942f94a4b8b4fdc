"""The closed set of outcomes a link can have, and one link's result."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from listsmith.signals import RepoSignals


class Status(str, enum.Enum):
    """What a reader would experience following the link.

    Only BROKEN means the link is rotten; the others are reported for a
    human to judge and never fail a run, because a checker that cries wolf
    (bot walls, rate limits, a flaky network) stops being read.
    """

    OK = "ok"
    REDIRECTED = "redirected"
    """Works, but through a permanent redirect: the list should use the new URL."""
    BROKEN = "broken"
    BLOCKED = "blocked"
    """The site refuses automated visitors (401, 403, 429, 999, challenge pages)."""
    TIMEOUT = "timeout"
    ERROR = "error"
    """A transient or local fault: refused or reset connections, TLS, 5xx after retries."""
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Source:
    file: str
    line: int
    col: int
    path: tuple[str | int, ...] = ("url",)
    """Where in the entry the URL sits, for rewriting it."""


@dataclass
class Result:
    """The verdict on one URL, in words a maintainer can act on."""

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
    failures: int = 0
    """Consecutive failing runs, from the history (this one included)."""
    cached: bool = False
    sources: list[Source] = field(default_factory=list)
    retry_after: str | None = field(default=None, repr=False, compare=False)
    """The server's Retry-After, used between attempts and never reported."""
    signals: RepoSignals | None = field(default=None, repr=False, compare=False)
    """What a site's API said about the repository the URL is in (``--signals``)."""

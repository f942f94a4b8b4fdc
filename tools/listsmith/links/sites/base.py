"""What a site check is, and what it is given.

Some sites' plain HTTP answer does not tell the truth (a removed YouTube
video answers 200), or costs too much (github.com answers crawlers 429 after
60 requests a minute, while its API answers 100 repositories in one query).
A site check claims such URLs. It may answer many of them at once before the
per-URL checks start (``batch``), answer one (``check``), or hand a URL back
to the plain HTTP check (:class:`ByHTTP`). Both are coroutines on the run's
one event loop, beside the plain checks: waiting on an API blocks nothing.

A site gets a :class:`SiteContext`: a fetch coroutine (one exchange under
the run's guard, host limits and deadline, carrying the site's token to its
API origin only), its own settings and a clock. It never sees the checker,
so sites and the core do not import each other, and a test can hand a site
canned answers instead of a server.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from listsmith.links.exchange import Response
from listsmith.links.status import Verdict
from listsmith.settings import Option
from listsmith.signals import RepoSignals

API_SAMPLE = 4 * 1024 * 1024
"""Bytes of an API answer read (a GraphQL answer for 100 repositories is ~60 KB)."""


@dataclass(frozen=True)
class ByHTTP:
    """No verdict of the site's own: check the URL over plain HTTP.

    ``note`` and ``signals`` (what the API said about the repository a deep
    link is in) are added to the plain check's result.
    """

    note: str = ""
    signals: RepoSignals | None = None


Answer = Verdict | ByHTTP
"""What a site says of a URL: its own verdict, or the plain check's to give."""


class Fetch(Protocol):
    """One exchange, redirects followed (GET and HEAD); raises Unanswered when no answer came."""

    async def __call__(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        sample: int = API_SAMPLE,
    ) -> Response: ...


async def _sleep(seconds: float) -> None:
    import asyncio  # here: a run answered from the history alone never loads it (run._check)

    await asyncio.sleep(seconds)


@dataclass(frozen=True)
class SiteContext:
    fetch: Fetch
    settings: Mapping[str, Any]
    """This site's settings, by their short names."""
    authenticated: bool = False
    """Whether the site's token is set (it is sent by ``fetch``, never seen here)."""
    rate_limit_wait: float = 60.0
    """The longest wait for an API's rate limit to lift; longer ones are reported blocked."""
    signals: bool = False
    """The run refreshes signals.json: fetch what it needs even when that costs a request."""
    sleep: Callable[[float], Awaitable[None]] = _sleep
    clock: Callable[[], float] = time.time

    async def wait(self, seconds: float) -> bool:
        """Wait out a rate limit if it lifts soon enough; False when it does not."""
        if seconds > self.rate_limit_wait:
            return False
        await self.sleep(seconds)
        return True


class SiteCheck:
    """A check for one kind of site. Subclasses set ``name``, ``settings`` and
    ``token_env`` and implement ``applies`` and ``check``; ``batch`` is optional."""

    name: ClassVar[str]
    settings: ClassVar[dict[str, Option]] = {}
    """Options by short name; the run's settings name each ``<site>_<name>``. One that
    decides where requests or credentials go is ``trusted``: on a pull request it comes
    from the base branch's settings, never the pull request's."""
    token_env: ClassVar[str | None] = None
    """The environment variable holding this site's token, if it takes one."""
    token_scheme: ClassVar[str] = "Bearer"

    def __init__(self, context: SiteContext) -> None:
        self.context = context
        self.fetch = context.fetch
        self.setting = context.settings

    @classmethod
    def token_origin(cls, settings: Mapping[str, Any]) -> str | None:
        """The one URL origin the token may be sent to (the API's)."""
        return None

    def applies(self, url: str) -> bool:
        raise NotImplementedError

    async def batch(self, urls: list[str]) -> dict[str, Answer]:
        """Verdicts for many URLs at once, before the per-URL checks; the URLs
        left out go to ``check`` one by one."""
        return {}

    async def check(self, url: str) -> Answer:
        raise NotImplementedError

"""Run many checks at once on one event loop, without hammering any one host.

Every check is a coroutine returning a frozen :class:`~listsmith.links.status.Verdict`:
the site batches and the plain checks start together, and what a batch leaves
over is checked one URL at a time as soon as the batch ends. Which check starts
next is ``turns``' to say (a few workers take them host by host), and how many
requests are in flight, in all and per host, the transport's gate. Verdicts go
to ``on_verdict`` as they come; the run assembles its report from them.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Coroutine, Iterable, Mapping
from typing import Any

from listsmith.links.checker import Checker
from listsmith.links.dispatch import Dispatcher, build_sites
from listsmith.links.sites import Answer, SiteCheck
from listsmith.links.status import Verdict
from listsmith.links.turns import Turns


class Progress:
    """A one-line counter on a terminal; silent in CI and when output is piped."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done = total, enabled, 0
        self._last = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            width = 30
            filled = width * self.done // max(self.total, 1)
            sys.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} links"
            )
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def run(
    checker: Checker,
    urls: list[str],
    progress: Progress,
    on_verdict: Callable[[Verdict], None],
    *,
    sites: list[SiteCheck] | None = None,
    signals: bool = False,
    environ: Mapping[str, str] = os.environ,
) -> None:
    """Check ``urls`` on one event loop: each site's batch and the other URLs at
    once, then what the batches left over. ``sites`` defaults to every registered
    site, with tokens from ``environ``."""
    asyncio.run(_run(checker, urls, progress, on_verdict, sites, signals, environ))


async def _run(
    checker: Checker,
    urls: list[str],
    progress: Progress,
    on_verdict: Callable[[Verdict], None],
    sites: list[SiteCheck] | None,
    signals: bool,
    environ: Mapping[str, str],
) -> None:
    def tell(verdict: Verdict) -> None:
        on_verdict(verdict)
        progress.step()

    async with checker.open():
        if sites is None:
            sites = build_sites(checker, environ, signals)
        dispatcher = Dispatcher(checker, sites)
        routes = dispatcher.route(urls)
        options = checker.options
        turns: Turns[tuple[str, SiteCheck | None, Answer | None]] = Turns(
            lambda host: 2 * options.limit_for(host)
        )

        async def worker() -> None:
            while (taken := await turns.take()) is not None:
                host, (url, site, answer) = taken
                try:
                    tell(await dispatcher.check(url, site, answer))
                finally:
                    turns.done(host)

        async def batch(site: SiteCheck, site_urls: list[str]) -> None:
            left = []
            for url, answer in await dispatcher.batch(site, site_urls):
                if isinstance(answer, Verdict):
                    tell(answer)
                else:
                    left.append((url, (url, site, answer)))
            turns.add(left)

        async def batches() -> None:
            try:
                await _all(batch(site, site_urls) for site, site_urls in routes.batches)
            finally:
                turns.close()  # what the batches left over is queued: workers may stop

        for verdict in routes.done:
            tell(verdict)
        turns.add((url, (url, site, None)) for url, site in routes.single)
        workers = 2 * options.concurrency  # a place each, and as many waiting out a backoff
        await _all([batches(), *(worker() for _ in range(workers))])


async def _all(checks: Iterable[Coroutine[Any, Any, None]]) -> None:
    """Run ``checks`` at once. A check that fails is a bug, or a run that cannot go
    on: the first failure cancels the others and reaches the caller as it was."""
    tasks = [asyncio.ensure_future(check) for check in checks]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        # Their end awaited here, inside the transport's session, and their own
        # failures with it: the first one is the caller's.
        await asyncio.gather(*tasks, return_exceptions=True)
        raise

"""Run many checks at once on one event loop, without hammering any one host.

Every check is a coroutine returning a frozen :class:`~listsmith.links.status.Verdict`:
the site batches and the plain checks start together, and what a batch leaves
over is checked one URL at a time as soon as the batch ends. How many requests
are in flight, in all and per host, is the transport's gate to say. Verdicts go
to ``on_verdict`` as they come; the run assembles its report from them.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Coroutine, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from listsmith.links.checker import Checker
from listsmith.links.dispatch import Dispatcher, build_sites
from listsmith.links.sites import Answer, SiteCheck
from listsmith.links.status import Verdict


def interleave(items: list[Any], url: Callable[[Any], str] = str) -> list[Any]:
    """Round-robin over hosts, so the first requests spread across hosts instead of
    queueing behind one host's per-host limit."""
    by_host: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        try:
            host = urlsplit(url(item)).hostname or ""
        except ValueError:  # "https://[x/": the check reports it; here it just has no host
            host = ""
        by_host[host].append(item)
    queues = list(by_host.values())
    order: list[Any] = []
    for i in range(max((len(q) for q in queues), default=0)):
        order += [q[i] for q in queues if i < len(q)]
    return order


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

        async def single(url: str, site: SiteCheck | None, answer: Answer | None = None) -> None:
            tell(await dispatcher.check(url, site, answer))

        async def batch(site: SiteCheck, site_urls: list[str]) -> None:
            left = []
            for url, answer in await dispatcher.batch(site, site_urls):
                if isinstance(answer, Verdict):
                    tell(answer)
                else:
                    left.append((url, answer))
            await _all(single(url, site, answer) for url, answer in interleave(left, _first))

        for verdict in routes.done:
            tell(verdict)
        await _all(
            [
                *(batch(site, site_urls) for site, site_urls in routes.batches),
                *(single(url, site) for url, site in interleave(routes.single, _first)),
            ]
        )


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


def _first(item: tuple[str, Any]) -> str:
    return item[0]

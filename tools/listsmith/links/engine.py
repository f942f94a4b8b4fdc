"""Run many checks at once without hammering any one host."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from listsmith.links.checker import Checker
from listsmith.links.dispatch import Dispatcher, build_sites
from listsmith.links.sites import Site
from listsmith.links.status import Result


def interleave(items: list[Any], url: Callable[[Any], str] = str) -> list[Any]:
    """Round-robin over hosts, so the pool's workers spread across hosts instead
    of queueing behind one host's per-host limit."""
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
        self._lock = threading.Lock()
        self._last = 0.0

    def step(self) -> None:
        with self._lock:
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
    on_result: Callable[[Result], None],
    *,
    sites: list[Site] | None = None,
    signals: bool = False,
    environ: Mapping[str, str] = os.environ,
) -> None:
    """Check ``urls`` on one event loop: each site's batch and the other URLs at
    once, then what the batches left over. ``sites`` defaults to every registered
    site, with tokens from ``environ``."""
    asyncio.run(_run(checker, urls, progress, on_result, sites, signals, environ))


async def _run(
    checker: Checker,
    urls: list[str],
    progress: Progress,
    on_result: Callable[[Result], None],
    sites: list[Site] | None,
    signals: bool,
    environ: Mapping[str, str],
) -> None:
    loop = asyncio.get_running_loop()
    concurrency = checker.options.concurrency
    threads = ThreadPoolExecutor(concurrency, thread_name_prefix="listsmith-site")
    try:
        async with checker.open():
            if sites is None:
                sites = build_sites(checker, loop, environ, signals)
            dispatcher = Dispatcher(checker, sites, threads)
            plan = dispatcher.plan(urls)
            slots = asyncio.Semaphore(concurrency)
            finished: asyncio.Queue[tuple[Site | None, Any]] = asyncio.Queue()
            tasks: list[asyncio.Task[None]] = []

            async def task(batch_of: Site | None, work: Awaitable[Any]) -> None:
                try:
                    if batch_of is None:
                        async with slots:
                            outcome = await work
                    else:
                        outcome = await work
                except Exception as exc:  # a bug, or a run that cannot go on: the caller's
                    outcome = exc
                finished.put_nowait((batch_of, outcome))

            def start(batch_of: Site | None, work: Awaitable[Any]) -> None:
                tasks.append(asyncio.ensure_future(task(batch_of, work)))

            for site, site_urls in plan.batches:
                start(site, dispatcher.batch(site, site_urls))
            for url, site in interleave(plan.single, lambda item: item[0]):
                start(None, dispatcher.check(url, site))
            for result in plan.done:
                on_result(result)
                progress.step()
            done = 0
            while done < len(tasks):
                batch_of, outcome = await finished.get()
                done += 1
                if isinstance(outcome, Exception):
                    for pending in tasks:
                        pending.cancel()
                    raise outcome
                if batch_of is None:
                    on_result(outcome)
                    progress.step()
                    continue
                left = []
                for url, verdict in outcome:
                    if isinstance(verdict, Result):
                        on_result(verdict)
                        progress.step()
                    else:
                        left.append((url, verdict))
                for url, verdict in interleave(left, lambda item: item[0]):
                    start(None, dispatcher.check(url, batch_of, verdict))
    finally:
        # Not waiting here: a site thread still waiting on this loop would wait forever.
        threads.shutdown(wait=False, cancel_futures=True)

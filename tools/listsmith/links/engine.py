"""Run many checks at once without hammering any one host."""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from listsmith.links.dispatch import Dispatcher
from listsmith.links.status import Result


def interleave(items: list[Any], url: Callable[[Any], str] = str) -> list[Any]:
    """Round-robin over hosts, so the pool's workers spread across hosts instead
    of queueing behind one host's per-host limit."""
    by_host: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        by_host[urlsplit(url(item)).hostname or ""].append(item)
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
    dispatcher: Dispatcher,
    urls: list[str],
    progress: Progress,
    on_result: Callable[[Result], None],
) -> None:
    """Check ``urls``: each site's batch and the other URLs at once, then what the
    batches left over. Finished tasks come back through one queue (cheaper than
    waiting on thousands of futures)."""
    plan = dispatcher.plan(urls)
    finished: queue.SimpleQueue[Future[Any]] = queue.SimpleQueue()
    batches: dict[Future[Any], Any] = {}
    outstanding = 0

    def deliver(result: Result) -> None:
        on_result(result)
        progress.step()

    with ThreadPoolExecutor(max_workers=dispatcher.checker.options.concurrency) as pool:

        def submit(*task: Any) -> Future[Any]:
            nonlocal outstanding
            outstanding += 1
            future = pool.submit(*task)
            future.add_done_callback(finished.put)
            return future

        for site, site_urls in plan.batches:
            batches[submit(dispatcher.batch, site, site_urls)] = site
        for url, site in interleave(plan.single, lambda item: item[0]):
            submit(dispatcher.check, url, site)
        for result in plan.done:
            deliver(result)
        while outstanding:
            future = finished.get()
            outstanding -= 1
            site = batches.pop(future, None)
            if site is None:
                deliver(future.result())
                continue
            left = []
            for url, verdict in future.result():
                if isinstance(verdict, Result):
                    deliver(verdict)
                else:
                    left.append((url, verdict))
            for url, verdict in interleave(left, lambda item: item[0]):
                submit(dispatcher.check, url, site, verdict)

"""Run many checks at once without hammering any one host."""

from __future__ import annotations

import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from urllib.parse import urlsplit

from listsmith.links.checker import Checker
from listsmith.links.status import Result


def interleave(urls: list[str]) -> list[str]:
    """Round-robin over hosts, so the pool's workers spread across hosts instead
    of queueing behind one host's per-host limit."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).hostname or ""].append(url)
    queues = list(by_host.values())
    order: list[str] = []
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
    checker: Checker, urls: list[str], progress: Progress, on_result: Callable[[Result], None]
) -> None:
    with ThreadPoolExecutor(max_workers=checker.options.concurrency) as pool:
        futures = [pool.submit(checker.check, url) for url in interleave(urls)]
        for future in as_completed(futures):
            on_result(future.result())
            progress.step()

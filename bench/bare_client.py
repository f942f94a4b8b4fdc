"""The least a threaded Python link checker can take: a floor, not a tool.

Imports urllib3 (a checker built on it cannot skip that), then sends HEAD
for every URL of a file with bare http.client over kept-alive connections,
with the same global and per-host limits as the benchmark, and nothing else:
no list to load, no verdicts, no retries, no output. bench_links.py times it
beside listsmith and lychee, so the gap between listsmith and lychee can be
split into what Python costs and what listsmith adds.

    python bench/bare_client.py URLS_FILE CONCURRENCY PER_HOST
"""

from __future__ import annotations

import http.client
import queue
import sys
import threading
from itertools import zip_longest
from urllib.parse import urlsplit

import urllib3  # noqa: F401  (its import time is part of the floor)


def main() -> None:
    path, concurrency, per_host = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    by_host: dict[tuple[str, int], list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for url in handle.read().split():
            parts = urlsplit(url)
            by_host.setdefault((parts.hostname or "", parts.port or 80), []).append(parts.path)
    work: queue.SimpleQueue[tuple[tuple[str, int], str]] = queue.SimpleQueue()
    for row in zip_longest(*([(host, p) for p in paths] for host, paths in by_host.items())):
        for item in row:
            if item is not None:
                work.put(item)
    slots = {host: threading.BoundedSemaphore(per_host) for host in by_host}
    failures: list[str] = []

    def worker() -> None:
        connections: dict[tuple[str, int], http.client.HTTPConnection] = {}
        while True:
            try:
                host, target = work.get_nowait()
            except queue.Empty:
                return
            with slots[host]:
                connection = connections.setdefault(host, http.client.HTTPConnection(*host))
                connection.request("HEAD", target)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(target)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

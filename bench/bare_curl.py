"""What a native HTTP engine would take, driven from Python: a floor, not a tool.

libcurl's multi interface (pycurl) sends GET for every URL of a file with
the same global and per-host limits as the benchmark, over kept-alive
connections, and nothing else. Its parsing, connection pool and waiting are
C; Python only hands out URLs and counts answers. bench_links.py times it
beside the bare aiohttp client to show how much of listsmith's CPU per URL
is its HTTP stack's (aiohttp's pure-Python request path) rather than its
own, and what replacing that stack would give.

    python bench/bare_curl.py URLS_FILE CONCURRENCY PER_HOST
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict, deque
from urllib.parse import urlsplit

import pycurl


def fetch_all(urls: list[str], concurrency: int, per_host: int) -> int:
    """GET every URL; the number that did not answer 200."""
    queued: defaultdict[str, deque[str]] = defaultdict(deque)
    for url in urls:
        queued[urlsplit(url).netloc].append(url)
    hosts = deque(queued)
    busy: Counter[str] = Counter()
    multi = pycurl.CurlMulti()
    idle = []
    for _ in range(concurrency):
        handle = pycurl.Curl()
        handle.setopt(pycurl.WRITEFUNCTION, lambda chunk: None)
        idle.append(handle)
    host_of: dict[int, str] = {}
    failed = running = 0

    def start() -> None:
        nonlocal running
        passed = 0
        while idle and passed < len(hosts):
            host = hosts[0]
            hosts.rotate(-1)
            if busy[host] >= per_host or not queued[host]:
                passed += 1
                continue
            handle = idle.pop()
            handle.setopt(pycurl.URL, queued[host].popleft())
            host_of[id(handle)] = host
            busy[host] += 1
            multi.add_handle(handle)
            running += 1
            passed = 0

    start()
    while running:
        while multi.perform()[0] == pycurl.E_CALL_MULTI_PERFORM:
            pass
        _, done, errors = multi.info_read()
        for handle in done + [error[0] for error in errors]:
            failed += handle.getinfo(pycurl.RESPONSE_CODE) != 200
            multi.remove_handle(handle)
            busy[host_of[id(handle)]] -= 1
            idle.append(handle)
            running -= 1
        if done or errors:
            start()
        if running:
            multi.select(0.05)
    return failed


def main() -> None:
    path, concurrency, per_host = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as handle:
        urls = handle.read().split()
    sys.exit(1 if fetch_all(urls, concurrency, per_host) else 0)


if __name__ == "__main__":
    main()

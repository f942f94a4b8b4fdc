"""The command line both bare clients share: read the URLs, order them round-robin
over hosts (listsmith's ``links.turns`` takes its checks host by host in turn too),
and run the client's ``fetch_all`` with the limits.

Kept apart from listsmith so that a bare client imports nothing of it: what it
measures is its HTTP stack alone.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine
from itertools import zip_longest
from typing import Any
from urllib.parse import urlsplit

FetchAll = Callable[[list[str], int, int], Coroutine[Any, Any, int]]
"""(urls, concurrency, per_host) -> the number of URLs that did not answer 200."""


def main(fetch_all: FetchAll) -> None:
    """``python CLIENT URLS_FILE CONCURRENCY PER_HOST``; exits 1 when any URL failed."""
    path, concurrency, per_host = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    by_host: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for url in handle.read().split():
            by_host.setdefault(urlsplit(url).netloc, []).append(url)
    urls = [url for row in zip_longest(*by_host.values()) for url in row if url is not None]
    sys.exit(1 if asyncio.run(fetch_all(urls, concurrency, per_host)) else 0)

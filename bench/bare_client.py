"""aiohttp's request path with nothing of listsmith: what the link check's HTTP stack
cost before libcurl replaced it.

Imports aiohttp, then sends GET for every URL of a file on one event loop over
kept-alive connections, with the same global and per-host limits as the
benchmark, and nothing else. bench_links.py times it beside bare_curl.py (the
stack listsmith uses now) when aiohttp is installed (the bench extra).

    python bench/bare_client.py URLS_FILE CONCURRENCY PER_HOST
"""

from __future__ import annotations

import asyncio
import sys
from collections import defaultdict
from itertools import zip_longest
from urllib.parse import urlsplit

import aiohttp


async def fetch_all(urls: list[str], concurrency: int, per_host: int) -> int:
    """GET every URL; the number that did not answer 200."""
    slots = asyncio.Semaphore(concurrency)
    hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

        async def one(url: str) -> bool:
            async with (
                slots,
                hosts[urlsplit(url).netloc],
                session.get(url, allow_redirects=False) as response,
            ):
                await response.read()
                return response.status == 200

        answers = await asyncio.gather(*(one(url) for url in urls))
    return answers.count(False)


def main() -> None:
    path, concurrency, per_host = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    by_host: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for url in handle.read().split():
            by_host.setdefault(urlsplit(url).netloc, []).append(url)
    # Round-robin over hosts, as listsmith orders its checks.
    urls = [url for row in zip_longest(*by_host.values()) for url in row if url is not None]
    sys.exit(1 if asyncio.run(fetch_all(urls, concurrency, per_host)) else 0)


if __name__ == "__main__":
    main()

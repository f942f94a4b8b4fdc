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
from collections import defaultdict
from urllib.parse import urlsplit

import aiohttp

import bare_main


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


if __name__ == "__main__":
    bare_main.main(fetch_all)

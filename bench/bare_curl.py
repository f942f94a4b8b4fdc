"""listsmith's HTTP stack with nothing of listsmith: the floor of its link check.

Imports pycurl, then GETs every URL of a file through ``AsyncCurlMulti`` (libcurl's
multi interface on an asyncio event loop, as ``listsmith.links.http`` drives it),
with the same global and per-host limits as the benchmark, over kept-alive
connections, and nothing else: no list, no guard, no judging, no report.
bench_links.py times it beside listsmith, so what listsmith adds over its own
HTTP stack is the difference.

    python bench/bare_curl.py URLS_FILE CONCURRENCY PER_HOST
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from urllib.parse import urlsplit

import pycurl
from pycurl.async_multi import AsyncCurlMulti

import bare_main


async def fetch_all(urls: list[str], concurrency: int, per_host: int) -> int:
    """GET every URL; the number that did not answer 200."""
    slots = asyncio.Semaphore(concurrency)
    hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
    idle: list[pycurl.Curl] = []
    async with AsyncCurlMulti() as multi:

        async def one(url: str) -> bool:
            async with slots, hosts[urlsplit(url).netloc]:
                handle = idle.pop() if idle else pycurl.Curl()
                body: list[bytes] = []
                handle.setopt(pycurl.URL, url)
                handle.setopt(pycurl.WRITEFUNCTION, body.append)
                await multi.perform(handle)
                status = handle.getinfo(pycurl.RESPONSE_CODE)
                idle.append(handle)
                return status == 200

        answers = await asyncio.gather(*(one(url) for url in urls))
    return answers.count(False)


if __name__ == "__main__":
    bare_main.main(fetch_all)

"""listsmith's HTTP stack with nothing of listsmith: the floor of its link check.

Imports pycurl, then GETs every URL of a file through ``listsmith.links.curlloop``
(libcurl's multi interface on an asyncio event loop, the driver of listsmith's
HTTP stack; importing it imports nothing else of listsmith),
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

import bare_main
from listsmith.links.curlloop import CurlLoop


async def fetch_all(urls: list[str], concurrency: int, per_host: int) -> int:
    """GET every URL; the number that did not answer 200."""
    slots = asyncio.Semaphore(concurrency)
    hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
    idle: list[pycurl.Curl] = []
    multi = CurlLoop(connections=max(100, 2 * concurrency))  # as listsmith's transport
    try:

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
    finally:
        await multi.aclose()
    return answers.count(False)


if __name__ == "__main__":
    bare_main.main(fetch_all)

"""An aiohttp session whose connections go only to addresses the run has approved.

Why aiohttp, on one event loop, rather than a blocking client in threads:
with 32 or 256 checks in flight, threads spent as much CPU handing the GIL
to one another and parsing headers with ``email.parser`` as on the requests
themselves (0.82 ms of CPU per URL on the 2,000-link benchmark, 0.23 ms for
lychee). One event loop switches between checks without threads, and
aiohttp parses HTTP in C (llhttp): a HEAD request costs a third of the CPU.

aiohttp would resolve each host itself when it connects; here its resolver
asks the run's ``approve`` function (the guard) instead, so what was judged
is what is contacted, and TLS still checks the certificate against the host
name. aiohttp asks no resolver about a host it reads as an address, so every
socket it opens is also shown to ``admit`` (the guard again) before it
connects. A whole exchange has a deadline (aiohttp's total timeout, what is left
of it for each redirect), and connect and read timeouts bound each step.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Callable

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

Approve = Callable[[str, int], list[str]]
"""(host, port) -> the addresses a connection may use; raises to refuse the host."""
Known = Callable[[str, int], bool]
"""(host, port) -> whether ``Approve`` answers at once (its lookup is done)."""
Admit = Callable[[str], None]
"""address -> None when a socket may connect to it; raises (not OSError) to refuse."""

BROWSER_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.5",
}
MAX_HEADERS = 128
"""Response headers accepted before the answer is refused as malformed."""
DRAIN_BYTES = 64 * 1024
"""The longest unread rest of a body read anyway, to keep its connection (see ``drain``)."""


class PinnedResolver(AbstractResolver):
    """Answers aiohttp's lookups with the guard's approved addresses, in the guard's order."""

    def __init__(self, approve: Approve, known: Known) -> None:
        self._approve = approve
        self._known = known

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        # A lookup done already is answered here: queued behind other hosts' slow lookups
        # in the executor, it would spend the request's deadline waiting for a thread.
        if self._known(host, port):
            addresses = self._approve(host, port)
        else:
            loop = asyncio.get_running_loop()
            addresses = await loop.run_in_executor(None, self._approve, host, port)
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in addresses
        ]

    async def close(self) -> None:
        pass


def _socket_factory(admit: Admit) -> Callable[[tuple], socket.socket]:
    """Makes aiohttp's sockets, each once its address is admitted. The refusal is no
    OSError, so aiohttp does not try the next address: it ends the request."""

    def make(addr_info: tuple) -> socket.socket:
        family, kind, proto, _, sockaddr = addr_info
        admit(sockaddr[0])
        return socket.socket(family=family, type=kind, proto=proto)

    return make


def session(
    user_agent: str, approve: Approve, known: Known, admit: Admit, tls: ssl.SSLContext
) -> aiohttp.ClientSession:
    """One shared session: pooled connections to pinned addresses, no cookies, proxies
    or netrc from the environment; redirects and retries are the caller's."""
    connector = aiohttp.TCPConnector(
        socket_factory=_socket_factory(admit),
        limit=0,  # the checker's gate limits requests, globally and per host
        resolver=PinnedResolver(approve, known),
        use_dns_cache=False,  # the guard keeps the one lookup per name
        ssl=tls,
        happy_eyeballs_delay=None,  # try addresses one by one, in the resolver's order
    )
    return aiohttp.ClientSession(
        connector=connector,
        headers={"User-Agent": user_agent, **BROWSER_HEADERS},
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,
        max_headers=MAX_HEADERS,
    )


def target(url: str) -> URL:
    """The URL as it is written: an ASCII URL is sent without re-quoting (yarl would
    normalise escapes, and the page asked for would not be the one listed)."""
    return URL(url, encoded=True) if url.isascii() else URL(url)


def timeout(total: float, step: float) -> aiohttp.ClientTimeout:
    """``total`` for what is left of the exchange's deadline (redirects share it),
    ``step`` for connecting and for each read."""
    return aiohttp.ClientTimeout(total=max(total, 0.001), sock_connect=step, sock_read=step)


async def read_at_most(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """Up to ``limit`` body bytes; a body left unread closes its connection on release."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = await response.content.read(min(64 * 1024, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


async def read_into(
    response: aiohttp.ClientResponse, consume: Callable[[bytes], bool], limit: int
) -> bool:
    """Feed the body to ``consume`` as it arrives, until it says it has heard enough
    or ``limit`` bytes came; True when the whole body was read."""
    size = 0
    while size < limit:
        chunk = await response.content.read(min(64 * 1024, limit - size))
        if not chunk:
            return True
        size += len(chunk)
        if consume(chunk):
            return False
    return response.content.at_eof()


async def drain(response: aiohttp.ClientResponse) -> None:
    """Read the rest of a body that says it is short (Content-Length at most DRAIN_BYTES).

    A connection whose answer was not read to its end is closed, so the next
    request to the host pays a new TCP (and TLS) handshake. Reading a few
    bytes more is cheaper; a long or unsized body is still left unread.
    """
    length = response.content_length
    if length is not None and length <= DRAIN_BYTES and not response.content.at_eof():
        await read_at_most(response, DRAIN_BYTES)


def headers_of(response: aiohttp.ClientResponse) -> dict[str, str]:
    return {name.lower(): value for name, value in response.headers.items()}

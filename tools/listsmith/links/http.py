"""A urllib3 pool manager whose every exchange has a hard deadline, and whose
connections go only to addresses the run has approved.

urllib3 directly, not requests: requests' session, adapter, request
preparation, cookie jar and response wrapping cost half the CPU of a HEAD
request on loopback, and a link checker uses none of them (no cookies, no
automatic redirects, no retries). That CPU queues on the GIL when dozens of
threads check at once.

A read timeout bounds each socket operation, not the exchange: a server that
sends one byte a second never trips it. Here each connection the pool hands
out is watched, and when the exchange's deadline passes its socket is shut
down from a timer thread, which makes the blocked read fail at once.

urllib3 would resolve each host again when it connects; here a connection
asks the session's ``approve`` function (the guard) for the addresses to use
instead, so what was judged is what is contacted.
"""

from __future__ import annotations

import contextlib
import heapq
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import certifi
from urllib3 import PoolManager, Timeout
from urllib3.connection import HTTPConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.response import BaseHTTPResponse

Approve = Callable[[str, int], list[str]]
"""(host, port) -> the addresses a connection may use; raises to refuse the host."""

_local = threading.local()


class _Watch:
    """The connections one exchange used, and whether its deadline passed."""

    def __init__(self) -> None:
        self.connections: list[Any] = []
        self.expired = False
        self.finished = False
        self._lock = threading.Lock()

    def add(self, connection: Any) -> None:
        with self._lock:
            self.connections.append(connection)
            if self.expired:
                self._cut(connection)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for connection in self.connections:
                self._cut(connection)

    @staticmethod
    def _cut(connection: Any) -> None:
        sock = getattr(connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _WatchedPool(HTTPConnectionPool):
    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)
        watch = getattr(_local, "watch", None)
        if watch is not None:
            watch.add(connection)
        return connection


class _WatchedHTTPSPool(HTTPSConnectionPool, _WatchedPool):
    pass


class _Pinned(HTTPConnection):
    """Connects to the approved addresses of its host, trying each in turn.

    urllib3 connects to ``_dns_host``, which also names the host for the Host
    header and TLS; it holds an address only while the socket is opened.
    """

    approve: Approve

    def _new_conn(self) -> socket.socket:
        name = self._dns_host
        failure: Exception = NewConnectionError(self, f"{self.host} has no address")
        try:
            for address in self.approve(self.host, self.port):
                self._dns_host = address
                try:
                    return super()._new_conn()
                except (NewConnectionError, ConnectTimeoutError) as exc:
                    failure = exc
        finally:
            self._dns_host = name
        raise failure


def _pinned(pool: type[HTTPConnectionPool], approve: Approve) -> type[HTTPConnectionPool]:
    """``pool`` whose connections use ``approve``; a class per session, as urllib3
    builds connections from the pool's class and passes no extra arguments."""
    connection = type("PinnedConnection", (_Pinned, pool.ConnectionCls), {})
    connection.approve = staticmethod(approve)
    return type(pool.__name__, (pool,), {"ConnectionCls": connection})


BROWSER_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.5",
}


class Session(PoolManager):
    """Pooled, pinned, watched connections; no automatic redirects or retries."""

    def __init__(self, user_agent: str, pool_size: int, approve: Approve) -> None:
        super().__init__(
            num_pools=256,
            maxsize=max(pool_size, 1),
            ca_certs=certifi.where(),  # the bundle requests used: the same sites are trusted
        )
        self.pool_classes_by_scheme = {
            "http": _pinned(_WatchedPool, approve),
            "https": _pinned(_WatchedHTTPSPool, approve),
        }
        self.default_headers = {"User-Agent": user_agent, **BROWSER_HEADERS}


def session(user_agent: str, pool_size: int, approve: Approve) -> Session:
    """One shared session (proxies and netrc from the environment are never read)."""
    return Session(user_agent, pool_size, approve)


def send(
    s: Session,
    method: str,
    url: str,
    headers: dict[str, str] | None,
    timeout: tuple[float, float],
    body: bytes | None = None,
) -> BaseHTTPResponse:
    """One streamed request through ``s``, its redirects left to the caller."""
    return s.urlopen(
        method,
        url,
        body=body,
        headers={**s.default_headers, **headers} if headers else s.default_headers,
        redirect=False,
        retries=False,
        preload_content=False,
        timeout=Timeout(connect=timeout[0], read=timeout[1]),
    )


class _Watchdog:
    """One thread that expires every overdue exchange.

    A timer thread per exchange would start thousands of threads in a run;
    this keeps the deadlines in a heap and sleeps until the nearest one.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, _Watch]] = []
        self._wake = threading.Condition()
        self._count = 0
        self._thread: threading.Thread | None = None

    def add(self, at: float, watch: _Watch) -> None:
        with self._wake:
            self._count += 1
            heapq.heappush(self._heap, (at, self._count, watch))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, daemon=True, name="listsmith-deadlines"
                )
                self._thread.start()
            if self._heap[0][2] is watch:
                # Only a new earliest deadline changes when the thread must wake;
                # waking it for every exchange cost two thread switches each.
                self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._heap:
                    self._wake.wait()
                at, _, watch = self._heap[0]
                delay = at - time.monotonic()
                if delay > 0:
                    self._wake.wait(delay)
                    continue
                heapq.heappop(self._heap)
            if not watch.finished:
                watch.expire()


_watchdog = _Watchdog()


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[_Watch]:
    """Bound everything this thread sends through the session inside the block."""
    watch = _Watch()
    _local.watch = watch
    _watchdog.add(time.monotonic() + seconds, watch)
    try:
        yield watch
    finally:
        watch.finished = True
        _local.watch = None

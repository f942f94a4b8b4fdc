"""A requests Session whose every exchange has a hard deadline, and whose
connections go only to addresses the run has approved.

``timeout=`` in requests bounds each socket operation, not the exchange: a
server that sends one byte a second never trips it. Here each connection the
pool hands out is watched, and when the exchange's deadline passes its socket
is shut down from a timer thread, which makes the blocked read fail at once.

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

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

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


class _Adapter(HTTPAdapter):
    def __init__(self, approve: Approve, **kwargs: Any) -> None:
        self._approve = approve  # before super(), which builds the pool manager
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _pinned(_WatchedPool, self._approve),
            "https": _pinned(_WatchedHTTPSPool, self._approve),
        }


def session(user_agent: str, pool_size: int, approve: Approve) -> requests.Session:
    """One shared session: pooled connections, no automatic redirects or retries."""
    s = requests.Session()
    adapter = _Adapter(approve, pool_connections=256, pool_maxsize=max(pool_size, 1), max_retries=0)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    s.headers.update(
        {
            "User-Agent": user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en-US,en;q=0.5",
        }
    )
    s.trust_env = False  # no proxies or netrc from the runner's environment
    return s


def send(
    s: requests.Session,
    method: str,
    url: str,
    headers: dict[str, str] | None,
    timeout: tuple[float, float],
    body: bytes | None = None,
) -> requests.Response:
    """One streamed request through ``s``, its redirects left to the caller.

    ``Session.request`` merges the environment, the settings and a fresh copy
    of the cookie jar on every call. The session here never changes, so the
    request is prepared straight from it: a third less CPU per URL, which
    matters because that CPU queues on the GIL when 32 threads check at once.
    """
    prepared = requests.PreparedRequest()
    prepared.prepare(
        method=method,
        url=url,
        headers={**s.headers, **headers} if headers else s.headers,
        cookies=s.cookies,
        data=body,
    )
    return s.send(
        prepared,
        timeout=timeout,
        allow_redirects=False,
        stream=True,
        verify=s.verify,
        cert=s.cert,
        proxies=s.proxies,
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

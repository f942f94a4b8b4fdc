"""``curlloop``: libcurl's multi interface on the event loop, against raw servers on
127.0.0.1. What can break: transfers started together that never finish, a
cancelled wait that leaves its transfer (and its socket) on the multi, a close
that leaves a wait hanging, a failure that comes back as success."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import pycurl
import pytest

from listsmith.links.curlloop import CurlLoop


class Server:
    """Answers each request on a kept-alive connection with ``ok`` after reading its
    head, or never when ``silent``; counts connections and sees them close."""

    def __init__(self, silent: bool = False) -> None:
        self.silent = silent
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            pending = b""
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    self.closed.set()
                    return
                pending += chunk
                while b"\r\n\r\n" in pending and not self.silent:
                    _, pending = pending.split(b"\r\n\r\n", 1)
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")


@pytest.fixture
def server() -> Iterator[Server]:
    made = Server()
    yield made
    made.listener.close()


def _handle(url: str, body: list[bytes]) -> pycurl.Curl:
    handle = pycurl.Curl()
    handle.setopt(pycurl.URL, url)
    handle.setopt(pycurl.WRITEFUNCTION, body.append)
    return handle


def test_transfers_started_together_all_finish_over_reused_connections(server) -> None:
    async def run() -> list[bytes]:
        loop = CurlLoop(connections=64)
        bodies: list[list[bytes]] = [[] for _ in range(60)]
        handles = [_handle(f"http://127.0.0.1:{server.port}/{i}", b) for i, b in enumerate(bodies)]
        for _ in range(2):  # the second round goes over the first's kept connections
            await asyncio.gather(*(loop.perform(h) for h in handles))
        await loop.aclose()
        return [b"".join(b) for b in bodies]

    assert asyncio.run(run()) == [b"okok"] * 60
    assert server.connections == 60  # none opened for the second round


def test_a_cancelled_wait_takes_its_transfer_off_the_multi(server) -> None:
    silent = Server(silent=True)

    async def run() -> bytes:
        loop = CurlLoop(connections=8)
        stuck = _handle(f"http://127.0.0.1:{silent.port}/", [])
        waiting = asyncio.ensure_future(loop.perform(stuck))
        await asyncio.sleep(0.05)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        # The handle is free again: added twice to one multi, libcurl would refuse it.
        body: list[bytes] = []
        stuck.setopt(pycurl.URL, f"http://127.0.0.1:{server.port}/")
        stuck.setopt(pycurl.WRITEFUNCTION, body.append)
        await loop.perform(stuck)
        await loop.aclose()
        return b"".join(body)

    assert asyncio.run(run()) == b"ok"
    assert silent.closed.wait(5), "the cancelled transfer's connection was left open"
    silent.listener.close()


def test_closing_cancels_a_transfer_still_waiting_and_closes_its_socket() -> None:
    silent = Server(silent=True)

    async def run() -> None:
        loop = CurlLoop(connections=8)
        stuck = _handle(f"http://127.0.0.1:{silent.port}/", [])
        waiting = asyncio.ensure_future(loop.perform(stuck))
        await asyncio.sleep(0.05)
        await loop.aclose()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(waiting, 5)

    asyncio.run(run())
    assert silent.closed.wait(5)
    silent.listener.close()


def test_a_failed_transfer_raises_libcurl_s_error() -> None:
    refusing = socket.create_server(("127.0.0.1", 0))
    port = refusing.getsockname()[1]
    refusing.close()  # nothing listens there now

    async def run() -> None:
        loop = CurlLoop(connections=8)
        try:
            await loop.perform(_handle(f"http://127.0.0.1:{port}/", []))
        finally:
            await loop.aclose()

    with pytest.raises(pycurl.error) as raised:
        asyncio.run(run())
    assert raised.value.args[0] == pycurl.E_COULDNT_CONNECT

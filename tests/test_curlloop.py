"""``curlloop``: libcurl's multi interface on the event loop, against raw servers on
127.0.0.1. What can break: transfers started together that never finish, a
cancelled wait that leaves its transfer (and its socket) on the multi, a close
that leaves a wait hanging, a failure that comes back as success, and what a
review found: a callback's BaseException or a selector's refusal leaving a
transfer waiting forever, a handle given twice, a second close."""

from __future__ import annotations

import asyncio
import selectors
import socket
import time
from collections.abc import Iterator

import pycurl
import pytest

from listsmith.links.curlloop import CurlLoop

from .rawserver import RawServer


class Server(RawServer):
    """Answers each request on a kept-alive connection with ``ok`` after reading its
    head, or never when ``silent``; closes after one answer when ``close``."""

    def __init__(self, silent: bool = False, close: bool = False) -> None:
        self.silent = silent
        self.close_after = close
        super().__init__()

    def serve(self, conn: socket.socket, number: int) -> None:
        pending = b""
        while chunk := conn.recv(65536):
            pending += chunk
            while b"\r\n\r\n" in pending and not self.silent:
                _, pending = pending.split(b"\r\n\r\n", 1)
                ending = b"Connection: close\r\n" if self.close_after else b""
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n%s\r\nok" % ending)
                if self.close_after:
                    return


@pytest.fixture
def server() -> Iterator[Server]:
    made = Server()
    yield made
    made.close()


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


@pytest.fixture
def silent() -> Iterator[Server]:
    made = Server(silent=True)
    yield made
    made.close()


async def _stuck(silent: Server) -> tuple[CurlLoop, pycurl.Curl, asyncio.Future[None]]:
    """A loop with one transfer under way to a server that never answers."""
    loop = CurlLoop(connections=8)
    stuck = _handle(f"http://127.0.0.1:{silent.port}/", [])
    waiting = asyncio.ensure_future(loop.perform(stuck))
    await asyncio.sleep(0.05)
    return loop, stuck, waiting


def test_a_cancelled_wait_takes_its_transfer_off_the_multi(server, silent) -> None:
    async def run() -> bytes:
        loop, stuck, waiting = await _stuck(silent)
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
    assert silent.ended.wait(5), "the cancelled transfer's connection was left open"


def test_closing_cancels_a_transfer_still_waiting_and_closes_its_socket(silent) -> None:
    async def run() -> None:
        loop, _, waiting = await _stuck(silent)
        await loop.aclose()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(waiting, 5)

    asyncio.run(run())
    assert silent.ended.wait(5)


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


def test_a_second_close_does_nothing_and_a_closed_loop_takes_no_transfer(server) -> None:
    async def run() -> None:
        loop = CurlLoop(connections=8)
        await loop.perform(_handle(f"http://127.0.0.1:{server.port}/", []))
        await loop.aclose()
        # libcurl may set its timer while transfers are taken off (a TLS connection's
        # shutdown has a deadline): on a closed multi, nothing may fire.
        loop._set_timer(2000)
        assert loop._timer is None
        await loop.aclose()
        with pytest.raises(RuntimeError, match="closed"):
            await loop.perform(_handle(f"http://127.0.0.1:{server.port}/", []))

    asyncio.run(run())


def test_a_handle_given_twice_is_refused_and_its_first_wait_still_ends(server) -> None:
    async def run() -> bytes:
        loop = CurlLoop(connections=8)
        body: list[bytes] = []
        handle = _handle(f"http://127.0.0.1:{server.port}/", body)
        first = asyncio.ensure_future(loop.perform(handle))
        await asyncio.sleep(0)
        with pytest.raises(RuntimeError, match="under way"):
            await loop.perform(handle)
        await asyncio.wait_for(first, 5)
        await loop.aclose()
        return b"".join(body)

    assert asyncio.run(run()) == b"ok"


class _Stop(BaseException):
    """Not an Exception: pycurl raises it out of socket_action instead of printing it."""


def test_a_callback_s_base_exception_leaves_no_finished_transfer_waiting(server) -> None:
    """Transfers libcurl finished in the same call as the one whose callback raised
    must still be resolved; with several answered at once, some always are."""

    async def run() -> list[bool]:
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: None)
        loop = CurlLoop(connections=32)
        url = f"http://127.0.0.1:{server.port}/"
        bad = pycurl.Curl()
        bad.setopt(pycurl.URL, url)
        bad.setopt(pycurl.WRITEFUNCTION, lambda chunk: (_ for _ in ()).throw(_Stop()))
        handles = [_handle(url, []) for _ in range(30)] + [bad]
        waits = [asyncio.ensure_future(loop.perform(h)) for h in handles]
        await asyncio.wait(waits, timeout=3)
        finished = [wait.done() for wait in waits]
        for wait in waits:
            wait.cancel()
        await asyncio.gather(*waits, return_exceptions=True)
        await loop.aclose()
        return finished

    assert all(asyncio.run(run()))


def test_a_socket_the_selector_refused_leaves_the_next_one_on_its_number_watched() -> None:
    """epoll_ctl can fail (ENOSPC past fs.epoll.max_user_watches): that transfer fails,
    and a later socket given the same descriptor number must still be watched."""
    closing = Server(close=True)

    async def run() -> list[str]:
        loop = CurlLoop(connections=8)
        register = loop._selector.register
        refusals = [OSError(28, "no space left for another watch")]

        def refuse_once(fd: int, events: int, data: object = None) -> selectors.SelectorKey:
            if refusals and events == selectors.EVENT_WRITE:
                raise refusals.pop()
            return register(fd, events, data)

        loop._selector.register = refuse_once  # type: ignore[method-assign]
        outcomes = []
        for _ in range(3):
            handle = _handle(f"http://127.0.0.1:{closing.port}/", [])
            handle.setopt(pycurl.TIMEOUT_MS, 3000)
            started = time.monotonic()
            try:
                await loop.perform(handle)
                outcomes.append("ok" if time.monotonic() - started < 2 else "slow")
            except pycurl.error:
                outcomes.append("failed")
        # What the loop believes it watches is what its selector holds.
        watched = set(loop._watched) == set(loop._selector.get_map())
        await loop.aclose()
        return [*outcomes, "consistent" if watched else "stale"]

    assert asyncio.run(run()) == ["failed", "ok", "ok", "consistent"]
    closing.close()


def test_a_platform_without_a_pollable_selector_is_a_run_not_done(
    make_list, run, monkeypatch
) -> None:
    """Windows' default selector is select(), which has no descriptor: the check says
    so and exits 2 (could not run), not with a traceback or an internal error."""
    monkeypatch.setattr(selectors, "DefaultSelector", selectors.SelectSelector)
    lst = make_list()
    lst.entry("books/a.yaml", url="http://127.0.0.1:9/")
    result = run("links", "--root", str(lst.root), "--allow-private", "--retries", "0")
    assert result.code == 2
    assert "checking links needs epoll or kqueue" in result.err
    assert "internal error" not in result.err

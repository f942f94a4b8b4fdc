"""libcurl's multi interface driven from an asyncio event loop, through one selector
of its own.

Why not pycurl's ``AsyncCurlMulti``, which did this before: it gives each of
libcurl's sockets to the event loop one by one, so every readiness costs the
loop's own bookkeeping (a selector key, a scheduled callback), and every finished
transfer a notification, a second turn of the loop and a future's done-callback.
On the 2,000-link benchmark that was 10-14% of the bare client's CPU. Here libcurl's
sockets sit in a selector of this module's (epoll on Linux, kqueue on macOS and
the BSDs), the event loop watches that selector's one descriptor, and a readiness
costs one ``socket_action`` per ready socket; a finished transfer resolves its
future at once.

The multi-socket protocol (libcurl's ``curl_multi_socket_action`` manual page):
libcurl says through ``M_SOCKETFUNCTION`` which socket it wants watched for what,
and through ``M_TIMERFUNCTION`` when it wants to be called back regardless (-1: no
timer; 0: as soon as possible). Neither callback may call back into libcurl, so
both only record; the loop's callbacks (``_ready``, ``_expire``) act.

It needs a selector with a descriptor of its own, so Windows (whose default
selector is ``select``) is not served; there, ``CurlLoop`` raises ``Unsupported``
at once, which the link check reports as a run it could not do.
"""

from __future__ import annotations

import asyncio
import contextlib
import selectors

import pycurl

_WANTS = {
    pycurl.POLL_IN: selectors.EVENT_READ,
    pycurl.POLL_OUT: selectors.EVENT_WRITE,
    pycurl.POLL_INOUT: selectors.EVENT_READ | selectors.EVENT_WRITE,
}
_ACTION = {
    selectors.EVENT_READ: pycurl.CSELECT_IN,
    selectors.EVENT_WRITE: pycurl.CSELECT_OUT,
    selectors.EVENT_READ | selectors.EVENT_WRITE: pycurl.CSELECT_IN | pycurl.CSELECT_OUT,
}


class Unsupported(RuntimeError):
    """This platform's selectors have no descriptor to watch (Windows)."""


class CurlLoop:
    """Transfers of one event loop over one ``pycurl.CurlMulti`` (one connection pool)."""

    def __init__(self, connections: int) -> None:
        self._selector = selectors.DefaultSelector()
        if not hasattr(self._selector, "fileno"):
            self._selector.close()
            raise Unsupported(
                "checking links needs epoll or kqueue (Linux, macOS, the BSDs; on Windows, WSL)"
            )
        self._multi = pycurl.CurlMulti()
        self._multi.setopt(pycurl.M_MAXCONNECTS, connections)
        self._multi.setopt(pycurl.M_SOCKETFUNCTION, self._watch)
        self._multi.setopt(pycurl.M_TIMERFUNCTION, self._set_timer)
        self._watched: dict[int, int] = {}
        """Each socket libcurl asked for, with the events it waits on."""
        self._pending: dict[pycurl.Curl, asyncio.Future[None]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: asyncio.TimerHandle | asyncio.Handle | None = None
        self._due = 0.0
        """When the timer fires, on the loop's clock."""
        self._closed = False

    async def perform(self, handle: pycurl.Curl) -> None:
        """Run ``handle``'s transfer; raises ``pycurl.error`` for one that failed. A
        cancelled wait takes the transfer off the multi (its connection is closed)."""
        if self._closed:
            raise RuntimeError("the CurlLoop is closed")
        if handle in self._pending:
            raise RuntimeError("this handle's transfer is under way already")
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
            self._loop.add_reader(self._selector.fileno(), self._ready)
        done = self._loop.create_future()
        self._multi.add_handle(handle)  # refused: nothing of it is kept
        self._pending[handle] = done
        try:
            await done
        except asyncio.CancelledError:
            if self._pending.pop(handle, None) is not None:
                self._multi.remove_handle(handle)
            raise

    async def aclose(self) -> None:
        """Stop every transfer (their waits are cancelled) and let go of the sockets;
        once, a second call does nothing."""
        if self._closed:
            return
        # Removing a transfer can set libcurl's timer again (a TLS connection's
        # shutdown has a deadline): closed first, so that nothing fires on a closed multi.
        self._closed = True
        if self._loop is not None:
            self._loop.remove_reader(self._selector.fileno())
        pending, self._pending = self._pending, {}
        try:
            for handle, done in pending.items():
                done.cancel()
                with contextlib.suppress(pycurl.error):
                    self._multi.remove_handle(handle)
        finally:
            self._cancel_timer()
            self._multi.close()  # says POLL_REMOVE for what is left, then closes the pool
            self._selector.close()

    # libcurl's callbacks: they record, never call libcurl back.

    def _watch(self, what: int, fd: int, multi: pycurl.CurlMulti, socketp: object) -> None:
        events = _WANTS.get(what, 0)
        known = self._watched.get(fd)
        if known == events or (known is None and not events):
            return
        if not events:  # POLL_REMOVE, or nothing to wait for
            del self._watched[fd]
            with contextlib.suppress(KeyError):
                self._selector.unregister(fd)
            return
        # The selector first: ``_watched`` says what the selector holds, or a socket
        # reusing the number after a failed call here would never be watched.
        try:
            if known is None:
                self._selector.register(fd, events)
            else:
                self._selector.modify(fd, events)
        except BaseException:  # epoll_ctl refused (ENOSPC past max_user_watches, say)
            self._watched.pop(fd, None)
            with contextlib.suppress(KeyError, ValueError, OSError):
                self._selector.unregister(fd)
            raise
        self._watched[fd] = events

    def _set_timer(self, timeout_ms: int) -> None:
        """Each call replaces the last (libcurl's CURLMOPT_TIMERFUNCTION manual); but a
        timer already due no later than the new one is kept. Run early, a timeout only
        has libcurl say again when the real one is due: ``multi_socket`` in its
        ``lib/multi.c`` forgets the deadline it last announced for that case, "when the
        application asks libcurl to run the timeout prematurely". libcurl moves its timer
        on nearly every step of every transfer; this keeps one timer for most of them."""
        if self._closed:
            return
        if timeout_ms < 0:
            self._cancel_timer()
            return
        deadline = self._loop.time() + timeout_ms / 1000
        if self._timer is not None and self._due <= deadline:
            return  # a 0 while one is due at once, too
        self._cancel_timer()
        self._due = deadline
        if timeout_ms == 0:
            self._timer = self._loop.call_soon(self._expire)
        else:
            self._timer = self._loop.call_at(deadline, self._expire)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    # The event loop's callbacks: they drive libcurl.

    def _ready(self) -> None:
        action = self._multi.socket_action
        try:
            for key, events in self._selector.select(0):
                action(key.fd, _ACTION[events])
        except pycurl.error as exc:
            self._fail(exc)
        finally:  # whatever a callback raised, what libcurl finished is resolved
            self._finish()

    def _expire(self) -> None:
        self._timer = None
        try:
            self._multi.socket_action(pycurl.SOCKET_TIMEOUT, 0)
        except pycurl.error as exc:
            self._fail(exc)
        finally:
            self._finish()

    def _finish(self) -> None:
        """Resolve the transfers libcurl says are done."""
        while True:
            queued, succeeded, failed = self._multi.info_read()
            for handle in succeeded:
                self._resolve(handle, None)
            for handle, code, message in failed:
                self._resolve(handle, pycurl.error(code, message))
            if not queued:
                return

    def _resolve(self, handle: pycurl.Curl, error: pycurl.error | None) -> None:
        done = self._pending.pop(handle, None)
        if done is None:
            return
        self._multi.remove_handle(handle)
        if done.done():
            return
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)

    def _fail(self, error: pycurl.error) -> None:
        """The multi itself broke (out of memory, say): every transfer fails with it. Its
        code is a CURLM code, not a transfer's CURLE one: each fails with code -1, which
        means no transfer error, and the multi's message."""
        failure = pycurl.error(-1, f"libcurl's multi interface failed: {error.args[-1]}")
        for handle in list(self._pending):
            self._resolve(handle, failure)

"""One HTTP exchange, the way every check asks: redirects followed by hand, under the
private-address guard, the per-host gate and a deadline.

Redirects are followed here, not by libcurl, so that the guard and the gate
apply to every hop, loops are caught, and the chain of (url, status) tells a
permanent move from a temporary one. A check gets a :class:`Response`, or an
:class:`Unanswered` saying what the missing answer means for the URL. What a
response means (ok, broken, blocked) is ``judge``'s business, and whether to
ask again ``retry``'s; the bytes on the wire are ``http``'s.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

import certifi

from listsmith.canonical import DEFAULT_PORTS
from listsmith.hostname import disguise
from listsmith.links import http, ratelimit
from listsmith.links.config import Options
from listsmith.links.curlloop import Unsupported
from listsmith.links.exchange import SAMPLE_BYTES, Request, Response, Unanswered
from listsmith.links.guard import Guard, Refused, Unresolvable, is_literal
from listsmith.links.judge import REDIRECTS
from listsmith.links.page import Reader, is_html
from listsmith.links.remap import Remap
from listsmith.links.status import Status, Verdict
from listsmith.links.urls import split
from listsmith.project import CouldNotRun

SCHEMES = frozenset({"http", "https"})
FOLLOWED = frozenset({"GET", "HEAD"})
"""Methods whose redirects are followed; an API's POST answer is taken as it comes."""


class _Broken(Exception):
    """A fault that is the link's own: a loop, too many redirects, a bad Location."""


class Gate:
    """At most ``concurrency`` requests in flight, at most N of them per host, started at
    least ``interval`` apart, and none to a host that asked us to stay away.

    Requests, not checks, hold a place: a check waiting out a backoff or a site's
    rate limit holds none. A request takes its host's place first and then one of
    the run's, so requests queued behind a busy host never keep the run's places
    from the others; it waits for its host's next start without a place of the
    run's, and looks again once it has one (a pause may have come meanwhile).
    """

    def __init__(self, options: Options) -> None:
        self._options = options
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._turns: dict[str, asyncio.Lock] = {}
        self._places: asyncio.Semaphore | None = None
        self._next_start: dict[str, float] = {}
        self._refusing: dict[str, float] = {}

    async def enter(self, host: str) -> None:
        semaphore = self._slots.get(host)
        if semaphore is None:
            semaphore = self._slots[host] = asyncio.Semaphore(self._options.limit_for(host))
        if self._places is None:
            self._places = asyncio.Semaphore(self._options.concurrency)
        await semaphore.acquire()
        try:
            # One request of the host at a time waits for its start, the others queue
            # behind it in the order they came (a lock is first come, first served).
            async with self._turns.setdefault(host, asyncio.Lock()):
                while True:
                    wait = self._next_start.get(host, 0.0) - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                        continue
                    await self._places.acquire()
                    if self._next_start.get(host, 0.0) <= time.monotonic():
                        break
                    self._places.release()  # the host asked for a pause while this waited
        except BaseException:  # cancelled while waiting: the host's place goes back
            semaphore.release()
            raise
        if self._options.interval > 0:
            self._next_start[host] = time.monotonic() + self._options.interval

    def leave(self, host: str) -> None:
        assert self._places is not None
        self._places.release()
        self._slots[host].release()

    def new_loop(self) -> None:
        """Forget the places (each belongs to one event loop), not what hosts asked."""
        self._slots.clear()
        self._turns.clear()
        self._places = None

    def pause(self, host: str, seconds: float) -> None:
        """``host`` asked us to wait (429 with Retry-After), and every other request
        to it would be refused as well: start none before then. A wait longer than
        ``max_retry_after`` is not sat out; the host's URLs are reported blocked."""
        until = time.monotonic() + seconds
        if seconds <= self._options.max_retry_after:
            self._next_start[host] = max(self._next_start.get(host, 0.0), until)
        else:
            self._refusing[host] = max(self._refusing.get(host, 0.0), until)

    def refusing(self, host: str) -> float | None:
        """Seconds ``host`` still asks us to stay away, or None."""
        left = self._refusing.get(host, 0.0) - time.monotonic()
        return left if left > 0 else None


class Transport:
    """Exchanges for every check of a run, on one pool of connections. ``open`` it on the
    running loop."""

    def __init__(self, options: Options, guard: Guard) -> None:
        self.options = options
        self.guard = guard
        self.remap = Remap(options.remap)
        self.cafile = certifi.where()
        """The certificates TLS trusts (a test's own authority in tests)."""
        self.gate = Gate(options)
        self._pinned: dict[tuple[str, int], tuple[str, ...]] = {}
        """(name, port) -> the addresses the guard approved for it (see ``_pin``)."""
        self._client: http.Client | None = None

    @contextlib.asynccontextmanager
    async def open(self) -> AsyncIterator[Transport]:
        """The connection pool for this event loop, closed at the end."""
        self.gate.new_loop()
        connections = max(100, 2 * self.options.concurrency)
        try:
            options = self.options
            client = http.Client(options.user_agent, self.guard.admit, self.cafile, connections)
        except Unsupported as exc:
            raise CouldNotRun(str(exc)) from None
        self._client = client
        try:
            yield self
        finally:
            self._client = None
            await client.close()

    async def fetch(self, request: Request) -> Response:
        """One exchange with redirects followed, under the guard, gate and deadline.
        Raises Unanswered when no answer came, saying what that means for the URL."""
        try:
            return await self._exchange(request)
        except Exception as exc:
            failure = self._failure(exc)
            if failure is None:
                raise
            status, reason, transient = failure
            raise Unanswered(Verdict(request.url, status, reason), transient) from exc

    def _failure(self, exc: Exception) -> tuple[Status, str, bool] | None:
        """What an exchange that failed means for the URL: a status, the reason, and
        whether trying again may help. None for what is no network failure (a bug)."""
        if isinstance(exc, Refused):
            return Status.SKIPPED, str(exc), False
        if isinstance(exc, _Broken):
            return Status.BROKEN, str(exc), False
        if isinstance(exc, Unresolvable):
            if exc.temporary:
                reason = f"DNS could not answer for {exc} for now (EAI_AGAIN, after retries)"
                return Status.ERROR, reason, False
            return Status.BROKEN, f"host {exc} not found (DNS has no address)", False
        if isinstance(exc, http.Unsendable):
            return Status.ERROR, f"the URL can't be sent as written: {exc}", False
        if isinstance(exc, http.TLSFailure):
            return Status.ERROR, f"TLS failure: {exc}", False
        if isinstance(exc, http.StepTimeout):
            return Status.TIMEOUT, f"no answer within {self.options.timeout:g} s", True
        if isinstance(exc, http.TotalTimeout):
            deadline = self.options.exchange_deadline
            return Status.TIMEOUT, f"no complete answer within {deadline:g} s", True
        if isinstance(exc, (http.Failure, OSError, ValueError)):  # ValueError: IDNA refused a name
            return Status.ERROR, str(exc) or type(exc).__name__, True
        return None

    async def _exchange(self, request: Request) -> Response:
        chain: list[tuple[str, int]] = []
        current = self.remap.to(request.url)
        seen = {current}
        left = self.options.exchange_deadline  # the hops' time on the wire, not in the queue
        for _ in range(self.options.max_redirects + 1):
            if left <= 0:  # the hops so far took it all: no next one
                raise http.TotalTimeout()
            response, spent = await self._hop(request, current, left)
            left -= spent
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location or request.method not in FOLLOWED:
                final = self.remap.back(current)
                if not chain and final == response.url:
                    return response
                hops = tuple((self.remap.back(u), code) for u, code in chain)
                return replace(response, url=final, chain=hops)
            chain.append((current, response.status))
            current = urljoin(current, location)
            if current in seen:
                raise _Broken(f"redirect loop back to {self.remap.back(current)}")
            seen.add(current)
        raise _Broken(f"more than {self.options.max_redirects} redirects")

    async def _hop(self, request: Request, url: str, left: float) -> tuple[Response, float]:
        """One request of the exchange to ``url``, and the seconds it took once sent;
        ``left`` is what the exchange's deadline leaves it. A request waiting for its
        host's name to be looked up or for its place is not late, so both come first:
        only the time since it was sent counts."""
        parts = split(url)
        host = parts.hostname
        if parts.scheme not in SCHEMES or not host:
            raise _Broken(f"redirected to {url}, which is not an http(s) address")
        assert self._client is not None, "open() the transport first"
        disguised = disguise(host)
        if disguised:  # the guard judges addresses; this is for the report's sake
            raise Refused(f"not checked: {disguised}")
        headers = request.headers
        if request.credential is not None:
            headers = {**headers, **request.credential.for_url(url)}
        self._refused(host, url)  # before queueing: a host that said stay away waits for none
        loop = asyncio.get_running_loop()
        port = parts.port or DEFAULT_PORTS[parts.scheme]
        wire = http.wire_url(url)
        # The guard judges the name as it goes on the wire (IDNA), and the wire's name is
        # pinned to what the guard approved: libcurl looks nothing up.
        name = host if host.isascii() else urlsplit(wire).hostname or host
        pinned = self._pinned.get((name, port))
        if pinned is None:
            pinned = await self._pin(name, port)
        await self.gate.enter(host)
        sent = loop.time()
        body = _Body(request)
        try:
            self._refused(host, url)  # asked again once the place is ours: fresh news
            call = http.Call(
                request.method,
                wire,
                headers,
                request.body,
                name,
                port,
                pinned,
                left,
                self.options.timeout,
            )
            await self._client.send(call, body)
        finally:
            self.gate.leave(host)
        answer = body.response(url)
        if answer.status == 429:
            wait = ratelimit.retry_after(answer.headers.get("retry-after"))
            if wait:
                self.gate.pause(host, wait)
        return answer, loop.time() - sent

    async def _pin(self, name: str, port: int) -> tuple[str, ...]:
        """The addresses a request to ``name`` may connect to, as the guard approved them;
        none for an address written as the host. Raises what the guard raises.

        An approval is kept for the run (the guard's answer for a name never changes
        within it): asked of the guard for every request, it cost a lock, a lookup and
        the addresses written out again, 2 µs a request. A refusal is not kept, so the
        guard raises it again for every request."""
        literal = is_literal(name)
        if not literal and not self.guard.known(name, port):
            # A name's lookup may wait on DNS, so it runs off the loop. An address needs
            # no DNS (getaddrinfo reads it as it is): it is looked up below, at once,
            # sparing a thread's start and hand-off (0.1-0.25 ms of CPU each).
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self.guard.addresses, name, port)
        # An address written as the host is asked about too: its refusal is remembered,
        # and a second request must not slip past it once the lookup is known.
        approved = tuple(self.guard.addresses(name, port))
        pinned = () if literal else approved
        self._pinned[(name, port)] = pinned
        return pinned

    def _refused(self, host: str, url: str) -> None:
        """Raises Unanswered (blocked) while ``host`` asks us to stay away longer than
        we wait (a 429 whose Retry-After is past ``max_retry_after``)."""
        refusing = self.gate.refusing(host)
        if refusing is not None:
            reason = f"rate limited: {host} asked for {refusing:.0f} s more without requests"
            raise Unanswered(Verdict(url, Status.BLOCKED, reason, 429), transient=False)


class _Body:
    """What a check needs of one answer's body (an ``http.Sink``): a 2xx HTML page read
    for the question, the first bytes of an error page or an API's answer, nothing of
    a working page else. The rest of a short body is read too (Content-Length at most
    ``http.DRAIN_BYTES``), so that its connection serves the next request: a
    connection whose answer is cut is closed, and the next request to the host pays
    a new TCP (and TLS) handshake. A long or unsized body is cut."""

    __slots__ = (
        "done",
        "drained",
        "dropped",
        "headers",
        "kept",
        "length",
        "limit",
        "reader",
        "request",
        "size",
        "status",
    )

    def __init__(self, request: Request) -> None:
        self.request = request
        self.status = 0
        self.headers: dict[str, str] = {}
        self.reader: Reader | None = None
        self.kept: list[bytes] = []
        self.limit = self.size = self.drained = 0
        self.length: int | None = None
        self.done = self.dropped = False

    def head(self, status: int, headers: dict[str, str]) -> None:
        self.status, self.headers = status, headers
        length = headers.get("content-length", "")
        self.length = int(length) if length.isdigit() else None
        content_type = headers.get("content-type")
        question = self.request.question
        if question and 200 <= status < 300 and is_html(content_type):
            self.reader = Reader(question, content_type)
            self.limit = question.limit
        elif status >= 300 or self.request.sample > SAMPLE_BYTES:
            self.limit = self.request.sample
        self.done = self.limit == 0

    def feed(self, chunk: bytes) -> bool:
        rest = chunk
        if not self.done:
            part = chunk[: self.limit - self.size]
            rest = chunk[len(part) :]
            self.size += len(part)
            if self.reader is None:
                self.kept.append(part)
            elif self.reader.feed_bytes(part):  # it has heard enough: the rest goes unread
                self.dropped = self.done = True
            if self.size >= self.limit:
                self.done = True
            if not self.done:
                return True
        return self._drain(rest)

    def _drain(self, rest: bytes) -> bool:
        """Whether to read on past what is wanted: only a body that says it is short, and
        only as far as that (a server may send a lying Content-Length beside a chunked
        body, and a compressed one grows as it is decoded). A body cut here may hold
        more than was read, so a page is complete only when its length says so."""
        self.drained += len(rest)
        self.dropped = self.dropped or bool(rest)
        short = self.length is not None and self.length <= http.DRAIN_BYTES
        going = short and self.drained <= http.DRAIN_BYTES
        whole = self.size == self.length and "content-encoding" not in self.headers
        if not going and not whole:
            self.dropped = True
        return going

    def response(self, url: str) -> Response:
        page = None if self.reader is None else self.reader.finish(not self.dropped)
        return Response(self.status, url, self.headers, b"".join(self.kept), page=page)

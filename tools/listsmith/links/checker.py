"""Decide one URL's status the way a patient, polite reader would.

GET, reading the top of an HTML page (``page``): a page that answers 200 and
says it does not exist is a soft 404 (``soft404``), and a URL's ``#anchor``
must be on its page (``anchors``). With ``soft_404: false`` and no anchor to
look for, HEAD first (cheap), and GET when HEAD is refused or answers an
error, because many servers mishandle HEAD. Redirects are followed by hand,
so the private address guard and the per-host limit apply to every hop,
loops are caught, and permanent redirects are told apart from temporary
ones. Transient failures are retried with exponential backoff and jitter,
honouring Retry-After; every exchange runs under a hard deadline.

Checks are coroutines on one event loop (see ``http`` for why); ``check``
runs one from ordinary code.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import random
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import aiohttp
import certifi

from listsmith.hostname import disguise
from listsmith.links import anchors, http, ratelimit, soft404
from listsmith.links.config import Options
from listsmith.links.credentials import Credential
from listsmith.links.dns import PatientLookup
from listsmith.links.guard import Guard, Refused, Unresolvable
from listsmith.links.page import Question, Reader, Reading, is_html
from listsmith.links.remap import Remap
from listsmith.links.response import Response, Unanswered
from listsmith.links.status import Result, Status

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BLOCKED_STATUSES = frozenset({401, 403, 407, 429, 999})
GONE = {404: "not found (404)", 410: "gone (410)", 451: "unavailable for legal reasons (451)"}
SAMPLE_BYTES = 16 * 1024
"""Bytes of an error page read to recognise a bot challenge; the rest is never read."""
CHALLENGE_MARKERS = (
    b"cf-chl",
    b"challenge-platform",
    b"just a moment...",
    b"captcha",
    b"attention required",
    b"are you a robot",
    b"verify you are human",
)
SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}
FOLLOWED = frozenset({"GET", "HEAD"})
"""Methods whose redirects are followed; an API's POST answer is taken as it comes."""
V = TypeVar("V")


class _StepTimeout(Exception):
    """Connecting or one read took longer than the timeout (not the whole exchange)."""


class _Broken(Exception):
    """A fault that is the link's own: a loop, too many redirects."""


class HostGate:
    """At most N requests in flight per host, started at least ``interval`` apart,
    and none to a host that asked us to stay away."""

    def __init__(self, options: Options) -> None:
        self._options = options
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._refusing: dict[str, float] = {}

    async def enter(self, host: str) -> None:
        semaphore = self._slots.get(host)
        if semaphore is None:
            semaphore = self._slots[host] = asyncio.Semaphore(self._options.limit_for(host))
        await semaphore.acquire()
        if host in self._next_start or self._options.interval > 0:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self._options.interval
            if start > now:
                await asyncio.sleep(start - now)

    def leave(self, host: str) -> None:
        self._slots[host].release()

    def new_loop(self) -> None:
        """Forget the slots (each belongs to one event loop), not what hosts asked."""
        self._slots.clear()

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


class Checker:
    """Checks URLs over plain HTTP, and fetches for the site checks. It knows no
    site: the dispatcher puts the two together. ``open`` it on the running loop."""

    def __init__(self, options: Options, guard: Guard, lookup: PatientLookup | None = None) -> None:
        self.options = options
        self.guard = guard
        self.lookup = lookup
        """The guard's lookup, when it says which names failed only for now (EAI_AGAIN)."""
        self.remap = Remap(options.remap)
        self.tls = ssl.create_default_context(cafile=certifi.where())
        self.gate = HostGate(options)
        self.probes = soft404.Probes(self._probe)
        self._session: aiohttp.ClientSession | None = None

    @contextlib.asynccontextmanager
    async def open(self) -> AsyncIterator[Checker]:
        """The HTTP session for this event loop, closed at the end."""
        self.gate.new_loop()
        self.probes.new_loop()
        self._session = http.session(
            self.options.user_agent, self.guard.addresses, self.guard.admit, self.tls
        )
        try:
            yield self
        finally:
            await self._session.close()
            self._session = None

    def check(self, url: str) -> Result:
        """The plain HTTP verdict on one URL, from code outside an event loop."""

        async def once() -> Result:
            async with self.open():
                return await self.verdict(url)

        return asyncio.run(once())

    def excluded(self, url: str) -> Result | None:
        for pattern in self.options.exclude:
            if pattern.search(url):
                return Result(url, Status.SKIPPED, f"excluded by {pattern.pattern!r}")
        return None

    async def verdict(self, url: str, archived: bool = False) -> Result:
        """The plain HTTP verdict, retries included. An ``archived`` copy is broken when
        its page reads as "not found" at all: the archive answers nonsense with a real
        404, so its probe could not confirm a captured error page."""
        return self.excluded(url) or await self.with_retries(
            url, lambda: self._plain(url, archived)
        )

    # -- one exchange --------------------------------------------------------------------------

    async def fetch(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None = None,
        sample: int = SAMPLE_BYTES,
        body: bytes | None = None,
        credential: Credential | None = None,
        question: Question | None = None,
    ) -> Response:
        """One exchange with redirects followed, under the guard, gate and deadline.

        Raises Unanswered when no answer came, saying what that means for the URL.
        ``credential`` is sent to each hop on its origin, and only there. With a
        ``question``, a 2xx HTML answer is read for it (``Response.page``).
        """
        try:
            return await self._exchange(method, url, headers, sample, body, credential, question)
        except Exception as exc:
            failure = self._failure(exc)
            if failure is None:
                raise
            status, reason, transient = failure
            raise Unanswered(Result(url, status, reason), transient) from exc

    def _failure(self, exc: Exception) -> tuple[Status, str, bool] | None:
        """What an exchange that failed means for the URL: a status, the reason, and
        whether trying again may help. None for what is no network failure (a bug)."""
        if isinstance(exc, Refused):
            return Status.SKIPPED, str(exc), False
        if isinstance(exc, _Broken):
            return Status.BROKEN, str(exc), False
        if isinstance(exc, Unresolvable):
            if self.lookup is not None and str(exc) in self.lookup.temporary:
                reason = f"DNS could not answer for {exc} for now (EAI_AGAIN, after retries)"
                return Status.ERROR, reason, False
            return Status.BROKEN, f"host {exc} not found (DNS has no address)", False
        if isinstance(exc, aiohttp.ClientSSLError):
            return Status.ERROR, f"TLS failure: {_root_cause(exc)}", False
        if isinstance(exc, _StepTimeout):
            return Status.TIMEOUT, f"no answer within {self.options.timeout:g} s", True
        if isinstance(exc, asyncio.TimeoutError):  # the total: see http.timeout
            deadline = self.options.exchange_deadline
            return Status.TIMEOUT, f"no complete answer within {deadline:g} s", True
        if isinstance(exc, (aiohttp.ClientError, OSError, ValueError)):
            return Status.ERROR, _root_cause(exc), True
        return None

    async def _exchange(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        sample: int,
        body: bytes | None,
        credential: Credential | None,
        question: Question | None,
    ) -> Response:
        chain: list[tuple[str, int]] = []
        current = self.remap.to(url)
        seen = {current}
        ends = asyncio.get_running_loop().time() + self.options.exchange_deadline
        for _ in range(self.options.max_redirects + 1):
            sent = headers
            if credential is not None:
                sent = {**(headers or {}), **credential.for_url(current)}
            response = await self._request(method, current, sent, sample, body, ends, question)
            location = response.headers.get("location")
            if response.status not in REDIRECTS or not location or method not in FOLLOWED:
                response.url = self.remap.back(current)
                response.chain = [(self.remap.back(u), code) for u, code in chain]
                return response
            chain.append((current, response.status))
            current = urljoin(current, location)
            if current in seen:
                raise _Broken(f"redirect loop back to {self.remap.back(current)}")
            seen.add(current)
        raise _Broken(f"more than {self.options.max_redirects} redirects")

    async def _request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        sample: int,
        body: bytes | None,
        ends: float,
        question: Question | None,
    ) -> Response:
        """One request; ``ends`` is when the whole exchange's deadline passes (loop time)."""
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise _Broken(f"redirected to {url}, which is not an http(s) address")
        host = parts.hostname
        assert self._session is not None, "open() the checker first"
        disguised = disguise(host)
        if disguised:  # the guard judges addresses; this is for the report's sake
            raise Refused(f"not checked: {disguised}")
        await self.gate.enter(host)
        try:
            refusing = self.gate.refusing(host)  # asked once the slot is ours: fresh news
            if refusing is not None:
                reason = f"rate limited: {host} asked for {refusing:.0f} s more without requests"
                raise Unanswered(Result(url, Status.BLOCKED, reason, 429), transient=False)
            async with self._session.request(
                method,
                http.target(url),
                data=body,
                headers=headers,
                allow_redirects=False,
                timeout=http.timeout(
                    ends - asyncio.get_running_loop().time(), self.options.timeout
                ),
            ) as response:
                content, page = b"", None
                content_type = response.headers.get("content-type")
                if method == "HEAD":
                    pass  # no body
                elif question and 200 <= response.status < 300 and is_html(content_type):
                    reader = Reader(question, content_type)
                    complete = await http.read_into(response, reader.feed_bytes, question.limit)
                    page = reader.finish(complete)
                elif response.status >= 300 or sample > SAMPLE_BYTES:
                    content = await http.read_at_most(response, sample)
                answer = Response(response.status, url, http.headers_of(response), content)
                answer.page = page
        except aiohttp.ServerTimeoutError as exc:  # connect or one read; not the deadline
            raise _StepTimeout() from exc
        finally:
            self.gate.leave(host)
        if answer.status == 429:
            wait = ratelimit.retry_after(answer.headers.get("retry-after"))
            if wait:
                self.gate.pause(host, wait)
        return answer

    async def _plain(self, url: str, archived: bool = False) -> Result:
        """The generic check: GET when the page is to be read, else HEAD first."""
        anchor = anchors.wanted(url) if self.options.anchors != "ignore" else None
        heading = self.options.soft_404 or archived
        if not heading and anchor is None:
            return await self._head_first(url)
        response = await self.fetch("GET", url, question=Question(anchor, heading))
        result = self.classify(url, response)
        if response.page is None or result.status not in (Status.OK, Status.REDIRECTED):
            return result
        return await self._judge_page(result, response, response.page, anchor, archived)

    async def _judge_page(
        self,
        result: Result,
        response: Response,
        page: Reading,
        anchor: str | None,
        archived: bool,
    ) -> Result:
        """A working answer, judged by its page: a soft 404 is broken, and a missing
        anchor is reported (a redirect still to fix keeps its status, with a note)."""
        said = await self._says_not_found(response, page, archived)
        if said is not None:
            reason = f"soft 404: answers {response.status}, but the page says {said}"
            return Result(result.url, Status.BROKEN, reason, response.status, result.final_url)
        if anchor is None or page.anchor_found:
            return result
        if not page.complete:
            missing = f"#{anchor} not judged: the page was not read to its end"
        elif result.status is Status.OK:
            reason = f"the page has no anchor #{anchor} (no element with that id or name)"
            return dataclasses.replace(result, status=Status.MISSING_ANCHOR, reason=reason)
        else:
            missing = f"the page has no anchor #{anchor}"
        result.note = f"{result.note}; {missing}" if result.note else missing
        return result

    async def _says_not_found(
        self, response: Response, page: Reading, archived: bool
    ) -> str | None:
        """What the page says that makes it a soft 404, or None. An archived copy is judged
        by its words alone; any other page once its site answers nonsense the same way."""
        if archived:
            said = next(iter(soft404.suspect(page)), None)
            return None if said is None else f"{said!r} (a capture of an error page)"
        if not self.options.soft_404:
            return None
        said = await self.probes.confirms(response.url, page)
        return None if said is None else f"{said!r}, as the site does for nonsense addresses"

    async def _probe(self, url: str) -> Reading | None:
        """The title and heading of the answer to ``url`` (an address that can't exist)
        when it is 2xx HTML; None for a real 404 or any other answer."""
        try:
            response = await self.fetch("GET", url, question=Question(heading=True))
        except Unanswered:
            return None
        return response.page if 200 <= response.status < 300 else None

    async def _head_first(self, url: str) -> Result:
        """HEAD, then GET if HEAD did not say the page works."""
        response = await self.fetch("HEAD", url)
        # A 429 asks us to wait, so it is honoured; any other failing HEAD may be
        # the server mishandling HEAD, and GET gets the final word.
        if (
            not 200 <= response.status < 300
            and response.status != 429
            and not self._accepted(url, response)
        ):
            response = await self.fetch("GET", url)
        return self.classify(url, response)

    def _accepted(self, url: str, response: Response) -> bool:
        hosts = {urlsplit(url).hostname, urlsplit(response.url).hostname}
        return any(response.status in self.options.accept.get(h or "", ()) for h in hosts)

    def classify(self, url: str, response: Response) -> Result:
        status = response.status
        final = response.url if response.chain else None
        if 200 <= status < 300 or self._accepted(url, response):
            if response.chain and response.chain[0][1] in PERMANENT:
                new_url = _with_fragment(_after_permanent(response), url)
                return Result(
                    url,
                    Status.REDIRECTED,
                    f"moved permanently ({response.chain[0][1]})",  # to new_url, shown beside it
                    status,
                    final,
                    new_url,
                )
            reason = f"works, via a temporary redirect to {final}" if response.chain else "works"
            return Result(url, Status.OK, reason, status, final)
        if _is_challenge(response):
            return Result(url, Status.BLOCKED, f"bot challenge page ({status})", status, final)
        if status in GONE:
            return Result(url, Status.BROKEN, GONE[status], status, final)
        if status in BLOCKED_STATUSES:
            what = "rate limited" if status == 429 else "refuses automated visitors"
            result = Result(url, Status.BLOCKED, f"{what} ({status})", status, final)
            result.retry_after = response.headers.get("retry-after")
            return result
        if status in REDIRECTS:
            return Result(url, Status.ERROR, f"redirect ({status}) without a Location", status)
        result = Result(url, Status.ERROR, f"HTTP {status}", status, final)
        result.retry_after = response.headers.get("retry-after")
        return result

    # -- retries -----------------------------------------------------------------------------

    async def with_retries(
        self, url: str, attempt: Callable[[], Awaitable[V | Result]]
    ) -> V | Result:
        """Run ``attempt`` until it gives a verdict worth keeping: transient failures
        (timeouts, resets, 429, 5xx) are tried again with backoff, honouring
        Retry-After. Anything but a Result (a site handing the URL on) passes through."""
        options = self.options
        tries = options.retries + 1
        for number in range(1, tries + 1):
            retry_after: float | None = None
            try:
                result = await attempt()
                if not isinstance(result, Result) or result.status in (
                    Status.OK,
                    Status.REDIRECTED,
                ):
                    return result
                code = result.http_status
                if code not in RETRY_STATUSES or (result.status is Status.BLOCKED and code != 429):
                    return result
                retry_after = ratelimit.retry_after(result.retry_after)
                if retry_after is not None and retry_after > options.max_retry_after:
                    return result  # asked to wait longer than we do: trying sooner is rude
            except Unanswered as exc:
                result = dataclasses.replace(exc.result, url=url)
                if not exc.transient:
                    return result
            if number == tries:
                if number > 1:
                    result.reason += f", after {tries} tries"
                return result
            delay = (
                retry_after
                if retry_after is not None
                else (options.backoff * 2 ** (number - 1) + random.uniform(0, options.backoff))
            )
            await asyncio.sleep(min(delay, options.max_retry_after))
        raise AssertionError("unreachable")  # pragma: no cover


def _after_permanent(response: Response) -> str:
    """The URL reached through the leading run of permanent redirects."""
    targets = [url for url, _ in response.chain[1:]] + [response.url]
    new = targets[0]
    for (_, status), target in zip(response.chain, targets, strict=True):
        if status not in PERMANENT:
            break
        new = target
    return new


def _with_fragment(new: str, old: str) -> str:
    """A redirect keeps the fragment the browser had, unless its Location names its own."""
    fragment = anchors.fragment(old)
    return new if not fragment or "#" in new else f"{new}#{fragment}"


def _is_challenge(response: Response) -> bool:
    if response.headers.get("cf-mitigated") == "challenge":
        return True
    if response.status not in (403, 429, 503):
        return False
    body = response.body.lower()
    return any(marker in body for marker in CHALLENGE_MARKERS)


_KINDS = (
    (ConnectionRefusedError, "Connection refused"),
    (ConnectionResetError, "Connection reset"),
)
_KNOWN = (
    ("connection refused", "Connection refused"),
    ("connection reset", "Connection reset"),
    ("certificate verify failed", "certificate verify failed"),
    ("too many headers", "too many response headers"),
    ("got more than", "too many response headers"),
    ("line too long", "line too long"),
    ("name or service not known", "Name or service not known"),
)


def _root_cause(exc: BaseException) -> str:
    """The innermost message: "Connection refused" rather than a library's repr."""
    chain = [exc]
    while (cause := chain[-1].__cause__ or chain[-1].__context__) is not None:
        chain.append(cause)
    for link in chain:
        for kind, words in _KINDS:
            if isinstance(link, kind):
                return words
    text = str(chain[-1])
    for known, words in _KNOWN:
        if known in text.lower():
            return words
    return text.split(": ", 1)[-1][:200] or type(chain[-1]).__name__

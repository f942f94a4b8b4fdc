"""The plain HTTP check: decide one URL's status the way a patient, polite reader would.

GET, reading the top of an HTML page (``page``): a page that answers 200 and
says it does not exist is a soft 404 (``soft404``), and a URL's ``#anchor``
must be on its page (``anchors``). With ``soft_404: false`` and no anchor to
look for, HEAD first (cheap), and GET when HEAD is refused or answers an
error, because many servers mishandle HEAD. The exchange is ``transport``'s,
what the answer means ``judge``'s, and asking again ``retry``'s; this module
says which questions to ask.

Checks are coroutines on one event loop (see ``http`` for why); ``check``
runs one from ordinary code.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace

from listsmith.links import anchors, judge, retry, soft404
from listsmith.links.config import Options
from listsmith.links.exchange import Request, Response, Unanswered
from listsmith.links.guard import Guard
from listsmith.links.page import Question, Reading
from listsmith.links.status import Status, Verdict
from listsmith.links.transport import Transport


class Checker:
    """Checks URLs over plain HTTP. It knows no site: the dispatcher puts the site
    checks beside it, on the same transport. ``open`` it on the running loop."""

    def __init__(self, options: Options, guard: Guard) -> None:
        self.options = options
        self.transport = Transport(options, guard)
        self.probes = soft404.Probes(self._probe)

    @contextlib.asynccontextmanager
    async def open(self) -> AsyncIterator[Checker]:
        """The transport's session for this event loop, closed at the end."""
        self.probes.new_loop()
        async with self.transport.open():
            yield self

    def check(self, url: str) -> Verdict:
        """The plain HTTP verdict on one URL, from code outside an event loop."""

        async def once() -> Verdict:
            async with self.open():
                return await self.verdict(url)

        return asyncio.run(once())

    def excluded(self, url: str) -> Verdict | None:
        for pattern in self.options.exclude:
            if pattern.search(url):
                return Verdict(url, Status.SKIPPED, f"excluded by {pattern.pattern!r}")
        return None

    async def verdict(self, url: str, archived: bool = False) -> Verdict:
        """The plain HTTP verdict, retries included. An ``archived`` copy is broken when
        its page reads as "not found" at all: the archive answers nonsense with a real
        404, so its probe could not confirm a captured error page."""
        return self.excluded(url) or await retry.with_retries(
            self.options, url, lambda: self._plain(url, archived)
        )

    async def _plain(self, url: str, archived: bool = False) -> Verdict:
        """The generic check: GET when the page is to be read, else HEAD first."""
        anchor = anchors.wanted(url) if self.options.anchors != "ignore" else None
        heading = self.options.soft_404 or archived
        if not heading and anchor is None:
            return await self._head_first(url)
        response = await self.transport.fetch(
            Request("GET", url, question=Question(anchor, heading))
        )
        verdict = judge.classify(url, response, self.options.accept)
        if response.page is None or verdict.status not in (Status.OK, Status.REDIRECTED):
            return verdict
        return await self._judge_page(verdict, response, response.page, anchor, archived)

    async def _judge_page(
        self,
        verdict: Verdict,
        response: Response,
        page: Reading,
        anchor: str | None,
        archived: bool,
    ) -> Verdict:
        """A working answer, judged by its page: a soft 404 is broken, and a missing
        anchor is reported (a redirect still to fix keeps its status, with a note)."""
        said = await self._says_not_found(response, page, archived)
        if said is not None:
            reason = f"soft 404: answers {response.status}, but the page says {said}"
            return Verdict(verdict.url, Status.BROKEN, reason, response.status, verdict.final_url)
        if anchor is None or page.anchor_found:
            return verdict
        if not page.complete:
            return verdict.noted(f"#{anchor} not judged: the page was not read to its end")
        if verdict.status is Status.OK:
            reason = f"the page has no anchor #{anchor} (no element with that id or name)"
            return replace(verdict, status=Status.MISSING_ANCHOR, reason=reason)
        return verdict.noted(f"the page has no anchor #{anchor}")

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
            response = await self.transport.fetch(
                Request("GET", url, question=Question(heading=True))
            )
        except Unanswered:
            return None
        return response.page if 200 <= response.status < 300 else None

    async def _head_first(self, url: str) -> Verdict:
        """HEAD, then GET if HEAD did not say the page works."""
        response = await self.transport.fetch(Request("HEAD", url))
        # A 429 asks us to wait, so it is honoured; any other failing HEAD may be
        # the server mishandling HEAD, and GET gets the final word.
        if (
            not 200 <= response.status < 300
            and response.status != 429
            and not judge.accepted(url, response, self.options.accept)
        ):
            response = await self.transport.fetch(Request("GET", url))
        return judge.classify(url, response, self.options.accept)

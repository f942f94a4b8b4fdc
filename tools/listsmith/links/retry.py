"""Asking again, when asking again may change the answer.

Timeouts, resets, 429 and 5xx are often gone a moment later; a 404, a bot
wall or a refused address are not. Attempts back off exponentially with
jitter, and a server's Retry-After is honoured as the wait, unless it asks
for longer than ``max_retry_after``: then the verdict stands, since trying
sooner than asked is rude and waiting that long stalls the run.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TypeVar

from listsmith.links import ratelimit
from listsmith.links.config import Options
from listsmith.links.exchange import Unanswered
from listsmith.links.status import Status, Verdict

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
V = TypeVar("V")


def _final(verdict: Verdict, options: Options) -> tuple[bool, float | None]:
    """Whether ``verdict`` is worth keeping as it is, and the wait it asks for if not."""
    if verdict.status in (Status.OK, Status.REDIRECTED):
        return True, None
    code = verdict.http_status
    if code not in RETRY_STATUSES or (verdict.status is Status.BLOCKED and code != 429):
        return True, None
    wait = ratelimit.retry_after(verdict.retry_after)
    return wait is not None and wait > options.max_retry_after, wait


async def with_retries(
    options: Options, url: str, attempt: Callable[[], Awaitable[V | Verdict]]
) -> V | Verdict:
    """Run ``attempt`` until it gives a verdict worth keeping. Anything but a Verdict
    (a site handing the URL on, an API's answer) is kept at once; an Unanswered
    exchange is the verdict it carries, for ``url``."""
    tries = options.retries + 1
    for number in range(1, tries + 1):
        try:
            verdict = await attempt()
            if not isinstance(verdict, Verdict):
                return verdict
            keep, wait = _final(verdict, options)
        except Unanswered as exc:
            verdict = replace(exc.verdict, url=url)
            keep, wait = not exc.transient, None
        if keep:
            return verdict
        if number == tries:
            if tries == 1:
                return verdict
            return replace(verdict, reason=f"{verdict.reason}, after {tries} tries")
        if wait is None:
            wait = options.backoff * 2 ** (number - 1) + random.uniform(0, options.backoff)
        await asyncio.sleep(min(wait, options.max_retry_after))
    raise AssertionError("unreachable")  # pragma: no cover

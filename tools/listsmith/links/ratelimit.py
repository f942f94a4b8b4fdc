"""Read an API's rate-limit answer: is this a limit, and how long does it ask to wait?

GitHub says it three ways: a primary limit (403 or 429 with
``x-ratelimit-remaining: 0`` and the reset time in ``x-ratelimit-reset``, or,
for GraphQL, 200 with an error of type RATE_LIMITED or RATE_LIMIT, where the
remaining count need not be 0: yanyongyu/githubkit#271,
renovatebot/renovate#21861), a secondary limit (200, 403 or 429 whose message
says "secondary rate limit", perhaps with ``Retry-After``; without one GitHub
asks for at least a minute:
https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit),
and plain 429. GitLab answers 429 with ``Retry-After`` and ``RateLimit-Reset``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from listsmith.links.exchange import Response

SECONDARY_DEFAULT_WAIT = 60.0
"""GitHub: "wait for at least one minute" after a secondary limit with no Retry-After."""


@dataclass(frozen=True)
class Limit:
    kind: str
    """"primary", "secondary" or "rate" (a bare 429), for the report."""
    wait: float | None
    """Seconds until the limit lifts, when the answer says; None when it does not."""


def retry_after(header: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta seconds or an HTTP date)."""
    if header is None:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        import email.utils  # here: the rare date form costs the common run nothing

        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _number(headers: dict[str, str], *names: str) -> float | None:
    for name in names:
        try:
            return float(headers[name])
        except (KeyError, ValueError):
            continue
    return None


def remaining(response: Response) -> float | None:
    """Requests left in the current window, when the answer says."""
    return _number(response.headers, "x-ratelimit-remaining", "ratelimit-remaining")


def reset_in(response: Response, now: float) -> float | None:
    """Seconds until the window resets (both hosts send an epoch time)."""
    reset = _number(response.headers, "x-ratelimit-reset", "ratelimit-reset")
    return None if reset is None else max(0.0, reset - now)


def _graphql_rate_limited(body: bytes) -> bool:
    try:
        errors = json.loads(body).get("errors") or []
        return any(
            isinstance(e, dict) and e.get("type") in ("RATE_LIMITED", "RATE_LIMIT") for e in errors
        )
    except (ValueError, AttributeError):
        return False


def limit_of(response: Response, now: float) -> Limit | None:
    """The limit this answer reports, or None when it is no rate-limit answer."""
    status = response.status
    exhausted = remaining(response) == 0
    if status not in (200, 403, 429):
        return None
    asked = retry_after(response.headers.get("retry-after"), now)
    if b"secondary rate limit" in response.body[:4096].lower():
        return Limit("secondary", asked if asked is not None else SECONDARY_DEFAULT_WAIT)
    if status == 200 and not _graphql_rate_limited(response.body):
        return None
    if exhausted or status == 200:
        return Limit("primary", asked if asked is not None else reset_in(response, now))
    if status == 429:
        return Limit("rate", asked if asked is not None else reset_in(response, now))
    return None  # a 403 that is no limit: forbidden


class Quota:
    """When an API's window is used up, and so when to stop asking it.

    Fed every answer; ``closed`` says how long until the window resets, so a
    site asks no more than its quota instead of collecting refusals.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._until = 0.0

    def note(self, response: Response) -> None:
        if remaining(response) == 0:
            self.close(reset_in(response, self._clock()))

    def close(self, seconds: float | None) -> None:
        """No more requests for ``seconds`` (for the whole run when unknown)."""
        self._until = float("inf") if seconds is None else self._clock() + seconds

    def closed(self) -> float | None:
        """Seconds until the window reopens, or None when it is open."""
        left = self._until - self._clock()
        return left if left > 0 else None

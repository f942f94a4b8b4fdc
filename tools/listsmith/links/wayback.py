"""A dead link's working copy in the Wayback Machine.

Asked first through the CDX API (``links.wayback_cdx``): the captures of the
URL taken before it was first seen failing (from the history) and answered
200 by the site at the time, newest first, a few at most
(https://github.com/internetarchive/wayback/tree/master/wayback-cdx-server:
``to=``, ``filter=statuscode:200``, ``limit=-N`` for the last N). A 200
capture may still be a "Page not found" page, so each candidate is checked
like any link, through the same guard and host limits, and judged by its
words (a capture of an error page is no fix); the next older one is tried
when it fails. When the CDX API has nothing, the availability API
(``links.wayback_api``) is asked with the URL without its scheme: with
``https://`` it often answers ``archived_snapshots: {}`` for URLs it holds
(internetarchive/wayback#296).

archive.org limits its APIs to about 60 requests a minute, answers 429 past
it, and blocks at its firewall for an hour (doubling each time) a client
that keeps asking after a 429 (edgi-govdata-archiving/wayback#137, #153). So
the lookups go one at a time, a request a second at most, and the first 429
stops them for the run: the links left are reported as not looked up, why,
and when to try again. Both settings are trusted: they decide where requests go.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

from listsmith.canonical import canonical
from listsmith.links import retry
from listsmith.links.exchange import Request, Response
from listsmith.links.status import Result, Status, Verdict

if TYPE_CHECKING:
    from listsmith.links.checker import Checker

ANSWER_BYTES = 64 * 1024
_SNAPSHOT = re.compile(r"https?://[^/\s]+/web/(\d{4,14})[a-z_]*/(\S+)", re.IGNORECASE)
_TRANSIENT = frozenset({500, 502, 503, 504})
CANDIDATES = 3
"""Captures tried per link, newest first, before giving up on it."""
INTERVAL = 1.0
"""Seconds between two requests to archive.org: 60 a minute, the limit its staff gave
for the CDX API (edgi-govdata-archiving/wayback#137)."""


class _Stopped(Exception):
    """archive.org answered 429: nothing more is asked of it this run."""


class Pace:
    """One request to archive.org at a time, ``interval`` seconds apart; stopped by a 429."""

    def __init__(self, interval: float | None = None) -> None:
        self.interval = INTERVAL if interval is None else interval
        self._next = 0.0
        self.stopped: str | None = None

    async def turn(self) -> None:
        if self.stopped is not None:
            raise _Stopped(self.stopped)
        now = time.monotonic()
        if self._next > now:
            await asyncio.sleep(self._next - now)
        self._next = max(now, self._next) + self.interval

    def stop(self, response: Response) -> None:
        after = response.headers.get("retry-after")
        when = f" (it asked for {after} s)" if after else ""
        self.stopped = (
            f"not looked up: the Wayback Machine answered 429 (too many requests){when}, "
            "so this run stopped asking it; the next run will"
        )


@dataclass(frozen=True)
class Snapshot:
    url: str
    taken: datetime


def original(url: str) -> str | None:
    """The URL a Wayback snapshot address is a copy of, or None for any other URL."""
    match = _SNAPSHOT.fullmatch(url)
    return match.group(2) if match else None


def is_copy(candidate: str, url: str) -> bool:
    """Whether ``candidate`` is a snapshot of ``url`` (however either is spelled)."""
    inner = original(candidate)
    return inner is not None and canonical(inner) == canonical(url)


def _moment(result: Result) -> datetime:
    if result.first_failure:
        try:
            return datetime.fromisoformat(result.first_failure)
        except ValueError:
            pass
    return datetime.now(timezone.utc)


def _copy(url: str, stamp: str, fragment: str) -> Snapshot | None:
    try:
        taken = datetime.strptime(stamp.ljust(14, "0")[:14], "%Y%m%d%H%M%S")
        parts = urlsplit(url)
    except (ValueError, TypeError):
        return None
    scheme = "https" if parts.hostname == "web.archive.org" else parts.scheme
    address = urlunsplit(
        (scheme, parts.netloc, parts.path, parts.query, fragment or parts.fragment)
    )
    return Snapshot(address, taken.replace(tzinfo=timezone.utc))


def _snapshot(body: bytes, fragment: str) -> Snapshot | None:
    """The closest working capture an availability answer names, if any."""
    try:
        closest = json.loads(body)["archived_snapshots"]["closest"]
        if closest.get("available") is not True or str(closest.get("status")) != "200":
            return None
        return _copy(str(closest["url"]), str(closest["timestamp"]), fragment)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _captures(body: bytes, fragment: str) -> list[Snapshot]:
    """The captures a CDX answer lists (``output=json``: a header row, then one row per
    capture, oldest first), newest first; a damaged answer lists none."""
    try:
        rows = json.loads(body)
        header = rows[0]
        at, original = header.index("timestamp"), header.index("original")
        found = []
        for row in rows[1:]:
            stamp, url = str(row[at]), str(row[original])
            copy = _copy(f"https://web.archive.org/web/{stamp}/{url}", stamp, fragment)
            if copy is not None:
                found.append(copy)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return []
    return found[::-1]


async def _ask(checker: Checker, pace: Pace, api: str) -> Response | str:
    """One API answer, or why there is none; a 429 stops every later request."""

    async def once() -> Response | Verdict:
        await pace.turn()
        response = await checker.transport.fetch(Request("GET", api, sample=ANSWER_BYTES))
        if response.status == 429:
            pace.stop(response)
            raise _Stopped(pace.stopped)
        if response.status in _TRANSIENT:
            return Verdict(api, Status.ERROR, f"HTTP {response.status}", response.status)
        return response

    answer = await retry.with_retries(checker.options, api, once)
    if isinstance(answer, Verdict):
        return f"the Wayback Machine could not be asked ({answer.reason})"
    if answer.status != 200:
        return f"the Wayback Machine's API answered {answer.status}"
    return answer


async def candidates(checker: Checker, pace: Pace, url: str, at: str) -> list[Snapshot] | str:
    """Captures of ``url`` that may be a working copy, newest first, or why there are none."""
    parts = urlsplit(url)
    target = urlunsplit(parts._replace(fragment=""))
    query = urlencode(
        {
            "url": target,
            "to": at,
            "filter": "statuscode:200",
            "output": "json",
            "fl": "timestamp,original,statuscode",
            "limit": f"-{CANDIDATES}",
            "fastLatest": "true",
        }
    )
    answer = await _ask(checker, pace, f"{checker.options.wayback_cdx}?{query}")
    found = _captures(answer.body, parts.fragment) if isinstance(answer, Response) else []
    if found:
        return found
    # The availability API, without the scheme (internetarchive/wayback#296).
    bare = target.split("://", 1)[-1]
    query = urlencode({"url": bare, "timestamp": at})
    fallback = await _ask(checker, pace, f"{checker.options.wayback_api}?{query}")
    if isinstance(fallback, str):
        return fallback if isinstance(answer, str) else "the Wayback Machine has no capture of it"
    snapshot = _snapshot(fallback.body, parts.fragment)
    return [snapshot] if snapshot else "the Wayback Machine has no working snapshot of it"


async def closest(checker: Checker, pace: Pace, result: Result) -> Snapshot | str:
    """The newest capture of ``result.url`` before it died that works, or why there is none."""
    if original(result.url) is not None:
        return "it is an archived copy itself, and that stopped working"
    at = f"{_moment(result):%Y%m%d%H%M%S}"
    try:
        found = await candidates(checker, pace, result.url, at)
        if isinstance(found, str):
            return found
        why = ""
        for snapshot in found[:CANDIDATES]:
            await pace.turn()
            verdict = await checker.verdict(snapshot.url, archived=True)
            if verdict.status is Status.OK:
                return snapshot
            why = f"{verdict.status.value}: {verdict.reason}"
    except _Stopped as stopped:
        return str(stopped)
    tried = "copy does" if len(found) == 1 else f"{len(found[:CANDIDATES])} newest copies do"
    return f"its archived {tried} not work either ({why})"


def find(checker: Checker, results: list[Result]) -> dict[str, Snapshot | str]:
    """Each dead link's working snapshot, or why there is none, one link at a time."""

    async def all_of_them() -> list[Snapshot | str]:
        pace = Pace()
        async with checker.open():
            return [await closest(checker, pace, r) for r in results]

    if not results:
        return {}
    return {r.url: copy for r, copy in zip(results, asyncio.run(all_of_them()), strict=True)}

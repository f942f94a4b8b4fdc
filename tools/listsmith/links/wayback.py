"""A dead link's closest working copy in the Wayback Machine.

Asked through the availability API (``links.wayback_api``, a trusted
setting since it decides where requests go): ``GET <api>?url=U&timestamp=T``
answers the capture of U closest to T. T is when the link was first seen
failing (from the history), so the copy shows the page while it still
worked rather than the error that replaced it. The snapshot is then checked
like any link, through the same guard and host limits, and must work: a
snapshot that is gone, or whose page reads as "not found" (a capture of the
error page), is no fix.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

from listsmith.canonical import canonical
from listsmith.links.response import Response
from listsmith.links.status import Result, Status

if TYPE_CHECKING:
    from listsmith.links.checker import Checker

ANSWER_BYTES = 64 * 1024
_SNAPSHOT = re.compile(r"https?://[^/\s]+/web/(\d{4,14})[a-z_]*/(\S+)", re.IGNORECASE)
_TRANSIENT = frozenset({429, 500, 502, 503, 504})


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


def _snapshot(body: bytes, fragment: str) -> Snapshot | None:
    """The closest working capture an availability answer names, if any."""
    try:
        closest = json.loads(body)["archived_snapshots"]["closest"]
        if closest.get("available") is not True or str(closest.get("status")) != "200":
            return None
        taken = datetime.strptime(str(closest["timestamp"]).ljust(14, "0"), "%Y%m%d%H%M%S")
        parts = urlsplit(str(closest["url"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    scheme = "https" if parts.hostname == "web.archive.org" else parts.scheme
    url = urlunsplit((scheme, parts.netloc, parts.path, parts.query, fragment or parts.fragment))
    return Snapshot(url, taken.replace(tzinfo=timezone.utc))


async def closest(checker: Checker, result: Result) -> Snapshot | str:
    """The snapshot of ``result.url`` that works, or why there is none."""
    if original(result.url) is not None:
        return "it is an archived copy itself, and that stopped working"
    parts = urlsplit(result.url)
    at = f"{_moment(result):%Y%m%d%H%M%S}"
    query = urlencode({"url": urlunsplit(parts._replace(fragment="")), "timestamp": at})
    api = f"{checker.options.wayback_api}?{query}"

    async def ask() -> Response | Result:
        response = await checker.fetch("GET", api, sample=ANSWER_BYTES)
        if response.status in _TRANSIENT:
            return Result(api, Status.ERROR, f"HTTP {response.status}", response.status)
        return response

    answer = await checker.with_retries(api, ask)
    if isinstance(answer, Result):
        return f"the Wayback Machine could not be asked ({answer.reason})"
    if answer.status != 200:
        return f"the Wayback Machine's API answered {answer.status}"
    snapshot = _snapshot(answer.body, parts.fragment)
    if snapshot is None:
        return "the Wayback Machine has no working snapshot of it"
    verdict = await checker.verdict(snapshot.url, archived=True)
    if verdict.status is not Status.OK:
        return f"its archived copy does not work either ({verdict.status.value}: {verdict.reason})"
    return snapshot


def find(checker: Checker, results: list[Result]) -> dict[str, Snapshot | str]:
    """Each dead link's working snapshot, or why there is none, looked up at once."""

    async def all_of_them() -> list[Snapshot | str]:
        slots = asyncio.Semaphore(checker.options.concurrency)

        async def one(result: Result) -> Snapshot | str:
            async with slots:
                return await closest(checker, result)

        async with checker.open():
            return await asyncio.gather(*(one(r) for r in results))

    if not results:
        return {}
    return {r.url: copy for r, copy in zip(results, asyncio.run(all_of_them()), strict=True)}

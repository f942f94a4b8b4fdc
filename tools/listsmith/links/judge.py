"""What an HTTP answer means for the URL asked: no I/O here, only the reading of it.

A 2xx (or a status the list accepts for the host) works; reached through a
leading permanent redirect it is ``redirected`` to where those hops lead. A
challenge page (Cloudflare's, a CAPTCHA) is ``blocked`` whatever its status;
404, 410 and 451 are ``broken``; 401, 403, 407, 429 and 999 are a site
refusing robots, ``blocked``; anything else is an ``error`` for a person to
look at. The page's own words (soft 404, anchors) are the checker's to read.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from urllib.parse import urlsplit

from listsmith.links import anchors
from listsmith.links.exchange import Response
from listsmith.links.status import Status, Verdict

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
BLOCKED_STATUSES = frozenset({401, 403, 407, 429, 999})
GONE = {404: "not found (404)", 410: "gone (410)", 451: "unavailable for legal reasons (451)"}
CHALLENGE_MARKERS = (
    b"cf-chl",
    b"challenge-platform",
    b"just a moment...",
    b"captcha",
    b"attention required",
    b"are you a robot",
    b"verify you are human",
)

Accepted = Mapping[str, Collection[int]]
"""Host -> statuses the list takes as working there (``links.accept``)."""


def accepted(url: str, response: Response, accept: Accepted) -> bool:
    """The list accepts this status from the host asked or the host answering."""
    hosts = {urlsplit(url).hostname, urlsplit(response.url).hostname}
    return any(response.status in accept.get(host or "", ()) for host in hosts)


def classify(url: str, response: Response, accept: Accepted) -> Verdict:
    status = response.status
    final = response.url if response.chain else None
    retry_after = response.headers.get("retry-after")
    if 200 <= status < 300 or accepted(url, response, accept):
        if response.chain and response.chain[0][1] in PERMANENT:
            new_url = _with_fragment(_after_permanent(response), url)
            moved = f"moved permanently ({response.chain[0][1]})"  # to new_url, shown beside it
            return Verdict(url, Status.REDIRECTED, moved, status, final, new_url)
        reason = f"works, via a temporary redirect to {final}" if response.chain else "works"
        return Verdict(url, Status.OK, reason, status, final)
    if _is_challenge(response):
        return Verdict(url, Status.BLOCKED, f"bot challenge page ({status})", status, final)
    if status in GONE:
        return Verdict(url, Status.BROKEN, GONE[status], status, final)
    if status in BLOCKED_STATUSES:
        what = "rate limited" if status == 429 else "refuses automated visitors"
        return Verdict(
            url, Status.BLOCKED, f"{what} ({status})", status, final, retry_after=retry_after
        )
    if status in REDIRECTS:
        return Verdict(url, Status.ERROR, f"redirect ({status}) without a Location", status)
    return Verdict(url, Status.ERROR, f"HTTP {status}", status, final, retry_after=retry_after)


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

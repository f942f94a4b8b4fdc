"""What ``--fix`` changes, to what and why: only what the run judged, nothing else.

- A permanent redirect (301/308) or a renamed repository: the URL becomes the
  new one (a deep link sent to a site's front page is left alone: that is how
  many sites say a page is gone).
- A broken link, rotten past ``--fail-after``, whose Wayback Machine snapshot
  works: with ``fix_broken: replace`` the URL becomes the snapshot and the old
  one is kept as ``original_url``, so it can be restored; with ``link`` the
  snapshot is added as a secondary link labelled ``archive_label`` and the
  URL stays. A broken secondary link is replaced in place either way (a link
  to a link's copy would be clutter).

Blocked, timed out, erroring and skipped links, and missing anchors, are a
person's to judge: they are never edited. A new URL comes from a server (a
Location header, an API's answer): it is written only when it is a URL the
schema would take.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from listsmith.links.status import Policy, Result, Source, Status

if TYPE_CHECKING:
    from listsmith.links.wayback import Snapshot

_URL = re.compile(r"https?://[^\s/?#]+\S*")
_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def writable(url: str) -> str | None:
    """``url`` as it can go into an entry, or None when it can't.

    Non-ASCII (a UTF-8 Location header) is percent-encoded, as browsers send
    it; a URL with spaces, line breaks or another scheme is refused.
    """
    if any(c.isspace() for c in url) or not _URL.fullmatch(url):
        return None
    try:
        encoded = quote(url, safe=_SAFE)
        host = urlsplit(encoded).hostname
    except (ValueError, UnicodeError):  # a bad port, or bytes that were never UTF-8
        return None
    return encoded if host else None


@dataclass(frozen=True)
class Edit:
    """One change to one place a URL is used."""

    url: str
    """The URL being fixed."""
    source: Source
    new: str
    why: str
    label: str | None = None
    """Set when ``new`` is added as a secondary link with this label, the URL kept."""
    keep_original: bool = False
    """Write ``original_url: <url>`` next to the replaced URL (unless one is there)."""


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    unfixed: dict[str, str] = field(default_factory=dict)
    """URL -> why it is not fixed, for what the run would have fixed."""

    def __iadd__(self, other: Plan) -> Plan:
        self.edits += other.edits
        self.unfixed |= other.unfixed
        return self


def _front_page(old: str, new: str) -> bool:
    """A deep link permanently redirected to a site's front page."""
    try:
        old_path, new_path = urlsplit(old).path, urlsplit(new).path
    except ValueError:
        return False
    return old_path.strip("/") != "" and new_path.strip("/") in ("", "index.html")


def redirects(results: list[Result]) -> Plan:
    """Permanent redirects and renamed repositories: the new URL replaces the old."""
    plan = Plan()
    for result in results:
        if result.status is not Status.REDIRECTED or not result.new_url:
            continue
        new = writable(result.new_url)
        if new is None:
            plan.unfixed[result.url] = f"the new address {result.new_url!r} is not a usable URL"
        elif _front_page(result.url, new):
            plan.unfixed[result.url] = (
                "it redirects to the site's front page, which usually means the page is gone"
            )
        elif new != result.url:
            plan.edits += [Edit(result.url, s, new, result.reason) for s in result.sources]
    return plan


def needs_copy(results: list[Result], policy: Policy) -> list[Result]:
    """The dead links an archived copy could fix."""
    return [r for r in results if r.status is Status.BROKEN and policy.rotten(r)]


def dead(
    results: list[Result],
    policy: Policy,
    copies: dict[str, Snapshot | str],
    mode: str,
    label: str,
) -> Plan:
    """Rotten links, each fixed by its archived copy (``copies``: the snapshot, or why
    there is none), the way ``mode`` (``fix_broken``) says."""
    plan = Plan()
    for result in results:
        if not policy.rotten(result):
            continue
        if result.status is not Status.BROKEN:
            plan.unfixed[result.url] = "a missing anchor is fixed by hand (the section moved)"
            continue
        copy = copies.get(result.url, "no archived copy was looked for")
        if isinstance(copy, str):
            plan.unfixed[result.url] = copy
            continue
        new = writable(copy.url)
        if new is None:
            plan.unfixed[result.url] = f"the archive's address {copy.url!r} is not a usable URL"
            continue
        why = f"{_dead_for(result)}; archived copy of {copy.taken:%Y-%m-%d}"
        for source in result.sources:
            if mode == "link" and source.path == ("url",):
                plan.edits.append(Edit(result.url, source, new, why, label=label))
            else:
                plan.edits.append(Edit(result.url, source, new, why, keep_original=True))
    return plan


def _dead_for(result: Result) -> str:
    runs = f"{result.failures} run{'s' if result.failures != 1 else ''}"
    since = ""
    if result.first_failure:
        try:
            since = f" since {datetime.fromisoformat(result.first_failure):%Y-%m-%d}"
        except ValueError:
            since = ""
    return f"dead for {runs}{since} ({result.reason})"

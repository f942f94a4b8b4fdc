"""A URL the schema's pattern lets through but no browser could open: ``https://[x/``,
``https://host:99999/``; or one whose host is written as another (169.254.169.254 in
fullwidth digits is the metadata service, see ``listsmith.hostname``). Found here, at
its line, rather than when the link check runs."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from listsmith.hostname import disguise
from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "url-valid"
LEVEL = Level.ERROR
ASKS = "A URL a browser could open: no broken IPv6 brackets or impossible port."


def problem(url: str) -> str | None:
    """What makes ``url`` unusable, or None."""
    if not url.lower().startswith(("https://", "http://")):
        return None  # the schema refuses other schemes, with its own words
    netloc = url.split("/", 3)[2]
    if netloc.isascii() and not any(c in netloc for c in "[]:"):
        return None  # the common case: a plain host name, nothing urlsplit could refuse
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError as exc:
        return f"{url} is not a usable URL: {exc}"
    if not parts.hostname:
        return f"{url} names no host"
    disguised = disguise(parts.hostname)
    return f"{url}: {disguised}" if disguised else None


def check(context: RuleContext) -> Iterator[Finding]:
    for entry in context.project.entries:
        for path, url in entry.urls():
            why = problem(url)
            if why:
                yield at(entry, path, why)

"""Soft 404s: pages that answer 200 and say they do not exist.

Many CMSs and single-page apps answer every address with 200 and a "page not
found" page, so the status alone calls a dead link ``ok``. A page is judged
by what it says of itself, its ``<title>`` and first ``<h1>``, never by its
body text: an article about HTTP errors mentions "not found" and is fine.

A page that says so outright is a not-found page whatever else its site
does: a part of its title or heading (between the separators sites put
around their name) that is nothing but "404", "Page not found" or "Sorry,
this page does not exist". Such a page is broken even on a site whose
nonsense addresses get a real 404 (its CMS routes the old path to a page of
its own).

Other wording would still cry wolf (a page titled "HTTP 404 explained"), so it
is only a suspicion. It is confirmed by asking the same site for an address
that can't exist: a site that answers that with 200 and the same title or
heading is a soft-404 site, and the page is its not-found page. A site that
answers 404 to nonsense does real 404s, so its other 200 pages are real. The
probe is asked once per site per run, and only when a page is suspect.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import unquote, urlsplit

from listsmith.links.page import Reading

NOT_FOUND = re.compile(
    r"\b(?:404|not found|(?:does ?n[o']t|no longer) exists?|no longer available"
    r"|(?:cannot|can't|could not|couldn't) be found|nicht gefunden|existiert nicht"
    r"|introuvable|non trouv[ée]e?|n'existe (?:pas|plus)|no encontrad[ao]|no existe"
    r"|non trovat[ao]|n[ãa]o encontrad[ao]|niet gevonden|nie znaleziono)\b"
    r"|ページが見つかりません|页面不存在|找不到",
    re.IGNORECASE,
)
_EXPLICIT = re.compile(
    r"(?:(?:error|http)\s*)?404(?:\s*(?:error|not found|page))?"
    r"|(?:oops\W*)?(?:error\W*)?(?:the\s+)?(?:page|file|resource)\s+(?:was\s+)?not\s+found"
    r"|(?:sorry\W*)?(?:this|that|the)\s+page\s+(?:does ?n[o']t|no longer)\s+exists?"
    r"|(?:sorry\W*)?(?:this|that|the)\s+page\s+"
    r"(?:(?:cannot|can't|could not|couldn't)\s+be|was\s+not)\s+found"
    r"|not\s+found",
    re.IGNORECASE,
)
"""What a title or heading part says when it is the not-found page and nothing else."""
_PARTS = re.compile(r"\s+[-|:\u2013\u2014\u00b7]+\s+|\s*[|\u2013\u2014]\s*|[,.!]\s+|[.!]$")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_NOISE = re.compile(r"[\W_]+")

Ask = Callable[[str], Awaitable[Reading | None]]
"""GET a URL and read its title and heading; None unless it answered 2xx HTML."""


def suspect(reading: Reading) -> list[str]:
    """The page's title and heading that read as "not found"."""
    texts = (reading.title, reading.heading)
    return [t for t in texts if t and NOT_FOUND.search(t.translate(_QUOTES))]


def explicit(reading: Reading) -> str | None:
    """The title or heading that says, and says only, that the page is not found."""
    for text in (reading.title, reading.heading):
        if not text:
            continue
        parts = [p.strip(" \t\n'\"") for p in _PARTS.split(text.translate(_QUOTES))]
        parts = [p for p in parts if p]
        if parts and any(_EXPLICIT.fullmatch(p) for p in parts):
            return text
    return None


def _norm(text: str, path: str) -> str:
    """Text to compare, without the address it names (a not-found page often
    repeats the path asked for) and without case, spacing or punctuation."""
    text = text.lower()
    decoded = unquote(path).lower()
    for token in sorted({decoded, decoded.strip("/"), decoded.rstrip("/").rsplit("/", 1)[-1]}):
        if len(token) >= 3:
            text = text.replace(token, " ")
    return _NOISE.sub(" ", text).strip()


def same_page(page: list[str], path: str, probe: Reading, probe_path: str) -> bool:
    """Whether a suspect text of the page is the probe's title or heading."""
    theirs = {_norm(t, probe_path) for t in (probe.title, probe.heading) if t}
    return any(_norm(text, path) in theirs for text in page)


class Probes:
    """One probe per site a run, shared by every check of that site."""

    def __init__(self, ask: Ask) -> None:
        self._ask = ask
        self._known: dict[str, tuple[Reading | None, str]] = {}
        self._pending: dict[str, asyncio.Task[Reading | None]] = {}
        self._paths: dict[str, str] = {}

    def new_loop(self) -> None:
        """Forget probes in flight (each belongs to one event loop), not the answers."""
        self._pending.clear()

    async def answer(self, url: str) -> tuple[Reading | None, str]:
        """The site's answer to an address that can't exist, and that address's path."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
        if origin in self._known:
            return self._known[origin]
        task = self._pending.get(origin)
        if task is None:
            path = f"/listsmith-{secrets.token_hex(16)}-does-not-exist"  # uuid: 4 ms to import
            self._paths[origin] = path
            task = self._pending[origin] = asyncio.ensure_future(self._ask(origin + path))
        reading = await asyncio.shield(task)
        self._known[origin] = (reading, self._paths[origin])
        return self._known[origin]

    async def confirms(self, url: str, page: Reading) -> str | None:
        """The not-found text of ``page`` (at ``url``, where it ended after redirects)
        when the site answers nonsense with the same page; None otherwise."""
        texts = suspect(page)
        if not texts:
            return None
        said = explicit(page)
        if said is not None:  # no probe can make "Page not found" a real page
            return said
        probe, probe_path = await self.answer(url)
        if probe is None or not same_page(texts, urlsplit(url).path, probe, probe_path):
            return None
        return texts[0]

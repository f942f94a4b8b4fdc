"""Which check answers each URL: the site that claims it, in batches first, else plain HTTP.

The checker knows HTTP and nothing of sites; sites know their APIs and get
only a fetch coroutine. This module puts them together for one run: it builds
each site's context (its settings, its token bound to its API origin) and
routes every URL. Every check is a coroutine on the run's event loop and
returns a frozen verdict; what a site adds to a plain check (a note, the
repository's signals) goes into a new verdict, never into the old one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from listsmith.links import retry, sites
from listsmith.links.checker import Checker
from listsmith.links.credentials import Credential
from listsmith.links.exchange import Request, Response
from listsmith.links.sites import Answer, ByHTTP, SiteCheck, SiteContext
from listsmith.links.status import Verdict
from listsmith.links.transport import Transport


def site_fetch(transport: Transport, credential: Credential | None) -> sites.base.Fetch:
    """The fetch coroutine a site gets: the transport's, carrying the site's credential."""

    async def fetch(
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        sample: int = sites.base.API_SAMPLE,
    ) -> Response:
        request = Request(method, url, headers or {}, body, sample, credential)
        return await transport.fetch(request)

    return fetch


def build_sites(
    checker: Checker, environ: Mapping[str, str] = os.environ, signals: bool = False
) -> list[SiteCheck]:
    """Every registered site, with its settings and, when its variable is set, its token."""
    options, transport = checker.options, checker.transport
    built = []
    for kind in sites.SITES:
        settings = sites.own_settings(kind, options.site)
        token = environ.get(kind.token_env) if kind.token_env else None
        api = kind.token_origin(settings)
        credential = None
        if token and api:
            credential = Credential(
                transport.remap.to(api), f"{kind.token_scheme} {token}", kind.token_env or ""
            )
        context = SiteContext(
            fetch=site_fetch(transport, credential),
            settings=settings,
            authenticated=credential is not None,
            rate_limit_wait=options.rate_limit_wait,
            signals=signals,
        )
        built.append(kind(context))
    return built


@dataclass
class Routes:
    """A run's URLs sorted by who answers them."""

    done: list[Verdict] = field(default_factory=list)
    """Excluded URLs: their verdict needs no request."""
    batches: list[tuple[SiteCheck, list[str]]] = field(default_factory=list)
    single: list[tuple[str, SiteCheck | None]] = field(default_factory=list)


class Dispatcher:
    def __init__(self, checker: Checker, site_checks: list[SiteCheck]) -> None:
        self.checker = checker
        self.sites = site_checks

    def route(self, urls: list[str]) -> Routes:
        routes = Routes()
        claimed: dict[int, list[str]] = {}
        for url in urls:
            excluded = self.checker.excluded(url)
            if excluded is not None:
                routes.done.append(excluded)
                continue
            site = next((i for i, s in enumerate(self.sites) if s.applies(url)), None)
            if site is None:
                routes.single.append((url, None))
            else:
                claimed.setdefault(site, []).append(url)
        routes.batches = [(self.sites[i], claimed[i]) for i in sorted(claimed)]
        return routes

    async def batch(self, site: SiteCheck, urls: list[str]) -> list[tuple[str, Answer | None]]:
        """The site's answers for many URLs; None for those it left to ``check``."""
        answered = await site.batch(urls)
        return [(url, answered.get(url)) for url in urls]

    async def check(
        self, url: str, site: SiteCheck | None, answer: Answer | None = None
    ) -> Verdict:
        """One URL's verdict: the site's own, else plain HTTP with what the site added."""
        if answer is None and site is not None:
            answer = await retry.with_retries(self.checker.options, url, lambda: site.check(url))
        if isinstance(answer, Verdict):
            return answer
        verdict = await self.checker.verdict(url)
        if isinstance(answer, ByHTTP):
            note = answer.note or verdict.note
            return replace(verdict, note=note, signals=answer.signals)
        return verdict

"""Which check answers each URL: the site that claims it, in batches first, else plain HTTP.

The checker knows HTTP and nothing of sites; sites know their APIs and get
only a fetch function. This module puts them together for one run: it builds
each site's context (its settings, its token bound to its API origin) and
routes every URL. Sites are plain blocking code: they run in worker threads,
and their fetch function hands each exchange to the checker's event loop.
"""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field

from listsmith.links import sites
from listsmith.links.checker import Checker
from listsmith.links.credentials import Credential
from listsmith.links.response import Response
from listsmith.links.sites import ByHTTP, Context, Site, Verdict
from listsmith.links.status import Result


def site_fetch(
    checker: Checker, credential: Credential | None, loop: asyncio.AbstractEventLoop
) -> sites.base.Fetch:
    """The fetch function a site gets: the checker's, with the site's credential,
    run on the checker's loop from the site's thread."""

    def fetch(
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        sample: int = sites.base.API_SAMPLE,
    ) -> Response:
        exchange = checker.fetch(method, url, headers, sample, body, credential)
        return asyncio.run_coroutine_threadsafe(exchange, loop).result()

    return fetch


def build_sites(
    checker: Checker,
    loop: asyncio.AbstractEventLoop,
    environ: Mapping[str, str] = os.environ,
    signals: bool = False,
) -> list[Site]:
    """Every registered site, with its settings and, when its variable is set, its token."""
    options = checker.options
    built = []
    for kind in sites.SITES:
        settings = sites.own_settings(kind, options.site)
        token = environ.get(kind.token_env) if kind.token_env else None
        api = kind.token_origin(settings)
        credential = None
        if token and api:
            credential = Credential(
                checker.remap.to(api), f"{kind.token_scheme} {token}", kind.token_env or ""
            )
        context = Context(
            fetch=site_fetch(checker, credential, loop),
            settings=settings,
            authenticated=credential is not None,
            rate_limit_wait=options.rate_limit_wait,
            signals=signals,
        )
        built.append(kind(context))
    return built


@dataclass
class Plan:
    """A run's URLs sorted by who answers them."""

    done: list[Result] = field(default_factory=list)
    """Excluded URLs: their verdict needs no request."""
    batches: list[tuple[Site, list[str]]] = field(default_factory=list)
    single: list[tuple[str, Site | None]] = field(default_factory=list)


class Dispatcher:
    def __init__(self, checker: Checker, site_checks: list[Site], threads: Executor) -> None:
        self.checker = checker
        self.sites = site_checks
        self.threads = threads
        """Where the (blocking) site checks run."""

    def plan(self, urls: list[str]) -> Plan:
        plan = Plan()
        claimed: dict[int, list[str]] = {}
        for url in urls:
            excluded = self.checker.excluded(url)
            if excluded is not None:
                plan.done.append(excluded)
                continue
            site = next((i for i, s in enumerate(self.sites) if s.applies(url)), None)
            if site is None:
                plan.single.append((url, None))
            else:
                claimed.setdefault(site, []).append(url)
        plan.batches = [(self.sites[i], claimed[i]) for i in sorted(claimed)]
        return plan

    async def batch(self, site: Site, urls: list[str]) -> list[tuple[str, Verdict | None]]:
        """The site's answers for many URLs; None for those it left to ``check``."""
        loop = asyncio.get_running_loop()
        answered = await loop.run_in_executor(self.threads, site.batch, urls)
        return [(url, answered.get(url)) for url in urls]

    async def check(self, url: str, site: Site | None, verdict: Verdict | None = None) -> Result:
        """One URL's verdict: the site's own, else plain HTTP with what the site added."""
        if verdict is None and site is not None:
            loop = asyncio.get_running_loop()
            ask = functools.partial(loop.run_in_executor, self.threads, site.check, url)
            verdict = await self.checker.with_retries(url, ask)
        if isinstance(verdict, Result):
            return verdict
        result = await self.checker.verdict(url)
        if isinstance(verdict, ByHTTP):
            if verdict.note:
                result.note = verdict.note
            result.signals = verdict.signals
        return result

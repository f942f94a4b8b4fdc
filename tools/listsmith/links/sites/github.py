"""GitHub repositories through the API: 100 a query with a token, politely without.

github.com answers crawlers 429 after about 60 page requests a minute, and
anonymous REST calls are capped at 60 an hour. So with ``GITHUB_TOKEN`` the
repositories of all URLs are asked for in GraphQL queries of up to 100
aliases each (1,500 repositories: 15 requests), one query at a time, as
GitHub asks of integrations. Without a token each repository is asked by REST
while the anonymous quota lasts, and the rest go to the plain HTTP check.

A renamed repository is ``redirected`` to its new name (the API follows
renames), a missing one ``broken``; a rate limit is waited out up to
``rate_limit_wait`` and otherwise reported ``blocked``, never ``broken``. A
deep link (``/tree/``, ``/blob/``, issues, releases) has its repository
checked here and its path over plain HTTP; so has a repository URL with an
anchor to look for (``#installation``: a README heading, which GitHub's page
carries as ``user-content-installation``), unless it was renamed: that is a
redirect to fix first. ``#readme`` is GitHub's own anchor on every
repository page, and needs no page.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from listsmith.links import anchors, ratelimit
from listsmith.links.response import Response, Unanswered
from listsmith.links.sites import repos
from listsmith.links.sites.base import ByHTTP, Context, Setting, Site, Verdict
from listsmith.links.status import Result, Status
from listsmith.signals import Release, RepoSignals

RESERVED = frozenset(
    {
        "about",
        "account",
        "apps",
        "collections",
        "customer-stories",
        "enterprise",
        "events",
        "explore",
        "features",
        "issues",
        "login",
        "marketplace",
        "new",
        "notifications",
        "orgs",
        "organizations",
        "pricing",
        "pulls",
        "search",
        "security",
        "settings",
        "site",
        "sponsors",
        "team",
        "topics",
        "trending",
    }
)
"""First path segments that are GitHub's own pages, never an owner."""
_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
_NAME = re.compile(r"[A-Za-z0-9._-]+")
FIELDS = (
    "nameWithOwner isArchived pushedAt stargazerCount licenseInfo { spdxId } "
    "latestRelease { tagName publishedAt }"
)
MAX_FAILED_QUERIES = 3
"""Failed queries (5xx, timeouts) before GraphQL leaves the rest to the per-URL checks,
or REST to the plain HTTP check."""
MAX_WAITS = 3
"""Rate-limit waits per query before its repositories are reported blocked."""
REST_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}


@dataclass(frozen=True)
class RepoRef:
    """A URL taken apart: which repository, and what follows it."""

    owner: str
    name: str
    tail: str
    """The rest of the URL after owner/name: a deep path, a query, a fragment."""
    deep: bool
    anchored: bool = False
    """It names an anchor of the repository's page (a README heading) to look for."""

    @property
    def key(self) -> str:
        return f"{self.owner}/{self.name}".lower()


def parse(url: str) -> RepoRef | None:
    """The repository a github.com URL is in, or None (not a repository URL)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or host not in (
        "github.com",
        "www.github.com",
    ):
        return None
    segments = parts.path.split("/")
    if len(segments) < 3:
        return None
    owner, name = unquote(segments[1]), unquote(segments[2]).removesuffix(".git")
    if owner.lower() in RESERVED or not _OWNER.fullmatch(owner) or not _NAME.fullmatch(name):
        return None
    rest = "/".join(segments[3:])
    tail = (f"/{rest}" if rest else "") + (f"?{parts.query}" if parts.query else "")
    tail += f"#{parts.fragment}" if parts.fragment else ""
    anchor = anchors.wanted(url)
    anchored = anchor is not None and anchor.lower() != "readme"
    return RepoRef(owner, name, tail, bool(rest.strip("/")), anchored)


@dataclass(frozen=True)
class _Blocked:
    reason: str


_GONE = object()
"""The API says there is no such repository."""
Answer = RepoSignals | _Blocked | object
"""What the API said about one repository; a missing key means it could not say."""


GRAPHQL = repos.Fields(
    "nameWithOwner", "isArchived", "stargazerCount", "pushedAt", ("licenseInfo", "spdxId")
)
REST = repos.Fields(
    "full_name", "archived", "stargazers_count", "pushed_at", ("license", "spdx_id")
)


def _from_graphql(node: dict[str, Any]) -> RepoSignals:
    """Raises KeyError, TypeError or ValueError on a damaged node."""
    latest = node.get("latestRelease")
    release = (
        None
        if latest is None
        else Release(str(latest["tagName"]), repos.day(latest.get("publishedAt")))
    )
    return repos.signals_from(node, GRAPHQL, release)


def query(refs: list[RepoRef]) -> bytes:
    """One GraphQL request for ``refs``, names passed as variables (never spliced in)."""
    params = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(len(refs)))
    body = " ".join(
        f"r{i}: repository(owner: $o{i}, name: $n{i}) {{ {FIELDS} }}" for i in range(len(refs))
    )
    variables: dict[str, str] = {}
    for i, ref in enumerate(refs):
        variables |= {f"o{i}": ref.owner, f"n{i}": ref.name}
    text = f"query({params}) {{ {body} }}"
    return json.dumps({"query": text, "variables": variables}).encode()


def answers(body: bytes, refs: list[RepoRef]) -> dict[str, Answer]:
    """Per repository key what a GraphQL answer says; a damaged part says nothing."""
    try:
        data = json.loads(body)
        nodes = data["data"]
        errors = data.get("errors") or []
        if not isinstance(nodes, dict) or not isinstance(errors, list):
            return {}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}
    missing = {
        str(error["path"][0])
        for error in errors
        if isinstance(error, dict)
        and error.get("type") == "NOT_FOUND"
        and isinstance(error.get("path"), list)
        and error["path"]
    }
    found: dict[str, Answer] = {}
    for i, ref in enumerate(refs):
        node = nodes.get(f"r{i}")
        if node is None:
            if f"r{i}" in missing:
                found[ref.key] = _GONE
            continue
        try:
            found[ref.key] = _from_graphql(node)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return found


def verdict(url: str, ref: RepoRef, answer: Answer | None) -> Verdict | None:
    """One URL's verdict from its repository's answer; None when there is none."""
    if answer is None:
        return None
    if answer is _GONE:
        return repos.gone(url, "GitHub repository")
    if isinstance(answer, _Blocked):
        return Result(url, Status.BLOCKED, answer.reason)
    assert isinstance(answer, RepoSignals)
    moved = answer.name.lower() != ref.key
    new_url = f"https://github.com/{answer.name}{ref.tail}" if moved else None
    # The page is read for a deep path, or for an anchor once the name is right (a renamed
    # repository is a redirect to fix first, which the API has already told).
    page = ref.deep or (ref.anchored and not moved)
    return repos.found(url, "GitHub repository", answer, page, new_url)


class GitHub(Site):
    name = "github"
    settings = (
        Setting(
            "api",
            "https://api.github.com",
            "The GitHub API base URL; GITHUB_TOKEN is sent there and nowhere else.",
            trusted=True,
        ),
        Setting("batch", 100, "Repositories asked for in one GraphQL query (at most 100)."),
    )
    token_env = "GITHUB_TOKEN"

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.api = str(self.setting["api"]).rstrip("/")
        self.graphql = ratelimit.Quota(context.clock)
        self.rest = ratelimit.Quota(context.clock)
        self._memo: dict[str, Answer | None] = {}
        self._lock = threading.Lock()
        self._rest_failures = 0
        self._rest_turn = threading.Lock()
        """REST requests go one at a time, as GitHub asks of integrations; so the
        quota is known before each one, and no queued request overdraws it."""

    @classmethod
    def token_origin(cls, settings: Mapping[str, Any]) -> str | None:
        return str(settings["api"])

    def applies(self, url: str) -> bool:
        return parse(url) is not None

    # -- many at once, with a token -----------------------------------------------------------

    def batch(self, urls: list[str]) -> dict[str, Verdict]:
        if not self.context.authenticated:
            return {}
        refs = {url: ref for url in urls if (ref := parse(url)) is not None}
        unique = list({ref.key: ref for ref in refs.values()}.values())
        size = max(1, min(100, int(self.setting["batch"])))
        chunks = [unique[i : i + size] for i in range(0, len(unique), size)]
        found: dict[str, Answer] = {}
        failures = 0
        while chunks and failures < MAX_FAILED_QUERIES:
            chunk = chunks.pop(0)
            outcome = self._ask(chunk)
            if isinstance(outcome, _Blocked):
                found |= {ref.key: outcome for rest in [chunk, *chunks] for ref in rest}
                break
            if outcome is None:
                failures += 1
                if len(chunk) > 1:  # a query GitHub could not finish: try halves
                    half = len(chunk) // 2
                    chunks[:0] = [chunk[:half], chunk[half:]]
                continue
            found |= outcome
        with self._lock:
            self._memo |= found
        return {
            url: answer
            for url, ref in refs.items()
            if (answer := verdict(url, ref, found.get(ref.key))) is not None
        }

    def _ask(self, chunk: list[RepoRef]) -> dict[str, Answer] | _Blocked | None:
        """One query's answers; None when the query failed and may be retried smaller."""
        for _ in range(MAX_WAITS):
            closed = self.graphql.closed()
            if closed is not None and not self.context.wait(closed):
                return _Blocked(
                    f"GitHub API rate limit used up for {closed:.0f} s more "
                    f"(longer than the {self.context.rate_limit_wait:g} s we wait)"
                )
            try:
                response = self.fetch(
                    "POST",
                    f"{self.api}/graphql",
                    headers={"Content-Type": "application/json"},
                    body=query(chunk),
                )
            except Unanswered:
                return None
            self.graphql.note(response)
            limit = ratelimit.limit_of(response, self.context.clock())
            if limit is None:
                return answers(response.body, chunk) if response.status == 200 else None
            self.graphql.close(limit.wait)
        return _Blocked(f"GitHub API still rate limited after {MAX_WAITS} waits")

    # -- one at a time, by REST ----------------------------------------------------------------

    def check(self, url: str) -> Verdict:
        ref = parse(url)
        assert ref is not None  # the dispatcher only sends URLs this site applies to
        with self._lock:
            known = ref.key in self._memo
            answer = self._memo.get(ref.key)
        if not known:
            answer = self._rest(ref)
            with self._lock:
                self._memo[ref.key] = answer
        return verdict(url, ref, answer) or ByHTTP()

    def _rest(self, ref: RepoRef) -> Answer | None:
        """The REST answer while the quota lasts; None hands the URL to plain HTTP."""
        with self._rest_turn:
            return self._rest_in_turn(ref)

    def _rest_in_turn(self, ref: RepoRef) -> Answer | None:
        if self.rest.closed() is not None:
            return None
        path = f"{quote(ref.owner, safe='')}/{quote(ref.name, safe='')}"
        response = self._rest_get(f"/repos/{path}")
        if response is None or response.status not in (200, 404):
            return None
        if response.status == 404:
            return _GONE
        try:
            data = json.loads(response.body)
            release = self._latest_release(data["full_name"]) if self.context.signals else None
            return repos.signals_from(data, REST, release)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def _latest_release(self, full_name: str) -> Release | None:
        response = self._rest_get(f"/repos/{full_name}/releases/latest")
        if response is None or response.status != 200:
            return None
        data = json.loads(response.body)
        return Release(str(data["tag_name"]), repos.day(data.get("published_at")))

    def _rest_get(self, path: str) -> Response | None:
        try:
            response = self.fetch("GET", f"{self.api}{path}", headers=REST_HEADERS)
        except Unanswered:
            self._rest_failures += 1  # an API that does not answer is not asked all run long
            if self._rest_failures >= MAX_FAILED_QUERIES:
                self.rest.close(None)
            return None
        self.rest.note(response)
        limit = ratelimit.limit_of(response, self.context.clock())
        if limit is not None:
            self.rest.close(limit.wait)
            return None
        return response

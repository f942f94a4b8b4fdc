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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import quote, unquote, urlsplit

from listsmith.links import anchors, ratelimit
from listsmith.links.exchange import Response, Unanswered
from listsmith.links.sites import repos
from listsmith.links.sites.base import Answer, ByHTTP, SiteCheck, SiteContext
from listsmith.links.status import Status, Verdict
from listsmith.settings import Option
from listsmith.signals import Release, RepoSignals

RESERVED = frozenset(
    {
        # github.com's own pages, never an owner. GitHub does not publish the list of
        # names it keeps; this follows the one kept from GitHub's sign-up refusals at
        # https://github.com/Mottie/github-reserved-names (reserved-names.json), plus the
        # paths GitHub serves its own content from (user-attachments, advisories, readme,
        # solutions, resources, codespaces, copilot), which READMEs link to a lot.
        "about", "account", "advisories", "apps", "blog", "business", "changelog",
        "codespaces", "collections", "contact", "copilot", "customer-stories", "dashboard",
        "discussions", "downloads", "enterprise", "events", "explore", "features", "gist",
        "github-copilot", "home", "issues", "join", "login", "logout", "marketplace",
        "mobile", "new", "notifications", "orgs", "organizations", "partners",
        "premium-support", "pricing", "pulls", "readme", "resources", "search", "security",
        "sessions", "settings", "signup", "site", "solutions", "sponsors", "stars", "team",
        "teams", "topics", "trending", "user-attachments", "users", "watching",
    }
)  # fmt: skip
"""First path segments that are GitHub's own pages, never an owner."""
_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
_NAME = re.compile(r"[A-Za-z0-9._-]+")
FIELDS = "nameWithOwner isArchived pushedAt stargazerCount"
SIGNAL_FIELDS = " licenseInfo { spdxId } latestRelease { tagName publishedAt }"
"""Asked only when the run refreshes signals.json: nested objects make a query heavier,
and heavy queries are the ones GitHub gives up on with a 502."""
MAX_FAILED_QUERIES = 6
"""Failed queries (5xx, timeouts, damaged answers) in a run before GraphQL is given up on;
what is still unasked is then reported blocked, never sent to REST one by one (1,500 REST
calls in a row run into GitHub's secondary limits)."""
MAX_WAITS = 3
"""Rate-limit waits per query before its repositories are reported blocked."""
MAX_REST_FAILURES = 3
"""REST requests without an answer before REST is left to the plain HTTP check."""
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
    probe: tuple[str, str | int] | None = None
    """What GraphQL can vouch for in the deep path (see ``_probe``), if anything."""

    @property
    def key(self) -> str:
        return f"{self.owner}/{self.name}".lower()


@dataclass(frozen=True)
class OwnerRef:
    """A profile: github.com/NAME, a user or an organisation."""

    login: str

    @property
    def key(self) -> str:
        return f"@{self.login.lower()}"


_PROBES = {"tree": "object", "blob": "object", "issues": "issue", "pull": "issue"}


def _probe(segments: list[str]) -> tuple[str, str | int] | None:
    """The part of a deep path the GraphQL API can confirm exists, so the page need not be
    fetched: ``tree/REF/PATH`` and ``blob/REF/PATH`` as ``object(expression: "REF:PATH")``
    (https://docs.github.com/en/graphql/reference/objects#repository, field ``object``),
    ``issues/N`` and ``pull/N`` as ``issueOrPullRequest(number:)``, ``releases/tag/T`` as
    ``release(tagName:)``. Only a found object is taken as an answer: a ref may itself
    hold slashes (``tree/feature/x/src``), so a null leaves the page to decide."""
    kind = _PROBES.get(segments[0]) if segments else None
    if kind == "object" and len(segments) >= 2 and segments[1]:
        return ("object", f"{segments[1]}:{'/'.join(segments[2:])}")
    if kind == "issue" and len(segments) == 2 and segments[1].isdigit():
        return ("issue", int(segments[1]))
    if segments[:2] == ["releases", "tag"] and len(segments) == 3 and segments[2]:
        return ("release", segments[2])
    return None


def _github_parts(url: str) -> tuple[list[str], Any] | None:
    if "github.com" not in url.lower():  # no parse for the many URLs of other hosts
        return None
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
    return parts.path.split("/"), parts


def parse(url: str) -> RepoRef | None:
    """The repository a github.com URL is in, or None (not a repository URL)."""
    split = _github_parts(url)
    if split is None:
        return None
    segments, parts = split
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
    deep = [unquote(s) for s in segments[3:] if s]
    probe = None if parts.query else _probe(deep)
    return RepoRef(owner, name, tail, bool(deep), anchored, probe)


def parse_owner(url: str) -> OwnerRef | None:
    """The user or organisation a profile URL (github.com/NAME) names, or None."""
    split = _github_parts(url)
    if split is None:
        return None
    segments, parts = split
    named = [s for s in segments if s]
    if len(named) != 1 or parts.query or anchors.wanted(url) is not None:
        return None
    login = unquote(named[0])
    if login.lower() in RESERVED or not _OWNER.fullmatch(login):
        return None
    return OwnerRef(login)


@dataclass(frozen=True)
class _Blocked:
    reason: str


_GONE = object()
"""The API says there is no such repository."""


@dataclass(frozen=True)
class Found:
    """A repository the API found, and which of the deep paths asked it vouched for."""

    repo: RepoSignals
    present: frozenset[tuple[str, str | int]] = frozenset()


Said = Found | _Blocked | bool | object
"""What the API said about one repository (Found, _GONE) or owner (bool); a missing key
means it could not say."""


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


Item = tuple[RepoRef, tuple[tuple[str, str | int], ...]] | OwnerRef
"""One alias of a query: a repository with the deep paths to ask about, or an owner."""
_PROBE_FIELD = {
    "object": ("String!", "object(expression: ${v}) {{ __typename }}"),
    "issue": ("Int!", "issueOrPullRequest(number: ${v}) {{ __typename }}"),
    "release": ("String!", "release(tagName: ${v}) {{ __typename }}"),
}


def query(items: list[Item], signals: bool = False) -> bytes:
    """One GraphQL request for ``items``, names passed as variables (never spliced in)."""
    params: list[str] = []
    body: list[str] = []
    variables: dict[str, str | int] = {}
    fields = FIELDS + (SIGNAL_FIELDS if signals else "")
    for i, item in enumerate(items):
        if isinstance(item, OwnerRef):
            params.append(f"$l{i}: String!")
            variables[f"l{i}"] = item.login
            body.append(f"r{i}: repositoryOwner(login: $l{i}) {{ login }}")
            continue
        ref, probes = item
        params.append(f"$o{i}: String!, $n{i}: String!")
        variables |= {f"o{i}": ref.owner, f"n{i}": ref.name}
        asked = fields
        for j, (kind, value) in enumerate(probes):
            kind_of, field = _PROBE_FIELD[kind]
            name = f"p{i}_{j}"
            params.append(f"${name}: {kind_of}")
            variables[name] = value
            asked += f" {name}: " + field.replace("${v}", f"${name}").format()
        body.append(f"r{i}: repository(owner: $o{i}, name: $n{i}) {{ {asked} }}")
    text = f"query({', '.join(params)}) {{ {' '.join(body)} }}"
    return json.dumps({"query": text, "variables": variables}).encode()


def answers(body: bytes, items: list[Item]) -> dict[str, Said] | None:
    """Per key what a GraphQL answer says; a damaged part says nothing, and a damaged
    whole (no ``data``) is None: a failed query."""
    try:
        data = json.loads(body)
        nodes = data["data"]
        errors = data.get("errors") or []
        if not isinstance(nodes, dict) or not isinstance(errors, list):
            return None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    # A missing repository is a NOT_FOUND error whose path is its alias alone; an error
    # deeper in (["r3", "p3_0"]: no such issue) says nothing about the repository
    # (https://docs.github.com/en/graphql/guides/forming-calls-with-graphql).
    missing = {
        str(error["path"][0])
        for error in errors
        if isinstance(error, dict)
        and error.get("type") == "NOT_FOUND"
        and isinstance(error.get("path"), list)
        and len(error["path"]) == 1
    }
    found: dict[str, Said] = {}
    for i, item in enumerate(items):
        node = nodes.get(f"r{i}")
        if isinstance(item, OwnerRef):
            # No such owner: null, with or without a NOT_FOUND error (``repositoryOwner`` is
            # a nullable lookup, ``user`` and ``organization`` add the error).
            if f"r{i}" in nodes or f"r{i}" in missing:
                found[item.key] = node is not None
            continue
        ref, probes = item
        if node is None:
            if f"r{i}" in missing:
                found[ref.key] = _GONE
            continue
        try:
            present = frozenset(
                p for j, p in enumerate(probes) if node.get(f"p{i}_{j}") is not None
            )
            found[ref.key] = Found(_from_graphql(node), present)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return found


def _key(item: Item) -> str:
    return item.key if isinstance(item, OwnerRef) else item[0].key


def verdict(
    url: str, ref: RepoRef, answer: Said | None, owner: Said | None = None
) -> Answer | None:
    """One URL's verdict from its repository's answer (and its owner's, when the
    repository was not found); None when there is none."""
    if answer is None:
        return None
    if answer is _GONE:
        if owner is True:  # the owner exists and has no such repository: certain
            return repos.gone(url, "GitHub repository")
        # The API alone never makes a link broken (lychee does the same): the path may be
        # one of GitHub's own pages we don't know, or the account itself may be gone.
        return ByHTTP("GitHub's API knows no such repository")
    if isinstance(answer, _Blocked):
        return Verdict(url, Status.BLOCKED, answer.reason)
    assert isinstance(answer, Found)
    repo = answer.repo
    moved = repo.name.lower() != ref.key
    new_url = f"https://github.com/{repo.name}{ref.tail}" if moved else None
    if moved:  # deep or not: GitHub redirects every path of a renamed repository
        return repos.found(url, "GitHub repository", repo, False, new_url)
    vouched = ref.deep and ref.probe in answer.present  # the query found the path too
    left = (ref.deep and not vouched) or ref.anchored  # the page still has a say
    return repos.found(url, "GitHub page" if vouched else "GitHub repository", repo, left, None)


def owner_verdict(url: str, answer: Said | None) -> Answer:
    if answer is True:
        return Verdict(url, Status.OK, "GitHub user or organisation exists", 200)
    if isinstance(answer, _Blocked):
        return Verdict(url, Status.BLOCKED, answer.reason)
    return ByHTTP()  # not found, or not asked: the page decides


class GitHub(SiteCheck):
    name = "github"
    settings: ClassVar[dict[str, Option]] = {
        "api": Option(
            "https://api.github.com",
            (str,),
            "The GitHub API base URL; GITHUB_TOKEN is sent there and nowhere else.",
            trusted=True,
        ),
        "batch": Option(100, (int,), "Repositories asked for in one GraphQL query (at most 100)."),
    }
    token_env = "GITHUB_TOKEN"

    def __init__(self, context: SiteContext) -> None:
        super().__init__(context)
        self.api = str(self.setting["api"]).rstrip("/")
        self.graphql = ratelimit.Quota(context.clock)
        self.rest = ratelimit.Quota(context.clock)
        self._memo: dict[str, Said | None] = {}
        self._rest_failures = 0
        import asyncio  # here: a run answered from the history alone never loads it

        self._rest_turn = asyncio.Lock()
        """REST requests go one at a time, as GitHub asks of integrations; so the
        quota is known before each one, and no queued request overdraws it."""
        self.failed_queries = 0

    @classmethod
    def token_origin(cls, settings: Mapping[str, Any]) -> str | None:
        return str(settings["api"])

    def applies(self, url: str) -> bool:
        return parse(url) is not None or parse_owner(url) is not None

    # -- many at once, with a token -----------------------------------------------------------

    async def batch(self, urls: list[str]) -> dict[str, Answer]:
        if not self.context.authenticated:
            return {}
        refs = {url: ref for url in urls if (ref := parse(url)) is not None}
        profiles = {url: owner for url in urls if (owner := parse_owner(url)) is not None}
        probes: dict[str, dict[tuple[str, str | int], None]] = {}
        for ref in refs.values():
            asked = probes.setdefault(ref.key, {})
            if ref.probe is not None and len(asked) < 5:
                asked[ref.probe] = None
        unique = {ref.key: ref for ref in refs.values()}
        items: list[Item] = [(unique[key], tuple(asked)) for key, asked in probes.items()]
        found = await self._run(items)
        # The owners of repositories not found, with the profiles: an owner that exists
        # makes its missing repository certain; one that doesn't leaves it to the page.
        owners = {o.key: o for o in profiles.values()}
        for ref in unique.values():
            if found.get(ref.key) is _GONE:
                owners.setdefault(f"@{ref.owner.lower()}", OwnerRef(ref.owner))
        found |= await self._run(list(owners.values()))
        self._memo |= found
        verdicts: dict[str, Answer] = {}
        for url, ref in refs.items():
            owner = found.get(f"@{ref.owner.lower()}")
            answer = verdict(url, ref, found.get(ref.key), owner)
            if answer is not None:
                verdicts[url] = answer
        for url, profile in profiles.items():
            if profile.key in found:
                verdicts[url] = owner_verdict(url, found[profile.key])
        return verdicts

    async def _run(self, items: list[Item]) -> dict[str, Said]:
        """Every item asked, ``batch`` at a time. A failed query (GitHub gives up on heavy
        ones with a 502 after its 10 s limit, https://docs.github.com/en/graphql/overview/
        rate-limits-and-query-limits-for-the-graphql-api#timeouts) is tried once more as it
        is, since most such failures pass, then split in halves; a single item that fails
        twice is left to ``check``. Past MAX_FAILED_QUERIES failures in the run what is
        left is reported blocked, so a failing API never sends the list to REST."""
        size = max(1, min(100, int(self.setting["batch"])))
        chunks = [(items[i : i + size], False) for i in range(0, len(items), size)]
        found: dict[str, Said] = {}
        while chunks:
            chunk, retried = chunks.pop(0)
            if self.failed_queries >= MAX_FAILED_QUERIES:
                reason = f"GitHub's GraphQL API failed {self.failed_queries} queries this run"
                gave_up = _Blocked(reason)
                found |= {_key(i): gave_up for rest, _ in [(chunk, 0), *chunks] for i in rest}
                break
            outcome = await self._ask(chunk)
            if isinstance(outcome, _Blocked):
                found |= {_key(i): outcome for rest, _ in [(chunk, 0), *chunks] for i in rest}
                break
            if outcome is None:
                self.failed_queries += 1
                if not retried:
                    chunks.insert(0, (chunk, True))
                elif len(chunk) > 1:
                    half = len(chunk) // 2
                    chunks[:0] = [(chunk[:half], False), (chunk[half:], False)]
                continue
            found |= outcome
        return found

    async def _ask(self, chunk: list[Item]) -> dict[str, Said] | _Blocked | None:
        """One query's answers; None when the query failed and may be retried smaller."""
        for _ in range(MAX_WAITS):
            closed = self.graphql.closed()
            if closed is not None and not await self.context.wait(closed):
                return _Blocked(
                    f"GitHub API rate limit used up for {closed:.0f} s more "
                    f"(longer than the {self.context.rate_limit_wait:g} s we wait)"
                )
            try:
                response = await self.fetch(
                    "POST",
                    f"{self.api}/graphql",
                    headers={"Content-Type": "application/json"},
                    body=query(chunk, self.context.signals),
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

    async def check(self, url: str) -> Answer:
        ref = parse(url)
        if ref is None:  # a profile the batch did not answer: its page decides
            profile = parse_owner(url)
            assert profile is not None  # the dispatcher only sends URLs this site applies to
            return owner_verdict(url, self._memo.get(profile.key))
        answer = await self._repository(ref)
        owner = self._memo.get(f"@{ref.owner.lower()}")
        return verdict(url, ref, answer, owner) or ByHTTP()

    async def _repository(self, ref: RepoRef) -> Said | None:
        """What is known of ``ref``'s repository: from the batch or an earlier URL of
        it, else asked by REST while the quota lasts (None hands the URL to plain HTTP)."""
        if ref.key not in self._memo:
            async with self._rest_turn:  # one at a time; the URL before may have asked
                if ref.key not in self._memo:
                    self._memo[ref.key] = await self._rest(ref)
        return self._memo[ref.key]

    async def _rest(self, ref: RepoRef) -> Said | None:
        if self.rest.closed() is not None:
            return None
        path = f"{quote(ref.owner, safe='')}/{quote(ref.name, safe='')}"
        response = await self._rest_get(f"/repos/{path}")
        if response is None or response.status not in (200, 404):
            return None
        if response.status == 404:
            return _GONE
        try:
            data = json.loads(response.body)
            release = None
            if self.context.signals:
                release = await self._latest_release(data["full_name"])
            return Found(repos.signals_from(data, REST, release))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    async def _latest_release(self, full_name: str) -> Release | None:
        response = await self._rest_get(f"/repos/{full_name}/releases/latest")
        if response is None or response.status != 200:
            return None
        data = json.loads(response.body)
        return Release(str(data["tag_name"]), repos.day(data.get("published_at")))

    async def _rest_get(self, path: str) -> Response | None:
        try:
            response = await self.fetch("GET", f"{self.api}{path}", headers=REST_HEADERS)
        except Unanswered:
            self._rest_failures += 1  # an API that does not answer is not asked all run long
            if self._rest_failures >= MAX_REST_FAILURES:
                self.rest.close(None)
            return None
        self.rest.note(response)
        limit = ratelimit.limit_of(response, self.context.clock())
        if limit is not None:
            self.rest.close(limit.wait)
            return None
        return response

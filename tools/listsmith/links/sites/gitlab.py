"""GitLab projects through the REST API, on gitlab.com and self-hosted hosts.

One REST request per project, not GraphQL batches, because: GitLab's REST
API follows a renamed project's redirect route and names its new path,
while GraphQL's ``projects(fullPaths:)`` silently leaves renamed projects
out, so every project it missed would need a REST request anyway to tell
renamed from deleted; GitLab's limits are per minute and wide (hundreds of
anonymous requests a minute on gitlab.com), and lists link far fewer GitLab
projects than GitHub repositories; and anonymous GraphQL queries have a
small complexity budget that caps a batch well below 100 projects.

``GITLAB_TOKEN`` is sent to gitlab.com only; self-hosted hosts are asked
anonymously. A 404 is checked against the groups API once, since a group's
URL looks like a project's.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import quote, unquote, urlsplit

from listsmith.links import ratelimit
from listsmith.links.exchange import Response
from listsmith.links.sites import repos
from listsmith.links.sites.base import Answer, ByHTTP, SiteCheck
from listsmith.links.status import Status, Verdict
from listsmith.settings import Option
from listsmith.signals import Release

RESERVED = frozenset(
    {"-", "admin", "api", "dashboard", "explore", "groups", "help", "search", "snippets", "users"}
)
"""First path segments that are GitLab's own pages, never a namespace (GitLab keeps these
names from users and groups: doc/user/reserved_names.md). ``snippets/<id>`` is a personal
snippet, which the projects API knows nothing of: asked there it was reported broken."""
LEGACY_DEEP = frozenset(
    {"blob", "commits", "issues", "merge_requests", "raw", "releases", "tags", "tree", "wikis"}
)
"""Path segments that began a deep link before GitLab put ``/-/`` in front of them."""
HEADERS = {"Accept": "application/json"}
FIELDS = repos.Fields(
    "path_with_namespace", "archived", "star_count", "last_activity_at", ("license", "key")
)
"""GitLab has no last push; ``last_activity_at`` is its nearest field."""


@dataclass(frozen=True)
class ProjectRef:
    host: str
    path: str
    """``group/sub/project`` as the URL spells it."""
    tail: str
    deep: bool


def parse(url: str, hosts: frozenset[str]) -> ProjectRef | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.scheme.lower() not in ("http", "https") or host not in hosts:
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    cut = next(
        (i for i, s in enumerate(segments) if s == "-" or (i >= 2 and s in LEGACY_DEEP)),
        len(segments),
    )
    project = segments[:cut]
    if len(project) < 2 or project[0].lower() in RESERVED:
        return None
    project[-1] = project[-1].removesuffix(".git")
    rest = "/".join(segments[cut:])
    tail = (f"/{rest}" if rest else "") + (f"?{parts.query}" if parts.query else "")
    tail += f"#{parts.fragment}" if parts.fragment else ""
    return ProjectRef(host, "/".join(project), tail, bool(rest))


class GitLab(SiteCheck):
    name = "gitlab"
    settings: ClassVar[dict[str, Option]] = {
        "hosts": Option(
            ["gitlab.com"],
            (list,),
            "GitLab hosts whose projects are checked through their API (add self-hosted "
            "ones); GITLAB_TOKEN is sent to gitlab.com only.",
            items=str,
            trusted=True,
        ),
    }
    token_env = "GITLAB_TOKEN"

    @classmethod
    def token_origin(cls, settings: Mapping[str, Any]) -> str | None:
        return "https://gitlab.com"

    def applies(self, url: str) -> bool:
        lowered = url.lower()  # no parse for the many URLs that name none of the hosts
        hosts = self._hosts
        return any(host in lowered for host in hosts) and parse(url, hosts) is not None

    @functools.cached_property
    def _hosts(self) -> frozenset[str]:
        return frozenset(h.lower() for h in self.setting["hosts"])

    async def check(self, url: str) -> Answer:
        ref = parse(url, self._hosts)
        assert ref is not None  # the dispatcher only sends URLs this site applies to
        api = f"https://{ref.host}/api/v4"
        project = quote(ref.path, safe="")
        asked = f"{api}/projects/{project}?license=true"
        response = await self.fetch("GET", asked, headers=HEADERS)
        limit = ratelimit.limit_of(response, self.context.clock())
        if limit is not None:
            reason = f"GitLab API {limit.kind} rate limit"
            wait = None if limit.wait is None else f"{limit.wait:.0f}"
            return Verdict(url, Status.BLOCKED, reason, 429, retry_after=wait)
        if response.status == 404:
            group = await self.fetch("GET", f"{api}/groups/{project}", headers=HEADERS)
            return ByHTTP() if group.status == 200 else repos.gone(url, "GitLab project")
        if response.status != 200:
            return ByHTTP()
        try:
            data = json.loads(response.body)
            release = await self._latest_release(api, data["id"]) if self.context.signals else None
            repo = repos.signals_from(data, FIELDS, release)
        except (ValueError, KeyError, TypeError, AttributeError):
            return ByHTTP()  # a damaged answer: let the page speak
        moved = repo.name.lower() != ref.path.lower()
        new_url = f"https://{ref.host}/{repo.name}{ref.tail}" if moved else None
        return repos.found(url, "GitLab project", repo, ref.deep, new_url)

    async def _latest_release(self, api: str, project_id: object) -> Release | None:
        response: Response = await self.fetch(
            "GET", f"{api}/projects/{project_id}/releases?per_page=1", headers=HEADERS
        )
        if response.status != 200:
            return None
        latest = json.loads(response.body)
        if not latest:
            return None
        return Release(str(latest[0]["tag_name"]), repos.day(latest[0].get("released_at")))

"""A local fake of github.com, its REST and GraphQL APIs, and a GitLab, on loopback.

Written from GitHub's documentation and issue trackers, not from our code; where GitHub
answers in several ways, so does the fake:

- github.com answers crawlers 429 past ``web_per_minute`` page requests a minute, per host
  (lychee-all/lychee#1407 and friends); a renamed repository's pages redirect (301) to the
  new name, any path kept; profiles, advisories, projects and attachments are pages too.
- REST: ``x-ratelimit-*`` headers on every answer, the anonymous (60) and token (5,000)
  quotas, 403 with remaining 0 past them; a renamed repository answers 301 to
  ``/repositories/<id>`` (https://docs.github.com/en/rest/using-the-rest-api/
  best-practices-for-using-the-rest-api#follow-redirects).
- GraphQL needs a token and parses the query (a small parser of its own, below).
  ``repository(owner:, name:)`` follows a rename and names the new ``nameWithOwner``; a
  missing one is null with a NOT_FOUND error whose path is its alias ("Could not resolve
  to a Repository with the name 'o/n'."); ``issueOrPullRequest(number:)`` likewise, its
  path two deep; ``object(expression:)``, ``release(tagName:)`` and ``repositoryOwner``
  are null without an error when there is none
  (https://docs.github.com/en/graphql/guides/forming-calls-with-graphql).
- A query heavier than ``heavy_aliases`` repositories may fail with 502 and GitHub's
  timeout message, as GitHub does past its 10 s limit
  (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#timeouts):
  the first heavy query of a run and then every ``flaky_every``-th, since a retry of the
  same query usually passes.
- Rate limits: the primary one as 200 with an error typed RATE_LIMITED or RATE_LIMIT
  (yanyongyu/githubkit#271; the remaining count need not be 0), and a secondary one in a
  200, 403 or 429 body saying "secondary rate limit", with or without Retry-After
  (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
  A test queues them with ``script`` (next requests) or ``at`` (the n-th API request).

Every request is logged with its Authorization header, so tests can see where a token went.
Used by tests/test_sites_server.py, tests/test_fix.py and bench/bench_github.py.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

TOKEN = "ghp_fake0123456789secret"
GITLAB_TOKEN = "glpat-fake0123456789secret"


@dataclass
class Repo:
    name: str
    """owner/name as the host spells it."""
    archived: bool = False
    pushed: str = "2025-01-15T10:00:00Z"
    stars: int = 42
    license: str | None = "MIT"
    release: tuple[str, str] | None = ("v1.0.0", "2024-12-01T09:00:00Z")
    id: int = 0
    refs: tuple[str, ...] = ("main", "master", "feature/x")
    """Branches and tags: a path under any of them exists unless it names "missing"."""
    issues: int = 50
    """Issues and pull requests 1..issues exist."""

    def has_path(self, ref: str, path: str) -> bool:
        return ref in self.refs and "missing" not in path.split("/")


@dataclass
class Seen:
    host: str
    method: str
    path: str
    authorization: str


@dataclass
class Fake:
    repos: dict[str, Repo] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    """old owner/name (lower case) -> new owner/name (lower case)."""
    groups: set[str] = field(default_factory=set)
    """GitLab groups (lower case paths), whose URLs look like projects'."""
    web_per_minute: int = 60
    anonymous_quota: int = 60
    token_quota: int = 5000
    graphql_quota: int = 5000
    scripted: deque[tuple[str, dict[str, Any]]] = field(default_factory=deque)
    """Canned answers for the next API requests: (kind, parameters)."""
    at: dict[int, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Canned answers for the n-th API request (1 the first)."""
    owners: set[str] = field(default_factory=set)
    """Users and organisations with no repository here (lower case); owners of one are known."""
    heavy_aliases: int | None = None
    """Queries asking more repositories than this may time out (502); None: none do."""
    flaky_every: int = 10
    graphql_log: list[int] = field(default_factory=list)
    """Repository aliases in each GraphQL query received."""
    _api_count: int = 0
    _heavy_count: int = 0
    log: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _web_times: dict[str, deque[float]] = field(default_factory=dict)
    _used: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, **facts: Any) -> Repo:
        repo = Repo(name, id=len(self.repos) + 1, **facts)
        self.repos[name.lower()] = repo
        return repo

    def rename(self, old: str, new: str) -> None:
        self.renamed[old.lower()] = new.lower()

    def script(self, kind: str, times: int = 1, **params: Any) -> None:
        for _ in range(times):
            self.scripted.append((kind, params))

    def find(self, name: str) -> Repo | None:
        key = name.lower()
        return self.repos.get(self.renamed.get(key, key))

    def requests_to(self, host: str) -> list[Seen]:
        with self.lock:
            return [seen for seen in self.log if seen.host == host]

    def web_allowed(self, host: str) -> bool:
        with self.lock:
            now = time.monotonic()
            times = self._web_times.setdefault(host, deque())
            while times and now - times[0] > 60:
                times.popleft()
            if len(times) >= self.web_per_minute:
                return False
            times.append(now)
            return True

    def owner_exists(self, login: str) -> bool:
        login = login.lower()
        return login in self.owners or any(k.split("/")[0] == login for k in self.repos)

    def spend(self, bucket: str, limit: int) -> int:
        """Use one request of ``bucket``; returns what is left (-1: none was)."""
        with self.lock:
            used = self._used.get(bucket, 0)
            if used >= limit:
                return -1
            self._used[bucket] = used + 1
            return limit - used - 1

    def next_scripted(self) -> tuple[str, dict[str, Any]] | None:
        with self.lock:
            self._api_count += 1
            if self._api_count in self.at:
                return self.at[self._api_count]
            return self.scripted.popleft() if self.scripted else None

    def heavy_fails(self, aliases: int) -> bool:
        """Whether this query times out: heavy, and the first or a flaky_every-th of them."""
        if self.heavy_aliases is None or aliases <= self.heavy_aliases:
            return False
        with self.lock:
            self._heavy_count += 1
            return self._heavy_count % self.flaky_every == 1


def _rest_repo(repo: Repo) -> dict[str, Any]:
    return {
        "id": repo.id,
        "full_name": repo.name,
        "html_url": f"https://github.com/{repo.name}",
        "archived": repo.archived,
        "pushed_at": repo.pushed,
        "stargazers_count": repo.stars,
        "license": None if repo.license is None else {"spdx_id": repo.license},
    }


def _graphql_repo(repo: Repo) -> dict[str, Any]:
    return {
        "nameWithOwner": repo.name,
        "isArchived": repo.archived,
        "pushedAt": repo.pushed,
        "stargazerCount": repo.stars,
        "licenseInfo": None if repo.license is None else {"spdxId": repo.license},
        "latestRelease": None
        if repo.release is None
        else {"tagName": repo.release[0], "publishedAt": repo.release[1]},
    }


GITHUB_PAGES = frozenset({"advisories", "user-attachments", "users", "orgs", "gist"})
"""Pages of GitHub's own the fake serves (a gist host is remapped under /gist/)."""
REPOSITORY_PAGE = (
    b'<html><head><title>A repository</title></head><body><div id="readme">'
    b'<article class="markdown-body"><div class="markdown-heading"><h2>Installation</h2>'
    b'<a id="user-content-installation" class="anchor" href="#installation"></a></div>'
    b"</article></div></body></html>"
)
"""A repository's page: its README's headings carry GitHub's user-content- ids."""


@dataclass
class Selection:
    """One field of a GraphQL selection set: ``alias: name(args) { children }``."""

    alias: str
    name: str
    args: dict[str, Any]
    children: list[Selection]


_TOKEN = re.compile(
    r'[\s,]+|#[^\n]*|(?P<t>\.\.\.|[{}():!$\[\]=]|-?\d+|"(?:[^"\\]|\\.)*"|[_A-Za-z]\w*)'
)


class GraphQLSyntax(ValueError):
    pass


def parse_query(text: str, variables: dict[str, Any]) -> list[Selection]:
    """The top-level selections of a query document (the subset of the GraphQL grammar,
    https://spec.graphql.org/October2021/#sec-Language, that clients send GitHub here:
    one operation, variable definitions, aliases, arguments, nested selection sets)."""
    tokens = [m.group("t") for m in _TOKEN.finditer(text) if m.group("t")]
    at = 0

    def take(expected: str | None = None) -> str:
        nonlocal at
        if at >= len(tokens):
            raise GraphQLSyntax("unexpected end of document")
        token = tokens[at]
        if expected is not None and token != expected:
            raise GraphQLSyntax(f"expected {expected!r}, found {token!r}")
        at += 1
        return token

    def value() -> Any:
        token = take()
        if token == "$":
            name = take()
            if name not in variables:
                raise GraphQLSyntax(f"Variable ${name} is not defined")
            return variables[name]
        if token.startswith('"'):
            return json.loads(token)
        return int(token) if token.lstrip("-").isdigit() else token

    def selection_set() -> list[Selection]:
        take("{")
        found = []
        while tokens[at] != "}":
            name = take()
            alias = name
            if tokens[at] == ":":
                take(":")
                name = take()
            args: dict[str, Any] = {}
            if tokens[at] == "(":
                take("(")
                while tokens[at] != ")":
                    key = take()
                    take(":")
                    args[key] = value()
                take(")")
            children = selection_set() if tokens[at] == "{" else []
            found.append(Selection(alias, name, args, children))
        take("}")
        return found

    if tokens and tokens[0] == "query":
        take("query")
        if tokens[at] not in ("(", "{"):
            take()  # the operation's name
        if tokens[at] == "(":
            depth = 0
            while True:
                token = take()
                depth += token == "("
                depth -= token == ")"
                if depth == 0:
                    break
    return selection_set()


def _typed(kind: str, children: list[Selection]) -> dict[str, Any]:
    return {c.alias: kind for c in children if c.name == "__typename"}


def _repository_fields(
    repo: Repo, children: list[Selection], path: list[str], errors: list[dict[str, Any]]
) -> dict[str, Any]:
    node = _graphql_repo(repo)
    out: dict[str, Any] = {}
    for child in children:
        if child.name == "object":
            ref, _, inside = str(child.args["expression"]).partition(":")
            exists = repo.has_path(ref, inside)
            out[child.alias] = _typed("Tree", child.children) if exists else None
        elif child.name == "issueOrPullRequest":
            number = int(child.args["number"])
            if 1 <= number <= repo.issues:
                out[child.alias] = _typed("Issue", child.children)
            else:
                out[child.alias] = None
                errors.append(
                    {
                        "type": "NOT_FOUND",
                        "path": [*path, child.alias],
                        "message": "Could not resolve to an issue or pull request with the "
                        f"number of {number}.",
                    }
                )
        elif child.name == "release":
            found = repo.release is not None and repo.release[0] == child.args["tagName"]
            out[child.alias] = _typed("Release", child.children) if found else None
        elif child.name in node:
            value = node[child.name]
            if isinstance(value, dict) and child.children:
                value = {c.alias: value.get(c.name) for c in child.children}
            out[child.alias] = value
        else:
            raise GraphQLSyntax(f"Field '{child.name}' doesn't exist on type 'Repository'")
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: Fake
    role: str
    """"web", "api" (GitHub's) or "gitlab" (web pages and /api/v4)."""

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.route()

    def do_GET(self) -> None:
        self.route()

    def do_POST(self) -> None:
        self.route()

    def reply(self, status: int, body: Any = b"", headers: dict[str, str] | None = None) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def route(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length else b""
        host = self.server.server_address[0]
        auth = self.headers.get("Authorization", "")
        with self.fake.lock:
            self.fake.log.append(Seen(host, self.command, self.path, auth))
        getattr(self, f"route_{self.role}")(urlsplit(self.path), auth)

    # -- github.com ---------------------------------------------------------------------------

    def route_web(self, parts: Any, auth: str) -> None:
        if not self.fake.web_allowed(self.server.server_address[0]):
            self.reply(429, b"Too many requests", {"Retry-After": "60"})
            return
        segments = [unquote(s) for s in parts.path.split("/") if s]
        if segments and segments[0] in GITHUB_PAGES:
            self.reply(200, b"<html><title>GitHub</title>a page of GitHub's own</html>")
            return
        if len(segments) == 1:
            known = self.fake.owner_exists(segments[0])
            self.reply(200 if known else 404, b"<html><title>A profile</title></html>")
            return
        if len(segments) < 2:
            self.reply(200, b"<html>a page</html>")
            return
        name = "/".join(segments[:2])
        key = name.lower()
        if key in self.fake.renamed:
            rest = "/".join(segments[2:])
            new = self.fake.find(name)
            assert new is not None
            self.reply(301, headers={"Location": f"/{new.name}" + (f"/{rest}" if rest else "")})
        elif (
            key in self.fake.repos
            and "missing" not in segments[2:]
            and not (segments[2:3] == ["issues"] and int(segments[3]) > self.fake.repos[key].issues)
        ):
            self.reply(200, REPOSITORY_PAGE, {"Content-Type": "text/html; charset=utf-8"})
        else:
            self.reply(404, b"Not Found")

    # -- api.github.com -----------------------------------------------------------------------

    def _scripted(self) -> bool:
        """Answer with the next canned answer, if a test queued one."""
        scripted = self.fake.next_scripted()
        if scripted is None:
            return False
        kind, params = scripted
        wait = str(params.get("wait", 1))
        reset = str(int(time.time() + float(params.get("reset_in", 1))))
        if kind == "secondary":
            headers = {"Retry-After": wait} if params.get("retry_after", True) else {}
            message = b'{"message": "You have exceeded a secondary rate limit."}'
            self.reply(403, message, headers)
        elif kind == "primary":
            headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}
            self.reply(403, b'{"message": "API rate limit exceeded"}', headers)
        elif kind == "graphql-rate-limited":
            headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}
            body = {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}]}
            self.reply(200, body, headers)
        elif kind == "graphql-rate-limit":  # githubkit#271: another type, remaining not 0
            headers = {"x-ratelimit-remaining": "7", "x-ratelimit-reset": reset}
            error = {
                "type": "RATE_LIMIT",
                "code": "graphql_rate_limit",
                "message": "API rate limit already exceeded for user ID 1.",
            }
            self.reply(200, {"errors": [error]}, headers)
        elif kind in ("secondary-200", "secondary-429"):
            headers = {"Retry-After": wait} if params.get("retry_after", True) else {}
            message = "You have exceeded a secondary rate limit. Please wait a few minutes."
            body = (
                {"errors": [{"message": message}]}
                if kind == "secondary-200"
                else {
                    "message": message,
                    "documentation_url": "https://docs.github.com/rest/overview/rate-limits",
                }
            )
            self.reply(200 if kind == "secondary-200" else 429, body, headers)
        elif kind == "429":
            self.reply(429, b"slow down", {"Retry-After": wait})
        elif kind == "502":
            self.reply(502, b"<html>Bad gateway</html>")
        elif kind == "damaged":
            self.reply(200, b'{"data": {"r0": {"nameWithOwner": 7}}, "errors": "no"')
        else:
            raise AssertionError(kind)
        return True

    def route_api(self, parts: Any, auth: str) -> None:
        if self._scripted():
            return
        if parts.path == "/graphql" and self.command == "POST":
            self.graphql(auth)
            return
        if auth and auth != f"Bearer {TOKEN}":
            self.reply(401, {"message": "Bad credentials"})
            return
        bucket, limit = ("token", self.fake.token_quota) if auth else ("anonymous", 0)
        if not auth:
            limit = self.fake.anonymous_quota
        left = self.fake.spend(bucket, limit)
        quota = {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(max(left, 0)),
            "x-ratelimit-reset": str(int(time.time() + 3600)),
        }
        if left < 0:
            self.reply(403, {"message": "API rate limit exceeded"}, quota)
            return
        segments = [unquote(s) for s in parts.path.split("/") if s]
        if segments[:1] == ["repositories"]:
            repo = next((r for r in self.fake.repos.values() if str(r.id) == segments[1]), None)
            self.reply(200, _rest_repo(repo), quota) if repo else self.reply(404, {}, quota)
            return
        if segments[:1] != ["repos"] or len(segments) < 3:
            self.reply(404, {"message": "Not Found"}, quota)
            return
        name = "/".join(segments[1:3])
        repo = self.fake.find(name)
        if repo is None:
            self.reply(404, {"message": "Not Found"}, quota)
        elif name.lower() in self.fake.renamed:
            self.reply(301, {}, {**quota, "Location": f"/repositories/{repo.id}"})
        elif segments[3:] == ["releases", "latest"]:
            if repo.release is None:
                self.reply(404, {"message": "Not Found"}, quota)
            else:
                tag, date = repo.release
                self.reply(200, {"tag_name": tag, "published_at": date}, quota)
        else:
            self.reply(200, _rest_repo(repo), quota)

    def graphql(self, auth: str) -> None:
        if auth != f"Bearer {TOKEN}":
            self.reply(401, {"message": "This endpoint requires you to be authenticated."})
            return
        left = self.fake.spend("graphql", self.fake.graphql_quota)
        quota = {
            "x-ratelimit-limit": str(self.fake.graphql_quota),
            "x-ratelimit-remaining": str(max(left, 0)),
            "x-ratelimit-used": str(self.fake.graphql_quota - max(left, 0)),
            "x-ratelimit-reset": str(int(time.time() + 3600)),
            "x-ratelimit-resource": "graphql",
        }
        if left < 0:
            error = {"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}
            self.reply(200, {"errors": [error]}, quota)
            return
        request = json.loads(self.body)
        try:
            top = parse_query(request["query"], request.get("variables") or {})
        except GraphQLSyntax as exc:
            self.reply(200, {"errors": [{"message": str(exc)}]}, quota)
            return
        asked = sum(1 for sel in top if sel.name == "repository")
        with self.fake.lock:
            self.fake.graphql_log.append(asked)
        if self.fake.heavy_fails(asked):
            message = (
                "We couldn't respond to your request in time. Sorry about that. Please try "
                "resubmitting your request and contact us if the problem persists."
            )
            self.reply(502, {"data": None, "errors": [{"message": message}]})
            return
        data: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        try:
            for sel in top:
                if sel.name == "repository":
                    name = f"{sel.args['owner']}/{sel.args['name']}"
                    repo = self.fake.find(name)
                    if repo is None:
                        data[sel.alias] = None
                        errors.append(
                            {
                                "type": "NOT_FOUND",
                                "path": [sel.alias],
                                "message": f"Could not resolve to a Repository with the name "
                                f"'{name}'.",
                            }
                        )
                    else:
                        data[sel.alias] = _repository_fields(
                            repo, sel.children, [sel.alias], errors
                        )
                elif sel.name == "repositoryOwner":
                    login = str(sel.args["login"])
                    known = self.fake.owner_exists(login)
                    data[sel.alias] = {c.alias: login for c in sel.children} if known else None
                else:
                    raise GraphQLSyntax(f"Field '{sel.name}' doesn't exist on type 'Query'")
        except (GraphQLSyntax, KeyError) as exc:
            self.reply(200, {"errors": [{"message": str(exc)}]}, quota)
            return
        self.reply(200, {"data": data, **({"errors": errors} if errors else {})}, quota)

    # -- a GitLab -------------------------------------------------------------------------------

    def route_gitlab(self, parts: Any, auth: str) -> None:
        if not parts.path.startswith("/api/v4/"):
            project = "/".join(s for s in parts.path.split("/-/")[0].split("/") if s)
            known = self.fake.find(project) or project.lower() in self.fake.groups
            self.reply(200 if known else 404, b"<html>gitlab</html>")
            return
        if self._scripted():
            return
        segments = parts.path.removeprefix("/api/v4/").split("/")
        kind, ident = segments[0], unquote(segments[1]) if len(segments) > 1 else ""
        if kind == "groups":
            self.reply(200 if ident.lower() in self.fake.groups else 404, {})
            return
        repo = self.fake.find(ident) or next(
            (r for r in self.fake.repos.values() if str(r.id) == ident), None
        )
        if repo is None:
            self.reply(404, {"message": "404 Project Not Found"})
        elif segments[2:] == ["releases"]:
            release = (
                []
                if repo.release is None
                else [{"tag_name": repo.release[0], "released_at": repo.release[1]}]
            )
            self.reply(200, release)
        else:
            self.reply(
                200,
                {
                    "id": repo.id,
                    "path_with_namespace": repo.name,
                    "web_url": f"https://gitlab.com/{repo.name}",
                    "archived": repo.archived,
                    "star_count": repo.stars,
                    "last_activity_at": repo.pushed,
                    "license": None if repo.license is None else {"key": repo.license.lower()},
                },
            )


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(fake: Fake, host: str, role: str) -> Server:
    handler = type(f"{role.title()}Handler", (Handler,), {"fake": fake, "role": role})
    server = Server((host, 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def base(server: Server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"

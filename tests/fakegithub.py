"""A local fake of github.com, its REST and GraphQL APIs, and a GitLab, on loopback.

It behaves as the real ones do where a link checker cares: web pages answer
429 past ``web_per_minute`` requests a minute (github.com to crawlers),
renamed repositories redirect (301 on the web and REST; GraphQL follows the
rename), REST keeps the anonymous and token quotas with ``x-ratelimit-*``
headers, GraphQL needs a token and answers 100 aliases at once, and a test
can make the next API answers any kind of rate limit or a damaged body.
Every request is logged with its Authorization header, so tests can see
where a token went. Used by tests/test_sites_server.py and bench/bench_github.py.
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
    log: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _web_times: deque[float] = field(default_factory=deque)
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

    def web_allowed(self) -> bool:
        with self.lock:
            now = time.monotonic()
            while self._web_times and now - self._web_times[0] > 60:
                self._web_times.popleft()
            if len(self._web_times) >= self.web_per_minute:
                return False
            self._web_times.append(now)
            return True

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
            return self.scripted.popleft() if self.scripted else None


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


REPOSITORY_PAGE = (
    b'<html><head><title>A repository</title></head><body><div id="readme">'
    b'<article class="markdown-body"><div class="markdown-heading"><h2>Installation</h2>'
    b'<a id="user-content-installation" class="anchor" href="#installation"></a></div>'
    b"</article></div></body></html>"
)
"""A repository's page: its README's headings carry GitHub's user-content- ids."""

_ALIAS = re.compile(r"(r\d+): repository\(owner: \$(o\d+), name: \$(n\d+)\)")


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
        if not self.fake.web_allowed():
            self.reply(429, b"Too many requests", {"Retry-After": "60"})
            return
        segments = [unquote(s) for s in parts.path.split("/") if s]
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
        elif key in self.fake.repos and "missing" not in segments[2:]:
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
            "x-ratelimit-remaining": str(max(left, 0)),
            "x-ratelimit-reset": str(int(time.time() + 3600)),
        }
        request = json.loads(self.body)
        variables = request["variables"]
        data: dict[str, Any] = {}
        errors = []
        for alias, owner, name in _ALIAS.findall(request["query"]):
            repo = self.fake.find(f"{variables[owner]}/{variables[name]}")
            data[alias] = None if repo is None else _graphql_repo(repo)
            if repo is None:
                errors.append(
                    {
                        "type": "NOT_FOUND",
                        "path": [alias],
                        "message": "Could not resolve to a Repository with the name "
                        f"'{variables[owner]}/{variables[name]}'.",
                    }
                )
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

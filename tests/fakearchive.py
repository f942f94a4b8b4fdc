"""A local fake of the Wayback Machine: its CDX API, its availability API and its captures.

Written from archive.org's documentation and issue trackers, not from our code:

- ``/cdx/search/cdx`` answers as the CDX server's README describes
  (https://github.com/internetarchive/wayback/tree/master/wayback-cdx-server): with
  ``output=json`` a list whose first row names the fields (``fl=``), then one row per
  capture, oldest first; ``to=`` keeps captures up to that timestamp, ``filter=statuscode:200``
  only those the site answered 200, ``limit=-N`` the last N. No capture: ``[]``.
- ``/wayback/available?url=U&timestamp=T`` answers the closest capture whatever its status
  (``"status": "404"`` for a captured error), and, as internetarchive/wayback#296 reports,
  ``archived_snapshots: {}`` for a URL asked with its ``https://`` scheme although the
  archive holds it.
- Past ``limit`` API requests the archive answers 429 (Too Many Requests), as its staff
  describe for more than 60 requests a minute (edgi-govdata-archiving/wayback#137).
- ``/web/<timestamp>/<url>`` replays a capture: the page as it was, a "Page not found"
  page the site answered 200 (a soft 404 captured), or the 404 the site answered then.

Tests stand it in for both hosts with ``--remap``.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

HOST = "127.0.0.8"
KINDS = {
    # kind: (status the site answered when captured, the page replayed)
    "page": (200, b"<title>A page, as it was</title><h1>Welcome</h1>"),
    "error-page": (
        200,
        b"<title>Page not found</title><h1>404 - Sorry, this page does not exist</h1>",
    ),
    "404": (404, b"<title>404 Not Found</title><h1>Not Found</h1>"),
}


@dataclass
class Archive:
    captures: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """URL -> [(timestamp, kind)], kind one of KINDS ("gone": listed, but the replay is lost)."""
    asked: list[tuple[str, str]] = field(default_factory=list)
    """(url, timestamp) of every API request (CDX's ``to``, availability's ``timestamp``)."""
    api_requests: int = 0
    limit: int | None = None
    """API requests answered before every later one gets 429."""
    refused: int = 0
    """429s sent."""
    cdx_down: bool = False
    """The CDX server answers 503, as it does when overloaded (internetarchive/wayback#252)."""
    served: list[str] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)
    """When each request (API or replay) arrived, on the monotonic clock."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, url: str, timestamp: str = "20240105093000", kind: str = "page") -> str:
        """Archive a capture of ``url``; returns the snapshot address an entry gets (https)."""
        self.captures.setdefault(url, []).append((timestamp, kind))
        self.captures[url].sort()
        return f"https://web.archive.org/web/{timestamp}/{url}"


def _status(kind: str) -> int:
    return KINDS.get(kind, (200, b""))[0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    archive: Archive

    def log_message(self, *args: object) -> None:
        pass

    def reply(self, status: int, body: bytes, kind: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        with self.archive.lock:
            self.archive.arrivals.append(time.monotonic())
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path in ("/cdx/search/cdx", "/wayback/available"):
            with self.archive.lock:
                self.archive.api_requests += 1
                limited = self.archive.limit is not None and (
                    self.archive.api_requests > self.archive.limit
                )
                self.archive.refused += limited
            if limited:
                self.reply(429, b"<h1>Too Many Requests</h1>", "text/html", {"Retry-After": "60"})
            elif parts.path == "/cdx/search/cdx" and self.archive.cdx_down:
                self.reply(503, b"<h1>Service Unavailable</h1>", "text/html")
            elif parts.path == "/cdx/search/cdx":
                self.cdx(query)
            else:
                self.available(query)
        elif parts.path.startswith("/web/"):
            stamp, _, rest = parts.path.removeprefix("/web/").partition("/")
            self.snapshot(stamp, unquote(rest) + (f"?{parts.query}" if parts.query else ""))
        else:
            self.reply(404, b"not here", "text/plain")

    def cdx(self, query: dict[str, str]) -> None:
        url = query.get("url", "")
        to = query.get("to", "99999999999999").ljust(14, "9")
        with self.archive.lock:
            self.archive.asked.append((url, query.get("to", "")))
        rows = [(s, k) for s, k in self.archive.captures.get(url, []) if s <= to]
        wanted = query.get("filter", "")
        if wanted.startswith("statuscode:"):
            rows = [(s, k) for s, k in rows if str(_status(k)) == wanted.split(":", 1)[1]]
        limit = int(query.get("limit", "0") or 0)
        rows = rows[limit:] if limit < 0 else rows[:limit] if limit else rows
        fields = query.get("fl", "urlkey,timestamp,original,mimetype,statuscode").split(",")
        values = {"original": url, "mimetype": "text/html", "urlkey": url}
        table = [
            [{**values, "timestamp": s, "statuscode": str(_status(k))}[f] for f in fields]
            for s, k in rows
        ]
        body = [fields, *table] if table else []
        self.reply(200, json.dumps(body).encode(), "application/json")

    def available(self, query: dict[str, str]) -> None:
        url = query.get("url", "")
        stamp = query.get("timestamp", "99999999999999").ljust(14, "0")
        with self.archive.lock:
            self.archive.asked.append((url, query.get("timestamp", "")))
        held = [] if url.startswith("https://") else self._held(url)  # wayback#296
        found: dict[str, object] = {}
        if held:
            at, kind = min(held, key=lambda c: abs(int(c[0]) - int(stamp)))
            original = next(u for u in self.archive.captures if self._bare(u) == self._bare(url))
            found = {
                "closest": {
                    "status": str(_status(kind)),
                    "available": True,
                    "url": f"http://web.archive.org/web/{at}/{original}",
                    "timestamp": at,
                }
            }
        body = {"url": url, "archived_snapshots": found}
        self.reply(200, json.dumps(body).encode(), "application/json")

    @staticmethod
    def _bare(url: str) -> str:
        return url.split("://", 1)[-1]

    def _held(self, url: str) -> list[tuple[str, str]]:
        return [
            capture
            for known, captures in self.archive.captures.items()
            if self._bare(known) == self._bare(url)
            for capture in captures
        ]

    def snapshot(self, stamp: str, url: str) -> None:
        with self.archive.lock:
            self.archive.served.append(url)
        kind = dict(self.archive.captures.get(url, [])).get(stamp, "gone")
        if kind in KINDS:
            status, page = KINDS[kind]
            self.reply(status, page, "text/html")
        else:
            self.reply(404, b"<title>Wayback Machine</title><p>Hrm. Not archived.</p>", "text/html")


def start(archive: Archive, host: str = HOST) -> ThreadingHTTPServer:
    handler = type("ArchiveHandler", (Handler,), {"archive": archive})
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def remap(server: ThreadingHTTPServer) -> list[str]:
    """--remap arguments that send both archive hosts to the fake."""
    base = f"http://{server.server_address[0]}:{server.server_address[1]}"
    return [
        "--remap", "https://archive.org/wayback/available", f"{base}/wayback/available",
        "--remap", "https://web.archive.org/", f"{base}/",
    ]  # fmt: skip

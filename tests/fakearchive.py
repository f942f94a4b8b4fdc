"""A local fake of the Wayback Machine: its availability API and its snapshots.

``/wayback/available?url=U&timestamp=T`` answers as archive.org's does: the
closest capture of U (``http://web.archive.org/web/<ts>/<U>``, the address
the real API gives), or no snapshot at all. ``/web/<ts>/<U>`` serves the
snapshot: a page, a capture of an error page, or a 404 for a snapshot that
is gone. Tests stand it in for both hosts with ``--remap``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

HOST = "127.0.0.8"


@dataclass
class Archive:
    snapshots: dict[str, tuple[str, str]] = field(default_factory=dict)
    """URL -> (timestamp, what the snapshot is: "page", "error-page" or "gone")."""
    asked: list[tuple[str, str]] = field(default_factory=list)
    """(url, timestamp) of every availability request."""
    served: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, url: str, timestamp: str = "20240105093000", kind: str = "page") -> str:
        """Archive ``url``; returns the snapshot address an entry gets (https)."""
        self.snapshots[url] = (timestamp, kind)
        return f"https://web.archive.org/web/{timestamp}/{url}"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    archive: Archive

    def log_message(self, *args: object) -> None:
        pass

    def reply(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/wayback/available":
            self.available({k: v[0] for k, v in parse_qs(parts.query).items()})
        elif parts.path.startswith("/web/"):
            rest = parts.path.removeprefix("/web/").partition("/")[2]
            self.snapshot(unquote(rest) + (f"?{parts.query}" if parts.query else ""))
        else:
            self.reply(404, b"not here", "text/plain")

    def available(self, query: dict[str, str]) -> None:
        url = query.get("url", "")
        with self.archive.lock:
            self.archive.asked.append((url, query.get("timestamp", "")))
        known = self.archive.snapshots.get(url)
        found: dict[str, object] = {}
        if known is not None:
            stamp, _ = known
            found = {
                "closest": {
                    "status": "200",
                    "available": True,
                    "url": f"http://web.archive.org/web/{stamp}/{url}",
                    "timestamp": stamp,
                }
            }
        body = {"url": url, "archived_snapshots": found}
        self.reply(200, json.dumps(body).encode(), "application/json")

    def snapshot(self, url: str) -> None:
        with self.archive.lock:
            self.archive.served.append(url)
        kind = self.archive.snapshots.get(url, ("", "gone"))[1]
        if kind == "page":
            self.reply(200, b"<title>A page, as it was</title><h1>Welcome</h1>", "text/html")
        elif kind == "error-page":
            self.reply(200, b"<title>404 Not Found</title><h1>Not Found</h1>", "text/html")
        else:
            self.reply(404, b"<title>Wayback Machine</title>", "text/html")


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

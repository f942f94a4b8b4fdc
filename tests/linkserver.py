"""Real HTTP servers on loopback addresses, one route per link-check case.

Several addresses of 127.0.0.0/8 stand for several hosts. Routes keep
per-key state (``?k=...``) so tests running in parallel don't share counters.
"""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HOSTS = ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")
STOP = threading.Event()


class State:
    """What the servers saw, for tests to assert on."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: dict[str, int] = defaultdict(int)
        self.active: dict[str, int] = defaultdict(int)
        self.max_active: dict[str, int] = defaultdict(int)
        self.starts: dict[str, list[float]] = defaultdict(list)
        self.methods: dict[str, list[str]] = defaultdict(list)
        self.user_agents: list[str] = []
        self.authorization: list[str] = []
        self.host_headers: dict[str, list[str]] = defaultdict(list)

    def count(self, key: str) -> int:
        with self.lock:
            self.hits[key] += 1
            return self.hits[key]


STATE = State()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_HEAD(self) -> None:
        self.route("HEAD")

    def do_GET(self) -> None:
        self.route("GET")

    # -- helpers ----------------------------------------------------------------------------

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, status: int, location: str) -> None:
        self.reply(status, headers={"Location": location})

    def route(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        key = f"{self.server.server_address[0]}{parts.path}?{query.get('k', '')}"
        host = self.server.server_address[0]
        with STATE.lock:
            STATE.methods[key].append(method)
            STATE.user_agents.append(self.headers.get("User-Agent", ""))
            STATE.authorization.append(self.headers.get("Authorization", ""))
            STATE.host_headers[key].append(self.headers.get("Host", ""))
            STATE.starts[host].append(time.monotonic())
        hit = STATE.count(key)
        name = parts.path.strip("/").replace("-", "_").replace("/", "_")
        handler = getattr(self, "r_" + name, None)
        if handler is None:
            self.reply(404, b"no such route")
        else:
            handler(method, query, hit)

    # -- routes -----------------------------------------------------------------------------

    def r_(self, method, query, hit):  # the front page, /
        self.reply(200, b"<html>home</html>")

    def r_ok(self, method, query, hit):
        self.reply(200, b"<html>fine</html>")

    def r_404(self, method, query, hit):
        self.reply(404, b"not here")

    def r_410(self, method, query, hit):
        self.reply(410, b"gone")

    def r_301(self, method, query, hit):
        self.redirect(301, "/ok")

    def r_308(self, method, query, hit):
        self.redirect(308, "/ok")

    def r_302(self, method, query, hit):
        self.redirect(302, "/ok")

    def r_chain(self, method, query, hit):
        self.redirect(301, "/chain-two")

    def r_chain_two(self, method, query, hit):
        self.redirect(302, "/ok")

    def r_loop_a(self, method, query, hit):
        self.redirect(301, "/loop-b")

    def r_loop_b(self, method, query, hit):
        self.redirect(301, "/loop-a")

    def r_redirect_to(self, method, query, hit):
        self.redirect(301, query["to"])

    def r_hang(self, method, query, hit):
        STOP.wait(20)

    def r_dribble(self, method, query, hit):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(200):  # one byte every 0.1 s, far longer than any deadline
            if STOP.wait(0.1):
                return
            try:
                self.wfile.write(b"X")
                self.wfile.flush()
            except OSError:
                return

    def r_endless(self, method, query, hit):
        self.endless(method, "application/octet-stream", b"", b"\0" * 65536)

    def endless(self, method: str, kind: str, head: bytes, chunk: bytes) -> None:
        """``head``, then ``chunk`` again and again (up to 4 GiB) until the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.end_headers()
        if method == "HEAD":
            return
        try:
            self.wfile.write(head)
            for _ in range((4 << 30) // len(chunk)):
                self.wfile.write(chunk)
        except OSError:
            pass
        self.close_connection = True

    def r_endless_headers(self, method, query, hit):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        try:
            for i in range(100000):
                self.wfile.write(f"X-Header-{i}: value\r\n".encode())
        except OSError:
            pass
        self.close_connection = True

    def r_rate_limited(self, method, query, hit):
        if hit <= int(query.get("times", "1")):
            self.reply(429, b"slow down", {"Retry-After": query.get("after", "1")})
        else:
            self.reply(200, b"ok now")

    def r_flaky(self, method, query, hit):
        self.reply(503 if hit == 1 else 200)

    def r_always_503(self, method, query, hit):
        self.reply(503, b"down")

    def r_head_405(self, method, query, hit):
        self.reply(405 if method == "HEAD" else 200)

    def r_head_404(self, method, query, hit):
        self.reply(404 if method == "HEAD" else 200)

    def r_bot_wall(self, method, query, hit):
        self.reply(403, b"<html><title>Just a moment...</title>challenge-platform</html>")

    def r_forbidden(self, method, query, hit):
        self.reply(403, b"no")

    def r_auth(self, method, query, hit):
        self.reply(401, b"login")

    def r_999(self, method, query, hit):
        self.reply(999, b"request denied")

    def r_slow_count(self, method, query, hit):
        host = self.server.server_address[0]
        with STATE.lock:
            STATE.active[host] += 1
            STATE.max_active[host] = max(STATE.max_active[host], STATE.active[host])
        time.sleep(0.15)
        with STATE.lock:
            STATE.active[host] -= 1
        self.reply(200)

    def r_latency(self, method, query, hit):
        time.sleep(float(query.get("ms", "50")) / 1000)
        self.reply(200, b"ok")

    def r_oembed(self, method, query, hit):
        url = query.get("url", "")
        if "GONE" in url:
            self.reply(404, b"Not Found")
        elif "PRIVATE" in url:
            self.reply(401, b"Unauthorized")
        else:
            self.reply(200, json.dumps({"title": "A video"}).encode())

    def r_repos_owner_repo(self, method, query, hit):
        self.reply(
            200,
            json.dumps(
                {
                    "full_name": "owner/repo",
                    "archived": False,
                    "html_url": "https://github.com/owner/repo",
                }
            ).encode(),
        )

    def r_repos_owner_old(self, method, query, hit):
        self.redirect(301, "/repositories/42")

    def r_repositories_42(self, method, query, hit):
        self.reply(
            200,
            json.dumps(
                {
                    "full_name": "owner/new-name",
                    "archived": True,
                    "html_url": "https://github.com/owner/new-name",
                }
            ).encode(),
        )

    def r_repos_owner_gone(self, method, query, hit):
        self.reply(404, b'{"message": "Not Found"}')

    # -- pages read for their words and anchors ----------------------------------------------

    def page(self, body: str, status: int = 200, kind: str = "text/html; charset=utf-8") -> None:
        self.reply(status, body.encode("utf-8"), {"Content-Type": kind})

    def r_anchors(self, method, query, hit):
        self.page(ANCHORS_PAGE)

    def r_mentions_not_found(self, method, query, hit):
        self.page(
            "<html><head><title>Troubleshooting a web server</title></head><body>"
            "<h1>Fixing errors</h1><p>When a page is not found, the server answers 404 "
            "Not Found; this page doesn't exist to scare you.</p></body></html>"
        )

    def r_explicit_404(self, method, query, hit):
        # A CMS routing an old path to its own error page with 200, on a site whose
        # nonsense addresses get a real 404 (the page issue 20 quotes).
        self.page(
            "<html><head><title>Page not found</title></head><body>"
            "<h1>404 - Sorry, this page does not exist</h1></body></html>"
        )

    def r_titled_404(self, method, query, hit):
        self.page("<title>HTTP 404 explained</title><h1>What a 404 means</h1><p>A guide.</p>")

    def r_pdf(self, method, query, hit):
        self.page("%PDF-1.7 not html", kind="application/pdf")

    def r_github_blob(self, method, query, hit):
        payload = json.dumps({"richText": '<h2 id="user-content-usage">Usage</h2>'})
        self.page(
            '<html><body><script type="application/json" data-target="react-app.embeddedData">'
            f"{payload}</script></body></html>"
        )

    def r_endless_html(self, method, query, hit):
        head = b'<html><body><h1 id="top-section">Long page</h1>'
        self.endless(method, "text/html", head, b"<p>more</p>" * 6000)


ANCHORS_PAGE = """<!doctype html>
<html><head><title>A page with sections</title></head><body>
<h1>Sections</h1>
<h2 id="present">Present</h2>
<a name="old-style"></a>
<input name="form-field">
<div class="markdown-heading"><h2>Installation</h2>
<a id="user-content-installation" class="anchor" href="#installation"></a></div>
<h3 id="café">Café</h3>
<p>Nothing here is not found.</p>
</body></html>
"""


class SoftNotFound(Handler):
    """A site that answers every unknown address 200 with its "not found" page (a CMS
    or single-page app), naming the path asked for: only the rest compares."""

    def route(self, method: str) -> None:
        path = urlsplit(self.path).path
        with STATE.lock:
            STATE.methods[f"{self.server.server_address[0]}{path}"].append(method)
        if path == "/article":
            self.page(
                "<title>HTTP 404 errors explained | Example</title>"
                "<h1>Why pages go missing</h1><p>An article.</p>"
            )
        elif path == "/moved":
            self.redirect(301, "/gone-too")
        else:
            self.page(
                f"<html><head><title>{path} not found | Example</title></head>"
                f"<body><h1>Sorry, {path} doesn\u2019t exist</h1></body></html>"
            )


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(
    host: str, context: ssl.SSLContext | None = None, handler: type[Handler] = Handler
) -> Server:
    server = Server((host, 0), handler)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def self_signed_context(folder: Path, name: str = HOSTS[0]) -> ssl.SSLContext:
    """A server context with a certificate for ``name``; its PEM is left in folder/cert.pem."""
    key, cert = folder / "key.pem", folder / "cert.pem"
    kind = "IP" if name[0].isdigit() else "DNS"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName={kind}:{name}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def closed_port(host: str = HOSTS[0]) -> int:
    """A port nothing listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]

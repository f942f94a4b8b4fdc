"""What the link checker's libcurl stack puts on the wire and what it takes off it.

Each test runs a raw HTTP/1.1 server of its own on 127.0.0.1 (a socket per
connection, every request recorded with its raw request line) and fetches
through the real ``Transport`` and ``http.Client``, so what is asserted is what
a server sees and what a check gets back:

- nothing of one request (a credential, a body, a method, HEAD's no-body)
  carries over to the next on a reused libcurl handle;
- proxies from the environment are ignored and no cookies are kept;
- a gzip-encoded answer is decoded before it is read, and the request
  advertises the encodings;
- the URL is sent as written when ASCII, percent-encoded as UTF-8 when not;
- the User-Agent is listsmith's and a request's own headers override the
  browser defaults;
- a short unread body is drained so its connection is reused, and an endless
  one is cut;
- an interim 1xx answer is skipped for the final status and headers.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from listsmith.links import http
from listsmith.links.config import Options
from listsmith.links.credentials import Credential
from listsmith.links.exchange import SAMPLE_BYTES, Request, Response
from listsmith.links.guard import Guard
from listsmith.links.page import Question
from listsmith.links.transport import Transport

from .rawserver import RawServer

API_SAMPLE = 64 * 1024
"""A 2xx body is read only when the check asks for this much (an API's answer)."""


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    line: bytes
    """The request line, raw, without its CRLF."""
    method: str
    target: str
    headers: tuple[tuple[str, str], ...]
    """(lower-case name, value), in the order sent."""
    body: bytes
    connection: int
    """Which connection (1, 2, ...) it came on."""

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key == name]

    def header(self, name: str) -> str | None:
        values = self.values(name)
        assert len(values) <= 1, f"{name} sent {len(values)} times: {values}"
        return values[0] if values else None


Streamer = Callable[[socket.socket], None]
Answer = Callable[[Seen], "bytes | Streamer"]
"""The bytes to write back (the connection stays open), or a function that writes to the
socket itself (the connection is closed after it)."""


class Wire(RawServer):
    """A raw HTTP/1.1 server on 127.0.0.1 that records every request."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.seen: list[Seen] = []
        super().__init__()

    def serve(self, conn: socket.socket, number: int) -> None:
        with conn.makefile("rb") as rfile:
            while (seen := _read_request(rfile, number)) is not None:
                with self._lock:
                    self.seen.append(seen)
                reply = self.answer(seen)
                if callable(reply):
                    reply(conn)
                    return
                conn.sendall(reply)


def _read_request(rfile, number: int) -> Seen | None:
    line = rfile.readline()
    if not line:
        return None
    headers = []
    while (field := rfile.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = field.decode("latin-1").partition(":")
        headers.append((name.strip().lower(), value.strip()))
    length = int(dict(headers).get("content-length", "0"))
    body = rfile.read(length) if length else b""
    method, target, _ = line.decode("latin-1").split(" ", 2)
    return Seen(line.rstrip(b"\r\n"), method, target, tuple(headers), body, number)


def reply(
    status: str = "200 OK", body: bytes = b"", *headers: str, send_body: bool = True
) -> bytes:
    """A complete answer with its Content-Length (and no body when ``send_body`` is
    False: the answer to a HEAD)."""
    head = "".join(f"{h}\r\n" for h in (f"HTTP/1.1 {status}", *headers))
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode("latin-1") + (body if send_body else b"")


@pytest.fixture
def serve() -> Iterator[Callable[[Answer], Wire]]:
    servers: list[Wire] = []

    def start(answer: Answer) -> Wire:
        servers.append(Wire(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def fetch(*requests: Request, **options: object) -> list[Response]:
    """Each request in turn, through one transport (one libcurl multi and handle pool)."""
    transport = Transport(Options(allow_private=True, retries=0, **options), Guard(True))

    async def run() -> list[Response]:
        async with transport.open():
            return [await transport.fetch(request) for request in requests]

    return asyncio.run(run())


# -- nothing carries over on a reused handle ---------------------------------------------------


def test_a_credential_goes_with_its_own_request_only(serve) -> None:
    wire = serve(lambda seen: reply(body=b"ok"))
    credential = Credential(wire.base, "Bearer s3cret", "TEST_TOKEN")
    assert credential.for_url(f"{wire.base}/x") == {"Authorization": "Bearer s3cret"}
    fetch(
        Request("GET", f"{wire.base}/with", credential=credential),
        Request("GET", f"{wire.base}/without"),
        Request("HEAD", f"{wire.base}/without-head"),
    )
    assert [s.header("authorization") for s in wire.seen] == ["Bearer s3cret", None, None]


def test_a_post_s_body_and_method_do_not_carry_over_to_the_next_get(serve) -> None:
    wire = serve(lambda seen: reply(body=seen.method.encode()))
    body = b'{"query": "a\x00b"}'  # a NUL byte: the body's length is not C string's
    first, second = fetch(
        Request(
            "POST", f"{wire.base}/api", {"Content-Type": "application/json"}, body,
            sample=API_SAMPLE,
        ),
        Request("GET", f"{wire.base}/page", sample=API_SAMPLE),
    )  # fmt: skip
    post, get = wire.seen
    assert (post.method, post.body, post.header("content-type")) == (
        "POST", body, "application/json",
    )  # fmt: skip
    assert post.header("expect") is None  # the body went at once, no 100-continue
    assert (get.method, get.body) == ("GET", b"")
    assert [get.header(h) for h in ("content-length", "content-type", "expect")] == [None] * 3
    assert (first.body, second.body) == (b"POST", b"GET")


def test_a_get_after_a_head_reads_the_get_s_body(serve) -> None:
    payload = b'{"answer": 42}'

    def answer(seen: Seen) -> bytes:
        return reply("200 OK", payload, send_body=seen.method != "HEAD")

    wire = serve(answer)
    head, get = fetch(
        Request("HEAD", f"{wire.base}/thing"),
        Request("GET", f"{wire.base}/thing", sample=API_SAMPLE),
    )
    assert [s.method for s in wire.seen] == ["HEAD", "GET"]
    assert (head.status, head.body) == (200, b"")
    assert (get.status, get.body) == (200, payload)


# -- no proxy, no cookies ------------------------------------------------------------------------


def test_proxies_from_the_environment_are_ignored(serve, monkeypatch) -> None:
    with socket.create_server(("127.0.0.1", 0)) as closed:
        proxy = f"http://127.0.0.1:{closed.getsockname()[1]}"  # nothing listens once closed
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):  # fmt: skip
        monkeypatch.setenv(name, proxy)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    wire = serve(lambda seen: reply(body=b"direct"))
    (response,) = fetch(Request("GET", f"{wire.base}/direct?x=1"))
    assert response.status == 200
    assert [s.target for s in wire.seen] == ["/direct?x=1"]  # not a proxy's absolute form


def test_cookies_a_server_sets_are_never_sent_back(serve) -> None:
    def answer(seen: Seen) -> bytes:
        cookies = ("Set-Cookie: session=abc123; Path=/", "Set-Cookie: pref=1; Max-Age=3600")
        if seen.target == "/login":
            return reply("302 Found", b"", "Location: /home", *cookies)
        return reply("200 OK", b"ok", *cookies)

    wire = serve(answer)
    first, second = fetch(Request("GET", f"{wire.base}/login"), Request("GET", f"{wire.base}/home"))
    assert first.chain == ((f"{wire.base}/login", 302),) and second.status == 200
    assert [s.target for s in wire.seen] == ["/login", "/home", "/home"]
    assert [s.header("cookie") for s in wire.seen] == [None, None, None]


# -- content encoding ----------------------------------------------------------------------------


def test_a_gzip_answer_is_decoded_before_it_is_read(serve) -> None:
    page = b"<html><head><title>Zipped title</title></head><body><h1>Zipped heading</h1>"
    page += b"<p>" + b"filler " * 2000 + b"</p></body></html>"
    data = json.dumps({"stars": 7}).encode()

    def answer(seen: Seen) -> bytes:
        kind = "text/html; charset=utf-8" if seen.target == "/page" else "application/json"
        body = gzip.compress(page if seen.target == "/page" else data)
        return reply("200 OK", body, f"Content-Type: {kind}", "Content-Encoding: gzip")

    wire = serve(answer)
    html, api = fetch(
        Request("GET", f"{wire.base}/page", question=Question(heading=True)),
        Request("GET", f"{wire.base}/api", sample=API_SAMPLE),
    )
    assert html.page is not None
    assert (html.page.title, html.page.heading) == ("Zipped title", "Zipped heading")
    assert json.loads(api.body) == {"stars": 7}
    for seen in wire.seen:
        encodings = {e.strip() for e in (seen.header("accept-encoding") or "").split(",")}
        assert "gzip" in encodings


# -- the URL on the wire -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "sent"),
    [
        ("/café/über?q=straße", "/caf%C3%A9/%C3%BCber?q=stra%C3%9Fe"),
        ("/日本/%2F?x=€", "/%E6%97%A5%E6%9C%AC/%2F?x=%E2%82%AC"),  # an escape stays as it is
        ("/two words", "/two%20words"),
        ("/a%2Fb/%7Euser/?x=%41&y=%2f", "/a%2Fb/%7Euser/?x=%41&y=%2f"),  # ASCII: as written
        ("/~user/a;b/(c)!*'", "/~user/a;b/(c)!*'"),
        # An entry keeps its URL as the list wrote it; the wire gets it escaped.
        (
            "/wiki/Boosting_(learning)/flutter-türkiye/",
            "/wiki/Boosting_(learning)/flutter-t%C3%BCrkiye/",
        ),
        ("/a/../b/./c", "/a/../b/./c"),  # dot segments too: the page listed is the one asked
    ],
)
def test_the_request_target_is_sent_as_written_or_utf8_escaped(serve, path, sent) -> None:
    wire = serve(lambda seen: reply(body=b"ok"))
    (response,) = fetch(Request("GET", f"{wire.base}{path}"))
    assert response.status == 200
    assert [s.line for s in wire.seen] == [f"GET {sent} HTTP/1.1".encode("ascii")]
    assert response.url == f"{wire.base}{path}"  # the report names the URL as listed


# -- request headers -----------------------------------------------------------------------------


def test_the_user_agent_is_listsmith_s_and_a_request_s_headers_win(serve) -> None:
    wire = serve(lambda seen: reply(body=b"{}"))
    fetch(
        Request("GET", f"{wire.base}/plain"),
        Request("GET", f"{wire.base}/api", {"accept": "application/vnd.github+json"}),
    )
    plain, api = wire.seen
    for seen in (plain, api):
        assert seen.header("user-agent") == Options().user_agent
        assert seen.header("accept-language") == http.BROWSER_HEADERS["Accept-Language"]
    assert plain.header("accept") == http.BROWSER_HEADERS["Accept"]
    assert api.header("accept") == "application/vnd.github+json"  # once: replaced, not added


# -- bodies: drained to keep the connection, or cut ----------------------------------------------

SHORT = b"x" * http.DRAIN_BYTES  # the longest body still drained
SHORT_PAGE = b"<html><head><title>T</title></head><body><h1>H</h1>"
SHORT_PAGE += b"." * (http.DRAIN_BYTES - len(SHORT_PAGE))


@pytest.mark.parametrize(
    ("status", "content_type", "body", "question"),
    [
        ("200 OK", "text/plain", SHORT, None),  # nothing of it read
        ("404 Not Found", "text/html", SHORT, None),  # its first SAMPLE_BYTES read
        ("200 OK", "text/html", SHORT_PAGE, Question(heading=True)),  # answered early
    ],
)
def test_a_short_body_read_no_further_is_drained_and_its_connection_reused(
    serve, status, content_type, body, question
) -> None:
    wire = serve(lambda seen: reply(status, body, f"Content-Type: {content_type}"))
    responses = fetch(*(Request("GET", f"{wire.base}/{n}", question=question) for n in range(3)))
    assert len(wire.seen) == 3
    assert wire.connections == 1
    for response in responses:
        assert response.status == int(status[:3])
        assert len(response.body) == (SAMPLE_BYTES if response.status == 404 else 0)
        if question is not None:
            assert response.page is not None and response.page.title == "T"


BLOCK = b"<p>" + b"endless " * 1000 + b"</p>\n"


def _endless(framing: str, status: str, content_type: str) -> Streamer:
    """A body that never ends: only a client that stops reading gets an answer."""

    def stream(conn: socket.socket) -> None:
        head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        start = b"<html><head><title>Endless</title></head><body>"
        if framing == "chunked":
            conn.sendall(f"{head}Transfer-Encoding: chunked\r\n\r\n".encode())
            conn.sendall(b"%x\r\n%s\r\n" % (len(start), start))
            piece = b"%x\r\n%s\r\n" % (len(BLOCK), BLOCK)
        else:
            conn.sendall(f"{head}Connection: close\r\n\r\n".encode() + start)
            piece = BLOCK
        while True:  # until the client closes the connection (OSError)
            conn.sendall(piece)

    return stream


@pytest.mark.parametrize("framing", ["chunked", "close"])
@pytest.mark.parametrize(
    ("status", "content_type", "question"),
    [
        ("200 OK", "text/plain", None),
        ("404 Not Found", "text/html", None),
        ("200 OK", "text/html", Question(heading=True)),  # no <h1>: read up to its limit
    ],
)
def test_an_endless_unsized_body_is_cut(serve, framing, status, content_type, question) -> None:
    wire = serve(lambda seen: _endless(framing, status, content_type))
    # A client reading it all would run into the deadline and get no answer.
    (response,) = fetch(Request("GET", f"{wire.base}/endless", question=question), deadline=5)
    assert response.status == int(status[:3])
    if question is not None:
        assert response.page is not None
        assert (response.page.title, response.page.complete) == ("Endless", False)
    elif response.status == 404:
        assert len(response.body) == SAMPLE_BYTES


# -- interim answers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "interim",
    [
        ["103 Early Hints\r\nLink: </style.css>; rel=preload\r\nX-Interim: yes"],
        ["100 Continue", "103 Early Hints\r\nLink: </a.js>; rel=preload\r\nX-Interim: 2"],
    ],
)
def test_an_interim_1xx_answer_gives_way_to_the_final_one(serve, interim) -> None:
    def answer(seen: Seen) -> bytes:
        early = b"".join(f"HTTP/1.1 {head}\r\n\r\n".encode() for head in interim)
        final = reply(
            "200 OK", b"final", "Content-Type: text/plain", "X-Final: yes",
            "Link: </final>; rel=canonical",
        )  # fmt: skip
        return early + final

    wire = serve(answer)
    (response,) = fetch(Request("GET", f"{wire.base}/hints", sample=API_SAMPLE))
    assert (response.status, response.body) == (200, b"final")
    assert response.headers == {
        "content-type": "text/plain",
        "x-final": "yes",
        "link": "</final>; rel=canonical",
        "content-length": "5",
    }
    assert len(wire.seen) == 1


# -- requests libcurl would otherwise write its own way -----------------------------------------


def test_a_post_without_a_body_says_so_and_an_empty_header_is_sent_empty(serve) -> None:
    wire = serve(lambda seen: reply(body=b"ok"))
    fetch(Request("POST", f"{wire.base}/api", {"X-Empty": ""}, sample=API_SAMPLE))
    (post,) = wire.seen
    assert post.method == "POST" and post.header("content-length") == "0"
    assert post.header("x-empty") == ""  # libcurl drops "Name:" unless written "Name;"


def test_a_url_libcurl_can_not_send_is_an_error_asked_once(serve) -> None:
    from listsmith.links.checker import Checker
    from listsmith.links.status import Status

    wire = serve(lambda seen: reply(body=b"ok"))
    checker = Checker(Options(allow_private=True, retries=2, backoff=0), Guard(True))
    verdict = checker.check(f"{wire.base}/a\tb")
    assert verdict.status is Status.ERROR and "can't be sent" in verdict.reason
    assert "tries" not in verdict.reason and wire.seen == []  # not retried: it can't change


# -- what a hostile or careless server sends -----------------------------------------------------


def test_a_header_that_looks_like_a_status_line_is_a_header(serve) -> None:
    """Bug: the last line starting with "HTTP/" was taken for the status line, and
    "HTTP/x:y" (a header) made the parse raise, which ended the whole run."""
    wire = serve(lambda seen: reply("200 OK", b"ok", "HTTP/x:y", "X-After: 1"))
    (response,) = fetch(Request("GET", f"{wire.base}/page"))
    assert response.status == 200 and response.headers["x-after"] == "1"


def test_a_raw_utf8_header_value_does_not_end_the_head(serve) -> None:
    """Bug: the head was split with str.splitlines, which also breaks at U+0085, the
    second byte of "ą" in UTF-8 read as Latin-1: the Location after it was lost."""

    def answer(seen: Seen) -> bytes:
        if seen.target == "/old":
            head = "HTTP/1.1 301 Moved\r\nX-City: Gdańsk ą\r\nLocation: /new\r\n"
            return head.encode() + b"Content-Length: 0\r\n\r\n"
        return reply(body=b"ok")

    wire = serve(answer)
    (response,) = fetch(Request("GET", f"{wire.base}/old"))
    assert response.status == 200 and response.chain == ((f"{wire.base}/old", 301),)


def test_a_lying_content_length_beside_an_endless_chunked_body_is_cut(serve) -> None:
    """Bug: a body that said it was short was drained to its end, and libcurl goes by
    Transfer-Encoding: an endless chunked body ran until the deadline (a timeout)."""

    def endless(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n%s\r\n" % (65536, b"x" * 65536)
        with contextlib.suppress(OSError):
            while True:
                conn.sendall(chunk)

    wire = serve(lambda seen: endless)
    (response,) = fetch(Request("GET", f"{wire.base}/page"), deadline=30)
    assert response.status == 200


def test_a_page_cut_where_its_reading_stops_is_not_complete() -> None:
    """Bug: a chunk ending exactly at the reading limit left the page "complete", so an
    anchor past the limit was reported missing instead of not judged."""
    from listsmith.links.transport import _Body

    question = Question(anchor="deep")
    body = _Body(Request("GET", "http://example.test/", question=question))
    body.head(200, {"content-type": "text/html", "content-length": str(2 * question.limit)})
    assert body.feed(b" " * question.limit) is False  # the transfer stops here
    page = body.response("http://example.test/").page
    assert page is not None and not page.complete

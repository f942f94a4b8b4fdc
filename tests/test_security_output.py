"""No printed line becomes a workflow command but our own annotations (issue #19, case 6).

GitHub's runner obeys a line of a job's output that starts with ``::`` once leading
whitespace is trimmed. Servers and data put text in what listsmith prints; whatever
the path, no such text may start a line.
"""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator

import pytest

from listsmith import report
from listsmith.problems import Level, Problem

from .conftest import INDEX


def commands(text: str) -> list[str]:
    """The lines of ``text`` the runner would read as workflow commands."""
    return [line for line in text.replace("\r", "\n").split("\n") if line.lstrip().startswith("::")]


@pytest.fixture
def hostile_server() -> Iterator[int]:
    """Answers every request with a "not found" page whose title holds workflow commands:
    the page is a soft 404, and the report quotes its title."""
    sock = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                body = (
                    b"<html><head><title>Page not found\r\n::error title=pwned::owned\r\n"
                    b"  ::add-mask::secret</title></head><body>gone</body></html>"
                )
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
                conn.sendall(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)

    threading.Thread(target=serve, daemon=True).start()
    yield sock.getsockname()[1]
    sock.close()


@pytest.mark.parametrize("actions", [True, False], ids=["in-actions", "elsewhere"])
def test_a_server_can_not_issue_workflow_commands(
    make_list, run, monkeypatch, hostile_server: int, actions: bool
) -> None:
    lst = make_list()
    lst.entry("books/one.yaml", url=f"http://127.0.0.1:{hostile_server}/old-post")
    if actions:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("links", "--root", str(lst.root), "--allow-private", "--retries", "0")
    assert result.code in (0, 1)
    assert "error title=pwned" in result.out  # the server's words are reported...
    printed = commands(result.out) + commands(result.err)
    # ...and the only commands are the annotations listsmith made.
    ours = ("::error file=resources/books/one.yaml,", "::warning file=resources/books/one.yaml,")
    assert all(line.startswith(ours) for line in printed)
    assert len(printed) == (1 if actions else 0)


def test_the_sync_diff_can_not_issue_workflow_commands(make_list, run) -> None:
    intro = 'intro: "::add-mask::s3cr3t\\n\\n{}"'
    lst = make_list(INDEX.replace("intro: A list used by the tests.", intro.format("First.")))
    lst.entry("books/one.yaml")
    assert run("render", "--root", str(lst.root)).code == 0
    assert "\n::add-mask::s3cr3t\n" in (lst.root / "README.md").read_text()
    index = lst.root / "resources" / "index.yaml"
    index.write_text(index.read_text().replace("First.", "Second."))
    result = run("check", "--root", str(lst.root))  # the diff quotes the unchanged line
    assert result.code == 1 and "add-mask::s3cr3t" in result.out and "+Second." in result.out
    assert commands(result.out) == [] and commands(result.err) == []


def test_lines_are_judged_whole_across_writes() -> None:
    own = report.annotation(Problem("a.yaml", 1, 2, Level.ERROR, "a message", "rule"))
    out = io.StringIO()
    stream = report.Commandless(out)
    pieces = ("  ", ":", ":add-mask::x\n", own, "\n", "\t::stop-commands::t\r\nok ::e\n")
    for piece in (*pieces, " :", "fine\n", "::unfinished"):
        stream.write(piece)
    stream.close_line()
    assert out.getvalue() == (
        f"  \\u003a:add-mask::x\n{own}\n\t\\u003a:stop-commands::t\r\nok ::e\n"
        " :fine\n\\u003a:unfinished"
    )
    assert commands(out.getvalue()) == [own]

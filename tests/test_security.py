"""A pull request's data is untrusted: each way a hostile entry or setting could reach
further than the list, refused with a clear message (issue #12's cases by number)."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from listsmith import markdown, report
from listsmith.links import fix, output, plan
from listsmith.links.guard import _not_public
from listsmith.links.status import Policy, Result, Source, Status
from listsmith.project import load_project

ENTRY = """\
title: {title}
url: https://example.org/{slug}
authors: [Someone]
description: A description that is long enough to pass.
topics: [calculus]
"""


def good(make_list):
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.entry("videos/two.yaml", topic="linear-algebra")
    return lst


# 1. Templates are content: sandboxed, and only from the list's templates/ folder.


def test_a_template_is_never_read_from_outside_templates(make_list, run) -> None:
    lst = good(make_list)
    lst.write(
        ".git/config", '[remote "origin"]\n\turl = https://x-access-token:SECRET@github.com/o/r\n'
    )
    for name in ("../.git/config", ".git/config", "/etc/passwd"):
        lst.write("listsmith.yaml", f"render:\n  targets:\n    readme: {{template: '{name}'}}\n")
        result = run("render", "--root", str(lst.root))
        assert result.code == 2 and "not found" in result.err, name
        assert "SECRET" not in result.out + result.err
    (lst.root / "templates").mkdir()
    os.symlink(lst.root / ".git" / "config", lst.root / "templates" / "leak.j2")
    lst.write("listsmith.yaml", "render:\n  targets:\n    readme: {template: leak.j2}\n")
    result = run("render", "--root", str(lst.root))
    assert result.code == 2 and "symlinks are not followed" in result.err
    assert not (lst.root / "README.md").exists()


@pytest.mark.parametrize(
    "template",
    [
        "{{ ().__class__.__base__.__subclasses__() }}{{ cycler.__init__.__globals__.os }}\n",
        # Jinja2 3.1.5's sandbox checked str.format only when called directly, not when
        # reached through the attr filter (fixed in 3.1.6, the floor: issue #19, case 3).
        '{{ "{0.__globals__[os].environ[LISTSMITH_TEST_SECRET]}"|attr("format")(lipsum) }}\n',
    ],
    ids=["globals", "attr-format"],
)
def test_a_template_can_not_run_code(make_list, run, monkeypatch, template: str) -> None:
    monkeypatch.setenv("LISTSMITH_TEST_SECRET", "s3cr3t-value")
    lst = good(make_list)
    lst.write("templates/evil.j2", template)
    lst.write("listsmith.yaml", "render:\n  targets:\n    readme: {template: evil.j2}\n")
    result = run("render", "--root", str(lst.root))
    assert result.code == 2 and "template" in result.err
    assert "s3cr3t-value" not in result.out + result.err
    assert not (lst.root / "README.md").exists()


def test_index_can_no_longer_choose_a_template(make_list, run) -> None:
    lst = good(make_list)
    index = lst.root / "resources" / "index.yaml"
    index.write_text(index.read_text() + "template: .git/config\n")
    result = run("validate", "--root", str(lst.root))
    assert result.code == 1
    assert "unknown field 'template'; settings live in listsmith.yaml now" in result.out


# 3. Settings that decide trust come from the base branch on a pull request.


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


def test_a_pull_request_can_not_move_a_trusted_setting(make_list, run) -> None:
    lst = good(make_list)
    git(lst.root, "init", "-q")
    git(lst.root, "add", "-A")
    git(lst.root, "commit", "-qm", "base")
    lst.write("listsmith.yaml", "render:\n  targets:\n    readme: {path: CONTRIBUTING.md}\n")
    result = run("render", "--root", str(lst.root), "--base", "HEAD")
    assert result.code == 0
    assert (lst.root / "README.md").is_file() and not (lst.root / "CONTRIBUTING.md").exists()
    check = run("check", "--root", str(lst.root), "--base", "HEAD")
    assert "warning: render.targets.readme.path decides what a run trusts" in check.out
    assert "[trusted-setting]" in check.out
    # Without --base (a maintainer's run on main) the setting applies.
    assert run("render", "--root", str(lst.root)).code == 0
    assert (lst.root / "CONTRIBUTING.md").is_file()


# 4. The guard judges by "is it global", and looks inside IPv6 addresses that carry IPv4.


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("100.100.100.200", True),  # carrier-grade NAT: Alibaba Cloud's metadata service
        ("100.64.0.1", True),
        ("2002:a9fe:a9fe::1", True),  # 6to4 around 169.254.169.254
        ("2002:0a00:0001::1", True),  # 6to4 around 10.0.0.1
        ("64:ff9b::a9fe:a9fe", True),  # NAT64 around 169.254.169.254
        ("::ffff:127.0.0.1", True),
        ("198.18.0.1", True),  # benchmarking
        ("192.0.2.1", True),  # documentation
        ("240.0.0.1", True),
        ("224.0.0.251", True),
        ("8.8.8.8", False),
        ("2002:0808:0808::1", True),  # 6to4, even around a public address: a tunnel
        ("2606:4700:4700::1111", False),
    ],
)
def test_guard_refuses_every_address_that_is_not_global(address: str, refused: bool) -> None:
    assert _not_public(ipaddress.ip_address(address)) is refused


# 5. In Actions mode (and on any terminal) outside text can't start a line of its own.


def hostile_result() -> Result:
    result = Result(
        "https://example.org/a\n::error::injected",
        Status.REDIRECTED,
        "moved \x1b[31mpermanently\u202e to x",
        301,
        new_url="https://example.org/b\r\n::add-mask::x",
        sources=(Source("resources/books/one.yaml", 2, 6),),
    )
    return result


def test_the_text_table_keeps_outside_text_on_its_line() -> None:
    text = output.render([hostile_result()], "github", Policy())
    for line in text.splitlines():
        assert not line.lstrip().startswith("::") or line.startswith(("::warning ", "::error "))
        assert "\x1b" not in line and "\u202e" not in line and "\r" not in line
    assert "::error::injected" not in [line.strip() for line in text.splitlines()]


def test_problem_lines_escape_control_characters() -> None:
    from listsmith.problems import Level, Problem

    line = report.line(Problem("a.yaml", 1, 1, Level.ERROR, "title 'x\n::error::y\x1b'", "r"))
    assert "\n" not in line and "\x1b" not in line and "\\u000a::error::y\\u001b" in line


# 6. Symlinks and special files under resources/ are reported, never followed or opened.


def test_symlinks_and_fifos_are_not_followed(make_list, run, tmp_path: Path) -> None:
    lst = good(make_list)
    secret = tmp_path / "outside.yaml"
    secret.write_text(ENTRY.format(title="Secret outside the repository", slug="secret"))
    os.symlink(secret, lst.root / "resources" / "books" / "leak.yaml")
    os.mkfifo(lst.root / "resources" / "books" / "pipe.yaml")
    outside_dir = tmp_path / "outside-section"
    outside_dir.mkdir()
    (outside_dir / "x.yaml").write_text(ENTRY.format(title="Hidden", slug="hidden"))
    os.symlink(outside_dir, lst.root / "resources" / "videos" / "more")
    done = subprocess.run(
        [sys.executable, "-m", "listsmith", "render", "--root", str(lst.root)],
        capture_output=True,
        text=True,
        timeout=60,  # a FIFO that was opened would block forever
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "resources/books/leak.yaml:1:1: error: a symlink is not followed" in done.stdout
    assert "resources/books/pipe.yaml:1:1: error: not a regular file" in done.stdout
    assert "resources/videos/more:1:1: error: a symlinked folder is not followed" in done.stdout
    assert not (lst.root / "README.md").exists()


# 7. Deep nesting is refused without exhausting the stack.


def test_deeply_nested_entry_is_a_syntax_error(make_list, run) -> None:
    lst = good(make_list)
    lst.write("resources/books/deep.yaml", "title: " + "[" * 500 + "]" * 500 + "\n")
    result = run("validate", "--root", str(lst.root))
    assert result.code == 1 and "nested more than 32 levels deep [syntax]" in result.out


# 8. A damaged history stops `links` with a clear error and is a warning for `check`.


@pytest.mark.parametrize(
    "content",
    [
        '{"urls": []}',
        '{"version": 1, "urls": {"https://x.example/": {"status": "ok", "reason": "r", '
        '"checked_at": "yesterday"}}}',
        '{"version": 1, "urls": {"https://x.example/": {"status": "ok", "reason": "r", '
        '"checked_at": "2026-01-01T00:00:00"}}}',
        '{"version": 1, "urls": {"https://x.example/": {"status": "gone", "reason": "r", '
        '"checked_at": "2026-01-01T00:00:00+00:00"}}}',
        '{"urls": {"https://x.example/": {"status": "ok", "reason": "r", '
        '"checked_at": "2026-01-01T00:00:00+00:00", "failures": "3"}}}',
        "[" * 100_000 + "]" * 100_000,
        "\xff\xfe",
    ],
)
def test_damaged_history_never_crashes(make_list, run, content: str) -> None:
    lst = good(make_list)
    history = lst.root / ".listsmith" / "links.json"
    history.parent.mkdir()
    history.write_text(content, encoding="latin-1")
    before = history.read_bytes()
    result = run("links", "--root", str(lst.root), "--history", str(history))
    assert result.code == 2 and "can't be read" in result.err and "delete it" in result.err
    assert history.read_bytes() == before
    check = run("check", "--root", str(lst.root), "--no-sync")
    assert check.code == 0 and "warning: link history can't be read" in check.out


# 9. --fix keeps a block scalar's key line intact and writes only usable URLs.


def test_fix_replaces_a_block_scalar_on_its_key_line(make_list) -> None:
    lst = make_list()
    text = (
        "title: T\nurl: >-\n  https://old.example.org/x\nauthors: [A]\n"
        "description: A description that is long enough to pass.\ntopics: [calculus]\n"
    )
    entry = lst.write("resources/books/e.yaml", text)
    result = Result(
        "https://old.example.org/x",
        Status.REDIRECTED,
        "moved",
        301,
        new_url="https://new.example.org/é y",
        sources=(Source("resources/books/e.yaml", 3, 3, ("url",)),),
    )
    outcome = fix.apply(load_project(lst.root), plan.redirects([result]))
    assert outcome.changes == [] and "not a usable URL" in outcome.unfixed[result.url]
    assert entry.read_text() == text  # a space: refused
    result = dataclasses.replace(result, new_url="https://new.example.org/é")
    outcome = fix.apply(load_project(lst.root), plan.redirects([result]))
    assert outcome.files == ["resources/books/e.yaml"]
    assert entry.read_text() == text.replace(
        ">-\n  https://old.example.org/x", '"https://new.example.org/%C3%A9"'
    )


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("https://a.example.org/ü?q=ä", "https://a.example.org/%C3%BC?q=%C3%A4"),
        ("https://a.example.org/x y", None),
        ("https://a.example.org/x\n", None),
        ("javascript:alert(1)", None),
        ("https:///nohost", None),
        ("https://a.example.org/\udcff", None),  # a Location header that wasn't UTF-8
    ],
)
def test_only_usable_urls_are_written(url: str, written: str | None) -> None:
    assert plan.writable(url) == written


# 10. Text that becomes an issue body can't mention people or close issues.


def test_markdown_report_keeps_outside_text_inert() -> None:
    result = Result(
        "https://example.org/a",
        Status.REDIRECTED,
        "moved permanently (301) to https://example.org/ @someone fixes #1",
        301,
        new_url="https://example.org/ @someone",
        sources=(Source("resources/a|b.yaml", 2, 6),),
    )
    text = output.as_markdown([result], Policy())
    row = next(line for line in text.splitlines() if line.startswith("| redirected"))
    cells = row.split(" | ")
    assert all(cell.strip("| ").startswith("`") for cell in cells[1:]), row
    assert "resources/a\\|b.yaml" in row  # a pipe can't end the table cell early


def test_code_spans_hold_any_backticks() -> None:
    assert markdown.code("a `b` c") == "``a `b` c``"
    assert markdown.code("``") == "``` `` ```"


# 11. Invisible characters and line breaks in one-line fields are refused at their line.


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ('"Tit\\u202ele"', "U+202E (right-to-left override)"),
        ('"Ti\\etle"', "U+001B"),
        ('"Ti\\u200btle"', "U+200B (zero width space)"),
        ('"Ti\\u200dtle"', "U+200D (zero width joiner)"),
        ('"Title\\nsecond line"', "'title' holds a line break"),
    ],
)
def test_hidden_characters_are_refused(make_list, run, value: str, what: str) -> None:
    lst = good(make_list)
    lst.write("resources/books/bad.yaml", ENTRY.replace("{title}", value).format(slug="bad"))
    result = run("validate", "--root", str(lst.root))
    assert result.code == 1
    assert "resources/books/bad.yaml:1:8: error: " in result.out and what in result.out
    assert "[characters]" in result.out


def test_emoji_built_with_joiners_are_fine(make_list, run) -> None:
    lst = good(make_list)
    title = '"Family \U0001f468\u200d\U0001f469\u200d\U0001f467 guide"'
    lst.write("resources/books/emoji.yaml", ENTRY.replace("{title}", title).format(slug="emoji"))
    assert run("validate", "--root", str(lst.root)).code == 0


def test_a_url_with_a_trailing_line_break_is_refused(make_list, run) -> None:
    lst = good(make_list)
    lst.write(
        "resources/books/nl.yaml",
        ENTRY.format(title="Newline", slug="x").replace(
            "url: https://example.org/x", 'url: "https://example.org/x\\n"'
        ),
    )
    result = run("validate", "--root", str(lst.root))
    assert result.code == 1 and "'url' holds a line break" in result.out


# 12. A ref is never an option to git.


def test_changed_since_an_option_is_refused_and_writes_nothing(make_list, run) -> None:
    lst = good(make_list)
    git(lst.root, "init", "-q")
    git(lst.root, "add", "-A")
    git(lst.root, "commit", "-qm", "base")
    target = lst.root / "truncated.txt"
    target.write_text("keep me\n")
    for ref in (f"--output={target}", "-p"):
        result = run("links", "--root", str(lst.root), f"--changed-since={ref}", "--allow-private")
        assert result.code == 2 and "is not a git ref" in result.err
    assert target.read_text() == "keep me\n"


def test_json_output_is_valid_even_with_hostile_text() -> None:
    data = json.loads(output.render([hostile_result()], "json", Policy()))
    assert data["links"][0]["url"].endswith("::error::injected")  # data, faithfully


def test_a_pull_request_can_not_open_the_private_address_guard(make_list, run) -> None:
    """private_allow: ["0.0.0.0/0", "::/0"] in a pull request is read from the base instead."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Ok(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD  # the check reads pages with GET (soft 404s, anchors)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        lst = make_list()
        lst.entry("books/one.yaml", url=f"http://127.0.0.1:{server.server_port}/inside")
        git(lst.root, "init", "-q")
        git(lst.root, "add", "-A")
        git(lst.root, "commit", "-qm", "base")
        lst.write("listsmith.yaml", 'links:\n  private_allow: ["0.0.0.0/0", "::/0"]\n')

        def status(*args: str) -> str:
            result = run("links", "--root", str(lst.root), "--format", "json", *args)
            return json.loads(result.out)["links"][0]["status"]

        assert status("--base", "HEAD") == "skipped"  # the pull request's setting is ignored
        check = run("check", "--root", str(lst.root), "--no-sync", "--base", "HEAD")
        assert "links.private_allow decides what a run trusts" in check.out
        assert status() == "ok"  # on main, after a maintainer merged it, it applies
    finally:
        server.shutdown()


# 13. The link-fix pull request's body can't mention people or close issues either.


def test_the_pull_request_body_keeps_outside_text_inert() -> None:
    from listsmith.links.fix import Change, Outcome

    hostile = "https://example.org/@someone fixes #1 `x` | y"
    body = output.fixes_markdown(
        Outcome([Change(hostile, "resources/a|b.yaml", 2, hostile, f"moved to {hostile}", True)])
    )
    row = next(line for line in body.splitlines() if line.startswith("| `resources"))
    spans = ("resources/a|b.yaml:2", hostile, f"moved to {hostile}")
    for text in spans:  # each value is in a code span of its own...
        assert markdown.cell(text) in row
        row = row.replace(markdown.cell(text), "")
    assert row == "|  |  |  and a link to  |  |"  # ...and nothing else is outside text


# 14. An archive's answer is outside data too: only a usable URL is ever written.


@pytest.mark.parametrize(
    "answer",
    [
        b'{"archived_snapshots": {"closest": {"available": true, "status": "200", '
        b'"url": "javascript:alert(1)", "timestamp": "20240101000000"}}}',
        b'{"archived_snapshots": {"closest": {"available": true, "status": "200", '
        b'"url": "https://web.archive.org/web/2024/x y", "timestamp": "20240101000000"}}}',
    ],
)
def test_a_snapshot_address_that_is_no_usable_url_is_not_written(answer: bytes) -> None:
    from listsmith.links import wayback

    copy = wayback._snapshot(answer, "")
    assert copy is not None
    result = Result(
        "https://example.org/gone",
        Status.BROKEN,
        "not found (404)",
        404,
        failures=1,
        sources=(Source("resources/books/one.yaml", 2, 6),),
    )
    edits = plan.dead([result], Policy(), {result.url: copy}, "replace", "archived copy")
    assert edits.edits == [] and "is not a usable URL" in edits.unfixed[result.url]


@pytest.mark.parametrize(
    "answer",
    [b"[]", b'{"archived_snapshots": []}', b'{"archived_snapshots": {"closest": null}}', b"\xff"],
)
def test_a_damaged_archive_answer_means_no_snapshot(answer: bytes) -> None:
    from listsmith.links import wayback

    assert wayback._snapshot(answer, "") is None

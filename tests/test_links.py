"""`listsmith links` against real servers on 127.0.0.0/8: one test per behaviour."""

from __future__ import annotations

import itertools
import json
import socket
import subprocess
import sys
import time
import uuid

import pytest

from listsmith.links import history as history_file
from listsmith.links.checker import Checker
from listsmith.links.config import Options
from listsmith.links.guard import Guard
from listsmith.links.history import Record
from listsmith.links.status import Status

from . import linkserver
from .linkserver import HOSTS, STATE


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    plain = [linkserver.start(host) for host in HOSTS]
    tls = linkserver.start(HOSTS[0], linkserver.self_signed_context(tmp_path_factory.mktemp("tls")))
    named = tmp_path_factory.mktemp("tls-named")
    tls_named = linkserver.start(HOSTS[0], linkserver.self_signed_context(named, "pinned.test"))
    yield {"plain": plain, "tls": tls, "tls_named": tls_named, "tls_named_cert": named / "cert.pem"}
    linkserver.STOP.set()
    for server in [*plain, tls, tls_named]:
        server.shutdown()
    linkserver.STOP.clear()


def url(servers, path: str, host: int = 0, **query: str) -> str:
    """A URL on test host ``host``, with a unique key so server state is per test."""
    server = servers["plain"][host]
    query.setdefault("k", uuid.uuid4().hex[:8])
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    return f"http://{HOSTS[host]}:{server.server_address[1]}/{path}?{qs}"


def options(**changes) -> Options:
    base = Options(
        timeout=1.0,
        retries=1,
        backoff=0.05,
        max_retry_after=2.0,
        allow_private=True,
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def check(target: str, **changes):
    opts = options(**changes)
    return Checker(opts, Guard(opts.allow_private, opts.private_allow)).check(target)


def key_of(target: str) -> str:
    parts = target.split("://", 1)[1]
    host_port, rest = parts.split("/", 1)
    path, _, query = rest.partition("?")
    k = dict(p.split("=", 1) for p in query.split("&")).get("k", "")
    return f"{host_port.split(':')[0]}/{path}?{k}"


@pytest.mark.parametrize(
    ("path", "status", "http_status", "words"),
    [
        ("ok", Status.OK, 200, "works"),
        ("404", Status.BROKEN, 404, "not found"),
        ("410", Status.BROKEN, 410, "gone"),
        ("forbidden", Status.BLOCKED, 403, "refuses"),
        ("auth", Status.BLOCKED, 401, "refuses"),
        ("999", Status.BLOCKED, 999, "refuses"),
        ("bot-wall", Status.BLOCKED, 403, "bot challenge"),
        ("head-405", Status.OK, 200, "works"),
        ("head-404", Status.OK, 200, "works"),
        ("302", Status.OK, 200, "temporary redirect"),
    ],
)
def test_status_of_simple_answers(servers, path, status, http_status, words) -> None:
    result = check(url(servers, path))
    assert (result.status, result.http_status) == (status, http_status)
    assert words in result.reason


def test_head_first_then_get_only_when_needed(servers) -> None:
    """Without the soft-404 check (nor an anchor) nothing needs the page: HEAD is enough."""
    ok, fallback = url(servers, "ok"), url(servers, "head-404")
    check(ok, soft_404=False)
    check(fallback, soft_404=False)
    assert STATE.methods[key_of(ok)] == ["HEAD"]
    assert STATE.methods[key_of(fallback)] == ["HEAD", "GET"]


def test_one_get_reads_the_page_when_soft_404s_are_caught(servers) -> None:
    ok, fallback = url(servers, "ok"), url(servers, "head-404")
    assert check(ok).status is Status.OK and check(fallback).status is Status.OK
    assert STATE.methods[key_of(ok)] == ["GET"]
    assert STATE.methods[key_of(fallback)] == ["GET"]


def test_permanent_redirects_report_the_new_url(servers) -> None:
    for path in ("301", "308"):
        result = check(url(servers, path))
        assert result.status is Status.REDIRECTED
        assert result.new_url == result.final_url
        assert result.new_url.endswith("/ok")
    chain = check(url(servers, "chain"))
    assert chain.status is Status.REDIRECTED
    assert chain.new_url.split("?")[0].endswith("/chain-two")  # the 302 after it is not ours
    assert chain.final_url.split("?")[0].endswith("/ok")


def test_redirect_loop_is_broken(servers) -> None:
    result = check(url(servers, "loop-a"))
    assert result.status is Status.BROKEN and "loop" in result.reason


def test_too_many_redirects_is_broken(servers) -> None:
    result = check(url(servers, "loop-a"), max_redirects=1)
    assert result.status is Status.BROKEN and "more than 1 redirects" in result.reason


def test_429_with_retry_after_is_honoured(servers) -> None:
    target = url(servers, "rate-limited", times="1", after="1")
    start = time.monotonic()
    result = check(target)
    assert result.status is Status.OK
    assert STATE.hits[key_of(target)] == 2  # HEAD 429, wait a second, HEAD 200
    assert time.monotonic() - start >= 1.0


def test_429_after_retries_is_blocked(servers) -> None:
    result = check(url(servers, "rate-limited", times="99", after="0"), retries=2)
    assert result.status is Status.BLOCKED
    assert "rate limited (429), after 3 tries" in result.reason


def test_503_then_200_is_retried(servers) -> None:
    target = url(servers, "flaky")
    result = check(target)
    assert result.status is Status.OK
    assert STATE.hits[key_of(target)] == 2


def test_persistent_5xx_is_an_error_not_rot(servers) -> None:
    result = check(url(servers, "always-503"), retries=1)
    assert result.status is Status.ERROR and "HTTP 503, after 2 tries" in result.reason


def test_hanging_server_times_out(servers) -> None:
    result = check(url(servers, "hang"), timeout=0.3, retries=0)
    assert result.status is Status.TIMEOUT


def test_dribbling_server_is_cut_by_the_deadline(servers) -> None:
    start = time.monotonic()
    result = check(url(servers, "dribble"), timeout=0.5, deadline=0.8, retries=0)
    assert result.status is Status.TIMEOUT
    assert "within 0.8 s" in result.reason
    assert time.monotonic() - start < 10  # the server would dribble for 20 s


def test_endless_body_is_not_read(servers) -> None:
    result = check(url(servers, "endless"), timeout=2, retries=0)
    assert result.status is Status.OK


def test_endless_headers_are_an_error(servers) -> None:
    result = check(url(servers, "endless-headers"), retries=0)
    assert result.status is Status.ERROR and "headers" in result.reason


def test_refused_connection_is_an_error(servers) -> None:
    port = linkserver.closed_port()
    result = check(f"http://{HOSTS[0]}:{port}/", retries=0)
    assert result.status is Status.ERROR and "refused" in result.reason


def test_self_signed_tls_is_an_error(servers) -> None:
    port = servers["tls"].server_address[1]
    result = check(f"https://{HOSTS[0]}:{port}/ok", retries=0)
    assert result.status is Status.ERROR and "TLS" in result.reason


def test_unresolvable_host_is_broken() -> None:
    result = check("https://no-such-host.listsmith.invalid/page", retries=0)
    assert result.status is Status.BROKEN and "not found" in result.reason


def test_private_addresses_are_skipped_unless_allowed(servers) -> None:
    target = url(servers, "ok")
    result = check(target, allow_private=False)
    assert result.status is Status.SKIPPED and "non-public address" in result.reason
    assert STATE.hits[key_of(target)] == 0
    for private in (
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://localhost/",
        "http://0.0.0.0/",
    ):
        assert check(private, allow_private=False).status is Status.SKIPPED, private


def test_private_address_guard_applies_after_redirects(servers) -> None:
    inner = url(servers, "ok", host=1)
    outer = url(servers, "redirect-to", host=0, to=inner)
    result = check(outer, allow_private=False, private_allow=(HOSTS[0],))
    assert result.status is Status.SKIPPED and HOSTS[1] in result.reason
    assert STATE.hits[key_of(inner)] == 0


def test_a_name_is_looked_up_once_and_connections_go_where_it_pointed(servers) -> None:
    """Against DNS rebinding: the addresses the guard judged are the ones contacted.

    "pinned.test" exists only in this lookup, so any second lookup by the HTTP
    stack would fail the checks. The first address refuses connections, so the
    second is used, as a resolver's fallback order asks.
    """
    port = servers["plain"][1].server_address[1]
    lookups = []

    def lookup(host, port, type):
        lookups.append((host, port))
        assert host == "pinned.test"
        return [
            (socket.AF_INET, type, 6, "", ("127.0.0.9", port)),
            (socket.AF_INET, type, 6, "", (HOSTS[1], port)),
        ]

    checker = Checker(options(), Guard(True, lookup=lookup))
    key = uuid.uuid4().hex[:8]
    direct = f"http://pinned.test:{port}/ok?k={key}"
    via_redirect = f"http://pinned.test:{port}/redirect-to?k={key}r&to={direct}"
    assert checker.check(direct).status is Status.OK
    assert checker.check(via_redirect).status is Status.REDIRECTED
    assert lookups == [("pinned.test", port)]
    assert STATE.host_headers[f"{HOSTS[1]}/ok?{key}"] == [f"pinned.test:{port}"] * 2


def test_tls_to_a_pinned_address_still_verifies_the_host_name(servers) -> None:
    """The socket goes to an address, but TLS checks the certificate against the name."""
    port = servers["tls_named"].server_address[1]

    def lookup(host, port, type):
        return [(socket.AF_INET, type, 6, "", (HOSTS[0], port))]

    checker = Checker(options(retries=0), Guard(True, lookup=lookup))
    checker.transport.cafile = str(servers["tls_named_cert"])
    assert checker.check(f"https://pinned.test:{port}/ok").status is Status.OK
    wrong_name = checker.check(f"https://other.test:{port}/ok")
    assert wrong_name.status is Status.ERROR and "TLS" in wrong_name.reason


def test_a_private_address_among_public_ones_is_refused(servers) -> None:
    def lookup(host, port, type):
        return [
            (socket.AF_INET, type, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, type, 6, "", ("10.1.2.3", port)),
        ]

    checker = Checker(options(), Guard(False, lookup=lookup))
    result = checker.check("http://mixed.test/page")
    assert result.status is Status.SKIPPED and "10.1.2.3" in result.reason


def test_per_host_limit_is_kept(servers) -> None:
    targets = [url(servers, "slow-count", host=2) for _ in range(8)]
    opts = options(per_host=2, concurrency=8)
    checker = Checker(opts, Guard(True))
    from listsmith.links import engine

    results = []
    engine.run(checker, targets, engine.Progress(len(targets), False), results.append, sites=[])
    assert all(r.status is Status.OK for r in results)
    assert STATE.max_active[HOSTS[2]] == 2


def test_interval_between_requests_to_one_host(servers) -> None:
    STATE.starts[HOSTS[3]].clear()
    targets = [url(servers, "ok", host=3) for _ in range(4)]
    # The server notes each start when its thread gets to it: on a loaded machine that lags
    # the send by up to a tenth of a second or so, hence a long interval and a wide margin.
    opts = options(per_host=4, concurrency=4, interval=0.5)
    checker = Checker(opts, Guard(True))
    from listsmith.links import engine

    engine.run(checker, targets, engine.Progress(len(targets), False), lambda r: None, sites=[])
    starts = sorted(STATE.starts[HOSTS[3]])
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 4 and min(gaps) >= 0.35


def test_user_agent_says_who_is_asking_by_default(servers) -> None:
    """Not a 2024 Firefox string: outdated browser strings are what bot filters block."""
    from listsmith import __version__

    check(url(servers, "ok"))
    assert (
        STATE.user_agents[-1] == f"listsmith/{__version__} (+https://pypi.org/project/listsmith/)"
    )


def test_a_temporary_dns_failure_is_tried_again_and_never_broken(servers) -> None:
    """EAI_AGAIN says "try again", nothing about the name: bug, it was reported broken."""
    from listsmith.links.dns import PatientLookup

    answers: list[int] = []
    pauses: list[float] = []

    def flaky(host, port, **options):
        answers.append(1)
        if host == "down.example" or len(answers) == 1:
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        if host == "nowhere.example":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return socket.getaddrinfo(HOSTS[0], port, **options)

    port = servers["plain"][0].server_address[1]
    opts = options()
    lookup = PatientLookup(flaky, sleep=pauses.append)
    checker = Checker(opts, Guard(opts.allow_private, lookup=lookup))
    assert checker.check(f"http://flaky.example:{port}/ok").status is Status.OK
    assert pauses == [1.0]  # tried again after a pause
    down = checker.check(f"http://down.example:{port}/ok")
    assert down.status is Status.ERROR and "EAI_AGAIN" in down.reason
    assert pauses == [1.0, 1.0, 2.0]
    gone = checker.check(f"http://nowhere.example:{port}/ok")
    assert gone.status is Status.BROKEN and "not found" in gone.reason


def test_excluded_urls_are_skipped(servers) -> None:
    import re

    target = url(servers, "404")
    result = check(target, exclude=(re.compile(r"/404\?"),))
    assert result.status is Status.SKIPPED
    assert STATE.hits[key_of(target)] == 0


def test_accepted_statuses_per_host(servers) -> None:
    result = check(url(servers, "forbidden"), accept={HOSTS[0]: frozenset({403})})
    assert result.status is Status.OK


# -- whole runs through the command line -----------------------------------------------------


def link_list(make_list, servers, urls: dict[str, str]):
    lst = make_list()
    for name, target in urls.items():
        lst.entry(f"books/{name}.yaml", url=target)
    return lst


def links(run, lst, *args: str):
    """`listsmith links` on a test list, allowed to reach the loopback servers."""
    return run("links", "--root", str(lst.root), "--allow-private", *args)


def test_cli_json_report_and_exit_code(make_list, run, servers) -> None:
    good, bad = url(servers, "ok"), url(servers, "404")
    lst = link_list(make_list, servers, {"good": good, "bad": bad})
    lst.write(
        "resources/videos/also-bad.yaml",
        (lst.root / "resources/books/bad.yaml")
        .read_text()
        .replace("Title of books/bad", "Another"),
    )
    result = links(
        run,
        lst,
        "--format",
        "json",
        "--timeout",
        "1",
        "--retries",
        "0",
    )
    assert result.code == 1
    data = json.loads(result.out)
    by_url = {link["url"]: link for link in data["links"]}
    assert by_url[bad]["status"] == "broken" and by_url[bad]["http_status"] == 404
    assert by_url[bad]["sources"] == [
        {"file": "resources/books/bad.yaml", "line": 2},
        {"file": "resources/videos/also-bad.yaml", "line": 2},
    ]
    assert data["summary"]["ok"] == 1 and data["summary"]["broken"] == 1
    # One link a line, so a diff of two reports shows which links changed.
    rows = [row for row in result.out.splitlines() if row.startswith('    {"url": ')]
    assert [json.loads(row.rstrip(",")) for row in rows] == data["links"]


def test_cli_only_broken_fails(make_list, run, servers) -> None:
    lst = link_list(
        make_list,
        servers,
        {"a": url(servers, "forbidden"), "b": url(servers, "301"), "c": url(servers, "always-503")},
    )
    result = links(run, lst, "--retries", "0")
    assert result.code == 0
    assert "blocked (1)" in result.out and "redirected (1)" in result.out
    assert "error (1)" in result.out


def test_cli_markdown_and_annotations(make_list, run, servers, monkeypatch) -> None:
    bad = url(servers, "410")
    lst = link_list(make_list, servers, {"bad": bad})
    md = links(run, lst, "--format", "markdown")
    assert md.out.startswith("## Link check: 1 broken")
    assert "| broken |" in md.out and "resources/books/bad.yaml:2" in md.out
    annotation = (
        f"::error file=resources/books/bad.yaml,line=2,col=6,title=listsmith link-broken::"
        f"{bad}: broken, gone (410)"
    )
    # --format github is asked for by name; outside Actions the default is the table alone.
    assert annotation in links(run, lst, "--format", "github").out
    assert annotation not in links(run, lst).out
    # Inside GitHub Actions annotations are the default, and an explicit --format wins.
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert annotation in links(run, lst).out
    plain = links(run, lst, "--format", "text")
    assert annotation not in plain.out and "broken (1)" in plain.out


def test_no_network_exits_2(make_list, run) -> None:
    lst = make_list()
    lst.entry("books/a.yaml", url="https://one.listsmith.invalid/")
    lst.entry("books/b.yaml", url="https://two.listsmith.invalid/")
    result = run("links", "--root", str(lst.root), "--retries", "0")
    assert result.code == 2 and "is there a network" in result.err


def test_history_fail_after_and_cache(make_list, run, servers, tmp_path) -> None:
    bad, good = url(servers, "404"), url(servers, "ok")
    lst = link_list(make_list, servers, {"bad": bad, "good": good})
    history = tmp_path / "history.json"
    args = (
        "--retries",
        "0",
        "--history",
        str(history),
        "--fail-after",
        "2",
        "--format",
        "json",
    )
    first = links(run, lst, *args)
    assert first.code == 0  # one failing run is a blip
    record = json.loads(history.read_text())["urls"][bad]
    assert record["failures"] == 1 and record["first_failure"]
    second = links(run, lst, *args)
    assert second.code == 1  # the second failing run in a row is rot
    assert json.loads(history.read_text())["urls"][bad]["failures"] == 2
    assert json.loads(history.read_text())["urls"][bad]["first_failure"] == record["first_failure"]
    # The working link was cached after the first run: not requested again.
    assert STATE.hits[key_of(good)] == 1
    assert {link["url"]: link["cached"] for link in json.loads(second.out)["links"]}[good]


def test_a_run_answered_by_the_history_never_loads_the_http_stack(
    make_list, run, servers, tmp_path
) -> None:
    lst = link_list(make_list, servers, {"good": url(servers, "ok")})
    history = tmp_path / "history.json"
    args = ["links", "--root", str(lst.root), "--allow-private", "--history", str(history)]
    assert run(*args).code == 0
    probe = (
        "import sys; from listsmith.cli import main; code = main(sys.argv[1:]); "
        "print(code, 'pycurl' in sys.modules, 'asyncio' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "0 False False", done.stdout + done.stderr


def test_the_history_keeps_one_record_a_line_and_reads_back(tmp_path) -> None:
    history = tmp_path / "history.json"
    records = {
        "https://b.example/ü\u2028": Record("broken", "not found (404)", "2020-01-01T00:00Z"),
        "https://a.example/": Record("ok", "works", "2020-01-02T00:00Z", 200, failures=0),
    }
    history_file.save(history, records)
    text = history.read_text(encoding="utf-8")
    rows = [row for row in text.split("\n") if row.startswith('    "https://')]
    assert [json.loads("{" + row.rstrip(",") + "}") for row in rows] == [
        {url: vars(records[url])} for url in sorted(records)
    ]
    assert history_file.load(history) == records
    assert json.loads(text)["version"] == 1 and text.endswith("}\n")
    history_file.save(history, {})
    assert history_file.load(history) == {}


def test_cache_expires_after_max_age(make_list, run, servers, tmp_path) -> None:
    good = url(servers, "ok")
    lst = link_list(make_list, servers, {"good": good})
    history = tmp_path / "history.json"
    history_file.save(history, {good: Record("ok", "works", "2020-01-01T00:00:00+00:00")})
    links(run, lst, "--history", str(history))
    assert STATE.hits[key_of(good)] == 1
    assert json.loads(history.read_text())["urls"][good]["checked_at"] > "2020-01-02"


def test_a_fixed_link_resets_its_failures(make_list, run, servers, tmp_path) -> None:
    good = url(servers, "ok")
    lst = link_list(make_list, servers, {"good": good})
    history = tmp_path / "history.json"
    old = "2020-01-01T00:00:00+00:00"
    history_file.save(
        history, {good: Record("broken", "not found (404)", old, first_failure=old, failures=3)}
    )
    assert links(run, lst, "--history", str(history)).code == 0
    record = json.loads(history.read_text())["urls"][good]
    assert (record["status"], record["failures"], record["first_failure"]) == ("ok", 0, None)


def git(root, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_changed_since_checks_only_new_urls(make_list, run, servers) -> None:
    old, changed, added = url(servers, "404"), url(servers, "ok"), url(servers, "410")
    lst = link_list(make_list, servers, {"old": old, "edited": url(servers, "404")})
    git(lst.root, "init", "-q")
    git(lst.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(lst.root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    lst.entry("books/edited.yaml", url=changed)
    lst.entry("books/new.yaml", url=added)
    result = links(
        run,
        lst,
        "--format",
        "json",
        "--changed-since",
        "HEAD",
    )
    assert sorted(link["url"] for link in json.loads(result.out)["links"]) == sorted(
        [changed, added]
    )
    assert STATE.hits[key_of(old)] == 0
    bad_ref = run("links", "--root", str(lst.root), "--changed-since", "no-such-ref")
    assert bad_ref.code == 2 and "is not a commit in this repository" in bad_ref.err


def test_shards_partition_the_urls(make_list, run, servers) -> None:
    urls = {f"u{i}": url(servers, "ok") for i in range(12)}
    lst = link_list(make_list, servers, urls)
    seen = []
    for k in (1, 2, 3):
        result = links(
            run,
            lst,
            "--format",
            "json",
            "--shard",
            f"{k}/3",
        )
        seen.append({link["url"] for link in json.loads(result.out)["links"]})
    assert set().union(*seen) == set(urls.values())
    assert sum(len(s) for s in seen) == len(urls)
    assert run("links", "--root", str(lst.root), "--shard", "4/3").code == 2


def test_fix_redirects_changes_only_the_url(make_list, run, servers) -> None:
    moved = url(servers, "301")
    lst = make_list()
    text = (
        "# yaml-language-server: $schema=../../schema.json\n"
        "title: Moved   # a comment that must survive\n"
        f"url: '{moved}'\n"
        "authors: [Someone]\n"
        "description: A description that is long enough to pass.\n"
        "topics: [calculus]\n"
        "links:\n"
        "  - label: mirror\n"
        f"    url: {moved}  # plain style\n"
        f'  - {{label: other, url: "{moved}"}}\n'
    )
    path = lst.write("resources/books/moved.yaml", text)
    result = links(run, lst, "--fix-redirects")
    assert result.code == 0 and "rewrote 3 link(s) in resources/books/moved.yaml" in result.err
    new = moved.split("/301?")[0] + "/ok"  # the server redirects to /ok, without the query
    assert path.read_text() == text.replace(moved, new)
    assert path.read_text().count(new) == 3
    assert run("validate", "--root", str(lst.root)).code == 0


def test_settings_from_listsmith_yaml(make_list, run, servers) -> None:
    blocked, skipped = url(servers, "forbidden"), url(servers, "404")
    lst = make_list()
    index = lst.root / "listsmith.yaml"
    index.write_text(
        "links:\n"
        "  exclude: ['/404\\?']\n"
        f"  accept: {{'{HOSTS[0]}': [403]}}\n"
        "  timeout: 2\n"
        "  user_agent: list-checker/1.0\n"
    )
    lst.entry("books/a.yaml", url=blocked)
    lst.entry("books/b.yaml", url=skipped)
    result = links(run, lst, "--format", "json")
    statuses = {link["url"]: link["status"] for link in json.loads(result.out)["links"]}
    assert statuses == {blocked: "ok", skipped: "skipped"}
    assert STATE.user_agents[-1] == "list-checker/1.0"
    assert run("validate", "--root", str(lst.root)).code == 0
    index.write_text(index.read_text().replace("'/404\\?'", "'(unclosed'"))
    bad = run("links", "--root", str(lst.root))
    assert bad.code == 2 and "listsmith.yaml:2:12: links.exclude holds a bad pattern" in bad.err
    assert (
        "listsmith.yaml:2:12: error: links.exclude holds a bad pattern"
        in run("validate", "--root", str(lst.root)).out
    )


def test_remap_from_listsmith_yaml_applies(make_list, run, servers) -> None:
    port = servers["plain"][0].server_address[1]
    lst = make_list()
    lst.write(
        "listsmith.yaml",
        f"links:\n  remap: [[https://nowhere.listsmith.invalid/, 'http://{HOSTS[0]}:{port}/']]\n",
    )
    lst.entry("books/a.yaml", url=f"https://nowhere.listsmith.invalid/ok?k={uuid.uuid4().hex}")
    result = links(run, lst, "--format", "json")
    assert json.loads(result.out)["links"][0]["status"] == "ok"


def test_progress_shows_on_a_terminal_only(capsys) -> None:
    from listsmith.links.engine import Progress

    quiet = Progress(2, enabled=False)
    quiet.step()
    quiet.step()
    assert capsys.readouterr().err == ""
    loud = Progress(2, enabled=True)
    loud.step()
    loud.step()
    err = capsys.readouterr().err
    assert "1/2 links" in err and err.endswith("2/2 links\n")


def test_a_short_body_left_unread_still_keeps_its_connection() -> None:
    """Bug: a working page nobody asked a question of was released unread, and an HTTP
    client closes such a connection, so on a real list nearly every URL paid a new TCP and TLS
    handshake (400 URLs on 40 hosts: 172 connections, 46 once drained)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from listsmith.links import engine

    connections: list[int] = []

    class Slow(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            connections.append(1)

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # the body comes after the headers, as it often does
            self.send_response(200)
            self.send_header("Content-Length", "15")
            self.end_headers()
            time.sleep(0.05)
            self.wfile.write(b"<html>ok</html>")

    server = ThreadingHTTPServer((HOSTS[0], 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://{HOSTS[0]}:{server.server_address[1]}"
    urls = [f"{base}/page/{i}" for i in range(4)]
    checker = Checker(options(per_host=1), Guard(True))
    verdicts: list = []
    engine.run(checker, urls, engine.Progress(4, False), verdicts.append, sites=[])
    server.shutdown()
    assert [v.status for v in verdicts] == [Status.OK] * 4
    assert len(connections) == 1


def test_a_check_waiting_to_retry_holds_no_place_in_flight(servers) -> None:
    """Bug: a check held one of the run's places while it slept before trying again, so
    with few places a run of flaky links stalled the working ones behind them."""
    from listsmith.links import engine

    flaky = url(servers, "flaky", host=1)
    fine = [url(servers, "ok", host=2) for _ in range(3)]
    finished: dict[str, float] = {}
    checker = Checker(options(concurrency=1, retries=1, backoff=0.6), Guard(True))
    engine.run(
        checker,
        [flaky, *fine],
        engine.Progress(4, False),
        lambda verdict: finished.setdefault(verdict.url, time.monotonic()),
        sites=[],
    )
    assert len(finished) == 4
    assert all(finished[u] < finished[flaky] for u in fine)


def test_concurrency_bounds_requests_in_flight_across_hosts() -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from listsmith.links import engine

    lock = threading.Lock()
    active = [0, 0]  # now, most at once

    class Counting(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with lock:
                active[0] += 1
                active[1] = max(active)
            time.sleep(0.1)
            with lock:
                active[0] -= 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    servers = [ThreadingHTTPServer((host, 0), Counting) for host in HOSTS[:3]]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = [f"http://{HOSTS[i % 3]}:{servers[i % 3].server_address[1]}/p{i}" for i in range(9)]
    checker = Checker(options(concurrency=2, per_host=2), Guard(True))
    verdicts: list = []
    engine.run(checker, urls, engine.Progress(9, False), verdicts.append, sites=[])
    for server in servers:
        server.shutdown()
    assert len(verdicts) == 9 and active[1] == 2


def test_a_request_waiting_for_its_place_is_not_late(servers) -> None:
    """Bug: every check starts at once and waits for a place in the gate, and that wait
    was charged to the exchange's deadline: links still queued were reported timed out
    without ever being asked."""
    from listsmith.links import engine

    targets = [url(servers, "latency", host=i % 2, ms="100") for i in range(40)]
    checker = Checker(options(concurrency=2, timeout=0.5, retries=0), Guard(True))
    verdicts: list = []
    engine.run(checker, targets, engine.Progress(40, False), verdicts.append, sites=[])
    assert [v.status for v in verdicts] == [Status.OK] * 40  # 2 s of queue, 1.5 s deadline


def test_the_interval_holds_when_places_are_scarce() -> None:
    """Bug: a request booked its host's start time, slept, then queued for a place of the
    run's: requests to one host queued together went out together once places freed."""
    import asyncio

    from listsmith.links.transport import Gate

    gate = Gate(options(concurrency=1, per_host=2, interval=0.3))
    starts: dict[str, float] = {}

    async def request(name: str, host: str, hold: float) -> None:
        await gate.enter(host)
        starts[name] = time.monotonic()
        await asyncio.sleep(hold)
        gate.leave(host)

    async def scene() -> None:
        first = asyncio.ensure_future(request("x", "a.example", 0.5))
        await asyncio.sleep(0.01)
        await asyncio.gather(first, request("b1", "b.example", 0), request("b2", "b.example", 0))

    asyncio.run(scene())
    assert starts["b2"] - starts["b1"] >= 0.29


def test_a_pause_that_comes_while_a_request_waits_for_its_place_is_kept() -> None:
    import asyncio

    from listsmith.links.transport import Gate

    gate = Gate(options(concurrency=1, per_host=2, max_retry_after=5))
    starts: dict[str, float] = {}

    async def scene() -> None:
        await gate.enter("a.example")  # holds the run's only place
        waiting = asyncio.ensure_future(gate.enter("a.example"))
        await asyncio.sleep(0.05)
        gate.pause("a.example", 0.4)  # the answer was a 429 with Retry-After
        paused = time.monotonic()
        gate.leave("a.example")
        await waiting
        starts["next"] = time.monotonic() - paused
        gate.leave("a.example")

    asyncio.run(scene())
    assert starts["next"] >= 0.39


def test_a_request_waiting_for_a_name_lookup_is_not_late(servers) -> None:
    """Name lookups run on asyncio's few executor threads: lookups queued there (slow DNS,
    many hosts) were charged to the requests' deadlines, giving timeouts from servers
    never contacted."""
    import os

    from listsmith.links import engine

    port = servers["plain"][0].server_address[1]

    def slow(host, port, **options):
        time.sleep(0.3)
        return socket.getaddrinfo(HOSTS[0], port, **options)

    threads = min(32, (os.cpu_count() or 1) + 4)  # asyncio's default executor
    targets = [f"http://h{i}.example:{port}/ok" for i in range(3 * threads)]
    checker = Checker(options(retries=0, deadline=0.6, concurrency=64), Guard(True, lookup=slow))
    verdicts: list = []
    engine.run(checker, targets, engine.Progress(len(targets), False), verdicts.append, sites=[])
    assert {v.status for v in verdicts} == {Status.OK}


def test_a_host_that_said_stay_away_costs_no_interval_per_url(servers) -> None:
    from listsmith.links import engine

    targets = [url(servers, "ok", host=1) for _ in range(5)]
    checker = Checker(options(interval=3, max_retry_after=2), Guard(True))
    checker.transport.gate.pause(HOSTS[1], 100)  # a 429 asking for longer than we wait
    verdicts: list = []
    started = time.monotonic()
    engine.run(checker, targets, engine.Progress(5, False), verdicts.append, sites=[])
    assert {v.status for v in verdicts} == {Status.BLOCKED}
    assert time.monotonic() - started < 2.5  # not 4 x 3 s of waiting for nothing


def test_requests_to_one_host_start_in_the_order_they_came() -> None:
    import asyncio

    from listsmith.links.transport import Gate

    gate = Gate(options(concurrency=1, per_host=8, interval=0.02))
    order: list[int] = []

    async def request(number: int) -> None:
        await gate.enter("a.example")
        order.append(number)
        gate.leave("a.example")

    async def scene() -> None:
        await asyncio.gather(*(request(n) for n in range(8)))

    asyncio.run(scene())
    assert order == list(range(8))

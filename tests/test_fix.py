"""`listsmith links --fix` against real servers: a redirect, a renamed repository and dead
links with and without an archived copy (a local fake of the Wayback Machine)."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import uuid

import pytest
import yaml

from listsmith import markdown, yamledit
from listsmith.links import wayback

from . import fakearchive, fakegithub, linkserver
from .linkserver import HOSTS

PACE = 0.2
"""Seconds between archive requests in these tests (archive.org's own: ``wayback.INTERVAL``,
a second): each test still sees the pacing, in a fifth of the time."""

GITHUB_WEB, GITHUB_API = "127.0.3.7", "127.0.3.8"
HEADER = "# yaml-language-server: $schema=../../schema.json\n"
REST = "authors: [Someone]\ndescription: A description that is long enough to pass.\n"


@pytest.fixture(autouse=True)
def _quicker_pace(monkeypatch) -> None:
    monkeypatch.setattr(wayback, "INTERVAL", PACE)


@pytest.fixture(scope="module")
def world():
    server = linkserver.start(HOSTS[0])
    archive = fakearchive.Archive()
    archive_server = fakearchive.start(archive)
    github = fakegithub.Fake()
    github.add("Owner/New-Name")
    github.rename("owner/old", "owner/new-name")
    hub = [fakegithub.start(github, h, r) for h, r in ((GITHUB_WEB, "web"), (GITHUB_API, "api"))]
    web, api = (fakegithub.base(s) for s in hub)
    remap = [
        *fakearchive.remap(archive_server),
        "--remap", "https://github.com/", f"{web}/",
        "--remap", "https://api.github.com", api,
    ]  # fmt: skip
    yield {"server": server, "archive": archive, "remap": remap}
    for each in [server, archive_server, *hub]:
        each.shutdown()


def at(world, path: str) -> str:
    """A URL on the link server, unique to the test."""
    port = world["server"].server_address[1]
    return f"http://{HOSTS[0]}:{port}/{path}?k={uuid.uuid4().hex[:8]}"


def archived_dead_links(make_list, world, count: int):
    """``count`` dead links, each with a capture in the archive, and a list of one entry
    for each."""
    dead = [at(world, "404") for _ in range(count)]
    for url in dead:
        world["archive"].add(url)
    lst = make_list()
    for i, url in enumerate(dead):
        lst.entry(f"books/d{i}.yaml", url=url)
    return dead, lst


def fix(run, lst, world, *args: str):
    return run(
        "links", "--root", str(lst.root), "--allow-private", "--retries", "0",
        *world["remap"], "--fix", *args,
    )  # fmt: skip


def entry(title: str, url_line: str, tail: str = "") -> str:
    return f"{HEADER}title: {title}  # kept\n{url_line}\n{REST}topics: [calculus]\n{tail}"


def test_fix_repairs_what_it_judged_and_changes_only_urls(make_list, run, world, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    archive = world["archive"]
    moved, dead, dead_link, dead_flow = (at(world, p) for p in ("301", "404", "410", "404"))
    no_copy, blocked = at(world, "404"), at(world, "forbidden")
    copies = {u: archive.add(u) for u in (dead, dead_link, dead_flow)}
    lst = make_list()
    files = {
        "moved": entry("Moved", f"url: '{moved}'"),
        "repo": entry("Repo", "url: https://github.com/owner/old"),
        "dead": entry("Dead", f"url: >-\n  {dead}"),
        "dead-links": entry(
            "Dead links",
            f"url: {at(world, 'ok')}",
            f"links:\n  - label: slides\n    url: {dead_link}  # plain\n"
            f'  - {{label: notes, url: "{dead_flow}"}}\n',
        ),
        "no-copy": entry("No copy", f"url: {no_copy}"),
        "blocked": entry("Blocked", f"url: {blocked}"),
    }
    paths = {name: lst.write(f"resources/books/{name}.yaml", text) for name, text in files.items()}
    report = lst.root / "fixes.md"
    result = fix(run, lst, world, "--fix-report", str(report), "--format", "json")

    assert result.code == 1  # the dead link without a copy is still rot
    new = moved.split("/301?")[0] + "/ok"
    assert paths["moved"].read_text() == files["moved"].replace(moved, new)
    assert paths["repo"].read_text() == files["repo"].replace("owner/old", "Owner/New-Name")
    assert paths["dead"].read_text() == files["dead"].replace(
        f"url: >-\n  {dead}", f'url: "{copies[dead]}"\noriginal_url: {dead}'
    )
    assert paths["dead-links"].read_text() == files["dead-links"].replace(
        f"url: {dead_link}  # plain\n",
        f"url: {copies[dead_link]}  # plain\n    original_url: {dead_link}\n",
    ).replace(f'url: "{dead_flow}"}}', f'url: "{copies[dead_flow]}", original_url: "{dead_flow}"}}')
    for untouched in ("no-copy", "blocked"):
        assert paths[untouched].read_text() == files[untouched]
    assert run("validate", "--root", str(lst.root)).code == 0

    data = json.loads(result.out)
    by_url = {link["url"]: link for link in data["links"]}
    assert by_url[no_copy]["not_fixed"] == "the Wayback Machine has no working snapshot of it"
    assert by_url[blocked]["not_fixed"] is None and not by_url[blocked]["fixed"]
    assert all(by_url[u]["fixed"] for u in (moved, dead, dead_link, dead_flow))
    assert {(f["file"], f["line"]) for f in data["fixes"]} == {
        ("resources/books/moved.yaml", 3),
        ("resources/books/repo.yaml", 3),
        ("resources/books/dead.yaml", 3),
        ("resources/books/dead-links.yaml", 9),
        ("resources/books/dead-links.yaml", 11),
    }
    body = report.read_text()
    assert body.startswith("## Link fixes\n\n`listsmith links --fix` changed 5 links in 4 files.")
    assert (
        f"| `resources/books/moved.yaml:3` | `{moved}` | `{new}` | `moved permanently (301)" in body
    )
    assert "| `GitHub repository moved to Owner/New-Name` |" in body
    assert re.search(
        r"`dead for 1 run since \d{4}-\d\d-\d\d \(not found \(404\)\); "
        r"archived copy of 2024-01-05` \|",
        body,
    )


def test_the_archive_is_asked_for_the_moment_the_link_died(make_list, run, world, tmp_path):
    archive = world["archive"]
    dead = at(world, "404")
    copy = archive.add(dead)
    lst = make_list()
    path = lst.entry("books/dead.yaml", url=dead)
    before = path.read_text()
    history = ["--history", str(tmp_path / "history.json"), "--fail-after", "2"]
    first = fix(run, lst, world, *history)
    assert first.code == 0 and path.read_text() == before  # one failing run is no rot yet
    assert not [u for u, _ in archive.asked if u == dead]
    second = fix(run, lst, world, *history)
    assert second.code == 0 and f"url: {copy}\noriginal_url: {dead}\n" in path.read_text()
    first_failure = json.loads((tmp_path / "history.json").read_text())["urls"][dead]
    stamp = first_failure["first_failure"].replace("-", "").replace("T", "").replace(":", "")
    assert [t for u, t in archive.asked if u == dead] == [stamp[:14]]


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("gone", "its archived copy does not work either (broken: not found (404))"),
        ("error-page", "its archived copy does not work either (broken: soft 404: answers 200"),
    ],
)
def test_a_copy_that_does_not_work_is_no_fix(make_list, run, world, kind, why):
    dead = at(world, "404")
    world["archive"].add(dead, kind=kind)
    lst = make_list()
    path = lst.entry("books/dead.yaml", url=dead)
    before = path.read_text()
    result = fix(run, lst, world, "--format", "json")
    assert result.code == 1 and path.read_text() == before
    assert json.loads(result.out)["links"][0]["not_fixed"].startswith(why)


def test_an_older_capture_is_used_when_the_closest_is_an_error(make_list, run, world):
    """Bug: only the capture closest to the death was asked for; when it was a "Page not
    found" page or a 404, the link stayed unrepaired though older good captures exist."""
    archive = world["archive"]
    dead, dead_too = at(world, "404"), at(world, "404")
    good = archive.add(dead, "20230301000000", "page")
    archive.add(dead, "20240301000000", "error-page")  # the closest: a soft 404 captured
    good_too = archive.add(dead_too, "20220101000000", "page")
    archive.add(dead_too, "20240401000000", "404")  # the closest: the site's 404 captured
    lst = make_list()
    paths = [lst.entry(f"books/d{i}.yaml", url=u) for i, u in enumerate((dead, dead_too))]
    result = fix(run, lst, world)
    assert result.code == 0, result.out
    assert f"url: {good}\noriginal_url: {dead}\n" in paths[0].read_text()
    assert f"url: {good_too}\noriginal_url: {dead_too}\n" in paths[1].read_text()


def test_availability_api_without_the_scheme_when_cdx_fails(make_list, run, world):
    """internetarchive/wayback#296: with https:// the availability API often answers
    ``archived_snapshots: {}``; it is asked without the scheme when CDX can't answer."""
    archive = world["archive"]
    dead = at(world, "404")
    copy = archive.add(dead)
    lst = make_list()
    path = lst.entry("books/dead.yaml", url=dead)
    archive.cdx_down = True
    try:
        result = fix(run, lst, world)
    finally:
        archive.cdx_down = False
    assert result.code == 0, result.out
    assert f"url: {copy}\noriginal_url: {dead}\n" in path.read_text()
    assert dead.split("://", 1)[1] in [u for u, _ in archive.asked]


def test_the_first_429_stops_every_archive_request(make_list, run, world):
    """archive.org blocks for an hour a client that keeps asking after a 429: the run
    stops at the first one and says so for each link left."""
    archive = world["archive"]
    dead, lst = archived_dead_links(make_list, world, 4)
    with archive.lock:
        archive.limit, archive.refused = archive.api_requests + 1, 0
    try:
        result = fix(run, lst, world, "--format", "json")
    finally:
        archive.limit = None
    assert archive.refused == 1  # one 429, then not one more request
    links = {link["url"]: link for link in json.loads(result.out)["links"]}
    left = [u for u in dead if links[u].get("not_fixed")]
    assert len(left) == 3
    assert all("answered 429" in links[u]["not_fixed"] for u in left)


def test_link_mode_adds_a_labelled_copy_and_keeps_the_url(make_list, run, world):
    archive = world["archive"]
    dead, other_dead = at(world, "404"), at(world, "410")
    copies = {u: archive.add(u) for u in (dead, other_dead)}
    lst = make_list()
    lst.write("listsmith.yaml", "links:\n  fix_broken: link\n  archive_label: Wayback copy\n")
    bare = lst.write("resources/books/bare.yaml", entry("Bare", f"url: {dead}"))
    with_links = entry(
        "With links",
        f"url: {other_dead}",
        f"links:\n  - {{label: mirror, url: '{at(world, 'ok')}'}}\n",
    )
    linked = lst.write("resources/books/linked.yaml", with_links)
    assert fix(run, lst, world).code == 0
    assert bare.read_text() == entry("Bare", f"url: {dead}") + (
        f"links:\n  - label: Wayback copy\n    url: {copies[dead]}\n"
    )
    assert (
        linked.read_text()
        == with_links + f'  - {{label: Wayback copy, url: "{copies[other_dead]}"}}\n'
    )
    assert run("validate", "--root", str(lst.root)).code == 0
    # The next run sees the copies: the dead URLs are no longer rot, and nothing changes.
    again = fix(run, lst, world, "--format", "json")
    assert again.code == 0
    links = {link["url"]: link for link in json.loads(again.out)["links"]}
    assert links[dead]["status"] == "broken" and links[dead]["archived_copy"] == copies[dead]
    assert not links[dead]["rotten"] and json.loads(again.out)["fixes"] == []


def test_a_file_that_would_not_validate_is_left_alone(make_list, run, world):
    """A redirect onto another entry's URL would make a duplicate; eleven links break the
    schema's ten. Both files stay as they were, and the run says why."""
    archive = world["archive"]
    port = world["server"].server_address[1]
    target = f"http://{HOSTS[0]}:{port}/ok?k={uuid.uuid4().hex[:8]}"
    moved = f"http://{HOSTS[0]}:{port}/redirect-to?k={uuid.uuid4().hex[:8]}&to={target}"
    dead = at(world, "404")
    archive.add(dead)
    lst = make_list()
    lst.write("listsmith.yaml", "links:\n  fix_broken: link\n")
    lst.entry("books/target.yaml", url=target)
    dupe = lst.entry("books/dupe.yaml", url=moved)
    ten = "".join(f"  - {{label: l{i}, url: '{at(world, 'ok')}'}}\n" for i in range(10))
    full = lst.write("resources/books/full.yaml", entry("Full", f"url: {dead}", f"links:\n{ten}"))
    before = {p: p.read_text() for p in (dupe, full)}
    result = fix(run, lst, world, "--format", "json")
    assert {p: p.read_text() for p in (dupe, full)} == before
    why = {link["url"]: link["not_fixed"] for link in json.loads(result.out)["links"]}
    assert why[moved].startswith("resources/books/dupe.yaml would not pass validate after the edit")
    assert "[duplicate-url]" in why[moved]
    assert why[dead].startswith("resources/books/full.yaml would not pass validate after the edit")
    assert "[schema]" in why[dead]
    assert "not fixed, " in result.err


def test_a_page_sent_to_the_front_page_is_left_for_a_person(make_list, run, world):
    port = world["server"].server_address[1]
    home = f"http://{HOSTS[0]}:{port}/"
    moved = f"http://{HOSTS[0]}:{port}/redirect-to?k={uuid.uuid4().hex[:8]}&to={home}"
    lst = make_list()
    path = lst.entry("books/moved.yaml", url=moved)
    before = path.read_text()
    result = fix(run, lst, world, "--format", "json")
    assert result.code == 0 and path.read_text() == before
    assert json.loads(result.out)["links"][0]["not_fixed"] == (
        "it redirects to the site's front page, which usually means the page is gone"
    )


def test_fix_redirects_alone_never_asks_the_archive(make_list, run, world):
    dead = at(world, "404")
    world["archive"].add(dead)
    lst = make_list()
    lst.entry("books/dead.yaml", url=dead)
    result = run(
        "links", "--root", str(lst.root), "--allow-private", *world["remap"], "--fix-redirects"
    )
    assert result.code == 1
    assert not [u for u, _ in world["archive"].asked if u == dead]
    alone = run("links", "--root", str(lst.root), "--fix-report", str(lst.root / "x.md"))
    assert alone.code == 2 and "--fix-report needs --fix" in alone.err
    before = (lst.root / "resources" / "books" / "dead.yaml").read_text()
    for report in ("--fix-report", "--summary"):
        nowhere = fix(run, lst, world, report, str(lst.root / "resources"))
        assert nowhere.code == 2 and "it is a folder" in nowhere.err  # before any work
    assert (lst.root / "resources" / "books" / "dead.yaml").read_text() == before


# -- the edits themselves ----------------------------------------------------------------------


def test_a_url_in_a_flow_mapping_is_quoted_where_a_comma_would_end_it() -> None:
    text = "links:\n  - {label: a, url: https://e.org/x}\n"
    edited = yamledit.replace_scalar(
        text, yamledit.compose(text), ("links", 0, "url"), "https://e.org/x", "https://e.org/a,b"
    )
    assert yaml.safe_load(edited) == {"links": [{"label": "a", "url": "https://e.org/a,b"}]}
    added = yamledit.insert_after(
        edited, yamledit.compose(edited), ("links", 0, "url"), "original_url", "https://e.org/c,d"
    )
    assert yaml.safe_load(added)["links"][0]["original_url"] == "https://e.org/c,d"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\ntopics: [a]\n# a closing comment\n",
            "title: T\ntopics: [a]\nlinks:\n  - label: copy\n    url: https://w.org/\n"
            "# a closing comment\n",
        ),
        (
            "title: T\nlinks:\n- label: x  # kept\n  url: https://e.org/\ntopics: [a]\n",
            "title: T\nlinks:\n- label: x  # kept\n  url: https://e.org/\n- label: copy\n"
            "  url: https://w.org/\ntopics: [a]\n",
        ),
        (
            "title: T\nlinks: [{label: x, url: 'https://e.org/'}]\n",
            "title: T\nlinks: [{label: x, url: 'https://e.org/'}, {label: copy, url: https://w.org/}]\n",
        ),
    ],
)
def test_a_link_is_appended_in_the_files_own_style(text: str, expected: str) -> None:
    link = {"label": "copy", "url": "https://w.org/"}
    assert yamledit.append_mapping(text, yamledit.compose(text), ("links",), link) == expected


def test_original_url_goes_after_url_once() -> None:
    text = "title: T\nurl: https://w.org/  # note\nauthors: [A]\n"
    once = yamledit.insert_after(
        text, yamledit.compose(text), ("url",), "original_url", "https://e.org/"
    )
    assert (
        once
        == "title: T\nurl: https://w.org/  # note\noriginal_url: https://e.org/\nauthors: [A]\n"
    )
    with pytest.raises(yamledit.CannotEdit, match="original_url is there already"):
        yamledit.insert_after(once, yamledit.compose(once), ("url",), "original_url", "x")


def test_the_pull_request_body_lists_every_change() -> None:
    from listsmith.links import output
    from listsmith.links.fix import Change, Outcome

    outcome = Outcome(
        [
            Change("https://a.org/", "resources/a.yaml", 3, "https://b.org/", "moved", False),
            Change("https://c.org/", "resources/c.yaml", 9, "https://w.org/x", "dead", True),
        ]
    )
    body = output.fixes_markdown(outcome)
    assert "changed 2 links in 2 files" in body
    assert "| `resources/a.yaml:3` | `https://a.org/` | `https://b.org/` | `moved` |" in body
    assert "| `https://c.org/` and a link to `https://w.org/x` | `dead` |" in body
    assert output.fixes_markdown(Outcome()).endswith("Nothing to fix: no link was changed.\n")


def test_issue_and_pull_request_bodies_fit_in_github_limit() -> None:
    """Bug: every row was listed, and past ~370 rows ``gh issue create`` failed."""
    from listsmith.links import output
    from listsmith.links.fix import Change, Outcome
    from listsmith.links.status import Policy, Result, Source, Status

    results = []
    for i in range(2000):
        result = Result(
            f"https://example.org/gone/{i}/" + "x" * 60,
            Status.BROKEN,
            "gone (410)",
            sources=(Source(f"resources/r{i}.yaml", 3, 6),),
        )
        results.append(result)
    body = output.as_markdown(results, Policy())
    assert len(body) <= markdown.BODY_LIMIT
    shown = body.count("| broken |")
    assert 300 < shown < 2000
    assert f"…and {2000 - shown} more links not shown" in body
    changes = [
        Change(
            f"https://e.org/{i}/" + "y" * 80,
            f"resources/c{i}.yaml",
            9,
            "https://w.org/x",
            "dead",
            True,
        )
        for i in range(2000)
    ]
    body = output.fixes_markdown(Outcome(changes))
    assert len(body) <= markdown.BODY_LIMIT and "more changes not shown" in body


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("fix_broken: delete", "links.fix_broken 'delete' is not one of: replace, link"),
        ("archive_label: ''", "links.archive_label must be 1 to 60 printable characters"),
        ('archive_label: "copy\\n"', "links.archive_label must be 1 to 60 printable characters"),
        ("wayback_api: ftp://archive.example/", "links.wayback_api must be an http(s) URL"),
        ("anchors: sometimes", "links.anchors 'sometimes' is not one of: report, fail, ignore"),
    ],
)
def test_fix_settings_are_checked_at_their_line(make_list, run, setting, message) -> None:
    lst = make_list()
    lst.write("listsmith.yaml", f"links:\n  {setting}\n")
    result = run("validate", "--root", str(lst.root))
    assert result.code == 1 and "listsmith.yaml:2:" in result.out and message in result.out


def test_the_archives_address_is_trusted(make_list, run) -> None:
    """It decides where requests go: a pull request's change waits for the base branch."""
    lst = make_list()
    git = ["git", "-C", str(lst.root), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    lst.write("listsmith.yaml", "links:\n  wayback_api: https://archive.example/available\n")
    result = run("check", "--root", str(lst.root), "--no-sync", "--base", "HEAD")
    assert "links.wayback_api decides what a run trusts" in result.out


def test_archive_requests_are_spaced_and_one_at_a_time(make_list, run, world):
    """archive.org blocks a client past about one request a second: every request to it
    (API or replay) starts at least the pace after the one before."""
    archive = world["archive"]
    _, lst = archived_dead_links(make_list, world, 3)
    with archive.lock:
        archive.arrivals.clear()
    assert fix(run, lst, world).code == 0
    arrivals = list(archive.arrivals)
    assert len(arrivals) >= 6  # each link: a lookup and its copy's check
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert min(gaps) >= PACE - 0.02, gaps

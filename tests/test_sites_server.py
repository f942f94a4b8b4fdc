"""`listsmith links` against the local fake GitHub and GitLab (tests/fakegithub.py)."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import date

import pytest

from listsmith import signals
from listsmith.links import engine
from listsmith.links.checker import Checker
from listsmith.links.config import Options
from listsmith.links.credentials import Credential
from listsmith.links.exchange import Request
from listsmith.links.guard import Guard
from listsmith.links.status import Status
from listsmith.links.transport import Transport

from . import fakegithub, linkserver
from .fakegithub import GITLAB_TOKEN, TOKEN, Fake

WEB, API, GITLAB, SELF_HOSTED = "127.0.3.1", "127.0.3.2", "127.0.3.3", "127.0.3.4"


@pytest.fixture
def fake():
    fake = Fake()
    fake.add("owner/repo")
    fake.add("Owner/New-Name", archived=True)
    fake.rename("owner/old", "owner/new-name")
    fake.add("owner/sleepy", pushed="2019-03-01T00:00:00Z", license=None, release=None)
    servers = [fakegithub.start(fake, host, role) for host, role in ((WEB, "web"), (API, "api"))]
    fake.web, fake.api = (fakegithub.base(s) for s in servers)
    yield fake
    for server in servers:
        server.shutdown()


def remap(fake: Fake) -> list[str]:
    return [
        "--remap", "https://github.com/", f"{fake.web}/",
        "--remap", "https://api.github.com", fake.api,
    ]  # fmt: skip


URLS = {
    "ok": "https://github.com/owner/repo",
    "moved": "https://github.com/owner/old",
    "gone": "https://github.com/owner/gone",
    "sleepy": "https://github.com/owner/sleepy",
    "deep": "https://github.com/owner/repo/tree/main/docs",
    "deep-missing": "https://github.com/owner/repo/blob/main/missing",
    "deep-moved": "https://github.com/owner/old/issues/3",
}


def run_links(run, make_list, fake, *args: str, urls=URLS):
    lst = make_list()
    for name, target in urls.items():
        lst.entry(f"books/{name}.yaml", url=target)
    result = run(
        "links", "--root", str(lst.root), "--allow-private", "--format", "json",
        "--retries", "0", *remap(fake), *args,
    )  # fmt: skip
    return (
        lst,
        result,
        {link["url"]: link for link in json.loads(result.out or "{}").get("links", [])},
    )


def test_with_a_token_repositories_are_asked_in_one_query(
    run, make_list, fake, monkeypatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    lst, result, links = run_links(run, make_list, fake, "--signals")
    status = {name: links[url]["status"] for name, url in URLS.items()}
    assert status == {
        "ok": "ok",
        "moved": "redirected",
        "gone": "broken",
        "sleepy": "ok",
        "deep": "ok",
        "deep-missing": "broken",
        "deep-moved": "redirected",
    }
    assert result.code == 1  # the deleted repository and the missing path
    assert links[URLS["moved"]]["new_url"] == "https://github.com/Owner/New-Name"
    assert links[URLS["deep-moved"]]["new_url"] == "https://github.com/Owner/New-Name/issues/3"
    assert "archived" in links[URLS["moved"]]["note"]
    api = fake.requests_to(API)
    # The repositories with their deep paths, then the owner of the one not found.
    assert [(s.method, s.path) for s in api] == [("POST", "/graphql")] * 2
    web = fake.requests_to(WEB)  # only the deep path GraphQL could not vouch for
    assert [s.path for s in web] == ["/owner/repo/blob/main/missing"]
    assert all(s.authorization == f"Bearer {TOKEN}" for s in api)
    assert all(s.authorization == "" for s in web)
    written = (lst.root / "signals.json").read_text()
    assert TOKEN not in result.out + result.err + written
    repos = signals.load(lst.root)
    assert repos.for_url(URLS["deep"]).stars == 42
    assert repos.for_url("https://github.com/OWNER/old.git").name == "Owner/New-Name"
    assert repos.for_url(URLS["gone"]) is None
    sleepy = repos.for_url(URLS["sleepy"])
    assert signals.stale_warning(sleepy, date(2025, 11, 25)) is not None  # no push since 2019
    assert signals.stale_warning(sleepy, date(2025, 11, 25), maintenance="finished") is None
    assert signals.stale_warning(repos.for_url(URLS["ok"]), date(2025, 11, 25)) is None
    assert set(repos.repositories) == {"github.com/owner/repo", "github.com/owner/old",
                                       "github.com/owner/sleepy"}  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "params", "status"),
    [
        ("secondary", {"wait": 0}, "ok"),
        ("429", {"wait": 0}, "ok"),
        ("secondary", {"retry_after": False}, "blocked"),  # GitHub asks for a minute: too long
        ("primary", {"reset_in": 3600}, "blocked"),
        ("graphql-rate-limited", {"reset_in": 3600}, "blocked"),
        ("graphql-rate-limit", {"reset_in": 0}, "ok"),
        ("graphql-rate-limit", {"reset_in": 3600}, "blocked"),
        ("secondary-200", {"wait": 0}, "ok"),
        ("secondary-429", {"retry_after": False}, "blocked"),
    ],
    ids=[
        "secondary",
        "429",
        "secondary-no-retry-after",
        "primary",
        "graphql-rate-limited",
        "graphql-rate-limit",
        "graphql-rate-limit-long",
        "secondary-200",
        "secondary-429",
    ],
)
def test_rate_limited_api_answers(run, make_list, fake, monkeypatch, kind, params, status) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    fake.script(kind, **params)
    urls = {"ok": URLS["ok"], "moved": URLS["moved"]}
    _, result, links = run_links(run, make_list, fake, "--rate-limit-wait", "5", urls=urls)
    assert result.code == 0  # never broken
    assert links[URLS["ok"]]["status"] == status
    assert fake.requests_to(WEB) == []


def test_without_a_token_rest_within_the_quota_then_plain_http(run, make_list, fake) -> None:
    fake.anonymous_quota = 2
    fake.web_per_minute = 1
    urls = {f"r{i}": f"https://github.com/owner/r{i}" for i in range(5)}
    for i in range(5):
        fake.add(f"owner/r{i}")
    _, result, links = run_links(run, make_list, fake, urls=urls)
    assert result.code == 0
    counts = {s: [link["status"] for link in links.values()].count(s) for s in ("ok", "blocked")}
    assert counts == {"ok": 3, "blocked": 2}  # 2 by REST, 1 page, then github.com says 429
    rest = fake.requests_to(API)
    assert len(rest) == 2 and all(s.authorization == "" for s in rest)  # no overdraft
    # A request in flight saw the 429; the other, if it was still queued, was not sent
    # once github.com asked for a minute's rest (which of them is up to timing).
    blocked = [link["reason"] for link in links.values() if link["status"] == "blocked"]
    assert any("rate limited (429)" in reason for reason in blocked)
    assert all("(429)" in reason or "asked for 60 s more" in reason for reason in blocked)


def test_a_token_never_follows_a_redirect_to_another_host() -> None:
    """The credential is attached per hop: a redirect off the API's host drops it."""
    servers = [linkserver.start(h) for h in linkserver.HOSTS[:2]]
    api, other = (
        f"http://{h}:{s.server_address[1]}" for h, s in zip(linkserver.HOSTS, servers, strict=False)
    )
    transport = Transport(Options(allow_private=True, retries=0), Guard(True))
    credential = Credential(api, "Bearer s3cret", "GITHUB_TOKEN")
    key = uuid.uuid4().hex[:8]
    target = f"{other}/ok?k={key}"

    async def fetches() -> None:
        async with transport.open():
            for url in (f"{api}/redirect-to?k={key}&to={target}", f"{other}/ok?k={key}x",
                        f"{api}/ok?k={key}"):  # fmt: skip
                await transport.fetch(Request("GET", url, credential=credential))

    asyncio.run(fetches())
    # The redirect's two hops, the other host, the API again.
    assert linkserver.STATE.authorization[-4:] == ["Bearer s3cret", "", "", "Bearer s3cret"]
    for server in servers:
        server.shutdown()


def test_a_token_for_a_plain_http_api_stops_the_run(run, make_list, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    lst = make_list()
    lst.entry("books/a.yaml", url="https://github.com/owner/repo")
    result = run("links", "--root", str(lst.root), "--remap", "https://api.github.com",
                 "http://api.example.org")  # fmt: skip
    assert result.code == 2 and "only over https" in result.err
    assert TOKEN not in result.err + result.out


def test_gitlab_projects_on_two_hosts_and_the_token_stays_on_gitlab_com(monkeypatch) -> None:
    monkeypatch.setenv("GITLAB_TOKEN", GITLAB_TOKEN)
    fake = Fake()
    fake.add("group/project")
    fake.add("group/new-name", archived=True)
    fake.rename("group/old", "group/new-name")
    fake.groups.add("group/subgroup")
    servers = [fakegithub.start(fake, host, "gitlab") for host in (GITLAB, SELF_HOSTED)]
    gitlab_com, self_hosted = (fakegithub.base(s) for s in servers)
    options = Options(allow_private=True, retries=0)
    options.site["gitlab_hosts"] = ("gitlab.com", "git.example.org")
    options.remap = (
        ("https://gitlab.com", gitlab_com),
        ("https://git.example.org", self_hosted),
    )
    checker = Checker(options, Guard(True))
    urls = [
        "https://gitlab.com/group/project",
        "https://gitlab.com/group/old",
        "https://gitlab.com/group/gone",
        "https://gitlab.com/group/subgroup",
        "https://git.example.org/group/project/-/tree/main",
    ]
    results = {}
    engine.run(checker, urls, engine.Progress(len(urls), False),
               lambda r: results.__setitem__(r.url, r), signals=True)  # fmt: skip
    statuses = [results[u].status for u in urls]
    assert statuses == [Status.OK, Status.REDIRECTED, Status.BROKEN, Status.OK, Status.OK]
    assert results[urls[1]].new_url == "https://gitlab.com/group/new-name"
    assert results[urls[0]].signals.release.tag == "v1.0.0"
    assert results[urls[4]].signals.name == "group/project"  # the deep link's repository
    on_gitlab_com = {s.authorization for s in fake.requests_to(GITLAB) if "/api/" in s.path}
    assert on_gitlab_com == {f"Bearer {GITLAB_TOKEN}"}
    assert {s.authorization for s in fake.requests_to(SELF_HOSTED)} == {""}
    for server in servers:
        server.shutdown()

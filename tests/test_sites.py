"""Site checks fed canned answers through a fake fetch function: no server, no waiting."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from listsmith.links import config, ratelimit, sites
from listsmith.links.credentials import Credential
from listsmith.links.exchange import Response, Unanswered
from listsmith.links.remap import Remap
from listsmith.links.sites import ByHTTP, SiteContext
from listsmith.links.sites.github import GitHub, parse, parse_owner
from listsmith.links.sites.gitlab import GitLab
from listsmith.links.sites.youtube import YouTube
from listsmith.links.status import Status, Verdict
from listsmith.project import CouldNotRun

from .fakegithub import Repo, _graphql_repo, _rest_repo

NOW = 1_700_000_000.0
run = asyncio.run
"""Site checks are coroutines; each call here runs one on its own event loop."""


def answer(status: int, body: Any = b"", **headers: str) -> Response:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Response(
        status, "https://api.example/", {k.replace("_", "-"): v for k, v in headers.items()}, data
    )


class Canned:
    """A fetch function answering from a list: Responses, exceptions or request handlers."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, str, bytes | None]] = []

    async def __call__(self, method, url, *, headers=None, body=None, sample=0) -> Response:
        self.calls.append((method, url, body))
        await asyncio.sleep(0)  # a real exchange lets the other checks run meanwhile
        reply = self.answers.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply(method, url, body) if callable(reply) else reply


def graphql(repos: dict[str, Repo]) -> Callable[..., Response]:
    """Answers a GraphQL query the way GitHub does, from ``repos`` (lower-case keys)."""

    def reply(method, url, body) -> Response:
        request = json.loads(body)
        variables = request["variables"]
        data, errors = {}, []
        aliases = re.findall(
            r"(r\d+): repository\(owner: \$(o\d+), name: \$(n\d+)\)", request["query"]
        )
        for alias, owner, name in aliases:
            repo = repos.get(f"{variables[owner]}/{variables[name]}".lower())
            data[alias] = None if repo is None else _graphql_repo(repo)
            if repo is None:
                errors.append(
                    {"type": "NOT_FOUND", "path": [alias], "message": "Could not resolve"}
                )
        owners = {key.split("/")[0] for key in repos}
        for alias, login in re.findall(
            r"(r\d+): repositoryOwner\(login: \$(l\d+)\)", request["query"]
        ):
            known = variables[login].lower() in owners
            data[alias] = {"login": variables[login]} if known else None
            if not known:
                errors.append(
                    {"type": "NOT_FOUND", "path": [alias], "message": "Could not resolve"}
                )
        return answer(200, {"data": data, "errors": errors}, x_ratelimit_remaining="4999")

    return reply


def context(fetch, authenticated=True, waits=None, **settings) -> SiteContext:
    async def sleep(seconds: float) -> None:
        if waits is not None:
            waits.append(seconds)

    return SiteContext(
        fetch=fetch,
        settings=settings,
        authenticated=authenticated,
        rate_limit_wait=60.0,
        sleep=sleep,
        clock=lambda: NOW,
    )


def github(fetch, authenticated=True, waits=None, batch=100) -> GitHub:
    return GitHub(context(fetch, authenticated, waits, api="https://api.github.com", batch=batch))


REPOS = {
    "owner/repo": Repo("owner/repo"),
    "owner/new-name": Repo("owner/new-name", archived=True),
    "owner/old": Repo("owner/old"),
}


# -- GitHub ------------------------------------------------------------------------------------


def test_url_parsing_knows_repositories_from_githubs_own_pages() -> None:
    assert parse("https://github.com/Owner/Repo.git").key == "owner/repo"
    deep = parse("https://www.github.com/o/r/blob/main/src/x.py#L3")
    assert deep.deep and deep.tail == "/blob/main/src/x.py#L3"
    assert not parse("https://github.com/o/r/?tab=readme").deep
    for page in (
        "https://github.com/topics/python",
        "https://github.com/owner",
        "https://gitlab.com/o/r",
        "https://github.com/orgs/x/repositories",
    ):
        assert parse(page) is None, page


GITHUB_OWN_PAGES = (
    "https://github.com/users/someone/projects/3",
    "https://github.com/orgs/someorg/projects/1/views/2",
    "https://github.com/advisories/GHSA-jfh8-c2jp-5v3q",
    "https://github.com/user-attachments/assets/0b7c5ab2-1c4e-4f0e-9d7e-3c1f2a9b8e77",
    "https://github.com/stars/someone/lists/reading",
    "https://github.com/blog/2019-github-actions",
    "https://github.com/readme/guides/code-review",
    "https://github.com/resources/articles/ai",
    "https://github.com/solutions/industry/healthcare",
    "https://github.com/codespaces/new",
    "https://github.com/sponsors/someone",
    "https://github.com/marketplace/actions/checkout",
    "https://github.com/features/copilot",
    "https://github.com/apps/dependabot",
    "https://github.com/settings/tokens",
    "https://github.com/collections/machine-learning",
)


@pytest.mark.parametrize("url", GITHUB_OWN_PAGES)
def test_githubs_own_pages_are_never_taken_for_repositories(url) -> None:
    """Bug: any two segments were owner/repo, so these went to the API, came back
    NOT_FOUND and were reported broken without their page ever being fetched."""
    assert parse(url) is None and parse_owner(url) is None


def test_not_found_is_broken_only_when_the_owner_exists() -> None:
    """The API alone can't tell a deleted repository from a page we don't know: a missing
    repository is broken when its owner exists, and otherwise the page decides."""
    urls = ["https://github.com/owner/gone", "https://github.com/ghost-owner/thing"]
    fetch = Canned(graphql(REPOS), graphql(REPOS))
    verdicts = run(github(fetch).batch(urls))
    gone, unknown = (verdicts[u] for u in urls)
    assert gone.status is Status.BROKEN
    assert unknown == ByHTTP("GitHub's API knows no such repository")
    assert "repositoryOwner(login: $l0)" in json.loads(fetch.calls[1][2])["query"]


def test_deep_links_and_profiles_are_answered_by_graphql() -> None:
    """So they need no github.com page, which answers crawlers 429 after ~60 a minute."""

    def reply(method, url, body):
        request = json.loads(body)
        if "repositoryOwner" in request["query"]:
            missing = {"type": "NOT_FOUND", "path": ["r1"], "message": "Could not resolve"}
            return answer(
                200, {"data": {"r0": {"login": "owner"}, "r1": None}, "errors": [missing]}
            )
        node = _graphql_repo(Repo("owner/repo"))
        node |= {"p0_0": {"__typename": "Tree"}, "p0_1": None, "p0_2": {"__typename": "Issue"}}
        return answer(200, {"data": {"r0": node}})

    urls = [
        "https://github.com/owner/repo/tree/main/docs",
        "https://github.com/owner/repo/blob/feature/x/src/a.py",
        "https://github.com/owner/repo/issues/12",
        "https://github.com/owner",
        "https://github.com/nobody-here",
    ]
    fetch = Canned(reply, reply)
    verdicts = run(github(fetch).batch(urls))
    tree, blob, issue, profile, nobody = (verdicts[u] for u in urls)
    assert tree.status is Status.OK and issue.status is Status.OK
    assert isinstance(blob, ByHTTP)  # null: the ref may hold a slash, the page decides
    assert profile.status is Status.OK and nobody == ByHTTP()
    first = json.loads(fetch.calls[0][2])
    assert first["variables"]["p0_0"] == "main:docs" and first["variables"]["p0_2"] == 12
    assert "latestRelease" not in first["query"]  # only with --signals


def test_a_thousand_repositories_in_a_dozen_requests() -> None:
    repos = {f"owner/r{i}": Repo(f"owner/r{i}") for i in range(1050)}
    urls = [f"https://github.com/owner/r{i}" for i in range(1050)]
    urls += ["https://github.com/Owner/R7/issues/1", "https://github.com/owner/r7"]
    fetch = Canned(*[graphql(repos)] * 11)
    verdicts = run(github(fetch).batch(urls))
    assert len(fetch.calls) == 11  # 1,050 repositories, 100 a query; duplicates asked once
    assert all(method == "POST" for method, _, _ in fetch.calls)
    assert all(v.status is Status.OK for u, v in verdicts.items() if "issues" not in u)
    assert isinstance(verdicts["https://github.com/Owner/R7/issues/1"], ByHTTP)


def test_renamed_deleted_and_archived_repositories() -> None:
    repos = {
        "owner/repo": Repo("owner/repo"),
        "owner/new-name": Repo("Owner/New-Name", archived=True),
    }
    repos["owner/old"] = repos["owner/new-name"]  # GraphQL follows a rename
    urls = [
        "https://github.com/owner/repo",
        "https://github.com/owner/old?tab=readme-ov-file#install",
        "https://github.com/owner/gone",
        "https://github.com/owner/gone/tree/main/docs",
        "https://github.com/owner/old/blob/main/README.md",
    ]
    ok, moved, gone, gone_deep, moved_deep = (
        run(github(Canned(graphql(repos), graphql(repos))).batch(urls))[u] for u in urls
    )
    assert ok.status is Status.OK and not ok.note and ok.signals.stars == 42
    assert moved.status is Status.REDIRECTED
    assert moved.new_url == "https://github.com/Owner/New-Name?tab=readme-ov-file#install"
    assert moved.note == "the repository is archived (read-only)" and moved.signals.archived
    assert gone.status is Status.BROKEN and "not found" in gone.reason
    assert gone_deep.status is Status.BROKEN
    # A renamed repository's deep link goes to the new name, with its path: GitHub
    # redirects it (bug: it was left to github.com's page, which answers crawlers 429).
    assert moved_deep.status is Status.REDIRECTED
    assert moved_deep.new_url == "https://github.com/Owner/New-Name/blob/main/README.md"


@pytest.mark.parametrize(
    ("limited", "wait"),
    [
        (
            answer(
                403, b'{"message": "You have exceeded a secondary rate limit"}', retry_after="7"
            ),
            7.0,
        ),
        (answer(403, b"secondary rate limit"), 60.0),
        (answer(429, b"", retry_after="3"), 3.0),
        (answer(403, b"", x_ratelimit_remaining="0", x_ratelimit_reset=str(int(NOW) + 30)), 30.0),
        (
            answer(
                200,
                {"errors": [{"type": "RATE_LIMITED"}]},
                x_ratelimit_remaining="0",
                x_ratelimit_reset=str(int(NOW) + 5),
            ),
            5.0,
        ),
        (
            # githubkit#271: the type is RATE_LIMIT, and the remaining count is not 0.
            answer(
                200,
                {"errors": [{"type": "RATE_LIMIT", "code": "graphql_rate_limit"}]},
                x_ratelimit_remaining="12",
                x_ratelimit_reset=str(int(NOW) + 9),
            ),
            9.0,
        ),
        (answer(200, {"errors": [{"message": "You have exceeded a secondary rate limit."}]}), 60.0),
        (
            answer(
                429, b'{"message": "You have exceeded a secondary rate limit"}', retry_after="4"
            ),
            4.0,
        ),
    ],
    ids=[
        "secondary",
        "secondary-no-retry-after",
        "429",
        "primary",
        "graphql-rate-limited",
        "graphql-rate-limit",
        "secondary-in-200",
        "secondary-429",
    ],
)
def test_each_kind_of_rate_limit_is_waited_out(limited, wait) -> None:
    waits: list[float] = []
    fetch = Canned(limited, graphql(REPOS))
    verdicts = run(github(fetch, waits=waits).batch(["https://github.com/owner/repo"]))
    assert waits == [wait] and len(fetch.calls) == 2
    assert verdicts["https://github.com/owner/repo"].status is Status.OK


def test_a_limit_too_long_to_wait_is_blocked_never_broken() -> None:
    waits: list[float] = []
    reset = str(int(NOW) + 3600)
    fetch = Canned(answer(403, b"", x_ratelimit_remaining="0", x_ratelimit_reset=reset))
    urls = [f"https://github.com/owner/r{i}" for i in range(150)]
    verdicts = run(github(fetch, waits=waits).batch(urls))
    assert waits == [] and len(fetch.calls) == 1  # the second query is not even sent
    assert {v.status for v in verdicts.values()} == {Status.BLOCKED}
    assert "3600 s more" in verdicts[urls[0]].reason


def test_a_used_up_quota_stops_the_next_query_before_it_is_sent() -> None:
    def last_one(method, url, body):
        reply = graphql(REPOS)(method, url, body)
        used_up = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 999)}
        return dataclasses.replace(reply, headers=reply.headers | used_up)

    fetch = Canned(last_one)
    verdicts = run(
        github(fetch, batch=1).batch(
            ["https://github.com/owner/repo", "https://github.com/owner/old"]
        )
    )
    assert len(fetch.calls) == 1
    assert verdicts["https://github.com/owner/repo"].status is Status.OK
    assert verdicts["https://github.com/owner/old"].status is Status.BLOCKED


def test_a_failed_query_is_retried_once_then_in_halves() -> None:
    fetch = Canned(answer(502, b"<html>"), graphql(REPOS))
    urls = ["https://github.com/owner/repo", "https://github.com/owner/old"]
    verdicts = run(github(fetch).batch(urls))
    assert len(fetch.calls) == 2 and {v.status for v in verdicts.values()} == {Status.OK}
    fetch = Canned(answer(502, b"<html>"), answer(502, b""), graphql(REPOS), graphql(REPOS))
    verdicts = run(github(fetch).batch(urls))
    assert len(fetch.calls) == 4 and {v.status for v in verdicts.values()} == {Status.OK}
    assert [len(json.loads(body)["variables"]) for _, _, body in fetch.calls] == [4, 4, 2, 2]


def test_a_failing_api_is_given_up_on_and_never_sent_to_rest() -> None:
    """Bug: after three failed queries every remaining repository went to REST one by one
    (1,277 REST calls in one run), which GitHub's secondary limits punish."""
    fetch = Canned(*[answer(502, b"")] * 6)
    urls = [f"https://github.com/owner/r{i}" for i in range(300)]
    site = github(fetch)
    verdicts = run(site.batch(urls))
    assert len(fetch.calls) == 6
    assert {v.status for v in verdicts.values()} == {Status.BLOCKED}
    assert "failed 6 queries" in verdicts[urls[-1]].reason
    assert run(site.check(urls[0])).status is Status.BLOCKED and len(fetch.calls) == 6


@pytest.mark.parametrize(
    "damaged",
    [
        answer(200, b"<html>not json"),
        answer(200, {"data": None}),
        answer(200, {"data": {"r0": {"nameWithOwner": 7, "isArchived": "no"}}, "errors": "x"}),
        answer(200, {"data": {"r0": {"nameWithOwner": "o/r", "isArchived": False}}}),
        Unanswered(Verdict("u", Status.TIMEOUT, "no answer"), transient=True),
    ],
    ids=["html", "null", "wrong-types", "missing-fields", "timeout"],
)
def test_a_damaged_answer_leaves_the_url_to_the_next_check(damaged) -> None:
    fetch = Canned(damaged, damaged, damaged)
    site = github(fetch)
    assert run(site.batch(["https://github.com/owner/repo"])) == {}
    fetch.answers = [answer(200, b"{broken")]
    assert run(site.check("https://github.com/owner/repo")) == ByHTTP()


def test_without_a_token_rest_within_the_quota_then_plain_http() -> None:
    fetch = Canned(
        answer(200, _rest_repo(Repo("owner/repo")), x_ratelimit_remaining="1"),
        answer(404, b"{}", x_ratelimit_remaining="0", x_ratelimit_reset=str(int(NOW) + 3000)),
    )
    site = github(fetch, authenticated=False)
    assert run(site.batch(["https://github.com/owner/repo"])) == {}  # GraphQL needs a token
    assert fetch.calls == []
    assert run(site.check("https://github.com/owner/repo")).status is Status.OK
    # REST's 404 alone is no verdict: the page is fetched to confirm it (as lychee does).
    assert run(site.check("https://github.com/owner/gone")) == ByHTTP(
        "GitHub's API knows no such repository"
    )
    assert run(site.check("https://github.com/owner/other")) == ByHTTP()  # quota used up
    issue = run(site.check("https://github.com/owner/repo/issues"))
    assert issue.signals.name == "owner/repo"  # memo
    assert len(fetch.calls) == 2


def test_an_api_that_does_not_answer_is_given_up_on() -> None:
    timeout = Unanswered(Verdict("u", Status.TIMEOUT, "no answer"), transient=True)
    fetch = Canned(timeout, timeout, timeout)
    site = github(fetch, authenticated=False)
    for i in range(5):
        assert run(site.check(f"https://github.com/owner/r{i}")) == ByHTTP()
    assert len(fetch.calls) == 3


def test_rest_rate_limit_hands_over_to_plain_http() -> None:
    secondary = answer(403, b"You have exceeded a secondary rate limit", retry_after="30")
    site = github(Canned(secondary), authenticated=False)
    assert run(site.check("https://github.com/owner/repo")) == ByHTTP()
    assert run(site.check("https://github.com/owner/other")) == ByHTTP()  # not asked again


# -- GitLab and YouTube ------------------------------------------------------------------------


def gitlab_project(name: str, **facts: Any) -> dict[str, Any]:
    repo = Repo(name, **facts)
    return {
        "id": 9,
        "path_with_namespace": repo.name,
        "archived": repo.archived,
        "star_count": repo.stars,
        "last_activity_at": repo.pushed,
        "license": {"key": "mit"},
    }


def gitlab(fetch) -> GitLab:
    return GitLab(context(fetch, hosts=("gitlab.com", "git.example.org")))


def test_gitlab_snippets_are_no_projects() -> None:
    site = GitLab(context(Canned(), hosts=("gitlab.com",)))
    for url in ("https://gitlab.com/snippets/1234567", "https://gitlab.com/-/snippets/1234567"):
        assert not site.applies(url), url


def test_gitlab_projects() -> None:
    fetch = Canned(
        answer(200, gitlab_project("group/sub/project")),
        answer(200, gitlab_project("group/new", archived=True)),
        answer(404, b"{}"),
        answer(404, b"{}"),
        answer(404, b"{}"),
        answer(200, b"{}"),
    )
    site = gitlab(fetch)
    ok = run(site.check("https://gitlab.com/group/sub/project"))
    assert ok.status is Status.OK and ok.signals.license == "mit"
    assert "/api/v4/projects/group%2Fsub%2Fproject" in fetch.calls[0][1]
    moved = run(site.check("https://git.example.org/group/old/-/tree/main"))
    assert isinstance(moved, ByHTTP) and moved.note  # a deep link: the path is HTTP's to judge
    assert fetch.calls[1][1].startswith("https://git.example.org/api/v4/")
    assert run(site.check("https://gitlab.com/group/gone")).status is Status.BROKEN
    assert run(site.check("https://gitlab.com/group/subgroup")) == ByHTTP()  # a group's page


def test_gitlab_rename_and_rate_limit() -> None:
    fetch = Canned(
        answer(200, gitlab_project("group/new")),
        answer(429, b"Retry later", retry_after="12", ratelimit_remaining="0"),
    )
    site = gitlab(fetch)
    moved = run(site.check("https://gitlab.com/group/old"))
    assert moved.status is Status.REDIRECTED and moved.new_url == "https://gitlab.com/group/new"
    limited = run(site.check("https://gitlab.com/group/x"))
    assert limited.status is Status.BLOCKED and limited.http_status == 429
    assert limited.retry_after == "12"  # the checker waits and tries again
    assert not site.applies("https://gitlab.com/explore/projects")
    assert not site.applies("https://other.example.org/group/project")


def test_youtube() -> None:
    """Bug: 401 (embedding off; the video plays) was blocked, 403 (private) blocked and
    never rot, and 429/5xx fell through to the watch page, which answers 200 for anything."""
    site = YouTube(
        context(
            Canned(
                answer(200, b"{}"), answer(404), answer(401), answer(403),
                answer(429, retry_after="5"), answer(503), answer(418),
            ),
            oembed="https://oembed.example",
        )
    )  # fmt: skip
    assert run(site.check("https://youtu.be/aircAruvnKk")).status is Status.OK
    assert run(site.check("https://youtube.com/watch?v=GONE")).status is Status.BROKEN
    no_embed = run(site.check("https://youtube.com/playlist?list=P"))
    assert no_embed.status is Status.OK and "embedding" in no_embed.note
    assert run(site.check("https://youtube.com/watch?v=PRIVATE")).status is Status.BROKEN
    limited = run(site.check("https://youtube.com/watch?v=A"))
    assert limited.status is Status.BLOCKED and limited.retry_after == "5"
    assert run(site.check("https://youtube.com/watch?v=B")).status is Status.ERROR
    assert run(site.check("https://youtube.com/watch?v=X")) == ByHTTP()


# -- the registry, settings, credentials, remapping ------------------------------------------


def test_sites_declare_their_settings_and_which_decide_trust() -> None:
    declared = sites.declared()
    assert set(sites.REGISTRY) == {"youtube", "github", "gitlab"}
    assert declared["github_api"].default == "https://api.github.com"
    assert declared["youtube_oembed"].trusted and declared["gitlab_hosts"].trusted
    assert not declared["github_batch"].trusted
    trusted = {key for key, option in config.declared().items() if option.trusted}
    assert {"github_api", "gitlab_hosts", "remap", "private_allow"} <= trusted
    assert config.declared()["github_api"].trusted and config.declared()["private_allow"].trusted
    assert config.Options().site["gitlab_hosts"] == ("gitlab.com",)


def test_a_credential_goes_to_its_origin_only() -> None:
    credential = Credential("https://api.github.com", "Bearer s3cret", "GITHUB_TOKEN")
    assert credential.for_url("https://api.github.com/graphql") == {
        "Authorization": "Bearer s3cret"
    }
    for elsewhere in (
        "https://github.com/owner/repo",
        "http://api.github.com/graphql",
        "https://api.github.com:8443/graphql",
        "https://api.github.com.evil.example/graphql",
    ):
        assert credential.for_url(elsewhere) == {}, elsewhere
    assert "s3cret" not in repr(credential)
    Credential("http://127.0.0.2:8080", "Bearer t", "GITHUB_TOKEN")  # a loopback fake may be http
    with pytest.raises(CouldNotRun, match="only over https") as refused:
        Credential("http://api.example.org", "Bearer s3cret", "GITHUB_TOKEN")
    assert "s3cret" not in str(refused.value)


def test_remap_goes_there_and_back() -> None:
    remap = Remap((("https://github.com/", "http://127.0.3.1:9/"),))
    assert remap.to("https://github.com/o/r") == "http://127.0.3.1:9/o/r"
    assert remap.back("http://127.0.3.1:9/O/R") == "https://github.com/O/R"
    assert remap.to("https://github.community/") == "https://github.community/"


def test_retry_after_as_a_date() -> None:
    assert ratelimit.retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert ratelimit.retry_after("soon") is None
    assert ratelimit.limit_of(answer(403, b"Forbidden"), NOW) is None  # forbidden, not a limit


def test_one_rest_request_for_a_repository_however_many_of_its_urls_at_once() -> None:
    """Bug: two URLs of one repository checked at once both missed the memo and both
    asked REST (the quota is 60 an hour without a token)."""
    fetch = Canned(answer(200, _rest_repo(Repo("owner/repo")), x_ratelimit_remaining="50"))
    site = github(fetch, authenticated=False)
    urls = [f"https://github.com/owner/repo/{path}" for path in ("issues", "wiki", "pulls")]

    async def at_once() -> list:
        return await asyncio.gather(*(site.check(url) for url in urls))

    verdicts = run(at_once())
    assert len(fetch.calls) == 1
    assert all(v.signals.name == "owner/repo" for v in verdicts)


def test_a_repository_the_batch_answered_waits_for_no_rest_request() -> None:
    """A URL whose repository is known answers at once, not behind another's REST call."""

    async def fetch(method, url, *, headers=None, body=None, sample=0) -> Response:
        if url.endswith("/graphql"):
            return graphql(REPOS)(method, url, body)
        await asyncio.sleep(0.5)  # REST, for a repository the batch did not ask about
        return answer(200, _rest_repo(Repo("owner/other")), x_ratelimit_remaining="50")

    site = github(fetch)
    run(site.batch(["https://github.com/owner/repo"]))
    finished: list[str] = []

    async def check(url: str) -> None:
        await site.check(url)
        finished.append(url)

    async def both() -> None:
        other = asyncio.ensure_future(check("https://github.com/owner/other"))
        await asyncio.sleep(0.01)  # its REST request is under way
        await asyncio.gather(other, check("https://github.com/owner/repo/issues"))

    run(both())
    assert finished == ["https://github.com/owner/repo/issues", "https://github.com/owner/other"]

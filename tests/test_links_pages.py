"""Links judged by their page, against real servers on 127.0.0.0/8: soft 404s and anchors."""

from __future__ import annotations

import json
import uuid

import pytest

from listsmith.links.anchors import wanted
from listsmith.links.page import Question, Reader
from listsmith.links.status import Status

from . import fakegithub, linkserver
from .linkserver import HOSTS, STATE
from .test_links import check, links, url

SOFT_HOST = "127.0.0.6"


@pytest.fixture(scope="module")
def servers():
    plain = [linkserver.start(host) for host in HOSTS[:1]]
    soft = linkserver.start(SOFT_HOST, handler=linkserver.SoftNotFound)
    yield {"plain": plain, "soft": soft}
    for server in [*plain, soft]:
        server.shutdown()


def soft_url(servers, path: str) -> str:
    return f"http://{SOFT_HOST}:{servers['soft'].server_address[1]}{path}"


def probes(host: str) -> int:
    """Requests the check made to addresses that can't exist on ``host``."""
    with STATE.lock:
        return sum(
            len(methods)
            for key, methods in STATE.methods.items()
            if key.startswith(f"{host}/listsmith-")
        )


# -- soft 404s -------------------------------------------------------------------------------


def test_a_page_that_says_it_does_not_exist_is_broken(servers) -> None:
    before = probes(SOFT_HOST)
    gone = check(soft_url(servers, f"/gone-{uuid.uuid4().hex[:6]}"))
    also_gone = check(soft_url(servers, f"/also-gone-{uuid.uuid4().hex[:6]}"))
    for result in (gone, also_gone):
        assert (result.status, result.http_status) == (Status.BROKEN, 200)
        assert result.reason.startswith("soft 404: answers 200, but the page says '/")
        assert result.reason.endswith(
            " not found | Example', as the site does for nonsense addresses"
        )
    # Two checkers, two runs: one probe each. Within a run, see the next test.
    assert probes(SOFT_HOST) - before == 2


def test_a_site_is_probed_once_a_run(make_list, run, servers) -> None:
    before = probes(SOFT_HOST)
    lst = make_list()
    for i in range(4):
        lst.entry(f"books/gone-{i}.yaml", url=soft_url(servers, f"/gone-{i}-{uuid.uuid4().hex}"))
    result = links(run, lst, "--format", "json")
    assert result.code == 1
    statuses = {link["status"] for link in json.loads(result.out)["links"]}
    assert statuses == {"broken"}
    assert probes(SOFT_HOST) - before == 1


def test_a_redirect_to_a_not_found_page_is_broken_not_a_redirect_to_fix(servers) -> None:
    result = check(soft_url(servers, "/moved"))
    assert result.status is Status.BROKEN and "soft 404" in result.reason


def test_a_real_page_whose_title_names_the_error_is_ok(servers) -> None:
    """Its title reads like a not-found page, but the site's own not-found page differs."""
    result = check(soft_url(servers, "/article"))
    assert result.status is Status.OK


def test_a_page_mentioning_not_found_in_its_text_is_ok_and_costs_no_probe(servers) -> None:
    before = probes(HOSTS[0])
    result = check(url(servers, "mentions-not-found"))
    assert result.status is Status.OK and result.reason == "works"
    assert probes(HOSTS[0]) == before


def test_a_site_with_real_404s_keeps_its_pages_titled_404(servers) -> None:
    before = probes(HOSTS[0])
    result = check(url(servers, "titled-404"))
    assert result.status is Status.OK
    assert probes(HOSTS[0]) == before + 1  # asked, and the site answered 404


def test_a_page_that_says_only_not_found_is_broken_whatever_the_probe_gets(servers) -> None:
    """Bug: the probe got a real 404, so this 200 "Page not found" page was ok. The probe
    only settles ambiguous wording; this page leaves none, and costs no probe."""
    before = probes(HOSTS[0])
    result = check(url(servers, "explicit-404"))
    assert (result.status, result.http_status) == (Status.BROKEN, 200)
    assert "'Page not found'" in result.reason
    assert probes(HOSTS[0]) == before


def test_soft_404s_can_be_turned_off(servers) -> None:
    assert check(soft_url(servers, "/gone-quietly"), soft_404=False).status is Status.OK


# -- anchors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fragment",
    ["present", "old-style", "installation", "caf%C3%A9", "café", "top", "TOP"],
)
def test_present_anchors(servers, fragment: str) -> None:
    result = check(url(servers, "anchors") + f"#{fragment}")
    assert result.status is Status.OK, result.reason


@pytest.mark.parametrize("fragment", ["missing", "form-field", "Present"])
def test_missing_anchors(servers, fragment: str) -> None:
    """``name`` counts on <a> only, and an id is matched as written."""
    result = check(url(servers, "anchors") + f"#{fragment}")
    assert result.status is Status.MISSING_ANCHOR
    assert result.reason == f"the page has no anchor #{fragment} (no element with that id or name)"
    assert result.http_status == 200


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("anchors", ":~:text=Present"),  # a text directive
        ("anchors", "/settings/profile"),  # a single-page app's route
        ("anchors", "!/old-style-route"),
        ("anchors", "L10-L20"),  # a code host's lines
        ("anchors", "t=30"),  # a media fragment
        ("pdf", "page=2"),
        ("pdf", "section-2"),  # not HTML: not judged
    ],
)
def test_fragments_that_are_not_the_pages_to_answer(servers, path: str, fragment: str) -> None:
    assert check(url(servers, path) + f"#{fragment}").status is Status.OK


def test_an_id_in_githubs_embedded_code_view_counts(servers) -> None:
    assert check(url(servers, "github-blob") + "#usage").status is Status.OK
    assert check(url(servers, "github-blob") + "#nope").status is Status.MISSING_ANCHOR


def test_reading_stops_once_the_anchor_is_found(servers) -> None:
    """The page never ends: found at the top, the check ends there."""
    result = check(url(servers, "endless-html") + "#top-section", timeout=5, retries=0)
    assert result.status is Status.OK and result.note == ""


def test_a_page_too_long_to_read_leaves_its_anchor_unjudged(servers) -> None:
    result = check(url(servers, "endless-html") + "#nowhere", timeout=5, retries=0)
    assert result.status is Status.OK
    assert result.note == "#nowhere not judged: the page was not read to its end"


def test_the_reader_reads_no_chunk_past_the_one_holding_the_anchor() -> None:
    reader = Reader(Question("here"), "text/html; charset=utf-8")
    chunks = [b"<html><body>" + b"<p>x</p>" * 100, b'<div id="he', b're">', b"<p>never read</p>"]
    fed = 0
    for chunk in chunks:
        fed += 1
        if reader.feed_bytes(chunk):
            break
    assert fed == 3 and reader.finish(False).anchor_found


def test_an_unknown_charset_is_read_as_utf_8() -> None:
    reader = Reader(Question("x", heading=True), "text/html; charset=no-such-charset")
    reader.feed_bytes(b"<title>T\xff\xfe</title><h1>H</h1>")
    reading = reader.finish(True)
    assert reading.title == "T\ufffd\ufffd" and reading.heading == "H"


def test_which_fragments_are_anchors() -> None:
    assert wanted("https://e.org/p#a%20b") == "a%20b"
    assert wanted("https://e.org/p#sec:~:text=x") == "sec"
    assert [wanted(f"https://e.org/p#{f}") for f in ("", ":~:text=x", "/r", "top", "L3")] == [
        None
    ] * 5


def test_a_redirect_keeps_the_fragment(servers) -> None:
    result = check(url(servers, "301") + "#present")
    assert result.status is Status.REDIRECTED and result.new_url.endswith("/ok#present")


def test_a_missing_anchor_is_reported_but_passes_unless_the_list_says(
    make_list, run, servers
) -> None:
    missing = url(servers, "anchors") + "#gone-section"
    lst = make_list()
    lst.entry("books/a.yaml", url=missing)
    result = links(run, lst, "--format", "json")
    assert result.code == 0
    link = json.loads(result.out)["links"][0]
    assert (link["status"], link["rotten"]) == ("missing-anchor", False)
    lst.write("listsmith.yaml", "links:\n  anchors: fail\n")
    assert links(run, lst).code == 1
    text = links(run, lst, "--history", str(lst.root / "h.json"), "--fail-after", "2")
    assert text.code == 0 and "failing 1 of 2 runs in a row" in text.out
    assert links(run, lst, "--history", str(lst.root / "h.json"), "--fail-after", "2").code == 1
    lst.write("listsmith.yaml", "links:\n  anchors: ignore\n")
    assert "1 links: 1 ok" in links(run, lst).out


def test_github_readme_anchors_are_looked_for_on_the_repository_page(
    make_list, run, monkeypatch
) -> None:
    fake = fakegithub.Fake()
    fake.add("owner/repo")
    servers = [
        fakegithub.start(fake, h, r) for h, r in (("127.0.3.5", "web"), ("127.0.3.6", "api"))
    ]
    web, api = (fakegithub.base(s) for s in servers)
    try:
        lst = make_list()
        targets = {
            "heading": "https://github.com/owner/repo#installation",
            "missing": "https://github.com/owner/repo#no-such-heading",
            "readme": "https://github.com/owner/repo#readme",
        }
        for name, target in targets.items():
            lst.entry(f"books/{name}.yaml", url=target)
        monkeypatch.setenv("GITHUB_TOKEN", fakegithub.TOKEN)
        remap = [
            "--remap",
            "https://github.com/",
            f"{web}/",
            "--remap",
            "https://api.github.com",
            api,
        ]
        result = links(run, lst, "--format", "json", *remap)
        status = {link["url"]: link["status"] for link in json.loads(result.out)["links"]}
        assert status == {
            targets["heading"]: "ok",
            targets["missing"]: "missing-anchor",
            targets["readme"]: "ok",
        }
        assert len(fake.requests_to("127.0.3.5")) == 2  # #readme needs no page
    finally:
        for server in servers:
            server.shutdown()

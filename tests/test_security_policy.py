"""Policy is trusted (issue #19, cases 3 and 4): with ``--base``, the schema, the rules
and the link check's exclude/accept are the base branch's; a pull request that changes
them is told so and judged by the base's. A pull request's schema is never compiled
to Python. These run on the lowest dependency versions too (``.ci/floors``)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import fastjsonschema
import pytest

from listsmith import codecache
from listsmith.links import config as links_config
from listsmith.project import load_project

from .conftest import REPO
from .test_feed import dated_list
from .test_page import render

SCHEMA = json.loads((REPO / "schema.json").read_text(encoding="utf-8"))


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(root), *args],
        check=True,
        capture_output=True,
    )


def committed(make_list):
    """A valid list, committed: the base a pull request is then made on."""
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.entry("videos/two.yaml", topic="linear-algebra")
    git(lst.root, "init", "-q")
    git(lst.root, "add", "-A")
    git(lst.root, "commit", "-qm", "base")
    return lst


def loosened_schema(**url: object) -> str:
    schema = json.loads(json.dumps(SCHEMA))
    schema["$defs"]["url"] = {"type": "string", **url}
    return json.dumps(schema)


def test_a_pull_request_is_judged_by_the_base_schema(make_list, run) -> None:
    lst = committed(make_list)
    lst.write("schema.json", loosened_schema())
    lst.entry("books/js.yaml", url="javascript:alert(document.domain)")
    judged = run("check", "--root", str(lst.root), "--no-sync", "--base", "HEAD")
    assert judged.code == 1
    assert "schema.json:1:1: warning: schema.json decides what an entry may hold" in judged.out
    assert "[trusted-setting]" in judged.out
    assert "resources/books/js.yaml:2:6: error: " in judged.out and "[schema]" in judged.out
    # Without --base (a maintainer's own run) the working tree's schema applies.
    assert "[schema]" not in run("check", "--root", str(lst.root), "--no-sync").out


def test_a_pull_request_can_not_switch_a_rule_off(make_list, run) -> None:
    lst = committed(make_list)
    lst.entry("books/copy.yaml", url="https://example.org/books/one.yaml")
    lst.write("listsmith.yaml", "rules:\n  duplicate-url: disable\n")
    judged = run("check", "--root", str(lst.root), "--no-sync", "--base", "HEAD")
    assert "listsmith.yaml:1:1: warning: rules decide what a pull request is judged by" in (
        judged.out
    )
    assert "[duplicate-url]" in judged.out and judged.code == 1
    assert "[duplicate-url]" not in run("check", "--root", str(lst.root), "--no-sync").out


@pytest.mark.parametrize(
    ("setting", "name"),
    [
        ("links:\n  exclude: ['^javascript:']\n", "links.exclude"),
        ("links:\n  accept: {example.org: [404]}\n", "links.accept"),
    ],
)
def test_a_pull_request_can_not_choose_which_links_pass(make_list, run, setting, name) -> None:
    lst = committed(make_list)
    lst.write("listsmith.yaml", setting)
    judged = run("check", "--root", str(lst.root), "--no-sync", "--base", "HEAD")
    assert f"warning: {name} decides what a run trusts" in judged.out
    options, _ = links_config.check(load_project(lst.root, "HEAD"))
    assert not options.exclude and not options.accept


def test_a_pull_request_schema_is_never_compiled(make_list, run, monkeypatch) -> None:
    """fastjsonschema up to 2.21 writes a ``const`` string into its Python unescaped
    (only quotes were escaped, not backslashes): compiling this schema is a syntax error
    there, the string having left its quotes. Such a schema must never reach it."""
    lst = committed(make_list)
    schema = json.loads(json.dumps(SCHEMA))
    schema["properties"]["payload"] = {"const": '\\" + str(__import__("os").getpid()) + \\"'}
    lst.write("schema.json", json.dumps(schema))
    compiled: list[object] = []
    real = fastjsonschema.compile_to_code
    monkeypatch.setattr(
        fastjsonschema, "compile_to_code", lambda *a, **k: compiled.append(a) or real(*a, **k)
    )
    # A cache of its own: code kept from another test would spare the compile watched here.
    monkeypatch.setenv(codecache.ENVIRONMENT, str(lst.root.parent / "code-cache"))
    for args in (("--base", "HEAD"), ()):
        result = run("check", "--root", str(lst.root), "--no-sync", *args)
        assert result.code in (0, 1) and "Traceback" not in result.err, result.err
        assert not [call for call in compiled if "payload" in call[0].get("properties", {})]
    # The base's schema (and listsmith's own) is compiled: the fast path stays.
    assert compiled


def test_the_feed_links_only_web_addresses(tmp_path: Path) -> None:
    root = dated_list(tmp_path / "list")
    entry = root / "resources/books/calculus.yaml"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**data, "url": "javascript:alert(1)"}), encoding="utf-8")
    feed = render(root, "feed")
    page = render(root, "page")
    assert "javascript:" not in feed and "javascript:" not in page
    assert feed.count("<entry>") == 4  # the entry with no web address is left out

"""`listsmith import`: awesome-style READMEs become entries, and no URL goes missing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from listsmith.importer import parse

from listsmith.project import load_project
from listsmith.render import readme as render_readme

from .conftest import FIXTURES, REPO

IMPORT = FIXTURES / "import"
URL = re.compile(r"https?://[^\s<>()\[\]]+")


def imported(run, tmp_path: Path, name: str, *extra: str):
    target = tmp_path / "out"
    target.mkdir()
    source = IMPORT / name if "/" not in name else Path(name)
    result = run("import", str(source), "--into", str(target), "--format", "json", *extra)
    assert result.code == 0, result.err
    return target, json.loads(result.out)


def entries(target: Path) -> list[dict]:
    project = load_project(target)
    return [{"section": e.section, **e.data} for e in project.entries]


def test_plain_list(run, tmp_path) -> None:
    target, report = imported(run, tmp_path, "plain.md")
    found = {e["title"]: e for e in entries(target)}
    assert set(found) == {"Alpha", "Beta", "Gamma", "Delta", "Epsilon"}
    assert found["Alpha"]["description"] == "The first tool."
    assert found["Beta"]["description"] == "Second, with an en dash."
    assert found["Gamma"]["description"] == "A colon separator."
    assert found["Gamma"]["url"] == "https://gamma.example.org"
    assert "TODO(listsmith import)" in found["Delta"]["description"]
    assert found["Epsilon"]["links"] == [
        {"label": "docs", "url": "https://epsilon.example.org/docs"},
        {"label": "demo", "url": "https://demo.example.org/e"},
    ]
    assert found["Epsilon"]["description"] == "Has docs and a demo."
    index = load_project(target).index.data
    assert index["title"] == "Awesome Plain"
    assert "[home page](https://plain.example.org/about)" in index["intro"]
    assert [s["id"] for s in index["sections"]] == ["tools"]
    assert "https://plain.example.org/contributing" in index["contributing"]
    assert "creativecommons.org/publicdomain" in index["license"]
    assert report["not_imported"] == []


def test_styles_badges_nesting_emoji_contents_and_malformed_lines(run, tmp_path) -> None:
    target, report = imported(run, tmp_path, "styles.md")
    found = {e["title"]: e for e in entries(target)}
    assert found["A Sub-item"]["section"] == found["First Steps"]["section"] == "getting-started"
    assert found["NumPy"]["section"] == "libraries-python"
    assert found["ndarray"]["section"] == "libraries-rust"
    assert "NumPy again" in found  # a duplicate is imported; `dupes` reports it
    assert found["SciPy"]["description"] == "After its logo."  # not the logo link's text
    assert found["First Steps"]["description"] == "Begin here."
    assert "links" not in found["First Steps"]  # the stars badge is not a resource
    index = load_project(target).index.data
    sections = {s["id"]: s["title"] for s in index["sections"]}
    assert sections["getting-started"] == "🚀 Getting Started"
    assert sections["libraries-python"] == "Libraries: Python"
    assert "contents" not in sections
    why = {(item["line"], item["url"]): item["why"] for item in report["not_imported"]}
    assert why[(1, "https://awesome.re/badge.svg")] == "badge"
    assert why[(3, "https://ci.example.org/job")] == "badge"
    assert why[(17, "https://github.com/a/b")] == "a badge's link"
    assert why[(17, "https://img.shields.io/github/stars/a/b")] == "badge or image in an item"
    assert "bare URL" in why[(35, "https://bare.example.org")]
    assert (34, "https://broken.example.org") in why
    odds = next(s for s in index["sections"] if s["id"] == "odds-and-ends")
    assert "https://closing.example.org" in odds["description"]


@pytest.mark.parametrize("name", ["plain.md", "styles.md"])
def test_no_url_of_the_source_is_lost(run, tmp_path, name) -> None:
    target, report = imported(run, tmp_path, name)
    written = "\n".join(p.read_text() for p in (target / "resources").rglob("*.yaml"))
    reported = {item["url"] for item in report["not_imported"]}
    for url in URL.findall((IMPORT / name).read_text()):
        url = url.rstrip(".,;:")
        assert url in written or url in reported or url.rstrip("/") in written, url


def test_placeholders_are_reported_by_validate(run, tmp_path) -> None:
    target, _ = imported(run, tmp_path, "plain.md")
    result = run("validate", "--root", str(target))
    assert result.code == 1
    assert re.search(
        r"resources/tools/delta\.yaml:\d+:\d+: error: description is a placeholder", result.out
    )
    assert "authors is a placeholder left by `listsmith import`" in result.out


def test_refuses_a_non_empty_list_unless_forced(run, tmp_path) -> None:
    target, _ = imported(run, tmp_path, "plain.md")
    again = run("import", str(IMPORT / "plain.md"), "--into", str(target))
    assert again.code == 2 and "--force" in again.err
    assert run("import", str(IMPORT / "plain.md"), "--into", str(target), "--force").code == 0


def test_unreadable_source_writes_nothing(run, tmp_path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    missing = run("import", str(tmp_path / "nope.md"), "--into", str(target))
    assert missing.code == 2 and "can't read" in missing.err
    (tmp_path / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    assert run("import", str(tmp_path / "latin1.md"), "--into", str(target)).code == 2
    assert list(target.iterdir()) == []


def round_trip(readme: Path, schema_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "round-trip"
    (target / "resources").mkdir(parents=True)
    shutil.copy(schema_root / "schema.json", target / "schema.json")
    original = parse(readme.read_text(encoding="utf-8"))
    from listsmith.importer import write

    write(original, target, force=True)
    assert original.skipped == []
    assert render_readme(load_project(target)) == readme.read_text(encoding="utf-8")


def test_round_trip_on_this_repositorys_readme(tmp_path) -> None:
    round_trip(REPO / "README.md", REPO, tmp_path)


def test_round_trip_on_the_hostile_golden_readme(tmp_path) -> None:
    round_trip(FIXTURES / "golden" / "README.md", REPO, tmp_path)

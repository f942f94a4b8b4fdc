"""The awesome-lint judge: it sees known problems, passes a clean list, and its verdicts on
real lists have not moved since the committed baselines."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from .fixtures.lists.refresh_baselines import BASELINE, LISTS, baseline
from .judges import REPOSITORY_RULES, Finding, awesome_lint, awesome_lint_many, counts, version

REAL_LISTS = sorted(p.parent.name for p in LISTS.glob("*/README.md"))

GOOD = """\
# Awesome Widgets [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> Widgets worth knowing about.

## Contents

- [Tools](#tools)
- [Books](#books)

## Tools

- [Foo](https://example.com/foo) - Makes *small* widgets.
- [Bar](https://example.com/bar) - Tests widgets, *quickly*.

## Books

- [Widget Book](https://example.org/book) - Everything about widgets.
"""

# One known problem per line it names: (rule, line, level).
BAD = """\
# Awesome Widgets [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> Widgets worth knowing about.

## Contents

- [Tools](#tools)
- [Videos](#videos)

## Tools

- [Foo](https://example.com/foo) — Makes *small* widgets.
- [Bar](https://example.com/bar) - Tests widgets, _quickly_.
- [Foo again](https://example.com/foo) - Makes small widgets again.
- [Baz](https://example.com/baz) - Widgets written in javascript for browsers.

## Books

- [Widget Book](https://example.org/book) - Everything about widgets.
"""
BAD_EXPECTED = {
    ("awesome-toc", 8, "error"),  # the Contents names Videos, the heading is Books
    ("awesome-list-item", 12, "error"),  # em dash between link and description
    ("double-link", 12, "error"),  # the same URL twice: both places are reported
    ("emphasis-marker", 13, "error"),  # `_` after `*` was used
    ("double-link", 14, "error"),
    ("awesome-spell-check", 15, "warning"),  # JavaScript: spell-check only warns
}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_known_problems_are_found(tmp_path: Path) -> None:
    found = awesome_lint(write(tmp_path / "readme.md", BAD))
    assert {(f.rule, f.line, f.level) for f in found} == BAD_EXPECTED
    assert counts(found) == {
        "awesome-list-item": 1,
        "awesome-spell-check": 1,
        "awesome-toc": 1,
        "double-link": 2,
        "emphasis-marker": 1,
    }
    em_dash = next(f for f in found if f.rule == "awesome-list-item")
    assert em_dash == Finding(
        "awesome-list-item",
        12,
        33,
        "List item link and description separated by invalid en-dash or em-dash",
        "error",
    )


def test_a_clean_list_passes_every_offline_rule(tmp_path: Path) -> None:
    """With nothing skipped, a contributing.md beside it, and outside any git repository: the
    repository rules run too, and awesome-github (which would say "must reside in a valid git
    repository" here) does not run at all."""
    write(tmp_path / "contributing.md", "Send a pull request.\n")
    assert awesome_lint(write(tmp_path / "readme.md", GOOD), skip=frozenset()) == []


def test_repository_rules_are_skipped_by_default(tmp_path: Path) -> None:
    readme = write(tmp_path / "readme.md", GOOD)
    assert awesome_lint(readme) == []
    assert counts(awesome_lint(readme, skip=frozenset())) == {"awesome-contributing": 1}


def test_a_skipped_rule_does_not_run(tmp_path: Path) -> None:
    readme = write(tmp_path / "readme.md", BAD)
    found = awesome_lint(readme, skip=REPOSITORY_RULES | {"double-link", "awesome-spell-check"})
    assert set(counts(found)) == {"awesome-list-item", "awesome-toc", "emphasis-marker"}


def test_without_awesome_lint_a_test_skips_unless_judges_are_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = write(tmp_path / "readme.md", GOOD)
    monkeypatch.setenv("LISTSMITH_AWESOME_LINT_DIR", str(tmp_path / "nowhere"))
    monkeypatch.delenv("LISTSMITH_REQUIRE_JUDGES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="awesome-lint"):
        awesome_lint(readme)
    monkeypatch.setenv("LISTSMITH_REQUIRE_JUDGES", "1")
    with pytest.raises(pytest.fail.Exception, match="LISTSMITH_REQUIRE_JUDGES=1"):
        awesome_lint(readme)


@pytest.mark.parametrize("name", REAL_LISTS)
def test_copies_are_byte_for_byte(name: str) -> None:
    """SOURCE.md records the git blob of the original file; the copy must still hash to it."""
    data = (LISTS / name / "README.md").read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    source = (LISTS / name / "SOURCE.md").read_text(encoding="utf-8")
    assert re.search(r"^- Git blob: ([0-9a-f]{40})$", source, re.M)[1] == blob


@pytest.fixture(scope="module")
def real_list_baselines() -> dict[str, dict]:
    """Every real list linted in one node process (the big ones take seconds each), in the
    form refresh_baselines.py records."""
    found = awesome_lint_many(LISTS / name / "README.md" for name in REAL_LISTS)
    running = version()
    return {path.parent.name: baseline(counts(f), running) for path, f in found.items()}


def test_there_are_eleven_real_lists() -> None:
    assert REAL_LISTS == [
        "avelino-awesome-go",
        "awesome-selfhosted",
        "awesome-windows-awesome",
        "jaywcjlove-awesome-mac",
        "keon-awesome-nlp",
        "public-apis-public-apis",
        "rust-unofficial-awesome-rust",
        "sindresorhus-awesome",
        "sindresorhus-awesome-nodejs",
        "veggiemonk-awesome-docker",
        "vinta-awesome-python",
    ]


@pytest.mark.parametrize("name", REAL_LISTS)
def test_baseline_is_reproduced(name: str, real_list_baselines: dict[str, dict]) -> None:
    """A difference means awesome-lint's verdicts changed (an upgrade?) or the copy did: see
    tests/fixtures/lists/refresh_baselines.py before refreshing."""
    recorded = json.loads((LISTS / name / BASELINE).read_text(encoding="utf-8"))
    assert real_list_baselines[name] == recorded

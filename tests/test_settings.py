"""listsmith.yaml: rules configured the yamllint way, render targets, and their mistakes."""

from __future__ import annotations

import pytest

from listsmith import rules
from listsmith.project import load_project
from listsmith.validate import validate

LONG = "One sentence here. Another one there. And a third one."


@pytest.fixture
def lst(make_list):
    lst = make_list()
    lst.entry("books/one.yaml", title="Ends with a period.")
    lst.write(
        "resources/videos/two.yaml",
        f"""\
        title: Two
        url: http://two.example.org/
        authors: [A]
        description: {LONG}
        topics: [linear-algebra]
        """,
    )
    return lst


def found(lst) -> list[tuple[str, int, int, str, str]]:
    return [
        (p.path, p.line, p.col, p.level.value, p.rule) for p in validate(load_project(lst.root))
    ]


def test_defaults(lst) -> None:
    assert found(lst) == [
        ("resources/books/one.yaml", 1, 8, "error", "title-period"),
        ("resources/videos/two.yaml", 2, 6, "warning", "url-https"),
        ("resources/videos/two.yaml", 4, 14, "warning", "description-sentences"),
    ]


def test_disable_change_level_and_set_options(lst) -> None:
    lst.write(
        "listsmith.yaml",
        """\
        rules:
          url-https: disable
          title-period: {level: warning}
          description-sentences: {max: 3, level: error}
        """,
    )
    assert found(lst) == [("resources/books/one.yaml", 1, 8, "warning", "title-period")]
    lst.write("listsmith.yaml", "rules:\n  description-sentences: {max: 2, level: error}\n")
    assert ("resources/videos/two.yaml", 4, 14, "error", "description-sentences") in found(lst)


def test_mistakes_in_the_settings_are_errors_at_their_line(lst) -> None:
    lst.write(
        "listsmith.yaml",
        """\
        rules:
          title-periods: disable
          url-https: off
          description-sentences: {maximum: 3}
          description-style: {level: fatal}
          unused: {level: true}
        render:
          order: 12
          targets:
            readme: {contents: Contents, nonsense: 1}
            pdf: true
        colour: blue
        """,
    )
    config = [
        (p.line, p.col, p.message) for p in validate(load_project(lst.root)) if p.rule == "config"
    ]
    messages = "\n".join(f"{line}:{col}: {message}" for line, col, message in config)
    assert "2:3: unknown rules.title-periods; did you mean 'title-period'?" in messages
    # YAML 1.1 reads `off` as false: neither a switch nor a mapping.
    assert "3:14: rules.url-https: write enable, disable or a mapping (YAML read it" in messages
    assert "4:27: unknown rules.description-sentences.maximum; did you mean 'max'?" in messages
    assert "5:30: rules.description-style.level 'fatal' is not one of: error, warning" in messages
    assert "6:19: rules.unused.level must be text, not a boolean" in messages
    assert "8:10: render.order must be text" in messages
    assert "10:34: unknown render.targets.readme.nonsense" in messages
    assert "11:5: unknown render.targets.pdf" in messages
    assert "12:1: unknown colour" in messages
    # Where a setting is wrong, its default applies: the rules still run.
    assert ("resources/books/one.yaml", 1, 8, "error", "title-period") in found(lst)


@pytest.mark.parametrize(
    "path",
    [
        "../outside.md",
        "/etc/passwd",
        ".git/config",
        ".github/workflows/x.yml",
        "resources/x.md",
        "a/./b",
    ],
)
def test_targets_never_write_outside_the_list_or_over_its_data(lst, run, path: str) -> None:
    lst.write("listsmith.yaml", f"render:\n  targets:\n    readme: {{path: '{path}'}}\n")
    result = run("render", "--root", str(lst.root))
    assert result.code == 1 and "render.targets.readme.path" in result.out
    assert not (lst.root / "README.md").exists()


def test_new_and_check_give_the_same_level(lst, run) -> None:
    lst.write("listsmith.yaml", "rules:\n  title-period: {level: warning}\n")
    result = run(
        "new",
        "--root",
        str(lst.root),
        "--section",
        "books",
        "--title",
        "Also ends with a period.",
        "--url",
        "https://three.example.org/",
        "--author",
        "A",
        "--topic",
        "calculus",
        "--description",
        "A description that is long enough to pass.",
    )
    assert result.code == 0 and "warning: title ends with a period; remove it" in result.out
    check = run("check", "--root", str(lst.root), "--no-sync")
    assert "resources/books/also-ends-with-a-period.yaml:2:8: warning:" in check.out


def test_new_appends_to_a_curated_order_in_place(make_list, run) -> None:
    lst = make_list(
        index="""\
title: Test List
intro: A list.
sections:
  - id: books
    title: Books
    # the order readers see
    order:
      - zeta
      - alpha   # keep first
  - id: videos
    title: Videos
    order: [one]
topics:
  - id: calculus
    title: Calculus
"""
    )
    lst.entry("books/zeta.yaml")
    lst.entry("books/alpha.yaml")
    lst.entry("videos/one.yaml")
    args = ["--author", "A", "--topic", "calculus", "--description", "A long enough description."]
    for section, title in (("books", "Beta"), ("videos", "Two")):
        result = run(
            "new",
            "--root",
            str(lst.root),
            "--section",
            section,
            "--title",
            title,
            "--url",
            f"https://{title.lower()}.example.org/",
            *args,
        )
        assert result.code == 0, result.out + result.err
    index = (lst.root / "resources" / "index.yaml").read_text()
    assert "    order:\n      - zeta\n      - alpha   # keep first\n      - beta\n" in index
    assert "    order: [one, two]\n" in index
    assert run("check", "--root", str(lst.root), "--no-sync").code == 0


def test_every_rule_declares_what_the_runner_needs() -> None:
    for rule_id, rule in rules.RULES.items():
        assert rule_id == rule.ID and rule.__doc__, rule_id
        assert rules.kind(rule) in rules.KINDS
        for name in getattr(rule, "OPTIONS", {}):
            assert name != "level", rule_id


def test_validating_never_changes_an_entry(lst) -> None:
    """fastjsonschema would write the schema's defaults (free: true) into the data."""
    project = load_project(lst.root)
    before = [dict(e.data) for e in project.entries]
    validate(project)
    assert [dict(e.data) for e in project.entries] == before


def test_new_points_editors_at_the_schema_from_any_depth(make_list, run) -> None:
    lst = make_list(
        index="title: T\nintro: I.\nsections:\n  - id: go\n    title: Go\n    sections:\n"
        "      - id: web\n        title: Web\ntopics:\n  - id: calculus\n    title: Calculus\n"
    )
    result = run(
        "new",
        "--root",
        str(lst.root),
        "--section",
        "go/web",
        "--title",
        "Fiber",
        "--url",
        "https://fiber.example.org/",
        "--author",
        "A",
        "--topic",
        "calculus",
        "--description",
        "A web framework with an Express-like API.",
    )
    assert result.code == 0, result.out + result.err
    first = (lst.root / "resources/go/web/fiber.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schema.json"

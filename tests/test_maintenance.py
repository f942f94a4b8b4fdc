"""Maintenance signals as data: archived and stale repositories, finished projects, stars."""

from __future__ import annotations

from datetime import date, datetime, timezone

from listsmith import signals
from listsmith.project import load_project
from listsmith.render import readme
from listsmith.validate import validate

from .judges import REPOSITORY_RULES, awesome_lint, counts

REFRESHED = datetime(2026, 11, 1, 6, 0, tzinfo=timezone.utc)


def repo(name: str, pushed: date, archived: bool = False, stars: int = 1234) -> signals.RepoSignals:
    return signals.RepoSignals(name, archived, stars, pushed, "MIT", None, REFRESHED)


def listed(make_list):
    lst = make_list()
    entries = {
        "fresh": ("https://github.com/o/fresh", ""),
        "old": ("https://github.com/o/old/tree/main/docs", ""),
        "done": ("https://github.com/o/done", "maintenance: finished\n"),
        "frozen": ("https://github.com/o/frozen", ""),
    }
    for slug, (url, extra) in entries.items():
        lst.write(
            f"resources/books/{slug}.yaml",
            f"title: {slug.title()}\nurl: {url}\nauthors: [A]\n"
            f"description: A description that is long enough to pass.\ntopics: [calculus]\n{extra}",
        )
    signals.save(
        lst.root,
        signals.Signals(
            {
                "github.com/o/fresh": repo("o/fresh", date(2026, 10, 1)),
                "github.com/o/old": repo("o/old", date(2024, 1, 1)),
                "github.com/o/done": repo("o/done", date(2019, 5, 1), archived=True),
                "github.com/o/frozen": repo("o/frozen", date(2026, 9, 1), archived=True),
            }
        ),
    )
    return lst


def findings(lst) -> list[tuple[str, str, str]]:
    return [
        (p.path.rsplit("/", 1)[-1], p.rule, p.message)
        for p in validate(load_project(lst.root))
        if p.rule in ("archived", "stale")
    ]


def test_archived_and_stale_are_warnings_and_a_finished_project_is_quiet(make_list) -> None:
    lst = listed(make_list)
    assert findings(lst) == [
        ("frozen.yaml", "archived", "the repository o/frozen is archived (read-only)"),
        ("old.yaml", "stale", "no push to o/old for 1035 days (more than 365)"),
    ]
    levels = {p.level.value for p in validate(load_project(lst.root)) if p.rule == "stale"}
    assert levels == {"warning"}


def test_stale_days_and_levels_are_the_lists_to_set(make_list) -> None:
    lst = listed(make_list)
    lst.write("listsmith.yaml", "rules:\n  stale: {days: 30, level: error}\n  archived: disable\n")
    found = findings(lst)
    assert [(f, r) for f, r, _ in found] == [
        ("fresh.yaml", "stale"),
        ("frozen.yaml", "stale"),
        ("old.yaml", "stale"),
    ]


def test_ages_count_from_the_refresh_so_check_is_the_same_every_day(make_list, monkeypatch) -> None:
    lst = listed(make_list)
    first = findings(lst)

    class Later(date):
        @classmethod
        def today(cls) -> date:
            return date(2031, 1, 1)

    monkeypatch.setattr("datetime.date", Later)
    assert findings(lst) == first


def test_readme_shows_stars_and_last_commit_where_the_list_asks(make_list) -> None:
    lst = listed(make_list)
    assert "★" not in readme(load_project(lst.root))
    lst.write(
        "listsmith.yaml",
        "render:\n  targets:\n    readme:\n      metadata: [authors, stars, last_push]\n",
    )
    text = readme(load_project(lst.root))
    assert (
        "[Old](https://github.com/o/old/tree/main/docs) - A description that is long enough" in text
    )
    assert "*By A · ★ 1,234 · last commit 2 years ago*" in text
    assert "*By A · ★ 1,234 · last commit 1 month ago*" in text
    path = lst.root / "README.md"
    path.write_text(text)
    # The test list's title has no Awesome badge; what this judges is the entries' lines.
    assert counts(awesome_lint(path, skip=REPOSITORY_RULES | {"awesome-badge"})) == {}


def test_a_damaged_signals_file_stops_check_with_a_clear_error(make_list, run) -> None:
    lst = listed(make_list)
    (lst.root / "signals.json").write_text('{"version": 1, "repositories": []}')
    result = run("check", "--root", str(lst.root), "--no-sync")
    assert result.code == 2 and "signals.json is damaged" in result.err

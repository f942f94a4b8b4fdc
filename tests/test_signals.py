"""signals.json: keys, the file's bytes, damage, and the archived and stale rules' logic."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from listsmith import signals
from listsmith.signals import Release, RepoSignals, Signals, SignalsError

TODAY = date(2025, 11, 25)
FRESH = RepoSignals("Owner/Repo", archived=False, stars=10, pushed=date(2025, 10, 1))
SLEEPY = RepoSignals("owner/sleepy", archived=False, pushed=date(2023, 1, 1))
ARCHIVED = RepoSignals("owner/done", archived=True, pushed=date(2019, 3, 1))


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://github.com/Owner/Repo", "github.com/owner/repo"),
        ("http://www.github.com/owner/repo.git/", "github.com/owner/repo"),
        ("https://github.com/owner/repo/tree/dev/src#L3", "github.com/owner/repo"),
        ("https://github.com/owner/repo/issues/12?q=1", "github.com/owner/repo"),
        ("https://gitlab.com/Group/Sub/Project", "gitlab.com/group/sub/project"),
        ("https://gitlab.com/group/project/-/blob/main/x.md", "gitlab.com/group/project"),
        ("https://github.com/owner", None),
        ("https://example.org/", None),
        ("mailto:someone@example.org", None),
    ],
)
def test_any_url_of_a_repository_finds_its_key(url, key) -> None:
    assert signals.key_for(url) == key


def test_missing_file_is_empty_and_a_url_finds_its_repository(tmp_path) -> None:
    assert signals.load(tmp_path).repositories == {}
    signals.save(tmp_path, Signals({"github.com/owner/repo": FRESH}))
    loaded = signals.load(tmp_path)
    assert loaded.for_url("https://github.com/OWNER/repo/blob/main/README.md") == FRESH
    assert loaded.for_url("https://github.com/owner/other") is None


def test_the_file_is_stable_bytes(tmp_path) -> None:
    when = datetime(2025, 11, 24, 5, 17, 3, tzinfo=timezone.utc)
    repo = RepoSignals(
        "Owner/Repo", False, 7, date(2025, 1, 2), "MIT", Release("v2", date(2024, 5, 6)), when
    )
    one = signals.dumps(Signals({"github.com/b/b": FRESH, "github.com/owner/repo": repo}))
    two = signals.dumps(Signals({"github.com/owner/repo": repo, "github.com/b/b": FRESH}))
    assert one == two and one.endswith(b"\n")
    data = json.loads(one)
    assert list(data["repositories"]) == ["github.com/b/b", "github.com/owner/repo"]
    assert data["repositories"]["github.com/owner/repo"] == {
        "archived": False,
        "license": "MIT",
        "name": "Owner/Repo",
        "pushed": "2025-01-02",
        "refreshed": "2025-11-24T05:17:03+00:00",
        "release": {"date": "2024-05-06", "tag": "v2"},
        "stars": 7,
    }
    signals.save(tmp_path, Signals({"github.com/owner/repo": repo}))
    assert signals.load(tmp_path).repositories["github.com/owner/repo"] == repo


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "damaged"),
        ('{"version": 2, "repositories": {}}', "version 2"),
        ('{"version": 1}', "damaged"),
        ('{"version": 1, "repositories": []}', "damaged"),
        ('{"version": 1, "repositories": {"github.com/a/b": {"name": "a/b"}}}', "github.com/a/b"),
        (
            '{"version": 1, "repositories": {"github.com/a/b": '
            '{"name": "a/b", "archived": false, "stars": "many"}}}',
            "stars",
        ),
        (
            '{"version": 1, "repositories": {"github.com/a/b": '
            '{"name": "a/b", "archived": false, "pushed": "last week"}}}',
            "github.com/a/b",
        ),
        ("[]", "damaged"),
    ],
)
def test_a_damaged_file_is_a_clear_error(tmp_path, text, words) -> None:
    (tmp_path / signals.FILE).write_text(text)
    with pytest.raises(SignalsError, match=r"signals\.json") as error:
        signals.load(tmp_path)
    assert words in str(error.value)


def test_a_damaged_file_stops_links_signals_with_exit_2(make_list, run) -> None:
    lst = make_list()
    (lst.root / signals.FILE).write_text("{")
    result = run("links", "--root", str(lst.root), "--signals")
    assert result.code == 2 and "signals.json is damaged" in result.err


def test_archived_and_stale() -> None:
    assert signals.archived_warning(ARCHIVED) == "the repository owner/done is archived (read-only)"
    assert signals.archived_warning(FRESH) is None
    assert signals.stale_warning(FRESH, TODAY) is None
    assert signals.stale_warning(SLEEPY, TODAY) == (
        "no push to owner/sleepy for 1059 days (more than 365)"
    )
    assert signals.stale_warning(SLEEPY, TODAY, days=2000) is None
    assert signals.is_stale(SLEEPY, 365, TODAY) and not signals.is_stale(FRESH, 365, TODAY)
    unknown = RepoSignals("owner/quiet", archived=False)
    assert signals.age_days(unknown, TODAY) is None and not signals.is_stale(unknown, 1, TODAY)


def test_a_finished_project_stays_quiet() -> None:
    for maintenance in ("finished", " Finished "):
        assert signals.is_finished(maintenance)
        assert signals.stale_warning(ARCHIVED, TODAY, maintenance=maintenance) is None
        assert signals.archived_warning(ARCHIVED, maintenance) is None
    assert signals.stale_warning(ARCHIVED, TODAY, maintenance="active") is not None
    assert not signals.is_finished(None) and not signals.is_finished(True)

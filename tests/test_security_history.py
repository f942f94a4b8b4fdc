"""The link history is read like any file a pull request can commit: never through a
symlink, never past a size cap (issue #19, case 10)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from listsmith.links import history


def listed(make_list):
    lst = make_list()
    lst.entry("books/one.yaml")
    return lst


@pytest.mark.parametrize("target", ["/dev/zero", "secret.txt"])
def test_a_symlinked_history_is_not_followed(make_list, run, target: str) -> None:
    lst = listed(make_list)
    secret = lst.write("secret.txt", '{"version": 1, "urls": {"TOKEN-abc123": {}}}')
    link = lst.root / ".listsmith" / "links.json"
    link.parent.mkdir()
    os.symlink(secret if target == "secret.txt" else target, link)
    result = run(
        "links", "--root", str(lst.root), "--history", str(lst.root / ".listsmith" / "links.json")
    )
    assert result.code == 2
    assert "it is a symlink, which is not followed" in result.err and "delete it" in result.err
    assert "TOKEN-abc123" not in result.out + result.err
    assert link.is_symlink()  # never replaced, never written through
    check = run("check", "--root", str(lst.root), "--no-sync")
    assert "warning: link history can't be read" in check.out


def test_a_history_past_the_cap_is_refused_unread(make_list, run, monkeypatch) -> None:
    lst = listed(make_list)
    path = lst.root / ".listsmith" / "links.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"version": 1, "urls": {}}) + " " * 200)
    monkeypatch.setattr(history, "MAX_BYTES", 100)
    result = run(
        "links", "--root", str(lst.root), "--history", str(lst.root / ".listsmith" / "links.json")
    )
    assert result.code == 2 and "larger than" in result.err


def test_the_cap_leaves_room_for_a_real_history(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    record = {"status": "ok", "reason": "works", "checked_at": "2026-01-01T00:00:00+00:00"}
    urls = {f"https://example.org/{n}": record for n in range(100_000)}
    path.write_text(json.dumps({"version": 1, "urls": urls}))
    assert path.stat().st_size < history.MAX_BYTES / 4
    assert len(history.load(path)) == 100_000

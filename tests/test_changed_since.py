"""``links --changed-since`` finds every changed entry, whatever its file name
(issue #19, case 14): git quotes names with non-ASCII bytes unless asked for -z."""

from __future__ import annotations

import subprocess

from listsmith.links.collector import changed_since
from listsmith.project import load_project


def git(root, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_names_git_would_quote_are_found(make_list) -> None:
    lst = make_list()
    lst.entry("books/café.yaml", url="https://example.org/old")
    lst.entry("books/plain.yaml", url="https://example.org/plain")
    git(lst.root, "init", "-q")
    git(lst.root, "add", "-A")
    git(lst.root, "commit", "-qm", "base")
    lst.entry("books/café.yaml", url="https://example.org/edited")  # committed, then changed
    lst.entry("books/naïve tab\t.yaml", url="https://example.org/untracked")  # not committed
    lst.entry("books/日本.yaml", url="https://example.org/staged")
    git(lst.root, "add", "resources/books/日本.yaml")
    found = changed_since(load_project(lst.root), "HEAD")
    assert found == {
        "https://example.org/edited",
        "https://example.org/untracked",
        "https://example.org/staged",
    }

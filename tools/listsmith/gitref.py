"""The few git questions listsmith asks, asked so that a ref can never act as an option.

A ref comes from a command line a workflow builds (``--base "$BASE_SHA"``,
``--changed-since``), so it is resolved to a commit first, with
``--end-of-options``, and only that commit is passed on: a "ref" such as
``--output=FILE`` would otherwise make ``git diff`` write a file.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from listsmith.errors import CouldNotRun


def run(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CouldNotRun(f"git could not run: {exc}") from exc


def resolve(root: Path, ref: str) -> str:
    """The commit ``ref`` names, or CouldNotRun."""
    if ref.startswith("-"):
        raise CouldNotRun(f"{ref!r} is not a git ref (a ref can't start with '-')")
    found = run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise CouldNotRun(f"{ref!r} is not a commit in this repository")
    return found.stdout.decode().strip()


def show(root: Path, commit: str, rel: str) -> bytes | None:
    """The bytes of ``rel`` at ``commit`` (a resolved commit), or None when it has none."""
    found = run(root, "show", f"{commit}:./{rel}")
    return found.stdout if found.returncode == 0 else None

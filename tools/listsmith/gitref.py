"""The few git questions listsmith asks, asked so that a ref can never act as an option.

A ref comes from a command line a workflow builds (``--base "$BASE_SHA"``,
``--changed-since``), so it is resolved to a commit first, with
``--end-of-options``, and only that commit is passed on: a "ref" such as
``--output=FILE`` would otherwise make ``git diff`` write a file.
"""

from __future__ import annotations

import os
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


def statuses(root: Path, commit: str, *paths: str) -> dict[str, str]:
    """Each file under ``paths`` the working tree adds, modifies, deletes or retypes since
    ``commit`` (a resolved commit), relative to ``root``, with its git status letter
    (``A``, ``M``, ``D``, ``T``; a rename is its two halves, ``D`` and ``A``). Files not
    committed yet (a contributor checking locally) are ``A``."""
    # -z: names as they are, NUL-separated. Without it git quotes a name that holds
    # non-ASCII bytes ("resources/a/caf\303\251.yaml"), which then matches no entry.
    diff = run(
        root, "diff", "-z", "--name-status", "--no-renames", "--relative", commit, "--", *paths
    )
    if diff.returncode != 0:
        raise CouldNotRun(
            f"git diff against {commit} failed: {diff.stderr.decode(errors='replace').strip()}"
        )
    fields = diff.stdout.split(b"\0")
    found = {
        os.fsdecode(path): os.fsdecode(status)[:1]
        for status, path in zip(fields[::2], fields[1::2], strict=False)
        if path
    }
    untracked = run(root, "ls-files", "-z", "--others", "--exclude-standard", "--", *paths)
    found.update(dict.fromkeys(_names(untracked.stdout), "A"))
    return found


def changed(root: Path, commit: str, *paths: str, kinds: str = "ACMR") -> set[str]:
    """Files under ``paths`` added, copied, modified or renamed since ``commit`` (``kinds``
    as git's --diff-filter takes them; a renamed file counts as added), with files not
    committed yet."""
    return {path for path, status in statuses(root, commit, *paths).items() if status in kinds}


def _names(output: bytes) -> set[str]:
    """The file names of git's ``-z`` output, decoded as the directory walk decodes them."""
    return {os.fsdecode(name) for name in output.split(b"\0") if name}

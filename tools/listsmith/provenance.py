"""Which listsmith is running, as a pip requirement a workflow can install again.

The workflows ``listsmith init`` writes must install exactly the listsmith
that wrote them, never an unpinned name: a new list's CI must work on its
first run and not change under it later. pip records where a distribution
came from (PEP 610, ``direct_url.json``):

- installed from an index (no ``direct_url.json``): ``listsmith==<version>``;
- from a git URL: ``listsmith @ git+<url>@<commit>``;
- from an archive URL: that URL, with its hash when pip recorded one;
- from a local folder that is a git checkout of a public remote, with no
  uncommitted changes: the remote at the checked-out commit.

Anything else (a local folder with no public remote, a file path) can't be
installed by a workflow on GitHub, so there is no answer and ``init`` asks for
``--install`` instead of guessing.
"""

from __future__ import annotations

import json
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

NAME = "listsmith"
_PUBLIC = ("https://", "git@", "ssh://")


def requirement(distribution: Any | None = None) -> str | None:
    """The pip requirement for the running listsmith, or None when there is none."""
    dist = distribution or metadata.distribution(NAME)
    raw = dist.read_text("direct_url.json")
    if raw is None:
        return f"{NAME}=={dist.version}"
    try:
        info = json.loads(raw)
        url = str(info["url"])
    except (ValueError, KeyError, TypeError):
        return None
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"{NAME} @ git+{url}@{vcs['commit_id']}"
    archive = info.get("archive_info")
    if isinstance(archive, dict) and url.startswith(("https://", "http://")):
        hashes = archive.get("hashes") or {}
        digest = f"#sha256={hashes['sha256']}" if "sha256" in hashes else ""
        return f"{NAME} @ {url}{digest}"
    if "dir_info" in info and url.startswith("file://"):
        return _checkout(Path(unquote(urlsplit(url).path)))
    return None


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _checkout(folder: Path) -> str | None:
    """A clean git checkout of a public remote, pinned to its commit."""
    remote = _git(folder, "remote", "get-url", "origin")
    commit = _git(folder, "rev-parse", "HEAD")
    dirty = _git(folder, "status", "--porcelain", "--untracked-files=no")
    if not remote or not commit or dirty is None or dirty:
        return None
    if not remote.startswith(_PUBLIC):
        return None
    if remote.startswith("git@"):  # git@github.com:owner/repo.git -> ssh form pip accepts
        host, _, path = remote[4:].partition(":")
        remote = f"ssh://git@{host}/{path}"
    return f"{NAME} @ git+{remote}@{commit}"


def pip_command(requirement_: str) -> str:
    """The workflow line installing ``requirement_`` (quoted for the shell)."""
    if requirement_.startswith("pip "):
        return requirement_
    return "pip install " + (
        requirement_ if " " not in requirement_ else "'" + requirement_.replace("'", "") + "'"
    )

"""Verdicts shared by the code-hosting sites, from what their APIs say about a repository."""

from __future__ import annotations

from listsmith.links.sites.base import ByHTTP, Verdict
from listsmith.links.status import Result, Status
from listsmith.signals import RepoSignals


def gone(url: str, what: str) -> Result:
    return Result(url, Status.BROKEN, f"{what} not found (deleted, or private)", 404)


def found(url: str, what: str, repo: RepoSignals, deep: bool, new_url: str | None) -> Verdict:
    """A repository that exists: OK, REDIRECTED when renamed (``new_url``), and for a
    deep link the path is still the plain check's to judge."""
    note = "the repository is archived (read-only)" if repo.archived else ""
    if deep:
        return ByHTTP(note, repo)
    if new_url is not None:
        return Result(
            url,
            Status.REDIRECTED,
            f"{what} moved to {repo.name}",
            200,
            new_url,
            new_url,
            note,
            signals=repo,
        )
    return Result(url, Status.OK, f"{what} exists", 200, note=note, signals=repo)

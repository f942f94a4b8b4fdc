"""Verdicts shared by the code-hosting sites, from what their APIs say about a repository."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from listsmith.links.sites.base import Answer, ByHTTP
from listsmith.links.status import Status, Verdict
from listsmith.signals import Release, RepoSignals


@dataclass(frozen=True)
class Fields:
    """Where one API's answer keeps what signals.json records."""

    name: str
    archived: str
    stars: str
    pushed: str
    license: tuple[str, str]
    """(the licence object, its identifier inside it)."""


def day(value: Any) -> date | None:
    """The date of an ISO timestamp (``2024-05-01T12:00:00Z``)."""
    return None if value is None else date.fromisoformat(str(value)[:10])


def signals_from(data: Mapping[str, Any], fields: Fields, release: Release | None) -> RepoSignals:
    """Raises KeyError, TypeError or ValueError on a damaged answer."""
    name, archived = data[fields.name], data[fields.archived]
    if not isinstance(name, str) or not isinstance(archived, bool):
        raise TypeError(f"{fields.name} or {fields.archived}")
    holder, key = fields.license
    return RepoSignals(
        name=name,
        archived=archived,
        stars=int(data[fields.stars]),
        pushed=day(data.get(fields.pushed)),
        license=(data.get(holder) or {}).get(key),
        release=release,
    )


def gone(url: str, what: str) -> Verdict:
    return Verdict(url, Status.BROKEN, f"{what} not found (deleted, or private)", 404)


def found(url: str, what: str, repo: RepoSignals, deep: bool, new_url: str | None) -> Answer:
    """A repository that exists: OK, REDIRECTED when renamed (``new_url``), and for a
    deep link the path is still the plain check's to judge."""
    note = "the repository is archived (read-only)" if repo.archived else ""
    if deep:
        return ByHTTP(note, repo)
    if new_url is not None:
        return Verdict(
            url,
            Status.REDIRECTED,
            f"{what} moved to {repo.name}",
            200,
            new_url,
            new_url,
            note,
            signals=repo,
        )
    return Verdict(url, Status.OK, f"{what} exists", 200, note=note, signals=repo)

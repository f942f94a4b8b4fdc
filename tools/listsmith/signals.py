"""Maintenance signals of the repositories a list links to, as data.

``listsmith links --signals`` asks the GitHub and GitLab APIs while it checks
the links (the same batched queries) and writes ``signals.json`` at the list's
root: per repository its stars, whether it is archived, its last push, its
licence and its latest release. The file is committed, so ``render`` and
``check`` read it and never need the network: a pull request renders the
same README offline, and ``render --check`` stays deterministic.

Keys are ``host/owner/name`` in lower case (``github.com/psf/requests``,
``gitlab.com/group/sub/project``): the repository of any URL, deep links
included, found through :func:`listsmith.canonical.canonical`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from listsmith.canonical import canonical, split
from listsmith.fsutil import atomic_write
from listsmith.project import CouldNotRun, read_json

FILE = "signals.json"
VERSION = 1
FINISHED = "finished"
"""The ``maintenance`` value saying a project is done, not abandoned."""
STALE_DAYS = 365
MAX_BYTES = 32 * 2**20
"""A few hundred bytes a repository: 32 MiB is far beyond any real list."""


class SignalsError(CouldNotRun):
    """signals.json exists but can't be read: exit 2 with the reason, no traceback."""


@dataclass(frozen=True)
class Release:
    tag: str
    date: date | None


@dataclass(frozen=True)
class RepoSignals:
    """What the host's API said about one repository when it was last asked."""

    name: str
    """``owner/name`` as the host spells it now, after any rename."""
    archived: bool
    stars: int | None = None
    pushed: date | None = None
    """GitHub: the last push. GitLab: the last activity (its nearest field)."""
    license: str | None = None
    """SPDX identifier (compare without case: GitLab spells them in lower case)."""
    release: Release | None = None
    refreshed: datetime | None = None
    """When the API was asked; set by the run that writes the file."""


@dataclass(frozen=True)
class Signals:
    repositories: Mapping[str, RepoSignals] = field(default_factory=dict)

    def for_url(self, url: str) -> RepoSignals | None:
        """The signals of the repository ``url`` is in (any spelling, deep links too).

        Every entry asks, several times a run (the rules, the view): with no signals
        the answer is known without canonicalising the URL.
        """
        if not self.repositories:
            return None
        key = key_for(url)
        return None if key is None else self.repositories.get(key)


def key_for(url: str) -> str | None:
    """``host/owner/name`` of the repository a URL points into, or None.

    On github.com a repository is the first two path segments; elsewhere
    (GitLab, whose groups nest) the segments before GitLab's ``/-/``.
    """
    parts = split(canonical(url))
    if parts is None:
        return None
    segments = parts.segments
    if "-" in segments:
        segments = segments[: segments.index("-")]
    if parts.host == "github.com":
        segments = segments[:2]
    if len(segments) < 2:
        return None
    segments[-1] = segments[-1].removesuffix(".git")
    return "/".join([parts.host, *segments]).lower()


# -- rules' logic (the rules themselves live in the rules registry) ----------------------------


def is_finished(maintenance: object) -> bool:
    """The entry says its project is done, so age and archiving are expected."""
    return isinstance(maintenance, str) and maintenance.strip().lower() == FINISHED


def age_days(repo: RepoSignals, today: date) -> int | None:
    """Days since the last push, or None when the host did not say."""
    return None if repo.pushed is None else (today - repo.pushed).days


def is_stale(repo: RepoSignals, days: int, today: date) -> bool:
    age = age_days(repo, today)
    return age is not None and age > days


def archived_warning(repo: RepoSignals, maintenance: object = None) -> str | None:
    """The ``archived`` rule's message, or None (an archived finished project is quiet)."""
    if not repo.archived or is_finished(maintenance):
        return None
    return f"the repository {repo.name} is archived (read-only)"


def stale_warning(
    repo: RepoSignals, today: date, days: int = STALE_DAYS, maintenance: object = None
) -> str | None:
    """The ``stale`` rule's message, or None; a finished project is never stale by age alone."""
    if is_finished(maintenance) or not is_stale(repo, days, today):
        return None
    return f"no push to {repo.name} for {age_days(repo, today)} days (more than {days})"


# -- the file ----------------------------------------------------------------------------------


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _repo(data: dict[str, Any]) -> RepoSignals:
    if not isinstance(data, dict):
        raise TypeError("not an object")
    release = data.get("release")
    stars = data.get("stars")
    if stars is not None and (not isinstance(stars, int) or isinstance(stars, bool)):
        raise TypeError(f"stars is {stars!r}")
    if not isinstance(data["name"], str) or not isinstance(data["archived"], bool):
        raise TypeError("name must be a string and archived true or false")
    license_ = data.get("license")
    if license_ is not None and not isinstance(license_, str):
        raise TypeError(f"license is {license_!r}")
    refreshed = data.get("refreshed")
    return RepoSignals(
        name=data["name"],
        archived=data["archived"],
        stars=stars,
        pushed=_date(data.get("pushed")),
        license=license_,
        release=None if release is None else Release(str(release["tag"]), _date(release["date"])),
        refreshed=None if refreshed is None else datetime.fromisoformat(refreshed),
    )


def load(root: Path) -> Signals:
    """The list's signals; none when the file is missing, SignalsError when it is damaged."""
    path = root / FILE
    try:
        # Committed, so a pull request may change it: no symlink, no FIFO, a size cap.
        data = read_json(path, MAX_BYTES)
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}, expected {VERSION}")
        repositories = data["repositories"]
        if not isinstance(repositories, dict):
            raise TypeError("repositories is not an object")
    except FileNotFoundError:
        return Signals()
    except OSError as exc:
        raise SignalsError(f"{FILE} can't be read: {exc}") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SignalsError(
            f"{FILE} is damaged ({exc}); `listsmith links --signals` writes a new one"
        ) from exc
    loaded = {}
    for key, value in repositories.items():
        try:
            loaded[key] = _repo(value)
        except (ValueError, KeyError, TypeError) as exc:
            raise SignalsError(
                f"{FILE}: {key}: {exc}; `listsmith links --signals` writes a new one"
            ) from exc
    return Signals(loaded)


def _plain(repo: RepoSignals) -> dict[str, Any]:
    release = repo.release
    refreshed = repo.refreshed
    return {
        "name": repo.name,
        "archived": repo.archived,
        "stars": repo.stars,
        "pushed": None if repo.pushed is None else repo.pushed.isoformat(),
        "license": repo.license,
        "release": None
        if release is None
        else {
            "tag": release.tag,
            "date": None if release.date is None else release.date.isoformat(),
        },
        "refreshed": None
        if refreshed is None
        else refreshed.astimezone(timezone.utc).replace(microsecond=0).isoformat(),
    }


def dumps(signals: Signals) -> bytes:
    """Stable bytes: sorted keys, one indentation, a final newline."""
    payload = {
        "version": VERSION,
        "repositories": {key: _plain(signals.repositories[key]) for key in signals.repositories},
    }
    return (json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def save(root: Path, signals: Signals) -> None:
    atomic_write(root / FILE, dumps(signals))

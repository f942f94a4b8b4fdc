"""Link history across runs: rot is a trend, not a blip.

Stored as JSON (meant for the Actions cache): per URL the last verdict, when
it was checked, when it first failed and how many runs in a row it failed.
A URL that worked recently is not checked again before ``max_age``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from listsmith.fsutil import atomic_write
from listsmith.links.status import FAILING, Status, Verdict
from listsmith.problems import Level, Problem
from listsmith.project import HISTORY, CouldNotRun, read_json
from listsmith.report import json_records

VERSION = 1
MAX_BYTES = 64 * 2**20
"""The largest history read: some 200,000 URLs' records, beyond any real list."""


@dataclass
class Record:
    status: str
    reason: str
    checked_at: str
    http_status: int | None = None
    final_url: str | None = None
    new_url: str | None = None
    first_failure: str | None = None
    failures: int = 0


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Damaged(ValueError):
    """The history file is not what this module writes; the message says where."""


_STATUSES = frozenset(status.value for status in Status)


def _record(url: Any, raw: Any) -> Record:
    """One record, checked field by field: the file is an input like any other."""
    if not isinstance(url, str) or not isinstance(raw, dict):
        raise Damaged(f"the entry for {str(url)[:80]!r} is not a record")
    try:
        record = Record(**raw)
    except TypeError as exc:
        raise Damaged(f"the record of {url[:80]} has wrong fields ({exc})") from None
    texts = (record.status, record.reason, record.checked_at)
    optional = (record.final_url, record.new_url, record.first_failure)
    if (
        not all(isinstance(t, str) for t in texts)
        or not all(t is None or isinstance(t, str) for t in optional)
        or record.status not in _STATUSES
        or not isinstance(record.failures, int)
        or isinstance(record.failures, bool)
        or record.failures < 0
        or not (record.http_status is None or type(record.http_status) is int)
    ):
        raise Damaged(f"the record of {url[:80]} has a value of the wrong kind")
    for stamp in (record.checked_at, record.first_failure):
        if stamp is not None:
            try:
                when = datetime.fromisoformat(stamp)
            except ValueError:
                raise Damaged(f"the record of {url[:80]} has a bad date {stamp[:40]!r}") from None
            if when.tzinfo is None:
                raise Damaged(f"the record of {url[:80]} has a date without a time zone")
    return record


def load(path: Path) -> dict[str, Record]:
    """The history at ``path`` (none yet: empty). A damaged file stops the run, never
    crashes it and is never overwritten: the message says what to do."""
    if not os.path.lexists(path):
        return {}
    try:
        # A pull request can commit the history as a symlink (to /dev/zero, to a
        # secret): it is read without following one, and no further than the cap.
        data = read_json(path, MAX_BYTES)
        if not isinstance(data, dict) or not isinstance(data.get("urls"), dict):
            raise Damaged('expected {"version": 1, "urls": {...}}')
        return {url: _record(url, raw) for url, raw in data["urls"].items()}
    except (OSError, ValueError) as exc:
        why = str(exc)
        if os.path.islink(path):
            why = "it is a symlink, which is not followed"
        raise CouldNotRun(
            f"link history {path} can't be read ({why}); delete it to start a new one"
        ) from exc


def final_urls(root: Path, path: Path | None) -> tuple[dict[str, str], list[Problem]]:
    """URL -> where it ends after redirects, for the duplicate finder.

    A list never link-checked has no history: that is no problem. One that
    can't be read is a warning here, since the duplicate search still runs.
    """
    path = path if path is not None else root / HISTORY
    try:
        records = load(path)
    except CouldNotRun as exc:
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        return {}, [
            Problem(
                shown.as_posix(),
                1,
                1,
                Level.WARNING,
                f"link history can't be read ({exc.__cause__}); duplicates after "
                "redirects were not checked",
                "link-history",
            )
        ]
    return {url: r.final_url for url, r in records.items() if r.final_url}, []


def save(path: Path, records: dict[str, Record]) -> None:
    """The history with one URL's record a line, sorted: the history branch's diff of a run
    is the records that changed. A record holds only text, numbers and None, so its
    ``__dict__`` (fields in declaration order) is what ``asdict``'s deep copy would make."""
    path.parent.mkdir(parents=True, exist_ok=True)
    urls = {url: vars(records[url]) for url in sorted(records)}
    atomic_write(path, json_records({"version": VERSION, "urls": urls}).encode())


def fresh(record: Record | None, max_age: timedelta, at: datetime) -> bool:
    """A working verdict younger than ``max_age`` is trusted without a request."""
    if record is None or record.status not in (Status.OK.value, Status.REDIRECTED.value):
        return False
    return at - datetime.fromisoformat(record.checked_at) < max_age


def remembered(url: str, record: Record) -> Verdict:
    """The verdict the history keeps for ``url``."""
    return Verdict(
        url,
        Status(record.status),
        record.reason,
        record.http_status,
        record.final_url,
        record.new_url,
    )


def update(previous: Record | None, verdict: Verdict, at: datetime) -> Record:
    """The record after this run's verdict; a broken link or a missing anchor counts as
    a failing run (the run's policy says whether a missing anchor is rot)."""
    if verdict.status in FAILING:
        same = previous if previous and previous.status == verdict.status.value else None
        failures = (same.failures if same else 0) + 1
        first = (same.first_failure if same else None) or at.isoformat()
    else:
        failures, first = 0, None
    return Record(
        verdict.status.value,
        verdict.reason,
        at.isoformat(),
        verdict.http_status,
        verdict.final_url,
        verdict.new_url,
        first,
        failures,
    )

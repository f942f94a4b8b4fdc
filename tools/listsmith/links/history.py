"""Link history across runs: rot is a trend, not a blip.

Stored as JSON (meant for the Actions cache): per URL the last verdict, when
it was checked, when it first failed and how many runs in a row it failed.
A URL that worked recently is not checked again before ``max_age``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from listsmith.fsutil import atomic_write
from listsmith.links.status import Result, Status
from listsmith.problems import Level, Problem
from listsmith.project import CouldNotRun

VERSION = 1
DEFAULT_PATH = ".listsmith/links.json"
"""Where `dupes` looks for a history when none is named (the weekly workflow's path)."""


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


def load(path: Path) -> dict[str, Record]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {url: Record(**record) for url, record in data["urls"].items()}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise CouldNotRun(
            f"link history {path} can't be read ({exc}); delete it to start a new one"
        ) from exc


def final_urls(root: Path, path: Path | None) -> tuple[dict[str, str], list[Problem]]:
    """URL -> where it ends after redirects, for the duplicate finder.

    A list never link-checked has no history: that is no problem. One that
    can't be read is a warning here, since the duplicate search still runs.
    """
    path = path if path is not None else root / DEFAULT_PATH
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
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"version": VERSION, "urls": {url: asdict(records[url]) for url in sorted(records)}}
    atomic_write(path, (json.dumps(payload, indent=1, ensure_ascii=False) + "\n").encode())


def fresh(record: Record | None, max_age: timedelta, at: datetime) -> bool:
    """A working verdict younger than ``max_age`` is trusted without a request."""
    if record is None or record.status not in (Status.OK.value, Status.REDIRECTED.value):
        return False
    return at - datetime.fromisoformat(record.checked_at) < max_age


def from_record(url: str, record: Record) -> Result:
    return Result(
        url,
        Status(record.status),
        record.reason,
        record.http_status,
        record.final_url,
        record.new_url,
        failures=record.failures,
        cached=True,
    )


def update(records: dict[str, Record], result: Result, at: datetime) -> None:
    """Fold this run's verdict in; only BROKEN counts as a failing run."""
    previous = records.get(result.url)
    if result.status is Status.BROKEN:
        failures = (previous.failures if previous else 0) + 1
        first = previous.first_failure if previous and previous.first_failure else at.isoformat()
    else:
        failures, first = 0, None
    result.failures = failures
    records[result.url] = Record(
        result.status.value,
        result.reason,
        at.isoformat(),
        result.http_status,
        result.final_url,
        result.new_url,
        first,
        failures,
    )

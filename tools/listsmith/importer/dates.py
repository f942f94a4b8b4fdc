"""When each line of a README joined it, from one ``git blame`` of the whole file.

An imported entry's ``added`` is the date of the commit that brought its
line, so a feed of new entries has real dates from the first day. The date
is the committer's (when the line landed on the list), in the committer's
time zone. Outside a git work tree, for a file git doesn't track, or without
git, there are simply no dates.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

TIMEOUT = 600
"""Seconds a blame may take: a list with a long history takes a while, but finishes."""
_UNCOMMITTED = "0" * 40


def _day(epoch: str, zone: str) -> str:
    sign = -1 if zone.startswith("-") else 1
    offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
    return datetime.fromtimestamp(int(epoch), timezone(offset)).date().isoformat()


def parse_blame(porcelain: str) -> dict[int, str]:
    """Line number -> YYYY-MM-DD from ``git blame --line-porcelain`` output."""
    dates: dict[int, str] = {}
    line, sha, epoch = 0, "", ""
    for row in porcelain.split("\n"):  # not splitlines(): a README line may hold U+2028
        if row.startswith("\t"):
            continue
        key, _, value = row.partition(" ")
        if len(key) == 40 and all(c in "0123456789abcdef" for c in key):
            sha, line = key, int(value.split()[1])
        elif key == "committer-time":
            epoch = value
        elif key == "committer-tz" and sha != _UNCOMMITTED and epoch:
            dates[line] = _day(epoch, value)
    return dates


def line_dates(readme: Path) -> dict[int, str]:
    """Each committed line's date, or nothing when the file is not in git."""
    try:
        done = subprocess.run(
            ["git", "blame", "--line-porcelain", "--", readme.name],
            cwd=readme.parent,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_blame(done.stdout) if done.returncode == 0 else {}

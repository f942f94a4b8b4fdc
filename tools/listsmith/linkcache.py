"""What earlier link checks learned about URLs, as far as other commands need it.

The link checker keeps a JSON history (``{"urls": {url: {"final_url": ...}}}``);
the duplicate finder reads where each URL ends after redirects. A list that has
never been link-checked has no history, and that is not a problem.
"""

from __future__ import annotations

import json
from pathlib import Path

from listsmith.problems import Level, Problem

DEFAULT_HISTORY = ".listsmith/links.json"


def final_urls(root: Path, history: Path | None) -> tuple[dict[str, str], list[Problem]]:
    """URL -> final URL after redirects, from the history file if there is one."""
    path = history if history is not None else root / DEFAULT_HISTORY
    if not path.exists():
        return {}, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        urls = data["urls"]
        return {
            url: record["final_url"]
            for url, record in urls.items()
            if isinstance(record, dict) and isinstance(record.get("final_url"), str)
        }, []
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        return {}, [
            Problem(
                str(shown).replace("\\", "/"),
                1,
                1,
                Level.WARNING,
                "link history can't be read; duplicates after redirects were not checked",
                "link-history",
            )
        ]

"""What a pull request changes, as data (the untrusted half of the preview).

Reads the list as the pull request leaves it and the base commit from git,
never the network: the link results come from the ``links`` step's JSON
report (``listsmith links --json FILE``), so the URLs are checked once.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from listsmith import gitref, markdown
from listsmith.preview import FORMAT
from listsmith.problems import Level
from listsmith.project import RESOURCES, CouldNotRun, Project
from listsmith.render import outputs

MAX_DIFF_LINES = 400
"""A longer README diff is cut there: the comment shows where a change lands, not the file."""
MAX_ITEMS = 100
"""At most this many entries, problems and links each, so a pull request of a thousand
files still gives a comment GitHub accepts."""


def changed_files(root: Path, commit: str) -> list[tuple[str, str]]:
    """``(change, path)`` for each entry file the working tree adds, changes or removes
    since ``commit``: ``added``, ``changed`` or ``removed``; renames are a removal and an
    addition, since the entry's section may have changed too."""
    kinds = {"A": "added", "D": "removed"}
    found = [
        (kinds.get(status, "changed"), path)
        for path, status in gitref.statuses(root, commit, RESOURCES).items()
        if path.endswith(".yaml")
    ]
    return sorted(found, key=lambda item: item[1])


def _readme(project: Project) -> tuple[str, str] | None:
    """The README's path and its text as the pull request's data renders it."""
    for output in outputs(project, {"readme"}):
        return output.path, output.wanted.decode("utf-8")
    return None


def entry_lines(project: Project, path: str, readme: str, added: set[str]) -> list[str]:
    """The README lines that show the entry at ``path``: those linking its URL, preferring
    the ones the pull request adds (an entry listed twice shares its URL with another)."""
    entry = next((e for e in project.entries if e.path == path), None)
    url = entry.text("url") if entry is not None and entry.doc is not None else None
    if not url:
        return []
    target = f"]({markdown.link_url(url)})"
    lines = [line for line in readme.splitlines() if target in line]
    fresh = [line for line in lines if line in added]
    return (fresh or lines)[:5]


def _links(report: Path | None, changed: set[str]) -> list[dict[str, Any]]:
    if report is None or not report.is_file():
        return []
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CouldNotRun(f"can't read the link report {report}: {exc}") from exc
    found = []
    for result in data.get("links", []):
        files = {source.get("file") for source in result.get("sources", [])}
        found.append(
            {
                "url": result.get("url"),
                "status": result.get("status"),
                "detail": result.get("reason") or result.get("note") or "",
                "new_url": result.get("new_url"),
                "in_changed": bool(files & changed),
            }
        )
    return found[:MAX_ITEMS]


def collect(
    project: Project,
    base: str,
    links_report: Path | None = None,
    number: int | None = None,
    head_sha: str | None = None,
) -> dict[str, Any]:
    """preview.json's content for the working tree against ``base``: its problems are
    what ``listsmith check --base`` reports (the baseline applied, the change settled)."""
    from listsmith import gate

    commit = gitref.resolve(project.root, base)
    changes = changed_files(project.root, commit)
    changed = {path for _, path in changes}
    rendered = _readme(project)
    diff: list[str] = []
    entries = []
    if rendered is not None:
        readme_path, readme = rendered
        before = (gitref.show(project.root, commit, readme_path) or b"").decode(
            "utf-8", errors="replace"
        )
        diff = list(
            difflib.unified_diff(
                before.splitlines(),
                readme.splitlines(),
                f"a/{readme_path}",
                f"b/{readme_path}",
                lineterm="",
            )
        )
        added = {line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")}
        entries = [
            {"path": path, "change": change, "lines": entry_lines(project, path, readme, added)}
            for change, path in changes
        ]
    else:
        entries = [{"path": path, "change": change, "lines": []} for change, path in changes]
    problems = [
        {
            "path": p.path,
            "line": p.line,
            "level": p.level.value,
            "message": p.message,
            "rule": p.rule,
        }
        for p in sorted(gate.judge(project, commit).reported())
        if p.level is not Level.NOTE
    ]
    # The pull request's own problems first, and those naming its files (a duplicate may
    # sit at the entry it repeats): those are what its author can act on.
    problems.sort(
        key=lambda p: not (p["path"] in changed or any(c in p["message"] for c in changed))
    )
    return {
        "format": FORMAT,
        "number": number,
        "head_sha": head_sha,
        "entries": entries[:MAX_ITEMS],
        "problems": problems[:MAX_ITEMS],
        "links": _links(links_report, changed),
        "diff": "\n".join(diff[:MAX_DIFF_LINES]),
        "diff_cut": len(diff) > MAX_DIFF_LINES,
    }

"""preview.json, read as untrusted text, turned into the preview comment (the trusted half).

The file comes out of a job that ran the pull request's code, so anything in it
may be hostile: a title that closes ``</details>``, mentions ``@people``, writes
HTML, or says "fixes #1". Nothing here executes it or lets it become markup:
the file is capped in size and checked for shape, every string from it is set
in a code span or a fenced code block whose fence is longer than any run of
backticks inside (or, for the entries' README lines shown rendered, rebuilt by
:mod:`listsmith.preview.inline`), control characters are shown as ``\\uXXXX``,
and the whole body is capped below GitHub's limit for a comment.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from listsmith import markdown
from listsmith.preview import FORMAT, MARKER, inline
from listsmith.project import CouldNotRun, read_bytes
from listsmith.report import printable

MAX_FILE = 2 * 1024 * 1024
"""preview.json larger than this is refused unread."""
MAX_BODY = markdown.BODY_LIMIT - 5_536
"""Room is left for the marker and what GitHub counts differently (line ends)."""
MAX_TEXT = 2_000
"""Any one string from the file is cut to this many characters."""
MAX_NUMBER = 10**9
CHANGES = ("added", "changed", "removed")
LEVELS = ("error", "warning")
_SHA = re.compile(r"[0-9a-f]{40}")
_BACKTICKS = re.compile(r"`+")


def load(path: Path) -> dict[str, Any]:
    """The preview data, or CouldNotRun when the file is missing, too large or not a preview."""
    try:
        raw = read_bytes(path, MAX_FILE)  # a regular file, never through a symlink
    except OSError as exc:
        raise CouldNotRun(f"can't read {path}: {exc.strerror}") from exc
    if len(raw) > MAX_FILE:
        raise CouldNotRun(f"{path} is larger than {MAX_FILE // 1024} KiB; not read")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise CouldNotRun(f"{path} is not a JSON preview: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CouldNotRun(f"{path} is not a preview of format {FORMAT}")
    return data


def number(data: dict[str, Any]) -> int:
    """The pull request number the data claims (to be checked against the API)."""
    value = data.get("number")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < MAX_NUMBER:
        raise CouldNotRun("the preview names no valid pull request number")
    return value


def _text(value: Any) -> str:
    """A string from the file, cut, with control and invisible characters made visible."""
    if not isinstance(value, str):
        return ""
    cut = value[:MAX_TEXT] + ("…" if len(value) > MAX_TEXT else "")
    return "\n".join(printable(line) for line in cut.splitlines())


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def code(value: Any) -> str:
    """An inline code span: inert (no mention, link, HTML or reference) and one line."""
    return markdown.code(_text(value))


def block(text: str, info: str = "") -> str:
    """A fenced code block that nothing inside can close."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def _entries(data: dict[str, Any]) -> list[str]:
    entries = [e for e in _items(data, "entries") if e.get("change") in CHANGES]
    counts = {change: sum(e["change"] == change for e in entries) for change in CHANGES}
    if not entries:
        return ["This pull request changes no entry."]
    parts = [
        "This pull request "
        + ", ".join(
            f"{verb} {_plural(counts[change], 'entry', 'entries')}"
            for change, verb in (("added", "adds"), ("changed", "changes"), ("removed", "removes"))
            if counts[change]
        )
        + "."
    ]
    for entry in entries:
        heading = f"#### {entry['change'].capitalize()} {code(entry.get('path'))}"
        given = entry.get("lines")
        lines = (
            [_text(line) for line in given if isinstance(line, str)]
            if isinstance(given, list)
            else []
        )
        if entry["change"] == "removed":
            parts.append(heading)
        elif lines:
            shown = "\n".join("> " + inline.rebuild(line) for line in lines)
            parts += [heading, "How it reads in the README:", shown, "Its Markdown:"]
            parts.append(block("\n".join(lines), "markdown"))
        else:
            parts += [heading, "It does not show in the README (see the problems below)."]
    return parts


def _problems(data: dict[str, Any]) -> list[str]:
    problems = _items(data, "problems")
    if not problems:
        return ["#### `listsmith check`", "No problems."]
    rows = []
    for problem in problems:
        level = problem.get("level") if problem.get("level") in LEVELS else "error"
        line = problem.get("line")
        line = line if isinstance(line, int) and not isinstance(line, bool) else 1
        where = code(f"{_text(problem.get('path'))}:{line}")
        rows.append(
            f"- **{level}** {where} {code(problem.get('message'))} {code(problem.get('rule'))}"
        )
    errors = sum(p.get("level") == "error" for p in problems)
    head = f"#### `listsmith check`: {_plural(errors, 'error')}, " + _plural(
        len(problems) - errors, "warning"
    )
    return [head, "\n".join(rows)]


def _links(data: dict[str, Any]) -> list[str]:
    links = _items(data, "links")
    if not links:
        return ["#### Links", "No link was added or changed."]
    rows = ["| status | URL | detail |", "| --- | --- | --- |"]
    for link in links:
        detail = _text(link.get("detail"))
        if isinstance(link.get("new_url"), str):
            detail = f"{detail} (now {_text(link['new_url'])})".strip()
        status, url = (
            markdown.cell(_text(link.get("status"))),
            markdown.cell(_text(link.get("url"))),
        )
        rows.append(f"| {status} | {url} | {markdown.cell(detail) if detail else ''} |")
    return ["#### Links this pull request adds or changes", "\n".join(rows)]


def _diff(data: dict[str, Any], room: int) -> list[str]:
    diff = data.get("diff") if isinstance(data.get("diff"), str) else ""
    if not diff:
        return ["README.md does not change."]
    lines = [printable(line) for line in diff.splitlines()]
    cut = bool(data.get("diff_cut"))
    while lines and len("\n".join(lines)) + 200 > room:
        lines = lines[: len(lines) * 3 // 4]
        cut = True
    note = "\n\nThe diff is cut short here." if cut else ""
    return [
        "<details><summary>README.md after this pull request</summary>",
        block("\n".join(lines), "diff") + note,
        "</details>",
    ]


def body(data: dict[str, Any]) -> str:
    """The comment's Markdown: the marker, then entries, problems, links and the diff."""
    sha = data.get("head_sha")
    at = f" at {code(sha[:12])}" if isinstance(sha, str) and _SHA.fullmatch(sha) else ""
    parts = [MARKER, f"### Preview of this pull request{at}"]
    parts += _entries(data) + _problems(data) + _links(data)
    parts.append(
        "README.md is regenerated from `resources/` after the merge; this preview is updated "
        "on every push."
    )
    text = "\n\n".join(parts)
    if len(text) > MAX_BODY - 1_000:  # entries and problems alone too long: keep the head
        text = text[: MAX_BODY - 1_000]
        text = text[: text.rfind("\n\n")] + "\n\n(The preview is cut short here.)"
        return text + "\n"
    return "\n\n".join([text, *_diff(data, MAX_BODY - len(text))]) + "\n"


def write_payload(data: dict[str, Any], payload: Path) -> int:
    """The API request's JSON (``{"body": ...}``) in ``payload``; returns the number the
    data claims, which the caller checks against the API."""
    claimed = number(data)
    payload.write_text(json.dumps({"body": body(data)}), encoding="utf-8")
    return claimed

"""The one place problems are turned into text: for people, for GitHub, for machines."""

from __future__ import annotations

import json
import os
import re
from typing import TextIO

from listsmith import markdown
from listsmith.problems import Level, Problem

FORMATS = ("text", "json")


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def summary(problems: list[Problem], files: int) -> dict[str, int]:
    return {
        "errors": sum(p.level is Level.ERROR for p in problems),
        "warnings": sum(p.level is Level.WARNING for p in problems),
        "notes": sum(p.level is Level.NOTE for p in problems),
        "files": files,
    }


_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def printable(text: str) -> str:
    """Outside text made safe to print on one line of a terminal or a CI log.

    Messages quote what files and servers hold. A line break in such text
    could start a line of its own, which GitHub Actions reads as a workflow
    command (``::error::``, ``::add-mask::``); ESC starts terminal escape
    sequences; a right-to-left override reverses what follows. Each becomes a
    visible ``\\uXXXX`` instead.
    """
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(data: object) -> str:
    """``data`` as indented JSON that is safe on a terminal, with non-ASCII text kept.

    JSON escapes C0 controls itself but not DEL, the C1 controls or bidi
    overrides; each is written as the JSON escape printable() makes, so a JSON
    reader gets the same strings. Lines are escaped one by one, which leaves
    the indentation's line breaks alone (a string holds none unescaped).
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return "\n".join(printable(row) for row in text.split("\n"))


def line(problem: Problem) -> str:
    """``path:line:col: level: message [rule]``, the format editors and CI logs link up."""
    return printable(
        f"{problem.path}:{problem.line}:{problem.col}: {problem.level.value}: "
        f"{problem.message} [{problem.rule}]"
    )


def _escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that pins the problem to the PR diff."""
    props = ",".join(
        (
            f"file={_escape_property(problem.path)}",
            f"line={problem.line}",
            f"col={problem.col}",
            f"title={_escape_property('listsmith ' + problem.rule)}",
        )
    )
    command = _COMMANDS.get(problem.level, problem.level.value)
    return f"::{command} {props}::{_escape_data(problem.message)}"


_COMMANDS = {Level.NOTE: "notice"}
"""GitHub's workflow command for a level, where its name differs from ours."""


MAX_SUMMARY_ROWS = 50


def markdown_summary(problems: list[Problem], files: int, command: str) -> str:
    """A short Markdown report for a GitHub job summary."""
    counts = summary(problems, files)
    if not problems:
        return f"### listsmith {command}: no problems in {_plural(files, 'file')}\n\n"
    lines = [
        f"### listsmith {command}: {_counts(counts)}",
        "",
        "| where | level | problem | rule |",
        "| --- | --- | --- | --- |",
    ]
    # Errors and warnings first: a baselined list's notes must not push them off the table.
    for p in sorted(problems, key=lambda p: p.level is Level.NOTE)[:MAX_SUMMARY_ROWS]:
        lines.append(
            f"| {markdown.cell(f'{p.path}:{p.line}:{p.col}')} | {p.level.value} | "
            f"{markdown.cell(p.message)} | `{p.rule}` |"
        )
    if len(problems) > MAX_SUMMARY_ROWS:
        lines.append(f"\nand {len(problems) - MAX_SUMMARY_ROWS} more; see the job log.")
    return "\n".join(lines) + "\n\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(counts: dict[str, int]) -> str:
    """ "2 errors, 1 warning", and the notes only when there are some (a baselined list)."""
    text = f"{_plural(counts['errors'], 'error')}, {_plural(counts['warnings'], 'warning')}"
    notes = counts["notes"]
    return text + (f", {_plural(notes, 'baselined note')}" if notes else "")


def emit(problems: list[Problem], files: int, fmt: str, out: TextIO) -> None:
    """Write every problem and a summary; ``files`` is how many files were checked."""
    counts = summary(problems, files)
    if fmt == "json":
        json.dump(
            {
                "problems": [
                    {
                        "path": p.path,
                        "line": p.line,
                        "col": p.col,
                        "level": p.level.value,
                        "message": p.message,
                        "rule": p.rule,
                    }
                    for p in problems
                ],
                "summary": counts,
            },
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
        return
    render_one = annotation if in_github_actions() else line
    for problem in problems:
        out.write(render_one(problem) + "\n")
    if problems:
        out.write(f"{_counts(counts)} in {_plural(files, 'file')}\n")
    else:
        out.write(f"no problems in {_plural(files, 'file')}\n")

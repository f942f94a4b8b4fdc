"""The one place problems are turned into text: for people, for GitHub, for machines.

A format is a reporter, a function writing one :class:`Report` to a stream,
and one line in :data:`REPORTERS` (check-jsonschema's layout): ``--format``
offers exactly what the registry holds.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from listsmith import markdown
from listsmith.problems import Level, Problem


@dataclass(frozen=True)
class Report:
    """What one command found, ready to be written in any format."""

    problems: list[Problem]
    files: int | None
    """How many files were checked, for the closing count; None: the command counts
    something else and says so itself (``import``)."""
    command: str


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def default_format() -> str:
    """``github`` inside GitHub Actions (annotations pin problems to the diff), else ``text``.
    An explicit ``--format`` always wins."""
    return "github" if in_github_actions() else "text"


def summary(problems: list[Problem], files: int) -> dict[str, int]:
    return {
        "errors": sum(p.level is Level.ERROR for p in problems),
        "warnings": sum(p.level is Level.WARNING for p in problems),
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
    return f"::{problem.level.value} {props}::{_escape_data(problem.message)}"


MAX_SUMMARY_ROWS = 50


def markdown_summary(problems: list[Problem], files: int | None, command: str) -> str:
    """A short Markdown report for a GitHub job summary."""
    counts = summary(problems, files or 0)
    if not problems:
        checked = f" in {_plural(files, 'file')}" if files is not None else ""
        return f"### listsmith {command}: no problems{checked}\n\n"
    lines = [
        f"### listsmith {command}: {_plural(counts['errors'], 'error')}, "
        f"{_plural(counts['warnings'], 'warning')}",
        "",
        "| where | level | problem | rule |",
        "| --- | --- | --- | --- |",
    ]
    for p in problems[:MAX_SUMMARY_ROWS]:
        lines.append(
            f"| {markdown.cell(f'{p.path}:{p.line}:{p.col}')} | {p.level.value} | "
            f"{markdown.cell(p.message)} | `{p.rule}` |"
        )
    if len(problems) > MAX_SUMMARY_ROWS:
        lines.append(f"\nand {len(problems) - MAX_SUMMARY_ROWS} more; see the job log.")
    return "\n".join(lines) + "\n\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def as_dict(problem: Problem) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.col,
        "level": problem.level.value,
        "message": problem.message,
        "rule": problem.rule,
    }


def _counts(report: Report, out: TextIO) -> None:
    if report.files is None:
        return
    counts = summary(report.problems, report.files)
    if report.problems:
        out.write(
            f"{_plural(counts['errors'], 'error')}, {_plural(counts['warnings'], 'warning')}"
            f" in {_plural(report.files, 'file')}\n"
        )
    else:
        out.write(f"no problems in {_plural(report.files, 'file')}\n")


def write_text(report: Report, out: TextIO) -> None:
    """One ``path:line:col: level: message [rule]`` line a problem, then the count."""
    for problem in report.problems:
        out.write(line(problem) + "\n")
    _counts(report, out)


def write_github(report: Report, out: TextIO) -> None:
    """One workflow command a problem (an annotation on the pull request), then the count."""
    for problem in report.problems:
        out.write(annotation(problem) + "\n")
    _counts(report, out)


def write_json(report: Report, out: TextIO) -> None:
    """Every problem and the counts, as one JSON document."""
    document: dict[str, Any] = {"problems": [as_dict(p) for p in report.problems]}
    if report.files is not None:
        document["summary"] = summary(report.problems, report.files)
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_markdown(report: Report, out: TextIO) -> None:
    """The Markdown job summary (what ``--summary FILE`` appends), on the stream."""
    out.write(markdown_summary(report.problems, report.files, report.command))


Reporter = Callable[[Report, TextIO], None]
REPORTERS: dict[str, Reporter] = {
    "text": write_text,
    "github": write_github,
    "json": write_json,
    "markdown": write_markdown,
}
FORMATS = tuple(REPORTERS)


def emit(report: Report, fmt: str, out: TextIO) -> None:
    """Write ``report`` in the format named ``fmt`` (a key of :data:`REPORTERS`)."""
    REPORTERS[fmt](report, out)

"""The one place problems are turned into text: for people, for GitHub, for machines."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from listsmith import markdown
from listsmith.problems import Level, Problem

FORMATS = ("text", "json")


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


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


_OURS: set[str] = set()
"""Every workflow command ``annotation`` made this run: the only lines that may reach the
runner as commands (see ``Commandless``)."""


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
    command = f"::{problem.level.value} {props}::{_escape_data(problem.message)}"
    _OURS.add(command)
    return command


_SEPARATORS = re.compile(r"([\r\n])")


class Commandless:
    """A text stream that prints no workflow command but ours.

    GitHub's runner obeys any output line that starts with ``::`` once leading
    whitespace is trimmed: ``::add-mask::``, ``::error::``, ``::stop-commands::``.
    Servers, files and diffs put text in our output (a status line, a README
    line in ``check``'s diff) and may indent it, so no call site can be trusted
    to catch every case. Whatever the command prints goes through here: a line
    that would read as a command, and is not one ``annotation`` made, gets its
    first colon written as ``\\u003a``. Lines are judged whole, across writes;
    a line is held back only while it could still become a command.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._held = ""  # the start of the current line, while it may become a command
        self._plain = False  # the current line is known not to be one

    def write(self, text: str) -> int:
        out: list[str] = []
        for piece in _SEPARATORS.split(text):
            if piece in ("\r", "\n"):
                out += [self._release(), piece]
            elif self._plain:
                out.append(piece)
            else:
                self._held += piece
                lead = self._held.lstrip()
                if lead not in ("", ":") and not lead.startswith("::"):
                    out.append(self._held)
                    self._held, self._plain = "", True
        self._stream.write("".join(out))
        return len(text)

    def _release(self) -> str:
        """What is held of the line that just ended, made harmless if need be."""
        held = self._held
        self._held, self._plain = "", False
        if held.lstrip().startswith("::") and held not in _OURS:
            at = held.index(":")
            return held[:at] + "\\u003a" + held[at + 1 :]
        return held

    def close_line(self) -> None:
        """Print what is held of an unfinished last line."""
        self._stream.write(self._release())

    def writelines(self, lines: Iterable[str]) -> None:
        for text in lines:
            self.write(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding...
        return getattr(self._stream, name)


@contextlib.contextmanager
def commandless() -> Iterator[None]:
    """stdout and stderr through ``Commandless`` for as long as the block runs."""
    saved = sys.stdout, sys.stderr
    out, err = Commandless(sys.stdout), Commandless(sys.stderr)
    sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        for stream in (out, err):
            with contextlib.suppress(BrokenPipeError):  # `listsmith dupes | head`
                stream.close_line()


MAX_SUMMARY_ROWS = 50


def markdown_summary(problems: list[Problem], files: int, command: str) -> str:
    """A short Markdown report for a GitHub job summary."""
    counts = summary(problems, files)
    if not problems:
        return f"### listsmith {command}: no problems in {_plural(files, 'file')}\n\n"
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
        out.write(
            f"{_plural(counts['errors'], 'error')}, {_plural(counts['warnings'], 'warning')}"
            f" in {_plural(files, 'file')}\n"
        )
    else:
        out.write(f"no problems in {_plural(files, 'file')}\n")

"""The one place problems are turned into text: for people, for GitHub, for machines.

A format is a reporter, a function writing one :class:`Report` to a stream,
and one line in :data:`REPORTERS` (check-jsonschema's layout): ``--format``
offers exactly what the registry holds.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
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


_COMPACT = json.JSONEncoder(ensure_ascii=False).encode
"""One value as JSON on one line. Without ``indent`` the json module uses its C encoder;
with it, its pure-Python one (saving a 2,000-link history took 27 ms with it, 8 without)."""


def json_records(data: dict[str, Any]) -> str:
    """``data`` (an object with text keys, as are its mappings') as JSON with one
    top-level key, and then one item of each of its lists and mappings, a line: a diff
    of a history or a report shows what changed record by record, and every line is
    written by the C encoder."""
    fields = [f"  {_COMPACT(key)}: {_json_block(value)}" for key, value in data.items()]
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _json_block(value: Any) -> str:
    """A list or mapping with one item a line (indented under its key), else one line."""
    if isinstance(value, dict) and value:
        rows = [f"    {_COMPACT(key)}: {_COMPACT(item)}" for key, item in value.items()]
        return "{\n" + ",\n".join(rows) + "\n  }"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(f"    {_COMPACT(item)}" for item in value) + "\n  ]"
    return _COMPACT(value)


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
    command = _COMMANDS.get(problem.level, problem.level.value)
    annotation = f"::{command} {props}::{_escape_data(problem.message)}"
    _OURS.add(annotation)
    return annotation


_COMMANDS = {Level.NOTE: "notice"}
"""GitHub's workflow command for a level, where its name differs from ours."""


_SEPARATOR = re.compile(r"[\r\n]")
_LINES = re.compile(r"([^\r\n]*)([\r\n]?)")


def _harmless(line: str) -> str:
    """``line``, unless it would be read as a workflow command that is not ours: then
    with its first colon shown as ``\\u003a``."""
    if ":" not in line or not line.lstrip().startswith("::") or line in _OURS:
        return line
    at = line.index(":")
    return line[:at] + "\\u003a" + line[at + 1 :]


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
        size = len(text)
        if self._held:
            text, self._held = self._held + text, ""
        elif "::" not in text:
            self._write_plain(text)  # no line of it can be a command
            return size
        out: list[str] = []
        if self._plain:  # the line under way is known to be plain: up to its end, as is
            end = _SEPARATOR.search(text)
            if end is None:
                self._stream.write(text)
                return size
            out.append(text[: end.start()])
            text, self._plain = text[end.start() :], False
        for match in _LINES.finditer(text):
            body, separator = match.groups()
            if separator:
                out += [_harmless(body), separator]
            elif not body:
                continue  # the empty match at the end
            elif body.lstrip() in ("", ":") or body.lstrip().startswith("::"):
                self._held = body  # it may yet become a command: wait for its end
            else:
                out.append(body)
                self._plain = True
        self._stream.write("".join(out))
        return size

    def _write_plain(self, text: str) -> None:
        """``text`` without "::", nothing held: only the start of a line that may still
        become a command (blank, or blank and one colon) is held back."""
        cut = max(text.rfind("\n"), text.rfind("\r")) + 1
        tail = text[cut:]
        if cut:
            self._plain = False
        if not self._plain and tail and tail.lstrip() in ("", ":"):
            self._held = tail
            text = text[:cut]
        elif tail:
            self._plain = True
        self._stream.write(text)

    def close_line(self) -> None:
        """Print what is held of an unfinished last line."""
        held, self._held, self._plain = self._held, "", False
        self._stream.write(_harmless(held))

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


def markdown_summary(problems: list[Problem], files: int | None, command: str) -> str:
    """A short Markdown report for a GitHub job summary."""
    counts = summary(problems, files or 0)
    if not problems:
        checked = f" in {_plural(files, 'file')}" if files is not None else ""
        return f"### listsmith {command}: no problems{checked}\n\n"
    lines = [
        f"### listsmith {command}: {_count_text(counts)}",
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


def _count_text(counts: dict[str, int]) -> str:
    """ "2 errors, 1 warning", and the notes only when there are some (a baselined list)."""
    text = f"{_plural(counts['errors'], 'error')}, {_plural(counts['warnings'], 'warning')}"
    notes = counts["notes"]
    return text + (f", {_plural(notes, 'baselined note')}" if notes else "")


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
    if report.problems:
        counts = summary(report.problems, report.files)
        out.write(f"{_count_text(counts)} in {_plural(report.files, 'file')}\n")
    else:
        out.write(f"no problems in {_plural(report.files, 'file')}\n")


def write_text(report: Report, out: TextIO) -> None:
    """One ``path:line:col: level: message [rule]`` line a problem, then the count. A
    baselined list's notes come first (awesome-vue has 510): the errors and warnings a
    change brings are then the last lines above the count, where a terminal shows them."""
    for problem in sorted(report.problems, key=lambda p: p.level is not Level.NOTE):
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
    out.write(json_text(document) + "\n")


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

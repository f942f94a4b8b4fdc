"""What several commands share: the options they all take and how a run ends."""

from __future__ import annotations

import argparse
import atexit
import gc
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from listsmith import report
from listsmith.problems import Problem, has_errors
from listsmith.project import (
    HISTORY,
    CouldNotRun,
    Project,
    check_root,
    find_root,
    load_project,
)
from listsmith.report import printable

EXIT_OK, EXIT_PROBLEMS, EXIT_COULD_NOT_RUN = 0, 1, 2


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for one batch command (or one batch part of
    ``links``), as it was afterwards.

    A loaded list, a README's tokens and an import's data are millions of objects
    without cycles, which each collection walks again: with the collector on,
    ``check`` on 10,000 entries spends ~1.5 s more CPU (of ~4). Reference counting
    still frees them; a batch run's few cycles wait for the process to end.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything the run made is still in the youngest generation, so the first
        # collection after this would walk all of it (0.3 s after `check` on 10,000
        # entries). Freezing and unfreezing moves it to the oldest generation in one step.
        gc.freeze()
        gc.unfreeze()
        if was:
            gc.enable()


@contextmanager
def collector_relaxed(threshold: int = 5_000) -> Iterator[None]:
    """The cyclic garbage collector on, but run less often, for the link check's network
    part: as it was afterwards.

    The event loop makes a few cycles a request (exceptions with their tracebacks,
    futures), and one that holds a connection must be freed before a long run runs out
    of sockets, so the collector stays on. At Python's default (a collection every 700
    new objects) it ran 181 young and 16 middle collections and a full one over 2,000
    links, walking the HTTP stack's and the list's objects each time, for 1,858 objects
    freed: 90 ms of a 3.4 s run (measured with aiohttp, the HTTP stack then). Every
    5,000 it frees as much in a third of the collections.
    """
    old = gc.get_threshold()
    gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def leave_to_the_process_exit() -> None:
    """Have the interpreter's exit leave what the run made to the operating system.

    At exit CPython runs full collections that walk every object still alive, the
    loaded list, its node trees and results among them: 13 ms of a 2,000-link
    ``links`` run's 0.3 s. Nothing of ours waits on them: a command writes and closes
    its files before it returns, and stdout is flushed before they run. Freezing
    everything at exit (an atexit hook, so a caller of :func:`main` in the same
    process, a test, is left alone until its own exit) skips those walks; reference
    counting still tears down what it tears down now.
    """
    atexit.unregister(gc.freeze)  # one hook, however often main() runs in a process
    atexit.register(gc.freeze)


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help="the list's folder (default: the nearest one at or above the current "
        "directory holding resources/ and schema.json)",
    )


def add_base(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base",
        metavar="REF",
        help="trust settings only as committed at this git ref (a pull request's base): "
        "settings that decide what runs, where requests and tokens go and what the "
        "private-address guard allows are read from there, and a change to them is reported",
    )


def add_report(parser: argparse.ArgumentParser, formats: tuple[str, ...] = report.FORMATS) -> None:
    """--format and --summary, for commands that report problems."""
    parser.add_argument(
        "--format",
        choices=formats,
        default=report.default_format(),
        help="text for people, github for annotations on a pull request (the default when "
        "GITHUB_ACTIONS=true), json for machines, markdown for a job summary",
    )
    parser.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help="also append a Markdown summary to FILE (in GitHub Actions: $GITHUB_STEP_SUMMARY)",
    )


def add_list_options(parser: argparse.ArgumentParser, history: bool = True) -> None:
    """What the commands that judge a list share: --root, --base, --format, --summary and,
    for those that read the duplicate rules' redirects, --history."""
    add_root(parser)
    add_base(parser)
    add_report(parser)
    if history:
        add_history(parser)


def add_history(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help=f"link-check history to learn redirects from (default: {HISTORY}; "
        "skipped when absent)",
    )


def project(args: argparse.Namespace) -> Project:
    root = check_root(args.root) if args.root else find_root()
    return load_project(root, getattr(args, "base", None))


def final_urls(project: Project, args: argparse.Namespace) -> tuple[dict[str, str], list[Problem]]:
    """Where URLs end after redirects, from the link history, for the duplicate rules."""
    from listsmith.links import history

    return history.final_urls(project.root, args.history)


def files(project: Project) -> int:
    return len(project.entries) + len(project.strays) + 1


def finish(project: Project, problems: list[Problem], args: argparse.Namespace) -> int:
    """Report every problem; exit 1 when any is an error."""
    found = report.Report(problems, files(project), args.command)
    report.emit(found, args.format, sys.stdout)
    if args.summary:
        append_summary(found, args.summary)
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def append_summary(found: report.Report, path: Path) -> None:
    """Append the Markdown summary to ``path`` (``$GITHUB_STEP_SUMMARY`` in Actions)."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            report.write_markdown(found, handle)
    except OSError as exc:
        raise CouldNotRun(f"can't write the summary to {path}: {exc.strerror}") from exc


def tell_notes(readme: str, notes: Iterable[tuple[int, str]]) -> None:
    """What an import changed in ``readme`` that loses nothing, each at its line."""
    for line, note in notes:
        print(printable(f"{readme}:{line}: {note}"), file=sys.stderr)

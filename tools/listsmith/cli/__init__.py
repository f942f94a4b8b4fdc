"""The ``listsmith`` command: parse arguments, hand off to one command module, exit.

Each command is a module of this package declaring ``NAME``, ``HELP``
(optionally ``DESCRIPTION``), ``add_arguments(parser)`` and ``run(args)``;
adding one is a module and a line in ``COMMANDS``. A command that runs long and
makes reference cycles as it goes (the link check's event loop) declares
``CYCLIC_GC = True`` and pauses the cyclic garbage collector only around its batch
parts (and runs it less often while it checks); for the others the entry point pauses
it for the whole run. :mod:`listsmith.cli.common` holds every setting of the process's
collector (``collector_paused``, ``collector_relaxed``, ``leave_to_the_process_exit``):
a library call never changes it. Commands import the
library modules they use when they run: ``links`` need not load jsonschema and
jinja2, nor ``check`` pycurl.

Exit codes everywhere: 0 clean (warnings allowed), 1 problems found, 2 could
not run (no list, bad arguments, unreadable schema or template).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from types import ModuleType

from listsmith import __version__, report
from listsmith.cli import (
    baseline,
    check,
    dupes,
    import_,
    init,
    links,
    new,
    preview,
    render,
    validate,
)
from listsmith.cli.common import (
    EXIT_COULD_NOT_RUN,
    EXIT_PROBLEMS,
    collector_paused,
    leave_to_the_process_exit,
)
from listsmith.errors import Refused
from listsmith.project import CouldNotRun
from listsmith.report import line, printable

COMMANDS: tuple[ModuleType, ...] = (
    validate,
    render,
    dupes,
    check,
    baseline,
    links,
    new,
    init,
    import_,
    preview,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="listsmith", description="Keep a curated, awesome-style list alive."
    )
    parser.add_argument("--version", action="version", version=f"listsmith {__version__}")
    _add_traceback(parser, False)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        parser_ = sub.add_parser(
            command.NAME,
            help=command.HELP,
            description=getattr(command, "DESCRIPTION", command.HELP),
        )
        command.add_arguments(parser_)
        _add_traceback(parser_, argparse.SUPPRESS)
        parser_.set_defaults(run=command.run, command_module=command)
    return parser


def _add_traceback(parser: argparse.ArgumentParser, default: object) -> None:
    """--traceback before the command or after it (the command's copy leaves the
    top-level value alone unless given)."""
    parser.add_argument(
        "--traceback",
        action="store_true",
        default=default,
        help="on an internal error, show its full traceback (to report a bug)",
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    leave_to_the_process_exit()
    # Whatever a command prints, no line of it becomes a workflow command but ours.
    with report.commandless():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if getattr(args.command_module, "CYCLIC_GC", False):
            return args.run(args)
        with collector_paused():
            return args.run(args)
    except Refused as exc:
        print(line(exc.problem), file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    except CouldNotRun as exc:
        print(printable(f"listsmith: error: {exc}"), file=sys.stderr)
        return EXIT_COULD_NOT_RUN
    except BrokenPipeError:
        # `listsmith dupes | head`: the reader has all it wants. Point stdout at
        # /dev/null so the interpreter's final flush can't raise again, and stop.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except Exception as exc:  # a bug of ours: one line unless asked, and never "problems found"
        if args.traceback:
            traceback.print_exception(exc, file=sys.stderr)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        rerun = "" if args.traceback else "; --traceback shows where it came from"
        print(
            printable(
                f"listsmith: internal error: {type(exc).__name__}: {exc} "
                f"(at {Path(where.filename).name}:{where.lineno}; please report it{rerun})"
            ),
            file=sys.stderr,
        )
        return EXIT_COULD_NOT_RUN

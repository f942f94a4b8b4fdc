"""The ``listsmith`` command: parse arguments, hand off to one command module, exit.

Each command is a module of this package declaring ``NAME``, ``HELP``
(optionally ``DESCRIPTION``), ``add_arguments(parser)`` and ``run(args)``;
adding one is a module and a line in ``COMMANDS``. Commands import the
library modules they use when they run: ``links`` need not load jsonschema and
jinja2, nor ``check`` requests and urllib3.

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
from listsmith.cli.common import EXIT_COULD_NOT_RUN, EXIT_PROBLEMS
from listsmith.project import CouldNotRun, Refused
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
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        parser_ = sub.add_parser(
            command.NAME,
            help=command.HELP,
            description=getattr(command, "DESCRIPTION", command.HELP),
        )
        command.add_arguments(parser_)
        parser_.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Whatever a command prints, no line of it becomes a workflow command but ours.
    with report.commandless():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
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
    except Exception as exc:  # a bug of ours: still one line, and never "problems found"
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(
            printable(
                f"listsmith: internal error: {type(exc).__name__}: {exc} "
                f"(at {Path(where.filename).name}:{where.lineno}; please report it)"
            ),
            file=sys.stderr,
        )
        return EXIT_COULD_NOT_RUN

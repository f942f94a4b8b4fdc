"""``listsmith check``: the offline CI gate, everything judged without the network."""

from __future__ import annotations

import argparse
import sys

from listsmith.cli import common

NAME = "check"
HELP = "the offline CI gate: validate, find duplicates, check generated files are in sync"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_list_options(parser)
    parser.add_argument(
        "--no-sync",
        action="store_true",
        help="don't require README.md and CONTRIBUTING.md's generated blocks to "
        "match the data (for lists whose CI regenerates them)",
    )


def run(args: argparse.Namespace) -> int:
    from listsmith import problem_ids
    from listsmith.cli.render import out_of_sync
    from listsmith.validate import validate

    project = common.project(args)
    final, problems = common.final_urls(project, args)
    problems = sorted(problems + validate(project, final_urls=final))
    compared = not args.no_sync and not problem_ids.blocking(problems)
    if compared:
        problems += out_of_sync(project, args.format)
    code = common.finish(project, problems, args)
    if not compared and not args.no_sync:
        print("generated files not compared: fix the errors above first", file=sys.stderr)
    return code

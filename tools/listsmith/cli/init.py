"""``listsmith init``: start a new list in an empty folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from listsmith import SCAFFOLD_INSTALL
from listsmith.cli import common

NAME = "init"
HELP = "start a new list in an empty folder"
DESCRIPTION = (
    "Start a new list in an empty folder: schema, index, an example entry, workflows and "
    "CONTRIBUTING.md."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="where to create the list")
    parser.add_argument(
        "--title", help="the list's title (default: the folder's name in title case)"
    )
    parser.add_argument(
        "--install",
        default=SCAFFOLD_INSTALL,
        help=f"how the workflows install listsmith (default: {SCAFFOLD_INSTALL!r})",
    )


def run(args: argparse.Namespace) -> int:
    from listsmith import init

    root = args.folder.resolve()
    title = args.title or root.name.replace("-", " ").replace("_", " ").title()
    for rel in init.init(root, title, args.install):
        print(f"created {rel}", file=sys.stderr)
    print(f"a new list is ready in {root}: run `listsmith check` there", file=sys.stderr)
    return common.EXIT_OK

"""The ``listsmith`` command: parse arguments, run the library, report, exit.

Exit codes everywhere: 0 clean (warnings allowed), 1 problems found, 2 could
not run (no list, bad arguments, unreadable schema or template).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from listsmith import __version__, dupes, linkcache, report
from listsmith.fsutil import atomic_write
from listsmith.problems import Level, Problem, has_errors
from listsmith.project import CouldNotRun, Project, check_root, find_root, load_project
from listsmith.render import README, diff, readme_path, render
from listsmith.validate import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_COULD_NOT_RUN = 0, 1, 2


def _project(args: argparse.Namespace) -> Project:
    return load_project(check_root(args.root) if args.root else find_root())


def _load(args: argparse.Namespace) -> tuple[Project, list[Problem]]:
    project = _project(args)
    return project, validate(project)


def _duplicates(project: Project, args: argparse.Namespace) -> list[Problem]:
    final, problems = linkcache.final_urls(project.root, args.history)
    return problems + dupes.find(project, final)


def _files(project: Project) -> int:
    return len(project.entries) + len(project.strays) + 1


def _finish(project: Project, problems: list[Problem], args: argparse.Namespace) -> int:
    report.emit(problems, _files(project), args.format, sys.stdout)
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def _readme_in_sync(project: Project, args: argparse.Namespace) -> list[Problem]:
    """Compare the README on disk with a fresh render; print the diff when stale."""
    rendered = render(project).encode("utf-8")
    path = readme_path(project)
    current = path.read_bytes() if path.exists() else b""
    if current == rendered:
        return []
    if args.format == "text":
        sys.stdout.write(diff(current.decode("utf-8", "replace"), rendered.decode("utf-8")))
    return [
        Problem(
            README,
            1,
            1,
            Level.ERROR,
            f"{README} is out of date with resources/; run `listsmith render`",
            "readme-sync",
        )
    ]


def cmd_validate(args: argparse.Namespace) -> int:
    project, problems = _load(args)
    return _finish(project, problems, args)


def cmd_render(args: argparse.Namespace) -> int:
    project, problems = _load(args)
    if has_errors(problems):
        code = _finish(project, problems, args)
        print(f"{README} left unchanged: fix the errors above first", file=sys.stderr)
        return code
    if args.check:
        return _finish(project, problems + _readme_in_sync(project, args), args)
    rendered = render(project).encode("utf-8")
    path = readme_path(project)
    if path.exists() and path.read_bytes() == rendered:
        print(f"{README} is up to date", file=sys.stderr)
    else:
        atomic_write(path, rendered)
        print(f"wrote {README} ({len(project.entries)} entries)", file=sys.stderr)
    return _finish(project, problems, args)


def cmd_dupes(args: argparse.Namespace) -> int:
    project = _project(args)
    return _finish(project, sorted(project.problems + _duplicates(project, args)), args)


def cmd_check(args: argparse.Namespace) -> int:
    """The offline CI gate: everything that can be judged without the network."""
    project, problems = _load(args)
    problems = sorted(problems + _duplicates(project, args))
    if has_errors(problems):
        print(f"{README} sync not checked: fix the errors above first", file=sys.stderr)
    else:
        problems += _readme_in_sync(project, args)
    return _finish(project, problems, args)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        metavar="DIR",
        help="the list's folder (default: the nearest one at or above the "
        "current directory holding resources/ and schema.json)",
    )
    common.add_argument(
        "--format",
        choices=report.FORMATS,
        default="text",
        help="text for people (GitHub annotations when GITHUB_ACTIONS=true), json for machines",
    )

    parser = argparse.ArgumentParser(
        prog="listsmith", description="Keep a curated, awesome-style list alive."
    )
    parser.add_argument("--version", action="version", version=f"listsmith {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str,
        func: Callable[[argparse.Namespace], int],
        help_: str,
        *extra: argparse.ArgumentParser,
    ) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, parents=[common, *extra], help=help_, description=help_)
        cmd.set_defaults(func=func)
        return cmd

    add("validate", cmd_validate, "check every entry and index.yaml against the schema and rules")
    render_cmd = add("render", cmd_render, "regenerate README.md from resources/")
    render_cmd.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff when README.md is stale",
    )
    history = argparse.ArgumentParser(add_help=False)
    history.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help="link-check history to learn redirects from "
        f"(default: {linkcache.DEFAULT_HISTORY}; skipped when absent)",
    )
    add("dupes", cmd_dupes, "find resources listed twice, by URL, redirect or title", history)
    add(
        "check",
        cmd_check,
        "the offline CI gate: validate, find duplicates, check README.md is in sync",
        history,
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CouldNotRun as exc:
        print(f"listsmith: error: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN

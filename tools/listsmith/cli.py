"""The ``listsmith`` command: parse arguments, run the library, report, exit.

Exit codes everywhere: 0 clean (warnings allowed), 1 problems found, 2 could
not run (no list, bad arguments, unreadable schema or template).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from listsmith import __version__, dupes, linkcache, report
from listsmith.fsutil import atomic_write
from listsmith.links import collector as links_collector
from listsmith.links import config as links_config
from listsmith.links import fix as links_fix
from listsmith.links import output as links_output
from listsmith.links import run as links_run
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


def cmd_links(args: argparse.Namespace) -> int:
    project = _project(args)
    options = links_config.from_index(project.index.data)
    for name in ("concurrency", "per_host", "interval", "timeout", "retries", "user_agent"):
        if getattr(args, name) is not None:
            setattr(options, name, getattr(args, name))
    options.allow_private = args.allow_private
    selection = links_run.Selection(
        changed_since=args.changed_since,
        shard=links_collector.parse_shard(args.shard) if args.shard else None,
        history=args.history,
        max_age=timedelta(days=args.max_age),
        progress=sys.stderr.isatty() and not os.environ.get("CI"),
    )
    results = links_run.check_links(project, options, selection)
    sys.stdout.write(links_output.render(results, args.format, args.fail_after))
    if args.fix_redirects:
        changed, skipped = links_fix.fix_redirects(project.root, results)
        for file in changed:
            print(f"rewrote redirected URLs in {file}", file=sys.stderr)
        for why in skipped:
            print(f"left unchanged, rewrite by hand: {why}", file=sys.stderr)
    rotten = any(links_output.rotten(r, args.fail_after) for r in results)
    return EXIT_PROBLEMS if rotten else EXIT_OK


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
    links_cmd = sub.add_parser(
        "links",
        help="check every URL for link rot (the network is needed)",
        description="Check every URL of the list; only broken links fail the run.",
    )
    links_cmd.set_defaults(func=cmd_links)
    links_cmd.add_argument("--root", type=Path, metavar="DIR", help="the list's folder")
    links_cmd.add_argument("--format", choices=links_output.FORMATS, default="text")
    links_cmd.add_argument(
        "--changed-since", metavar="REF", help="only URLs added or changed since this git ref"
    )
    links_cmd.add_argument("--shard", metavar="K/N", help="check only the K-th of N slices")
    links_cmd.add_argument(
        "--concurrency", type=int, metavar="N", help="requests in flight at once (default 32)"
    )
    links_cmd.add_argument(
        "--per-host", type=int, metavar="N", help="requests in flight per host (default 2)"
    )
    links_cmd.add_argument(
        "--interval",
        type=float,
        metavar="S",
        help="minimum seconds between requests to one host (default 0)",
    )
    links_cmd.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help="seconds to connect and per read (default 10); a whole "
        "exchange may take three times that",
    )
    links_cmd.add_argument(
        "--retries",
        type=int,
        metavar="N",
        help="retries for timeouts, resets, 429 and 5xx (default 2)",
    )
    links_cmd.add_argument("--user-agent", metavar="UA", help="default: a browser's")
    links_cmd.add_argument(
        "--allow-private",
        action="store_true",
        help="also check hosts on private, loopback or link-local addresses",
    )
    links_cmd.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help=f"JSON history kept across runs (dupes reads {linkcache.DEFAULT_HISTORY} by default)",
    )
    links_cmd.add_argument(
        "--fail-after",
        type=int,
        default=1,
        metavar="N",
        help="report a broken link as rot after N failing runs in a row",
    )
    links_cmd.add_argument(
        "--max-age",
        type=float,
        default=7,
        metavar="DAYS",
        help="trust a working verdict from the history this long (default 7)",
    )
    links_cmd.add_argument(
        "--fix-redirects",
        action="store_true",
        help="rewrite permanently redirected URLs in the YAML files",
    )

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

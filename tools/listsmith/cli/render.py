"""``listsmith render``: write every generated file, or with --check compare them.

It refuses only what it can't render faithfully: files that don't parse,
schema errors, settings errors and broken references (a section that isn't
declared, a parent or curated order naming nothing). A style finding is
``check``'s business, never a reason to keep the README stale.
"""

from __future__ import annotations

import argparse
import sys

from listsmith.cli import common
from listsmith.problems import Level, Problem

NAME = "render"
HELP = "regenerate README.md (and the list's other targets) from resources/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_list_options(parser, history=False)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff when a generated file is stale",
    )


def out_of_sync(project, fmt: str) -> list[Problem]:
    """Compare generated files with what the data gives; print the diff of stale ones."""
    from listsmith.render import diff, outputs

    problems = []
    for output in outputs(project):
        if not output.stale:
            continue
        current = (output.current or b"").decode("utf-8", "replace")
        if fmt in ("text", "github"):  # for people reading the terminal or the job log
            sys.stdout.write(diff(output.path, current, output.wanted.decode("utf-8")))
        problems.append(
            Problem(
                output.path,
                1,
                1,
                Level.ERROR,
                f"{output.path} is out of date with the data; run `listsmith render`",
                output.rule,
            )
        )
    return problems


def _style_errors(project, problems: list[Problem]) -> list[Problem]:
    """The rules' errors that ``check`` would fail on: a finding the baseline records is a
    note there, so it is not counted here either."""
    from listsmith import baseline, rules

    candidates = [p for p in problems if p.level is Level.ERROR and p.rule in rules.RULES]
    if not candidates:
        return []
    recorded, _ = baseline.read(project.root)
    judged, _ = baseline.apply(project.root, recorded, candidates)
    return [p for p in judged if p.level is Level.ERROR]


def run(args: argparse.Namespace) -> int:
    from listsmith import problem_ids
    from listsmith.render import outputs, write
    from listsmith.validate import validate

    project = common.project(args)
    problems = validate(project)
    blocking = problem_ids.blocking(problems)
    if blocking:
        common.finish(project, blocking, args)
        print("nothing written: fix the errors above first", file=sys.stderr)
        return common.EXIT_PROBLEMS
    if args.check:
        return common.finish(project, out_of_sync(project, args.format), args)
    for output in outputs(project):
        if output.stale:
            write(project, output)
            print(f"wrote {output.path}", file=sys.stderr)
        else:
            print(f"{output.path} is up to date", file=sys.stderr)
    shown = _style_errors(project, problems) if args.format == "text" else []
    if shown:
        # Not "no problems": the style errors are there, they just don't block rendering.
        print(
            f"rendered despite {len(shown)} style error(s); `listsmith check` lists them",
            file=sys.stderr,
        )
        return common.EXIT_OK
    return common.finish(project, [], args)

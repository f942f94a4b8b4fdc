"""``listsmith baseline``: record the list's findings, so check judges only what comes next."""

from __future__ import annotations

import argparse
import sys

from listsmith.cli import common

NAME = "baseline"
HELP = "record the list's current findings in listsmith-baseline.json (check shows them as notes)"
DESCRIPTION = (
    "Record every finding the list has now (descriptions without a full stop, a duplicate "
    "pair...) in listsmith-baseline.json, replacing what it held: `check` then reports them as "
    "notes and fails only on new ones. `init` does this when it imports a list. Errors that "
    "can't be put off (a file that can't be read, a broken setting, a README that couldn't "
    "show the list) are reported instead, and nothing is written until they are fixed."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_root(parser)
    common.add_report(parser)
    common.add_history(parser)


def run(args: argparse.Namespace) -> int:
    from listsmith import baseline
    from listsmith.problems import has_errors
    from listsmith.validate import validate

    project = common.project(args)
    final, problems = common.final_urls(project, args)
    problems += validate(project, final_urls=final)
    kept = [p for p in problems if not baseline.recordable(p)]
    if has_errors(kept):
        common.finish(project, kept, args)
        print(f"{baseline.FILE} not written: fix the errors above first", file=sys.stderr)
        return common.EXIT_PROBLEMS
    items = baseline.record(project.root, problems)
    baseline.write(project.root, items)
    print(f"recorded {len(items)} finding(s) in {baseline.FILE}", file=sys.stderr)
    return common.finish(project, kept, args)

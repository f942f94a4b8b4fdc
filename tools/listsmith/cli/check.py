"""``listsmith check``: the offline CI gate, everything judged without the network."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from listsmith.cli import common
from listsmith.problems import Level, Problem
from listsmith.project import CouldNotRun, Project

NAME = "check"
HELP = "the offline CI gate: validate, find duplicates, check generated files are in sync"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_list_options(parser)
    parser.add_argument(
        "--no-sync",
        action="store_true",
        help="don't require README.md and CONTRIBUTING.md's generated blocks to "
        "match the data (for lists whose CI regenerates them); with --base, one the "
        "change edits into something the data doesn't give is still an error",
    )
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="drop the findings listsmith-baseline.json records that no longer occur (it never "
        "adds any: `listsmith baseline` records the list's findings anew)",
    )


def run(args: argparse.Namespace) -> int:
    from listsmith import baseline, gate, gitref, problem_ids
    from listsmith.cli.render import out_of_sync

    if args.update_baseline and args.base:
        raise CouldNotRun("--update-baseline writes the working tree's baseline: drop --base")
    project = common.project(args)
    commit = gitref.resolve(project.root, args.base) if args.base else None
    judged = gate.judge(project, commit, args.history)
    problems = judged.problems
    if judged.stale and args.update_baseline and not judged.unreadable:
        kept = list((Counter(judged.recorded) - Counter(judged.stale)).elements())
        baseline.write(project.root, kept)
        print(f"dropped {len(judged.stale)} fixed finding(s) from {baseline.FILE}", file=sys.stderr)
    else:
        problems = judged.reported()
    compared = not args.no_sync and not problem_ids.blocking(problems)
    if compared:
        problems += out_of_sync(project, args.format)
    elif args.no_sync and commit is not None and not problem_ids.blocking(problems):
        problems += edited_by_hand(project, commit)
    code = common.finish(project, problems, args)
    if not compared and not args.no_sync:
        print("generated files not compared: fix the errors above first", file=sys.stderr)
    return code


def edited_by_hand(project: Project, commit: str) -> list[Problem]:
    """Generated files a pull request changes into something the data doesn't give.

    With ``--no-sync`` a pull request's README may lag its data (CI renders it after the
    merge), but one that edits README.md itself would pass, and the next render would
    undo the edit: its content lost. A file the change renders as the data gives is fine.
    """
    from listsmith import gitref
    from listsmith.render import outputs

    found = outputs(project)
    touched = gitref.changed(project.root, commit, *(o.path for o in found))
    return [
        Problem(
            o.path,
            1,
            1,
            Level.ERROR,
            f"{o.path} is generated from resources/: this change edits it by hand, and the next "
            "render would undo that; add or change a YAML file under resources/ instead "
            "(`listsmith new` writes one), or run `listsmith render` and commit what it writes",
            o.rule,
        )
        for o in found
        if o.stale and o.path in touched
    ]

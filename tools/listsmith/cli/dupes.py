"""``listsmith dupes``: only the duplicate rules."""

from __future__ import annotations

import argparse

from listsmith.cli import common

NAME = "dupes"
HELP = "find resources listed twice, by URL, redirect or title"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_list_options(parser)


def run(args: argparse.Namespace) -> int:
    from listsmith import rules

    project = common.project(args)
    final, problems = common.final_urls(project, args)
    problems += project.problems + rules.run(project, ("duplicates",), final)
    return common.finish(project, sorted(problems), args)

"""``listsmith validate``: the schema, the settings and the rules, over every file."""

from __future__ import annotations

import argparse

from listsmith.cli import common

NAME = "validate"
HELP = "check every entry, index.yaml and listsmith.yaml against the schema and rules"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_root(parser)
    common.add_base(parser)
    common.add_report(parser)
    common.add_history(parser)


def run(args: argparse.Namespace) -> int:
    from listsmith.validate import validate

    project = common.project(args)
    final, problems = common.final_urls(project, args)
    return common.finish(project, sorted(problems + validate(project, final_urls=final)), args)

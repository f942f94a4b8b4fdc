"""``listsmith validate``: the schema, the settings and the rules, over every file."""

from __future__ import annotations

import argparse

from listsmith.cli import common

NAME = "validate"
HELP = (
    "check every entry, index.yaml and listsmith.yaml against the schema and the rules "
    "(all but the duplicate search, which `dupes` and `check` run)"
)
KINDS = ("style", "reference", "maintenance")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_list_options(parser, history=False)


def run(args: argparse.Namespace) -> int:
    from listsmith.validate import validate

    project = common.project(args)
    return common.finish(project, validate(project, KINDS), args)

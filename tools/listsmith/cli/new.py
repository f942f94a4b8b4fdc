"""``listsmith new``: write one entry file (asks on a terminal for what is missing)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import yaml

from listsmith import report
from listsmith.cli import common
from listsmith.project import CouldNotRun

NAME = "new"
HELP = "write a new entry file (asks on a terminal for what is missing)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_root(parser)
    common.add_report(parser)
    parser.add_argument("--section", help="the section's folder path, like books or go/web")
    parser.add_argument("--title")
    parser.add_argument("--url")
    parser.add_argument("--description")
    parser.add_argument("--author", action="append", help="repeat for several authors")
    parser.add_argument("--topic", action="append", help="repeat for several topics")
    parser.add_argument("--tag", action="append", help="repeat for several tags")
    parser.add_argument("--level", help="beginner, intermediate or advanced")
    parser.add_argument("--paid", action="store_true", help="the resource is not free")
    parser.add_argument("--parent", help="the slug of the entry this one sits under")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="any other field of the list's schema (VALUE is read as YAML: true, 3, text, "
        "[a, b], or [{label: Source Code, url: https://...}])",
    )
    parser.add_argument("--slug", help="file name without .yaml (default: from the title)")


def _fields(args: argparse.Namespace, properties: dict[str, Any]) -> dict[str, object]:
    """The entry's fields as the flags give them; ``properties``: the schema's fields."""
    given: dict[str, object] = {}
    for name, value in (
        ("title", args.title),
        ("url", args.url),
        ("description", args.description),
        ("authors", args.author),
        ("topics", args.topic),
        ("tags", args.tag),
        ("level", args.level),
        ("parent", args.parent),
    ):
        if value:
            given[name] = value
    if args.paid:
        given["free"] = False
    for pair in args.set:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise CouldNotRun(f"--set takes FIELD=VALUE, not {pair!r}")
        given[name.strip()] = _value(raw, properties.get(name.strip()))
    return given


def _value(raw: str, declared: object) -> object:
    """A ``--set`` value: read as YAML (``links=[...]``, ``stars=12``), except for a field
    the schema declares as text, which stays the text typed (a table's ``--set https=Yes``
    is the word Yes, not YAML's true)."""
    if isinstance(declared, dict) and declared.get("type") == "string":
        return raw
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        return raw
    return value if _writable(value) else raw


_SCALAR = (str, int, float, bool)


def _writable(value: object) -> bool:
    """A value an entry file holds as the writer writes it: a scalar, a list of them, or
    a list of flat mappings (``links=[{label: Source Code, url: https://...}]``). Anything
    else (a date, a nested mapping) stays the text typed, for the schema to judge."""
    if isinstance(value, _SCALAR):
        return True
    if not isinstance(value, list) or not value:
        return False
    if all(isinstance(item, _SCALAR) for item in value):
        return True
    return all(
        isinstance(item, dict)
        and item
        and all(isinstance(k, str) and isinstance(v, _SCALAR) for k, v in item.items())
        for item in value
    )


def run(args: argparse.Namespace) -> int:
    from listsmith import newentry

    project = common.project(args)
    data = _fields(args, project.schema.get("properties", {}))
    draft = newentry.Draft(section=args.section or "", slug=args.slug or "", data=data)
    if sys.stdin.isatty():
        newentry.ask_missing(draft, project, input)
    written, problems = newentry.create(project, draft)
    found = report.Report(problems, 1, args.command)  # one file: the entry it writes
    report.emit(found, args.format, sys.stdout)
    if args.summary:
        common.append_summary(found, args.summary)
    if written is None:
        print("nothing written: fix the problems above and run it again", file=sys.stderr)
        return common.EXIT_PROBLEMS
    print(f"wrote {written}", file=sys.stderr)
    return common.EXIT_OK

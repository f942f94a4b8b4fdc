"""``listsmith import``: an awesome-style README.md becomes YAML entries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from listsmith import report
from listsmith.cli import common
from listsmith.problems import Level
from listsmith.report import json_text, printable

NAME = "import"
HELP = "turn an awesome-style README.md into YAML entries"
DESCRIPTION = (
    "Read a Markdown list and write resources/, schema.json and listsmith.yaml; every URL "
    "that is in no entry and no kept text is reported with its line and why."
)
FORMATS = ("text", "github", "json")
NOT_IMPORTED = "not-imported"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("readme", type=Path, help="the README.md to import")
    parser.add_argument(
        "--into", type=Path, default=Path("."), help="the list's folder (default: the current one)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace resources/, schema.json and listsmith.yaml if the folder has them",
    )
    parser.add_argument(
        "--no-dates",
        dest="dates",
        action="store_false",
        help="don't date entries (added) from the README's git history",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=report.default_format(),
        help="text for people, github for annotations (the default when GITHUB_ACTIONS=true), "
        "json for machines: what was written and every URL not imported",
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def run(args: argparse.Namespace) -> int:
    from listsmith import importer
    from listsmith.importer.dates import line_dates
    from listsmith.importer.source import read
    from listsmith.importer.writer import refuse_unless_forced

    source = read(args.readme, str(args.readme))
    refuse_unless_forced(args.into, args.force)
    dates = line_dates(args.readme) if args.dates else {}
    imported = importer.parse(source, dates)
    written = importer.write(imported, args.into, args.force)
    entries, sections = len(imported.entries), len(imported.walk())
    name = args.readme.name
    if args.format == "json":
        data = {
            "written": written,
            "entries": entries,
            "sections": sections,
            "dated": bool(dates),
            "not_imported": [
                {"line": s.line, "url": s.url, "why": s.why} for s in imported.skipped
            ],
            "notes": [{"line": line, "note": note} for line, note in imported.notes],
        }
        print(json_text(data))
    else:
        common.tell_notes(name, imported.notes)
        not_imported = [s.problem(name, Level.WARNING, NOT_IMPORTED) for s in imported.skipped]
        report.emit(report.Report(not_imported, None, args.command), args.format, sys.stdout)
        missing = len(imported.skipped)
        listed = " (listed above)" if missing else ""
        print(
            printable(
                f"imported {_count(entries, 'entry', 'entries')} in "
                f"{_count(sections, 'section', 'sections')} into {args.into}"
                f"{', dated from git' if dates else ''}; {_count(missing, 'URL', 'URLs')} "
                f"not imported{listed}"
            )
        )
    # The list's own findings (style the source never followed) fail check until they are
    # recorded: init does it; after import alone, baseline does.
    print(
        "next: `listsmith render`, `listsmith baseline` (records the findings the list "
        "already has), then `listsmith check`",
        file=sys.stderr,
    )
    # Like init refusing without --accept-loss: a link or image left out is a problem found.
    return common.EXIT_PROBLEMS if imported.skipped else common.EXIT_OK

"""``listsmith import``: an awesome-style README.md becomes YAML entries."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from listsmith.cli import common
from listsmith.project import CouldNotRun

NAME = "import"
HELP = "turn an awesome-style README.md into YAML entries"
DESCRIPTION = (
    "Read a Markdown list and write resources/ (and schema.json if missing); every URL "
    "not imported is reported with its line and why."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("readme", type=Path, help="the README.md to import")
    parser.add_argument(
        "--into", type=Path, default=Path("."), help="the list's folder (default: the current one)"
    )
    parser.add_argument(
        "--force", action="store_true", help="import even though resources/ already has files"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from listsmith import importer

    try:
        source = args.readme.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CouldNotRun(f"can't read {args.readme}: {exc}") from exc
    imported = importer.parse(source)
    written = importer.write(imported, args.into, args.force)
    name = args.readme.name
    if args.format == "json":
        json.dump(
            {
                "written": written,
                "entries": len(imported.entries),
                "sections": [s.id for s in imported.sections],
                "not_imported": [
                    {"line": s.line, "url": s.url, "why": s.why} for s in imported.skipped
                ],
            },
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
    else:
        for skipped in imported.skipped:
            print(f"{name}:{skipped.line}: not imported: {skipped.url} ({skipped.why})")
        print(
            f"imported {len(imported.entries)} entries in {len(imported.sections)} sections "
            f"into {args.into}; {len(imported.skipped)} URLs not imported (listed above)"
        )
    print(
        "next: `listsmith validate` shows what is left to fill in, then `listsmith render`",
        file=sys.stderr,
    )
    return common.EXIT_OK

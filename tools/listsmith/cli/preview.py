"""``listsmith preview``: the pull-request preview comment, in two halves.

``collect`` runs in the pull request's job (no write token) and writes
preview.json; ``comment`` runs in the trusted ``workflow_run`` job and turns
that file, as untrusted text, into the body of the one preview comment.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from listsmith.cli import common
from listsmith.project import CouldNotRun

NAME = "preview"
HELP = "the pull-request preview: collect what a pull request changes, or write the comment"
DESCRIPTION = (
    "collect: in the pull request's job, write preview.json (the added and changed entries "
    "as the README shows them, check's problems, the link report's results, the README "
    "diff). comment: in the trusted job, read preview.json as untrusted text and write the "
    "comment's API payload; prints the pull request number the file claims, for the "
    "workflow to check against the API."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="step", required=True, metavar="STEP")
    collect = sub.add_parser("collect", help="write preview.json for the working tree")
    common.add_root(collect)
    collect.add_argument("--base", metavar="REF", required=True, help="the pull request's base")
    collect.add_argument(
        "--links", type=Path, metavar="FILE", help="the JSON report of `listsmith links --json`"
    )
    collect.add_argument("--number", type=int, metavar="N", help="the pull request's number")
    collect.add_argument("--head-sha", metavar="SHA", help="the pull request's head commit")
    collect.add_argument("--out", type=Path, metavar="FILE", required=True, help="preview.json")
    collect.add_argument(
        "--summary", type=Path, metavar="FILE", help="also append the comment to FILE"
    )
    comment = sub.add_parser("comment", help="turn preview.json into the comment's payload")
    comment.add_argument("preview", type=Path, help="preview.json from the pull request's job")
    comment.add_argument(
        "--payload", type=Path, metavar="FILE", required=True, help='where {"body": ...} goes'
    )


def run(args: argparse.Namespace) -> int:
    from listsmith.fsutil import atomic_write
    from listsmith.preview import collect, comment

    if args.step == "comment":
        data = comment.load(args.preview)
        print(comment.write_payload(data, args.payload))
        return common.EXIT_OK
    project = common.project(args)
    data = collect.collect(project, args.base, args.links, args.number, args.head_sha)
    try:
        atomic_write(args.out, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))
        if args.summary:
            with open(args.summary, "a", encoding="utf-8") as handle:
                handle.write(comment.body(data))
    except OSError as exc:
        raise CouldNotRun(f"can't write the preview: {exc}") from exc
    print(f"wrote {args.out}", file=sys.stderr)
    return common.EXIT_OK

"""``listsmith links``: check every URL of the list for rot (the network is needed)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

from listsmith.cli import common

NAME = "links"
HELP = "check every URL for link rot (the network is needed)"
DESCRIPTION = "Check every URL of the list; only broken links fail the run."
FORMATS = ("text", "json", "markdown")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_root(parser)
    common.add_base(parser)
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help="also append a Markdown report to FILE (in GitHub Actions: $GITHUB_STEP_SUMMARY)",
    )
    parser.add_argument(
        "--changed-since", metavar="REF", help="only URLs added or changed since this git ref"
    )
    parser.add_argument("--shard", metavar="K/N", help="check only the K-th of N slices")
    parser.add_argument(
        "--concurrency", type=int, metavar="N", help="requests in flight at once (default 32)"
    )
    parser.add_argument(
        "--per-host", type=int, metavar="N", help="requests in flight per host (default 2)"
    )
    parser.add_argument(
        "--interval",
        type=float,
        metavar="S",
        help="minimum seconds between requests to one host (default 0)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help="seconds to connect and per read (default 10); a whole exchange "
        "may take three times that",
    )
    parser.add_argument(
        "--retries",
        type=int,
        metavar="N",
        help="retries for timeouts, resets, 429 and 5xx (default 2)",
    )
    parser.add_argument("--user-agent", metavar="UA", help="default: a browser's")
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="also check hosts on private, loopback or link-local addresses",
    )
    parser.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help=f"JSON history kept across runs (dupes reads {common.HISTORY_DEFAULT} by default)",
    )
    parser.add_argument(
        "--fail-after",
        type=int,
        default=1,
        metavar="N",
        help="report a broken link as rot after N failing runs in a row",
    )
    parser.add_argument(
        "--max-age",
        type=float,
        default=7,
        metavar="DAYS",
        help="trust a working verdict from the history this long (default 7)",
    )
    parser.add_argument(
        "--fix-redirects",
        action="store_true",
        help="rewrite permanently redirected URLs in the YAML files",
    )
    parser.add_argument(
        "--signals",
        action="store_true",
        help="refresh signals.json (stars, archived, last push, licence, latest release of "
        "each GitHub and GitLab repository); asks every URL again",
    )
    parser.add_argument(
        "--rate-limit-wait",
        type=float,
        metavar="S",
        help="wait up to S seconds for an API's rate limit to lift before reporting its "
        "links blocked (default 60)",
    )
    parser.add_argument(
        "--remap",
        nargs=2,
        action="append",
        metavar=("FROM", "TO"),
        help="send requests for URLs starting with FROM to TO instead (a local fake, "
        "for tests and benchmarks); repeatable",
    )


def run(args: argparse.Namespace) -> int:
    from listsmith.links import collector, fix, output
    from listsmith.links import config as links_config
    from listsmith.links import run as links_run

    project = common.project(args)
    options = links_config.from_project(project)
    for name in ("concurrency", "per_host", "interval", "timeout", "retries", "user_agent"):
        if getattr(args, name) is not None:
            setattr(options, name, getattr(args, name))
    options.allow_private = args.allow_private
    options.remap = tuple(args.remap or ())
    if args.rate_limit_wait is not None:
        options.rate_limit_wait = args.rate_limit_wait
    selection = links_run.Selection(
        changed_since=args.changed_since,
        shard=collector.parse_shard(args.shard) if args.shard else None,
        history=args.history,
        max_age=timedelta(days=args.max_age),
        progress=sys.stderr.isatty() and not os.environ.get("CI"),
        signals=args.signals,
    )
    results = links_run.check_links(project, options, selection)
    sys.stdout.write(output.render(results, args.format, args.fail_after))
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(output.as_markdown(results, args.fail_after) + "\n")
    if args.fix_redirects:
        changed, skipped = fix.fix_redirects(project.root, results)
        for file in changed:
            print(f"rewrote redirected URLs in {file}", file=sys.stderr)
        for why in skipped:
            print(f"left unchanged, rewrite by hand: {why}", file=sys.stderr)
    rotten = any(output.rotten(r, args.fail_after) for r in results)
    return common.EXIT_PROBLEMS if rotten else common.EXIT_OK

"""``listsmith links``: check every URL of the list for rot (the network is needed)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listsmith.cli import common
from listsmith.project import HISTORY, CouldNotRun
from listsmith.report import printable

if TYPE_CHECKING:
    from listsmith.links.fix import Outcome

NAME = "links"
HELP = "check every URL for link rot (the network is needed)"
CYCLIC_GC = True
"""Runs as long as the network takes, and every request leaves cycles behind (futures,
exceptions with their tracebacks)."""
DESCRIPTION = (
    "Check every URL of the list; only broken links fail the run (and missing anchors, when "
    "the list says so). With --fix, repair what can be repaired in the YAML files."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common.add_root(parser)
    common.add_base(parser)
    common.add_report(parser)
    parser.add_argument(
        "--changed-since", metavar="REF", help="only URLs added or changed since this git ref"
    )
    parser.add_argument("--shard", metavar="K/N", help="check only the K-th of N slices")
    _add_setting_flags(parser)
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="also check hosts on private, loopback or link-local addresses",
    )
    parser.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help=f"JSON history kept across runs (dupes reads {HISTORY} by default)",
    )
    parser.add_argument(
        "--fail-after",
        type=int,
        default=1,
        metavar="N",
        help="report a broken link as rot after N failing runs in a row (default: %(default)s)",
    )
    parser.add_argument(
        "--max-age",
        type=float,
        default=7,
        metavar="DAYS",
        help="trust a working verdict from the history this long (default: %(default)s)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="repair the YAML files, keeping their layout: permanent redirects and renamed "
        "repositories take their new URL, and links rotten past --fail-after their working "
        "Wayback Machine snapshot (links.fix_broken says whether it replaces the URL or is "
        "added as a secondary link); every changed file must pass validate first",
    )
    parser.add_argument(
        "--fix-redirects",
        action="store_true",
        help="only the first part of --fix: rewrite permanently redirected URLs and renamed "
        "repositories",
    )
    parser.add_argument(
        "--fix-report",
        type=Path,
        metavar="FILE",
        help="with --fix: write a Markdown list of the changes and why to FILE (the body of "
        "the link-fix pull request)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="FILE",
        help="also write the JSON report to FILE (the pull-request preview reads it), "
        "whatever --format prints",
    )
    parser.add_argument(
        "--signals",
        action="store_true",
        help="refresh signals.json (stars, archived, last push, licence, latest release of "
        "each GitHub and GitLab repository); asks every URL again",
    )


def _add_setting_flags(parser: argparse.ArgumentParser) -> None:
    """A flag for each ``links`` setting that declares one, its help and default taken
    from the declaration; the rest are named in the epilog as listsmith.yaml only."""
    from listsmith.links import config

    for name, flag in config.FLAGS.items():
        option = config.OPTIONS[name]
        text = option.description.rstrip(".")
        text = text[0].lower() + text[1:]
        extra: dict[str, Any] = {"type": float if float in option.types else option.types[0]}
        if isinstance(flag.metavar, tuple):  # --remap FROM TO: a list of tuples of text
            extra = {"type": option.items or str, "nargs": len(flag.metavar), "action": "append"}
            text += "; repeatable, replaces listsmith.yaml's"
        if option.default not in ([], {}, None):
            text += f" (default: {_shown(option.default)})"
        parser.add_argument(
            f"--{name.replace('_', '-')}",
            metavar=flag.metavar,
            help=text.replace("%", "%%"),
            **extra,
        )
    parser.epilog = (
        "Set in listsmith.yaml's links block only (no flag): "
        + ", ".join(config.settings_only())
        + "; and each site check's settings, named <site>_<setting> (github_api, gitlab_hosts)."
    )


def _shown(default: object) -> str:
    """A default as the help states it: 10, not 10.0."""
    return f"{default:g}" if isinstance(default, float) else str(default)


def run(args: argparse.Namespace) -> int:
    with common.collector_paused():
        # The link modules' import and the list's 2,000 entries' node trees are objects
        # made to last, not garbage: with the collector on, ~50 ms of collections.
        from listsmith.fsutil import atomic_write
        from listsmith.links import collector, output
        from listsmith.links import config as links_config
        from listsmith.links import run as links_run
        from listsmith.links.status import Policy

        project = common.project(args)
        options = links_config.from_project(project)
    for name in links_config.FLAGS:
        value = getattr(args, name)
        if value is None:
            continue  # listsmith.yaml's
        # The same bounds as in listsmith.yaml: --per-host 0 would wait forever.
        why = links_config.OPTIONS[name].problem(value)
        if why:
            raise CouldNotRun(f"--{name.replace('_', '-')} {why}")
        setattr(options, name, links_config.value_of(name, value))
    if args.fail_after < 1 or not 0 <= args.max_age <= 36500:
        raise CouldNotRun("--fail-after must be at least 1, --max-age between 0 and 36500 days")
    options.allow_private = args.allow_private
    selection = links_run.Selection(
        changed_since=args.changed_since,
        shard=collector.parse_shard(args.shard) if args.shard else None,
        history=args.history,
        max_age=timedelta(days=args.max_age),
        progress=sys.stderr.isatty() and not os.environ.get("CI"),
        signals=args.signals,
    )
    fixing = args.fix or args.fix_redirects
    if args.fix_report and not fixing:
        raise CouldNotRun("--fix-report needs --fix (or --fix-redirects)")
    written = {"--fix-report": args.fix_report, "--summary": args.summary, "--json": args.json}
    for option, path in written.items():
        if path is not None and (path.is_dir() or not path.parent.is_dir()):
            raise CouldNotRun(f"{option} {path}: its folder does not exist, or it is a folder")
    policy = Policy(args.fail_after, anchors_fail=options.anchors == "fail")
    with common.collector_relaxed():
        results = links_run.check_links(project, options, selection)
    outcome = None
    if fixing:
        outcome = links_run.repair(project, options, results, policy, not args.fix)
        _tell(outcome)
    try:
        if args.fix_report and outcome is not None:
            atomic_write(args.fix_report, output.fixes_markdown(outcome).encode("utf-8"))
        sys.stdout.write(output.render(results, args.format, policy, outcome))
        if args.json:
            atomic_write(args.json, output.as_json(results, policy, outcome).encode("utf-8"))
        if args.summary:
            with open(args.summary, "a", encoding="utf-8") as handle:
                handle.write(output.as_markdown(results, policy, outcome) + "\n")
    except OSError as exc:
        raise CouldNotRun(f"can't write a report: {exc}") from exc
    fixed = outcome.fixed if outcome is not None else frozenset()
    rotten = any(policy.rotten(r) and r.url not in fixed for r in results)
    return common.EXIT_PROBLEMS if rotten else common.EXIT_OK


def _tell(outcome: Outcome) -> None:
    """What --fix did to the files, on stderr (stdout carries the report)."""
    for file in outcome.files:
        count = sum(c.file == file for c in outcome.changes)
        print(printable(f"rewrote {count} link(s) in {file}"), file=sys.stderr)
    for url, why in outcome.unfixed.items():
        print(printable(f"not fixed, {url}: {why}"), file=sys.stderr)

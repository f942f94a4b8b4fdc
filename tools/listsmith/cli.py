"""The ``listsmith`` command: parse arguments, run the library, report, exit.

Exit codes everywhere: 0 clean (warnings allowed), 1 problems found, 2 could
not run (no list, bad arguments, unreadable schema or template).

Each command imports the library modules it uses when it runs: `links` need
not load jsonschema and jinja2 (~90 ms), nor `check` requests and urllib3.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from listsmith import SCAFFOLD_INSTALL, __version__, report
from listsmith.links import history as links_history
from listsmith.links import output as links_output
from listsmith.problems import Level, Problem, has_errors
from listsmith.project import CouldNotRun, Project, check_root, find_root, load_project

EXIT_OK, EXIT_PROBLEMS, EXIT_COULD_NOT_RUN = 0, 1, 2


def _project(args: argparse.Namespace) -> Project:
    return load_project(check_root(args.root) if args.root else find_root())


def _load(args: argparse.Namespace) -> tuple[Project, list[Problem]]:
    from listsmith.validate import validate

    project = _project(args)
    return project, validate(project)


def _duplicates(project: Project, args: argparse.Namespace) -> list[Problem]:
    from listsmith import dupes

    final, problems = links_history.final_urls(project.root, args.history)
    return problems + dupes.find(project, final)


def _files(project: Project) -> int:
    return len(project.entries) + len(project.strays) + 1


def _finish(project: Project, problems: list[Problem], args: argparse.Namespace) -> int:
    report.emit(problems, _files(project), args.format, sys.stdout)
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(report.markdown_summary(problems, _files(project), args.command))
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def _out_of_sync(project: Project, args: argparse.Namespace) -> list[Problem]:
    """Compare generated files with what the data gives; print the diff of stale ones."""
    from listsmith.render import diff, outputs

    problems = []
    for output in outputs(project):
        if not output.stale:
            continue
        current = (output.current or b"").decode("utf-8", "replace")
        if args.format == "text":
            sys.stdout.write(diff(output.path, current, output.wanted.decode("utf-8")))
        problems.append(
            Problem(
                output.path,
                1,
                1,
                Level.ERROR,
                f"{output.path} is out of date with the data; run `listsmith render`",
                output.rule,
            )
        )
    return problems


def cmd_validate(args: argparse.Namespace) -> int:
    project, problems = _load(args)
    return _finish(project, problems, args)


def cmd_render(args: argparse.Namespace) -> int:
    from listsmith.fsutil import atomic_write
    from listsmith.render import README, outputs

    project, problems = _load(args)
    if has_errors(problems):
        code = _finish(project, problems, args)
        print(f"{README} left unchanged: fix the errors above first", file=sys.stderr)
        return code
    if args.check:
        return _finish(project, problems + _out_of_sync(project, args), args)
    for output in outputs(project):
        if output.stale:
            atomic_write(project.root / output.path, output.wanted)
            print(f"wrote {output.path}", file=sys.stderr)
        else:
            print(f"{output.path} is up to date", file=sys.stderr)
    return _finish(project, problems, args)


def cmd_dupes(args: argparse.Namespace) -> int:
    project = _project(args)
    return _finish(project, sorted(project.problems + _duplicates(project, args)), args)


def cmd_links(args: argparse.Namespace) -> int:
    from listsmith.links import collector as links_collector
    from listsmith.links import config as links_config
    from listsmith.links import fix as links_fix
    from listsmith.links import run as links_run

    project = _project(args)
    options = links_config.from_index(project.index.data)
    for name in ("concurrency", "per_host", "interval", "timeout", "retries", "user_agent"):
        if getattr(args, name) is not None:
            setattr(options, name, getattr(args, name))
    options.allow_private = args.allow_private
    options.remap = tuple(args.remap or ())
    if args.rate_limit_wait is not None:
        options.rate_limit_wait = args.rate_limit_wait
    selection = links_run.Selection(
        changed_since=args.changed_since,
        shard=links_collector.parse_shard(args.shard) if args.shard else None,
        history=args.history,
        max_age=timedelta(days=args.max_age),
        progress=sys.stderr.isatty() and not os.environ.get("CI"),
        signals=args.signals,
    )
    results = links_run.check_links(project, options, selection)
    sys.stdout.write(links_output.render(results, args.format, args.fail_after))
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(links_output.as_markdown(results, args.fail_after) + "\n")
    if args.fix_redirects:
        changed, skipped = links_fix.fix_redirects(project.root, results)
        for file in changed:
            print(f"rewrote redirected URLs in {file}", file=sys.stderr)
        for why in skipped:
            print(f"left unchanged, rewrite by hand: {why}", file=sys.stderr)
    rotten = any(links_output.rotten(r, args.fail_after) for r in results)
    return EXIT_PROBLEMS if rotten else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from listsmith import newentry

    project = _project(args)
    draft = newentry.Draft(
        section=args.section or "",
        title=args.title or "",
        url=args.url or "",
        authors=args.author or [],
        topics=args.topic or [],
        description=args.description or "",
        level=args.level or "",
        free=not args.paid,
        slug=args.slug or "",
    )
    if sys.stdin.isatty():
        newentry.ask_missing(draft, project, input)
    written, problems = newentry.create(project, draft)
    for problem in problems:
        print(report.line(problem))
    if written is None:
        print("nothing written: fix the problems above and run it again", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from listsmith import init as listsmith_init

    root = args.folder.resolve()
    for rel in listsmith_init.init(root, args.title or root.name, args.install):
        print(f"created {rel}", file=sys.stderr)
    print(f"a new list is ready in {root}: run `listsmith check` there", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
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
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """The offline CI gate: everything that can be judged without the network."""
    from listsmith.render import README

    project, problems = _load(args)
    problems = sorted(problems + _duplicates(project, args))
    if has_errors(problems):
        print(f"{README} sync not checked: fix the errors above first", file=sys.stderr)
    else:
        problems += [] if args.no_sync else _out_of_sync(project, args)
    return _finish(project, problems, args)


def _options(*arguments: tuple[tuple[str, ...], dict]) -> argparse.ArgumentParser:
    """A group of options several sub-commands share (argparse's parents)."""
    group = argparse.ArgumentParser(add_help=False)
    for flags, settings in arguments:
        group.add_argument(*flags, **settings)
    return group


def build_parser() -> argparse.ArgumentParser:
    root = _options(
        (
            ("--root",),
            {
                "type": Path,
                "metavar": "DIR",
                "help": "the list's folder (default: the nearest one at or above the current "
                "directory holding resources/ and schema.json)",
            },
        )
    )
    summary = _options(
        (
            ("--summary",),
            {
                "type": Path,
                "metavar": "FILE",
                "help": "also append a Markdown summary to FILE (in GitHub Actions: "
                "$GITHUB_STEP_SUMMARY)",
            },
        )
    )
    formats = _options(
        (
            ("--format",),
            {
                "choices": report.FORMATS,
                "default": "text",
                "help": "text for people (GitHub annotations when GITHUB_ACTIONS=true), "
                "json for machines",
            },
        )
    )
    history = _options(
        (
            ("--history",),
            {
                "type": Path,
                "metavar": "FILE",
                "help": f"link-check history to learn redirects from (default: "
                f"{links_history.DEFAULT_PATH}; skipped when absent)",
            },
        )
    )
    checks = (root, summary, formats)

    parser = argparse.ArgumentParser(
        prog="listsmith", description="Keep a curated, awesome-style list alive."
    )
    parser.add_argument("--version", action="version", version=f"listsmith {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str,
        func: Callable[[argparse.Namespace], int],
        help_: str,
        *parents: argparse.ArgumentParser,
        description: str | None = None,
    ) -> argparse.ArgumentParser:
        cmd = sub.add_parser(
            name, parents=list(parents), help=help_, description=description or help_
        )
        cmd.set_defaults(func=func)
        return cmd

    add(
        "validate",
        cmd_validate,
        "check every entry and index.yaml against the schema and rules",
        *checks,
    )
    render_cmd = add("render", cmd_render, "regenerate README.md from resources/", *checks)
    render_cmd.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff when README.md is stale",
    )
    add(
        "dupes",
        cmd_dupes,
        "find resources listed twice, by URL, redirect or title",
        *checks,
        history,
    )
    check = add(
        "check",
        cmd_check,
        "the offline CI gate: validate, find duplicates, check README.md is in sync",
        *checks,
        history,
    )
    check.add_argument(
        "--no-sync",
        action="store_true",
        help="don't require README.md and CONTRIBUTING.md's generated blocks to "
        "match the data (for lists whose CI regenerates them)",
    )

    links = add(
        "links",
        cmd_links,
        "check every URL for link rot (the network is needed)",
        root,
        summary,
        description="Check every URL of the list; only broken links fail the run.",
    )
    links.add_argument("--format", choices=links_output.FORMATS, default="text")
    links.add_argument(
        "--changed-since", metavar="REF", help="only URLs added or changed since this git ref"
    )
    links.add_argument("--shard", metavar="K/N", help="check only the K-th of N slices")
    links.add_argument(
        "--concurrency", type=int, metavar="N", help="requests in flight at once (default 32)"
    )
    links.add_argument(
        "--per-host", type=int, metavar="N", help="requests in flight per host (default 2)"
    )
    links.add_argument(
        "--interval",
        type=float,
        metavar="S",
        help="minimum seconds between requests to one host (default 0)",
    )
    links.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help="seconds to connect and per read (default 10); a whole exchange "
        "may take three times that",
    )
    links.add_argument(
        "--retries",
        type=int,
        metavar="N",
        help="retries for timeouts, resets, 429 and 5xx (default 2)",
    )
    links.add_argument("--user-agent", metavar="UA", help="default: a browser's")
    links.add_argument(
        "--allow-private",
        action="store_true",
        help="also check hosts on private, loopback or link-local addresses",
    )
    links.add_argument(
        "--history",
        type=Path,
        metavar="FILE",
        help=f"JSON history kept across runs (dupes reads {links_history.DEFAULT_PATH} by default)",
    )
    links.add_argument(
        "--fail-after",
        type=int,
        default=1,
        metavar="N",
        help="report a broken link as rot after N failing runs in a row",
    )
    links.add_argument(
        "--max-age",
        type=float,
        default=7,
        metavar="DAYS",
        help="trust a working verdict from the history this long (default 7)",
    )
    links.add_argument(
        "--fix-redirects",
        action="store_true",
        help="rewrite permanently redirected URLs in the YAML files",
    )
    links.add_argument(
        "--signals",
        action="store_true",
        help="refresh signals.json (stars, archived, last push, licence, latest release of "
        "each GitHub and GitLab repository); asks every URL again",
    )
    links.add_argument(
        "--rate-limit-wait",
        type=float,
        metavar="S",
        help="wait up to S seconds for an API's rate limit to lift before reporting its "
        "links blocked (default 60)",
    )
    links.add_argument(
        "--remap",
        nargs=2,
        action="append",
        metavar=("FROM", "TO"),
        help="send requests for URLs starting with FROM to TO instead (a local fake, "
        "for tests and benchmarks); repeatable",
    )

    new = add(
        "new", cmd_new, "write a new entry file (asks on a terminal for what is missing)", root
    )
    new.add_argument("--section", help="the section folder")
    new.add_argument("--title")
    new.add_argument("--url")
    new.add_argument("--author", action="append", help="repeat for several authors")
    new.add_argument("--topic", action="append", help="repeat for several topics")
    new.add_argument("--description")
    new.add_argument("--level", choices=("beginner", "intermediate", "advanced"))
    new.add_argument("--paid", action="store_true", help="the resource is not free")
    new.add_argument("--slug", help="file name without .yaml (default: from the title)")

    init = add(
        "init",
        cmd_init,
        "start a new list in an empty folder",
        description="Start a new list in an empty folder: schema, index, an example "
        "entry, workflows and CONTRIBUTING.md.",
    )
    init.add_argument("folder", type=Path, help="where to create the list")
    init.add_argument("--title", help="the list's title (default: the folder's name)")
    init.add_argument(
        "--install",
        default=SCAFFOLD_INSTALL,
        help=f"how the workflows install listsmith (default: {SCAFFOLD_INSTALL!r})",
    )

    imports = add(
        "import",
        cmd_import,
        "turn an awesome-style README.md into YAML entries",
        formats,
        description="Read a Markdown list and write resources/ (and schema.json if "
        "missing); every URL not imported is reported with its line "
        "and why.",
    )
    imports.add_argument("readme", type=Path, help="the README.md to import")
    imports.add_argument(
        "--into", type=Path, default=Path("."), help="the list's folder (default: the current one)"
    )
    imports.add_argument(
        "--force", action="store_true", help="import even though resources/ already has files"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CouldNotRun as exc:
        print(f"listsmith: error: {exc}", file=sys.stderr)
        return EXIT_COULD_NOT_RUN

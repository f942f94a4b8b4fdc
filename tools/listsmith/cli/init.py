"""``listsmith init``: start a list, new or from the README already in the folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from listsmith import report
from listsmith.cli import common
from listsmith.problems import Level
from listsmith.project import RESOURCES, CouldNotRun
from listsmith.report import printable

NAME = "init"
MAX_LISTED = 20
"""Entry files named one a line; more are counted (awesome-ios has 1,866)."""
HELP = "start a list: in an empty folder, a fresh clone, or an existing awesome repository"
DESCRIPTION = (
    "Start a list: schema, index, workflows and CONTRIBUTING.md, with an example entry in an "
    "empty folder or a fresh clone, or with the entries of the README.md already there (an "
    "existing awesome list is imported in place and its README rendered again). Never "
    "overwrites a file it didn't read."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="where to create the list (. for here)")
    parser.add_argument(
        "--title", help="the list's title (default: the README's, or the folder's name)"
    )
    parser.add_argument(
        "--install",
        help="the pip command the workflows install listsmith with (default: exactly this "
        "listsmith: its PyPI version, or the git URL and commit it was installed from)",
    )
    parser.add_argument(
        "--accept-loss",
        action="store_true",
        help="import the README even where it holds links or images the import can't keep "
        "(each is reported as a warning); without it init reports them and writes nothing",
    )
    parser.add_argument(
        "--keep-existing",
        action="store_true",
        help="keep files of yours that init would write and write the rest (your "
        "CONTRIBUTING.md and pull request template are always kept)",
    )


def run(args: argparse.Namespace) -> int:
    from listsmith import baseline, init, provenance

    root = args.folder.resolve()
    install = args.install
    if install is None:
        pinned = provenance.requirement()
        if pinned is None:
            raise CouldNotRun(
                "this listsmith was installed from a local folder that a workflow can't install "
                "(no public git remote, or uncommitted changes): pass --install with the pip "
                "command its workflows should use, such as 'pip install listsmith==0.1.0'"
            )
        install = provenance.pip_command(pinned)
    had_readme = init.has_readme(root)
    title = args.title or (
        None if had_readme else root.name.replace("-", " ").replace("_", " ").title()
    )
    try:
        done = init.init(root, title, install, args.keep_existing, accept_loss=args.accept_loss)
    except init.Loss as loss:
        report.emit(report.Report(loss.problems, None, NAME), "text", sys.stdout)
        print(
            "nothing written: the import would lose the links, images and words above; pass "
            "--accept-loss to import without them",
            file=sys.stderr,
        )
        return common.EXIT_PROBLEMS
    if done.skipped:
        lost = init.loss_problems(done.readme, done.skipped, Level.WARNING)
        report.emit(report.Report(lost, None, NAME), "text", sys.stdout)
    entry_files = [
        rel for rel in done.written if rel.startswith(f"{RESOURCES}/") and rel.count("/") > 1
    ]
    for rel in done.written:
        if rel in entry_files and len(entry_files) > MAX_LISTED:
            continue  # a thousand lines would push the loss report off the screen
        # The README was there: it is the one file init replaces (rendered from the data).
        verb = "rendered again" if had_readme and rel == done.readme else "created"
        print(printable(f"{verb} {rel}"), file=sys.stderr)
    if len(entry_files) > MAX_LISTED:
        print(f"created {len(entry_files)} entry files under {RESOURCES}/", file=sys.stderr)
    common.tell_notes(done.readme, done.notes)
    if had_readme:
        print(f"imported {done.entries} entries from {done.readme}", file=sys.stderr)
        if not done.entries and init.EXAMPLE_FILE in done.written:
            print(
                f"{done.readme} holds no list and no sections: its title and text are kept, "
                f"and a General section with an example entry ({init.EXAMPLE_FILE}) is added to "
                "start from",
                file=sys.stderr,
            )
        elif not done.entries:
            print(
                f"{done.readme} holds no list whose items start with a link, so nothing is an "
                "entry: its text is kept as the sections' own text, and listsmith has no entries "
                "to check (docs/adopting.md, 'What it keeps')",
                file=sys.stderr,
            )
    if any(rel.startswith(".github/workflows/") for rel in done.written):
        print(
            f"the workflows regenerate {done.readme} after each push to {done.branch}, and the "
            "pull request check compares with it",
            file=sys.stderr,
        )
    for rel in done.kept:
        print(printable(f"kept {rel}: it is yours"), file=sys.stderr)
    if done.generator:
        print(
            printable(
                f'{done.readme} says another tool generates it ("{done.generator}"): that '
                f"tool would now overwrite what listsmith renders. Import the file it reads "
                f"instead (`listsmith import SOURCE --into NEW-FOLDER`), or retire it"
            ),
            file=sys.stderr,
        )
    if done.workflows:
        print(
            printable(
                f"your workflows that name {done.readme}: {', '.join(done.workflows)}. "
                f"listsmith's README bot writes {done.readme} now: one of yours that writes it "
                "too would fight it, and one that checks its layout judges a generated file; "
                "review them"
            ),
            file=sys.stderr,
        )
    if done.kept_guide:
        print(
            "README.md is generated from resources/ now: where your contributor guide asks for "
            "an edit of README.md, ask for a YAML file under resources/ instead (`listsmith "
            "new` writes one; docs/adopting.md, 'Contributors')",
            file=sys.stderr,
        )
    if baseline.FILE in done.written:
        print(
            f"the list's {done.recorded} finding(s) are recorded in {baseline.FILE}: check "
            "reports them as notes and fails only on new ones (docs/adopting.md, 'The "
            "baseline')",
            file=sys.stderr,
        )
    print(printable(f"a new list is ready in {root}: run `listsmith check` there"), file=sys.stderr)
    return common.EXIT_OK

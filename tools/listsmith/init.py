"""``listsmith init``: a working list the moment it exists, new or from an existing README.

In an empty folder, or a fresh clone of a new GitHub repository (``.git``, a
licence, a README), it writes the scaffold shipped in the package (schema,
workflows, contributor files), an index and one example entry, and renders
the README. In a clone of an existing awesome list, it imports the README in
place first: the entries, sections and text of the list become the data, and
the README is rendered again from it.

Everything is built in a scratch folder first and only moved over when it
all worked; a failure while moving removes what was already moved, so a
failed init leaves the folder as it was. It never overwrites a file it didn't
read: the list's own contributor guide and pull request template stay as they
are (:data:`THEIRS`), and any other file it would write that exists already makes
it refuse, or with ``keep_existing`` stay as it is.

The folder is usually a clone of someone else's repository, and git stores
symlinks: init never follows one. A symlinked README is refused rather than
read (it could point at a token in the home folder), and every file is
created exclusively, never through a symlink, dangling or not, nor in a
symlinked folder (either would write outside the clone).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from listsmith import (
    SCAFFOLD_INSTALL,
    baseline,
    gitref,
    importer,
    markdown,
    problem_ids,
    yamlwrite,
)
from listsmith.errors import Refused
from listsmith.fsutil import NewFiles, Obstacle, atomic_write
from listsmith.importer import source
from listsmith.importer.dates import line_dates
from listsmith.importer.ledger import Skipped
from listsmith.importer.writer import index_yaml
from listsmith.newentry import HEADER
from listsmith.problems import Level, Problem
from listsmith.project import CONFIG, RESOURCES, SCHEMA, CouldNotRun, load_project
from listsmith.render import outputs
from listsmith.shipped import scaffold_files
from listsmith.validate import validate

EXAMPLE_FILE = f"{RESOURCES}/general/example-resource.yaml"
"""The scaffold's example entry, written when the README holds no list to import."""
INTRO = (
    "A curated list of resources. Replace this text with what the list is about and who it is for."
)
AWESOME_BADGE = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
"""Beside a new list's title, as awesome-lint asks of an awesome list (its awesome-badge)."""

EXAMPLE = {
    "title": "Example Resource",
    "url": "https://example.org/",
    "authors": ["Example Author"],
    "description": "A placeholder that shows the format; replace it with your first resource.",
    "topics": ["example"],
}
READMES = ("README.md", "readme.md", "Readme.md")
BRANCH = "main"
"""The branch the scaffold's workflows name (what a push to it starts, where the bot
commits): init writes the clone's own default branch there instead."""
_IN_WORKFLOWS = ("branches: [main]", "origin main", "HEAD:main")
_BRANCH_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*")
THEIRS = {
    "CONTRIBUTING.md": "contributing",
    ".github/PULL_REQUEST_TEMPLATE.md": "pull_request_template",
}
"""Files of the scaffold that a list which has its own keeps without being asked, with where
and under what name GitHub finds one (the root, docs/ or .github/, any letter case, any
extension; a template may be a folder of them): most awesome lists have a contributor guide,
their maintainers' words, and refusing it made adopting a list take two commands."""
_GITHUB_PLACES = ("", "docs", ".github")
_GENERATED_BY = re.compile(
    r"<!--(?P<said>(?:(?!-->).){0,300}?"
    r"\b(?:generated (?:from|by)|do not edit)\b(?:(?!-->).){0,300}?)-->",
    re.I | re.S,
)
_LICENCE = ("licen", "copying", "unlicense")


class Loss(Exception):
    """Importing the README would leave out what the list holds: nothing was written."""

    def __init__(self, readme: str, skipped: list[Skipped]) -> None:
        super().__init__(f"{len(skipped)} addresses of {readme} would be lost")
        self.problems = loss_problems(readme, skipped, Level.ERROR)


def loss_problems(readme: str, skipped: list[Skipped], level: Level) -> list[Problem]:
    """Each address an import leaves out, at its line of the README."""
    return [s.problem(readme, level, LOSS_RULE) for s in skipped]


LOSS_RULE = "import-loss"


def _readme(root: Path) -> Path | None:
    """The README to import: the first of :data:`READMES` that is a regular file.

    A symlink under any of these names is refused, dangling or not: init reads
    the README and renders it again, and neither may lead out of the folder.
    """
    found = None
    for name in READMES:
        try:
            mode = os.lstat(root / name).st_mode
        except OSError:
            continue
        if stat.S_ISLNK(mode):
            raise source.symlink(root / name, name)
        if found is None and stat.S_ISREG(mode):
            found = root / name
    return found


def _no_other_readme(root: Path) -> None:
    """Refuse a folder whose README is one init can't read (awesome-public-datasets'
    README.rst): init would write a README.md beside it, which GitHub shows in its place,
    and the list would be hidden behind an example entry. Only a name GitHub takes for the
    README counts (``README``, ``readme.txt``; not ``README-zh.md``)."""
    others = sorted(
        p.name
        for p in root.iterdir()
        if _README_NAME.fullmatch(p.name) and p.name not in READMES and p.is_file()
    )
    if not others:
        return
    name = others[0]
    suffix = Path(name).suffix.lower()
    if suffix in _MARKDOWN:
        how = f"rename it README.md (git mv {name} README.md)"
    elif suffix == ".rst":
        how = f"turn it into README.md (pandoc -f rst -t gfm {name} -o README.md)"
    else:
        how = "turn it into Markdown, as README.md"
    raise CouldNotRun(
        f"this folder's README is {name}, and init imports one named README.md: one written "
        f"beside it would take its place on GitHub and hide the list. First {how}, then run "
        "init again; nothing was written"
    )


_README_NAME = re.compile(r"readme(?:\.[a-z0-9]+)?", re.IGNORECASE)
_MARKDOWN = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd"})


def has_readme(root: Path) -> bool:
    """Whether ``root`` holds a README to start from (then its title is the list's)."""
    return root.is_dir() and _readme(root) is not None


@dataclass(frozen=True)
class Initialised:
    """What ``init`` did."""

    written: list[str]
    """The files written, relative to the list's folder."""
    skipped: list[Skipped]
    """What of the README's links and images the import left out (only with
    ``accept_loss``: a loss otherwise raises :class:`Loss` before anything is written)."""
    readme: str
    """The README's name, as the import found it (``readme.md`` stays ``readme.md``)."""
    recorded: int
    """Findings the list already had, recorded in the baseline init wrote (when it wrote
    one: ``--keep-existing`` keeps a baseline that is there)."""
    kept: list[str]
    """Files of the list's own that init would have written (:data:`THEIRS`, and with
    ``keep_existing`` any), left as they were."""
    entries: int
    """Entries imported from the README (0 for a new list, or a README without a list of
    links the import reads)."""
    branch: str
    """The branch the workflows run on and commit to (:func:`default_branch`)."""
    kept_guide: bool = False
    """A contributor guide or pull request template of the list's own was kept."""
    workflows: tuple[str, ...] = ()
    """The list's own workflows that name its README (:func:`readme_workflows`)."""
    generator: str | None = None
    """What the README said of the tool that generated it (:func:`generated_by`)."""
    notes: tuple[tuple[int, str], ...] = ()
    """What the import changed that loses nothing, as (line of the README, what it did)."""


def default_branch(root: Path) -> str:
    """The branch the clone's remote calls its default (a clone of awesome-ios: master), else
    the one checked out, else :data:`BRANCH`: the workflows init writes run on it."""
    for ref in ("refs/remotes/origin/HEAD", "HEAD"):
        try:
            found = gitref.run(root, "symbolic-ref", "--quiet", "--short", ref)
        except CouldNotRun:
            return BRANCH  # no git here
        name = found.stdout.decode(errors="replace").strip() if found.returncode == 0 else ""
        if ref != "HEAD":
            name = name.removeprefix("origin/")
        if _BRANCH_NAME.fullmatch(name) and ".." not in name and not name.endswith(".lock"):
            return name
    return BRANCH


def _on_branch(workflow: bytes, branch: str) -> bytes:
    """A scaffold workflow run on ``branch`` instead of :data:`BRANCH`."""
    text = workflow.decode("utf-8")
    quoted = f'"{branch}"'  # a name such as 2024 or 1.0 would read as a number in YAML
    for written in _IN_WORKFLOWS:
        named = quoted if written.startswith("branches") else branch
        text = text.replace(written, written.replace(BRANCH, named))
    return text.encode("utf-8")


def _build(
    scratch: Path,
    title: str | None,
    install: str,
    readme: Path | None,
    accept_loss: bool,
    branch: str = BRANCH,
) -> tuple[list[Skipped], int, int, list[tuple[int, str]]]:
    """The whole new list in ``scratch``: imported or scaffolded, then rendered; returns
    what the import left out (only when ``accept_loss``: otherwise that raises
    :class:`Loss`), how many findings the baseline records and how many entries the
    import found (0 for a new list)."""

    imported = None
    if readme is not None:
        text = source.read(readme, readme.name)
        # Entries date from the commit that added their line, when the README has history.
        imported = importer.parse(text, line_dates(readme))
        if imported.skipped and not accept_loss:
            raise Loss(readme.name, imported.skipped)
        imported.settings.path = readme.name  # readme.md stays readme.md
        if imported.sections:
            importer.write(imported, scratch, force=False)
    for rel, data in scaffold_files():
        if rel.startswith(".github/workflows/"):
            data = _on_branch(data.replace(SCAFFOLD_INSTALL.encode(), install.encode()), branch)
        target = scratch / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    if not (scratch / RESOURCES / "index.yaml").exists():
        name = title or (imported.title if imported and imported.title else scratch.name)
        index: dict[str, Any] = {
            "title": name,
            "heading": f"{markdown.escape(name)} {AWESOME_BADGE}",
            "intro": imported.intro if imported and imported.intro else INTRO,
            "sections": [{"id": "general", "title": "General", "description": "Start here."}],
            "topics": [{"id": "example", "title": "Example"}],
        }
        # A README with no list yet starts from the scaffold's, but what it had stays: a
        # title written with a logo or badges (hsavit1's lost both), a banner above it.
        if imported is not None and imported.heading is not None and not title:
            index["heading"] = imported.heading  # "" for a title in the intro's HTML
        if imported is not None and imported.masthead:
            index = {"masthead": imported.masthead, **index}
        if imported is not None and imported.closing:
            index["closing"] = imported.closing  # its License or Contributing section
        (scratch / RESOURCES).mkdir(exist_ok=True)
        # The importer's writer, which keeps any text whole (leading spaces, HTML, colons).
        (scratch / RESOURCES / "index.yaml").write_text(index_yaml(index), encoding="utf-8")
        example = yamlwrite.entry(EXAMPLE, HEADER)
        (scratch / EXAMPLE_FILE).parent.mkdir()
        (scratch / EXAMPLE_FILE).write_text(example)
    project = load_project(scratch)
    # Nothing reaches the folder unless the new list reads back and renders faithfully.
    found = validate(project)
    blocking = problem_ids.blocking(found)
    if blocking:
        first = blocking[0]
        raise CouldNotRun(
            f"the list init would write doesn't hold up ({first.path}:{first.line}: "
            f"{first.message}); nothing was written"
        )
    # What the list already has is recorded, so its CI is green from the first day and
    # judges only what comes next (see baseline.py).
    recorded = baseline.record(scratch, found)
    if recorded:
        baseline.write(scratch, recorded)
    for output in outputs(project):
        (scratch / output.path).parent.mkdir(parents=True, exist_ok=True)
        (scratch / output.path).write_bytes(output.wanted)
    found_entries = len(project.entries) if imported is not None and imported.sections else 0
    if imported is None:
        return [], len(recorded), found_entries, []
    return imported.skipped, len(recorded), found_entries, imported.notes


def _taken(root: Path, rel: str) -> bool:
    """Whether ``rel`` exists in ``root``, in any letter case: a list's own
    ``contributing.md`` is the CONTRIBUTING.md init would write (and two names differing
    only in case break a checkout on macOS and Windows)."""
    target = root / rel
    if os.path.lexists(target):
        return True
    try:
        names = os.listdir(target.parent)
    except OSError:
        return False
    return any(name.casefold() == target.name.casefold() for name in names)


def _theirs(root: Path, rel: str) -> str | None:
    """The list's own file GitHub would show where the scaffold has ``rel`` (a guide in
    .github/contributing.md, a template at the root), or None."""
    stem = THEIRS[rel]
    for place in _GITHUB_PLACES:
        try:
            names = sorted(os.listdir(root / place))
        except OSError:
            continue
        for name in names:
            if name.casefold().split(".", 1)[0] == stem:
                return f"{place}/{name}" if place else name
    return None


def generated_by(head: str) -> str | None:
    """What a README says in an HTML comment at its top when another tool generates it
    (awesome-java's "Generated from README_SOURCE.md by ... Do not edit README.md directly"),
    listsmith's own mark aside; None otherwise."""
    found = _GENERATED_BY.search(head[:2000])
    said = found.group("said").casefold() if found else ""
    # listsmith's own mark; doctoc's "generated TOC" reads the README itself.
    if not said or "listsmith" in said or "doctoc" in said:
        return None
    return " ".join(found.group("said").split())


def readme_workflows(root: Path, readme: str) -> list[str]:
    """The list's own workflows that name its README (awesome-elixir's check of its layout,
    awesome-vue's doctoc, awesome-java's generator): they may now fight listsmith's README
    bot, or judge a file that is generated. Read before init writes its own."""
    folder = root / ".github" / "workflows"
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        path = folder / name
        if not name.endswith((".yml", ".yaml")) or path.is_symlink() or not path.is_file():
            continue
        try:
            text = path.read_bytes()[:1_000_000].decode("utf-8", errors="replace")
        except OSError:
            continue
        if readme.casefold() in text.casefold():
            found.append(f".github/workflows/{name}")
    return found


def _written(scratch: Path) -> list[str]:
    return sorted(
        path.relative_to(scratch).as_posix() for path in scratch.rglob("*") if path.is_file()
    )


def init(
    root: Path,
    title: str | None,
    install: str,
    keep_existing: bool = False,
    accept_loss: bool = False,
) -> Initialised:
    """Make ``root`` a list, and say what was done."""
    if root.exists() and not root.is_dir():
        raise CouldNotRun(f"{root} is not a folder")
    for marker in (RESOURCES, SCHEMA, CONFIG):
        if (root / marker).exists():
            raise CouldNotRun(f"{root} is a list already ({marker} exists)")
    readme = _readme(root) if root.is_dir() else None
    if readme is None and root.is_dir():
        _no_other_readme(root)
    workflows = readme_workflows(root, readme.name) if readme is not None else []
    generator = None
    if readme is not None:
        with open(readme, "rb") as handle:  # a regular file: _readme refuses a symlink
            generator = generated_by(handle.read(4096).decode("utf-8", errors="replace"))
    with tempfile.TemporaryDirectory(prefix="listsmith-init-") as tmp:
        scratch = Path(tmp) / (root.name or "list")
        scratch.mkdir()
        branch = default_branch(root) if root.is_dir() else BRANCH
        skipped, recorded, entries, notes = _build(
            scratch, title, install, readme, accept_loss, branch
        )
        written = _written(scratch)
        replaced = {readme.name} if readme is not None else set()
        own = {rel: found for rel in THEIRS if (found := _theirs(root, rel)) is not None}
        clashes = [rel for rel in written if _taken(root, rel) and rel not in replaced]
        refused = [rel for rel in clashes if rel not in THEIRS]
        if refused and not keep_existing:
            shown = ", ".join(refused[:8]) + (
                f" and {len(refused) - 8} more" if len(refused) > 8 else ""
            )
            raise CouldNotRun(
                f"{root} has files init would write: {shown}. Move them away, or pass "
                "--keep-existing to keep yours and write the rest"
            )
        kept = set(clashes) | set(own)
        _move_in(scratch, root, [rel for rel in written if rel not in kept], replaced)
    name = readme.name if readme is not None else "README.md"
    return Initialised(
        [rel for rel in written if rel not in kept],
        skipped,
        name,
        recorded,
        sorted(own.get(rel, rel) for rel in kept),
        entries,
        branch,
        bool(own),
        tuple(workflows),
        generator,
        tuple(notes),
    )


def _move_in(scratch: Path, root: Path, rels: list[str], replaced: set[str]) -> None:
    """Every file of ``rels`` from ``scratch`` into ``root``, or none of them.

    New files are created exclusively; the README, rendered again, is replaced
    last and whole, so a failure on any file takes the new ones away again.
    """
    made = NewFiles(root)
    rel = ""
    try:
        for rel in rels:
            if rel not in replaced:
                made.create(rel, (scratch / rel).read_bytes())
        for rel in rels:
            if rel in replaced:
                atomic_write(root / rel, (scratch / rel).read_bytes())
        os.sync()  # one flush for the whole new list, not one per file
    except OSError as exc:
        made.undo()
        where = exc.filename if isinstance(exc, Obstacle) else rel
        raise Refused(
            Problem(
                where,
                1,
                1,
                Level.ERROR,
                f"init can't write here: {exc.strerror or exc}; nothing was changed",
                "unwritable",
            )
        ) from exc

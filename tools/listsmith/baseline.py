"""The baseline: the findings a list already had when it adopted listsmith.

A list brought over with ``init`` comes with its history: descriptions
without a full stop, a project listed twice. A CI that fails on all of them
from the first day is one no maintainer switches to, and fixing hundreds of
lines before the first pull request is no start either. So, the way ruff,
rubocop and phpstan adopt old code, ``init`` records them in
``listsmith-baseline.json``; ``check`` reports a recorded finding as a note
(exit 0) and everything else as usual.

A finding is recorded by its file, its rule and a fingerprint of the
message (positions taken out) and of the line it points at, never by line
number: entries moving around in a file, or files around it changing, keep
it recorded, while an edit of the very field it is about makes it a new
finding, judged like any other. A recorded finding that no longer occurs is
stale: ``check`` says so, ``check --update-baseline`` drops it, and should it
come back it is an error.

The baseline is policy, not content: with ``--base`` it is read as committed
on the base branch, so a pull request can't record its own findings, and one
that adds to it is flagged (``trusted-setting``). Dropping stale items only
makes the check stricter, so a pull request may do that freely.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from listsmith import gitref, rules
from listsmith.fsutil import atomic_write
from listsmith.problems import Level, Problem
from listsmith.project import CouldNotRun, list_at, load_project, read_bytes
from listsmith.trust import from_base
from listsmith.validate import validate

FILE = "listsmith-baseline.json"
FORMAT = 1
MAX_BYTES = 16 * 1024 * 1024
RULE = "baseline"
ABOUT = (
    "Findings this list had when it adopted listsmith. `listsmith check` reports them as notes, "
    "not errors; fix them when you can, and `listsmith check --update-baseline` drops the fixed "
    "ones. Anything not recorded here is reported as usual."
)

_POSITION = re.compile(r"(\.ya?ml):\d+(?::\d+)?")
"""A file:line:col a message names (a duplicate's partner): lines move, files don't."""


@dataclass(frozen=True, order=True)
class Item:
    """One recorded finding. ``message`` is there for the people reading the file."""

    path: str
    rule: str
    fingerprint: str
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.fingerprint)


def recordable(problem: Problem) -> bool:
    """Only the rules' findings about content: a file that can't be read, a broken setting,
    or a reference error (the README couldn't show the list) is never put off."""
    rule = rules.RULES.get(problem.rule)
    return rule is not None and not rules.is_blocking(rule) and problem.level is not Level.NOTE


class Fingerprints:
    """Fingerprints of the findings of one list, reading each file a finding is in once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lines: dict[str, list[str]] = {}

    def _line(self, path: str, number: int) -> str:
        if path not in self._lines:
            try:
                raw = read_bytes(self.root / path, MAX_BYTES)
                self._lines[path] = raw.decode("utf-8", errors="replace").splitlines()
            except OSError:
                self._lines[path] = []
        lines = self._lines[path]
        return lines[number - 1].strip() if 0 < number <= len(lines) else ""

    def item(self, problem: Problem) -> Item:
        message = _POSITION.sub(r"\1", problem.message)
        line = self._line(problem.path, problem.line)
        seen = "\0".join((problem.rule, problem.path, message, line))
        digest = hashlib.sha256(seen.encode("utf-8")).hexdigest()[:16]
        return Item(problem.path, problem.rule, digest, message)


def record(root: Path, problems: Iterable[Problem]) -> list[Item]:
    """Every recordable finding of ``problems``, as the baseline keeps them."""
    prints = Fingerprints(root)
    return sorted(prints.item(p) for p in problems if recordable(p))


def dumps(items: Iterable[Item]) -> bytes:
    """The file: one finding a line, so a fixed one is one deleted line in a diff."""
    rows = [json.dumps(dataclasses.asdict(item), ensure_ascii=False) for item in sorted(items)]
    head = f'{{\n  "listsmith-baseline": {FORMAT},\n  "about": {json.dumps(ABOUT)},\n'
    body = '  "findings": [\n' + ",\n".join(f"    {row}" for row in rows) + "\n  ]\n}\n"
    return (head + (body if rows else '  "findings": []\n}\n')).encode("utf-8")


def write(root: Path, items: Iterable[Item]) -> None:
    atomic_write(root / FILE, dumps(items))


def parse(raw: bytes | None, where: str) -> tuple[list[Item], list[Problem]]:
    """The items of a baseline file's bytes (None: no file, no items), or why it can't be read."""
    if raw is None:
        return [], []
    try:
        if len(raw) > MAX_BYTES:
            raise ValueError("larger than 16 MiB")
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("listsmith-baseline") != FORMAT:
            raise ValueError(f'expected an object with "listsmith-baseline": {FORMAT}')
        found = data.get("findings")
        if not isinstance(found, list):
            raise ValueError('"findings" must be a list')
        fields = [f.name for f in dataclasses.fields(Item)]
        items = []
        for row in found:
            if not isinstance(row, dict) or not all(isinstance(row.get(k), str) for k in fields):
                raise ValueError(f"each finding needs {', '.join(fields)} as text")
            items.append(Item(**{k: row[k] for k in fields}))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        message = f"the baseline can't be read ({exc}); nothing is baselined this run"
        return [], [Problem(where, 1, 1, Level.ERROR, message, RULE)]
    return items, []


def read(root: Path, base: str | None = None) -> tuple[list[Item], list[Problem]]:
    """The baseline this run trusts and what is wrong with it.

    With ``base`` (a pull request's base commit) that is the file as committed
    there; a working tree that records findings the base doesn't is reported.
    """
    raw, problems = _read_here(root)
    here, found = parse(raw, FILE)
    problems += found
    if base is None:
        return here, problems
    commit = gitref.resolve(root, base)
    if not list_at(root, commit):
        # The change adopts listsmith: the base has no list to trust a baseline from, and the
        # pull request brings its own workflows anyway. Its findings are the list's history.
        return here, problems
    trusted, found = parse(gitref.show(root, commit, FILE), f"{FILE}@{base}")
    found += problems
    added = Counter(item.key for item in here) - Counter(item.key for item in trusted)
    if added:
        count = sum(added.values())
        found.append(
            from_base(
                FILE,
                (1, 1),
                f"this change records {count} more finding{'s' if count != 1 else ''} in the "
                "baseline, which decides what a run lets pass, so this run reads the baseline "
                "from the base branch",
            )
        )
    return trusted, found


def _read_here(root: Path) -> tuple[bytes | None, list[Problem]]:
    """The working tree's baseline file, never through a symlink (a pull request could
    point it anywhere)."""
    if not os.path.lexists(root / FILE):
        return None, []
    try:
        return read_bytes(root / FILE, MAX_BYTES), []
    except OSError as exc:
        reason = "it is a symlink, which is not followed" if os.path.islink(root / FILE) else exc
        message = f"the baseline can't be read ({reason}); nothing is baselined this run"
        return None, [Problem(FILE, 1, 1, Level.ERROR, message, RULE)]


def apply(
    root: Path, items: list[Item], problems: Iterable[Problem]
) -> tuple[list[Problem], list[Item]]:
    """``problems`` with every recorded finding turned into a note, and the stale items
    (recorded, no longer found)."""
    if not items:
        return list(problems), []  # nothing recorded: no finding needs its fingerprint
    prints = Fingerprints(root)
    left = Counter(item.key for item in items)
    judged = []
    for problem in problems:
        if recordable(problem):
            key = prints.item(problem).key
            if left[key] > 0:
                left[key] -= 1
                problem = dataclasses.replace(problem, level=Level.NOTE)
        judged.append(problem)
    stale = []
    for item in items:
        if left[item.key] > 0 and not _regrouped(item, judged):
            left[item.key] -= 1
            stale.append(item)
    return judged, stale


def _regrouped(item: Item, problems: list[Problem]) -> bool:
    """A recorded duplicate whose entry is still in a group its rule reports, at another
    entry now: a pull request that adds a third copy carries the group's finding (an error,
    rightly), and the recorded pair is not gone, so it is not stale."""
    rule = rules.RULES.get(item.rule)
    if rule is None or rules.kind(rule) != "duplicates":
        return False
    named = f"{item.path}:"
    return any(
        p.rule == item.rule and (p.path == item.path or named in p.message) for p in problems
    )


def stale_problem(stale: list[Item]) -> Problem:
    """One warning for every recorded finding that is gone."""
    count = len(stale)
    return Problem(
        FILE,
        1,
        1,
        Level.WARNING,
        f"recorded findings that no longer occur (fixed, or their line changed): {count}; "
        "`listsmith check --update-baseline` drops them, so that a return is an error",
        RULE,
    )


LIST_FILES = ("resources", "schema.json", "listsmith.yaml")
"""What a list's findings depend on: its data, its schema and its settings."""


def at_commit(root: Path, commit: str) -> Counter[tuple[str, str, str]]:
    """The recordable findings the list had at ``commit`` (a resolved commit), by key.

    The list's files are copied out of git into a scratch folder (regular files only,
    as the loader reads them) and judged there, so that a finding a pull request did
    not bring, in a file it did not touch, can be told from one it did.
    """
    listed = gitref.run(root, "ls-tree", "--name-only", commit)
    present = [name for name in LIST_FILES if name in listed.stdout.decode().splitlines()]
    if listed.returncode == 0 and not present:
        return Counter()  # no list at the base yet: everything is new
    archive = gitref.run(root, "archive", "--format=tar", commit, "--", *present)
    if listed.returncode != 0 or archive.returncode != 0:
        raise CouldNotRun(f"can't read the list at {commit} from git")
    with tempfile.TemporaryDirectory(prefix="listsmith-base-") as tmp:
        scratch = Path(tmp)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            for member in tar:
                parts = Path(member.name).parts
                if not member.isfile() or member.name.startswith("/") or ".." in parts:
                    continue
                target = scratch.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                target.write_bytes(source.read() if source else b"")
        try:
            project = load_project(scratch)
        except CouldNotRun:
            return Counter()  # no list at the base yet: everything is new
        return Counter(item.key for item in record(scratch, validate(project)))


def settle(
    root: Path, commit: str, problems: list[Problem], touched: frozenset[str]
) -> list[Problem]:
    """With ``--base``: errors the baseline doesn't record, in files the pull request
    didn't touch, that the base commit has too are not the pull request's doing; they
    become notes. Only when there are such errors is the base judged at all."""
    prints = Fingerprints(root)
    suspects = [
        p for p in problems if p.level is Level.ERROR and recordable(p) and p.path not in touched
    ]
    if not suspects:
        return problems
    before = at_commit(root, commit)
    settled = {}
    for problem in suspects:
        key = prints.item(problem).key
        if before[key] > 0:
            before[key] -= 1
            settled[problem] = dataclasses.replace(problem, level=Level.NOTE)
    return [settled.get(p, p) for p in problems]

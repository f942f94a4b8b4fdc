"""Find a list on disk and load it: schema, settings, index and entries, with their problems.

This is the first stage of every command (load -> validate -> act -> report).
Nothing here judges content beyond "can this file be read as YAML"; that is
the schema's and the rules' job.

Layout: ``resources/index.yaml`` declares sections, which nest; an entry
lives in the folder of its section, ``resources/<id>/<child-id>/<slug>.yaml``.
Files are only ever read as regular files inside the list: a symlink, a FIFO
or a device under ``resources/`` is reported, never followed or opened
(a pull request could otherwise point an "entry" at a file outside the
repository, or hang the run on a pipe).
"""

from __future__ import annotations

import functools
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listsmith import gitref, shipped, yamldoc
from listsmith.errors import CouldNotRun
from listsmith.problems import Level, Problem
from listsmith.trust import from_base

RESOURCES = "resources"
SCHEMA = shipped.SCHEMA
INDEX = "index.yaml"
CONFIG = "listsmith.yaml"
HISTORY = ".listsmith/links.json"
"""The link-check history the weekly workflow keeps (on its own branch, not on main)."""
ENTRY_SUFFIXES = (".yaml", ".yml")
INDEX_MAX_BYTES = 16 * 1024 * 1024
"""The index holds every section and every curated order: large lists need room (an
imported list of 60,000 headings and 80,000 entries has a 7.5 MB index)."""


YamlPath = tuple[str | int, ...]


@dataclass
class Entry:
    """One entry file, loaded or not.

    ``section`` is the section's path (``parent/child``), the folder the file
    sits in below ``resources/``. ``doc`` is None when the file could not be
    parsed; rules skip such entries because their load problem already says
    what is wrong.
    """

    path: str
    section: str
    slug: str
    doc: yamldoc.Document | None

    @functools.cached_property
    def data(self) -> dict[str, Any]:
        """The entry's fields; every rule reads them, so the lookup is done once."""
        return self.doc.data if self.doc and isinstance(self.doc.data, dict) else {}

    def text(self, key: str) -> str | None:
        """A string field, or None when it is missing or of another type."""
        value = self.data.get(key)
        return value if isinstance(value, str) else None

    def strings(self, key: str) -> list[tuple[int, str]]:
        """The string items of a list field with their indices; other items are skipped."""
        value = self.data.get(key)
        if not isinstance(value, list):
            return []
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]

    def urls(self) -> Iterator[tuple[YamlPath, str]]:
        """Every URL with where it sits: the main url, then each secondary link's."""
        url = self.text("url")
        if url:
            yield ("url",), url
        links = self.data.get("links")
        if isinstance(links, list):
            for i, link in enumerate(links):
                if isinstance(link, dict) and isinstance(link.get("url"), str):
                    yield ("links", i, "url"), link["url"]

    def points(self) -> Iterator[tuple[YamlPath, str]]:
        """The text of every point of ``details``, nested ones too, with where it sits:
        Markdown the README shows under the entry, as it shows the description."""
        stack: list[tuple[YamlPath, Any]] = [(("details",), self.data.get("details"))]
        while stack:
            where, points = stack.pop()
            if not isinstance(points, list):
                continue
            for i, point in enumerate(points):
                if isinstance(point, str):
                    yield (*where, i), point
                elif isinstance(point, dict) and isinstance(point.get("text"), str):
                    yield (*where, i, "text"), point["text"]
                    stack.append(((*where, i, "details"), point.get("details")))

    @property
    def ref(self) -> str:
        """How entries name each other (distinct_from): ``section/path/slug``."""
        return f"{self.section}/{self.slug}"

    def position(self, *path: str | int) -> tuple[int, int]:
        return self.doc.position(path) if self.doc else (1, 1)


@dataclass(frozen=True)
class Section:
    """One section of the index, wherever it nests.

    ``path`` is its folder below ``resources/`` (the ids of it and its
    ancestors joined by ``/``); ``where`` is where it is declared inside
    index.yaml, for positions.
    """

    path: str
    key: str
    where: YamlPath
    data: dict[str, Any]
    parent: str | None

    @property
    def title(self) -> str:
        title = self.data.get("title")
        return title if isinstance(title, str) else self.key

    @property
    def style(self) -> str:
        style = self.data.get("style")
        return style if isinstance(style, str) else "heading"


@dataclass
class Index:
    """resources/index.yaml: the list's title, intro, section tree and topics."""

    path: str
    doc: yamldoc.Document | None

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data if self.doc else {}

    def _ids(self, items: Any) -> list[tuple[int, str]]:
        if not isinstance(items, list):
            return []
        return [
            (i, item["id"])
            for i, item in enumerate(items)
            if isinstance(item, dict) and isinstance(item.get("id"), str)
        ]

    @functools.cached_property
    def sections(self) -> list[Section]:
        """Every section in document order (a parent before its children); the index is
        read once, so this is worked out once."""
        found: list[Section] = []

        def walk(items: Any, where: YamlPath, parent: str | None) -> None:
            for i, key in self._ids(items):
                path = f"{parent}/{key}" if parent else key
                data = items[i]
                found.append(Section(path, key, (*where, i), data, parent))
                walk(data.get("sections"), (*where, i, "sections"), path)

        walk(self.data.get("sections"), ("sections",), None)
        return found

    def may_show_bare(self, section: Section) -> bool:
        """Whether ``section`` may show with no line of its own (``style: none``): only as
        the list's one top-level section; anywhere else its entries would read as the
        section's before it. The section-style rule and the view both ask this."""
        return section.parent is None and sum(s.parent is None for s in self.sections) == 1

    @property
    def topic_ids(self) -> list[tuple[int, str]]:
        return self._ids(self.data.get("topics"))

    def position(self, *path: str | int) -> tuple[int, int]:
        return self.doc.position(path) if self.doc else (1, 1)


@dataclass
class Config:
    """listsmith.yaml: the maintainer's settings (rules, render, links).

    Optional: a list without it runs on the defaults. Content (entries,
    titles, intros) lives under resources/; settings live here, where a
    reviewer sees at once that a pull request touches them.
    """

    path: str
    doc: yamldoc.Document | None
    base: Config | None = None
    """listsmith.yaml as committed on the base branch, when the run trusts only that
    for settings that decide trust (``--base``); None otherwise."""

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data if self.doc and isinstance(self.doc.data, dict) else {}

    def at(self, where: YamlPath) -> Any:
        """The value at ``where`` (mapping keys), or None."""
        node: Any = self.data
        for key in where:
            node = node.get(key) if isinstance(node, dict) else None
        return node

    def block(self, key: str) -> dict[str, Any]:
        """One top-level block (``rules``, ``render``, ``links``), empty when absent."""
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}

    def position(self, *path: str | int) -> tuple[int, int]:
        return self.doc.position(path) if self.doc else (1, 1)


@dataclass
class Project:
    """Everything one run knows about a list."""

    root: Path
    schema: dict[str, Any]
    index: Index
    entries: list[Entry]
    config: Config = field(default_factory=lambda: Config(CONFIG, None))
    strays: list[str] = field(default_factory=list)
    """Files under resources/ that are not where an entry or the index belongs."""
    problems: list[Problem] = field(default_factory=list)
    """Load problems: files that could not be read as YAML at all."""
    added: frozenset[str] = frozenset()
    """Files a pull request adds (``check --base``): a finding about several entries, a
    duplicate pair say, is reported at the one the pull request brings."""
    schema_trusted: bool = False
    """The schema came from the base commit (``--base``) or is the one listsmith ships:
    only then is it compiled to Python (see ``schema.SchemaChecker``)."""

    def section(self, path: str) -> Section | None:
        return next((s for s in self.index.sections if s.path == path), None)


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` holding resources/ and schema.json."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / RESOURCES).is_dir() and (candidate / SCHEMA).is_file():
            return candidate
    raise CouldNotRun(
        f"no list found at or above {here}: expected a folder holding {RESOURCES}/ and {SCHEMA}"
    )


def check_root(root: Path) -> Path:
    """Validate an explicit --root the same way discovery would."""
    root = root.resolve()
    if not (root / RESOURCES).is_dir() or not (root / SCHEMA).is_file():
        raise CouldNotRun(f"{root} is not a list: expected {RESOURCES}/ and {SCHEMA} in it")
    return root


SCHEMA_MAX_BYTES = 4 * 1024 * 1024


def load_schema(root: Path) -> dict[str, Any]:
    """schema.json, read like every file a pull request may change: no symlink, a size cap."""
    try:
        raw = read_bytes(root / SCHEMA, SCHEMA_MAX_BYTES)
    except OSError as exc:
        raise CouldNotRun(f"{SCHEMA} can't be read: {exc}") from exc
    return _parse_schema(raw, SCHEMA)


def _parse_schema(raw: bytes, where: str) -> dict[str, Any]:
    try:
        if len(raw) > SCHEMA_MAX_BYTES:
            raise ValueError("larger than 4 MiB")
        schema = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CouldNotRun(f"{where} can't be read: {exc}") from exc
    defs = schema.get("$defs") if isinstance(schema, dict) else None
    if not isinstance(defs, dict) or not isinstance(defs.get("index"), dict):
        raise CouldNotRun(f"{SCHEMA} must be an object with the index schema under $defs.index")
    if not isinstance(schema.get("required", []), list) or not isinstance(
        schema.get("properties", {}), dict
    ):
        raise CouldNotRun(f"{SCHEMA}: required must be a list and properties a mapping")
    return schema


def load_project(root: Path, base: str | None = None) -> Project:
    """Read every file of the list once. Files that fail to parse become problems.

    With ``base`` (a git ref: the pull request's base), settings that decide
    trust are read from listsmith.yaml as committed there, and schema.json too:
    the schema is the policy entries are judged by, so a pull request that
    loosens it is judged by the base's (and told so). A base without a list (the
    change adopts listsmith, workflows included) has none: the change's own hold.
    """
    schema = load_schema(root)
    problems: list[Problem] = []
    trusted = schema == shipped_schema()
    based = (base, gitref.resolve(root, base)) if base is not None else None  # one rev-parse
    if based is not None and not list_at(root, based[1]):
        based = None  # the change adopts listsmith: the base has no policy to trust yet
    if based is not None:
        schema, trusted = _schema_at(root, *based, schema, problems)
    resources = root / RESOURCES
    if os.path.islink(resources):
        raise CouldNotRun(f"{RESOURCES}/ is a symlink: the list's data must live in the list")
    strays: list[str] = []
    entries: list[Entry] = []

    index_rel = f"{RESOURCES}/{INDEX}"
    index = Index(index_rel, read_yaml(root, index_rel, problems, INDEX_MAX_BYTES))
    config = Config(CONFIG, None)
    if os.path.lexists(root / CONFIG):
        config = Config(CONFIG, read_yaml(root, CONFIG, problems, INDEX_MAX_BYTES))
    if based is not None:
        config.base = _config_at(root, *based)

    for section_dir, names in _walk(resources, problems):
        for name in names:
            rel = f"{RESOURCES}/{section_dir}/{name}" if section_dir else f"{RESOURCES}/{name}"
            if not section_dir or not name.endswith(ENTRY_SUFFIXES):
                if rel != index_rel:
                    strays.append(rel)
                continue
            slug = name.rsplit(".", 1)[0]
            entries.append(Entry(rel, section_dir, slug, read_yaml(root, rel, problems)))
    return Project(root, schema, index, entries, config, strays, problems, schema_trusted=trusted)


@functools.cache
def shipped_schema() -> dict[str, Any]:
    """The schema listsmith ships (the scaffold's): trusted wherever it is found. One copy
    for the process, compared against and never changed."""
    return shipped.schema()


def _schema_at(
    root: Path, ref: str, commit: str, schema: dict[str, Any], problems: list[Problem]
) -> tuple[dict[str, Any], bool]:
    """The schema as committed at ``ref`` (``commit``), and whether it is trusted; a
    working tree that changes it gets a warning. A base without one (the list is new)
    leaves the working tree's, untrusted."""
    raw = gitref.show(root, commit, SCHEMA)
    if raw is None:
        return schema, False
    based = _parse_schema(raw, f"{SCHEMA} at {ref}")
    if based != schema:
        why = f"{SCHEMA} decides what an entry may hold, so this run judges entries by"
        problems.append(from_base(SCHEMA, (1, 1), f"{why} the base branch's"))
    return based, True


def _config_at(root: Path, ref: str, commit: str) -> Config:
    """listsmith.yaml as committed at ``ref`` (``commit``; none there: the defaults)."""
    raw = gitref.show(root, commit, CONFIG)
    if raw is None:
        return Config(CONFIG, None)
    doc, found = yamldoc.load(CONFIG, raw, INDEX_MAX_BYTES)
    if doc is None:
        raise CouldNotRun(f"{CONFIG} at {ref} can't be read: {found[0].message}")
    return Config(f"{CONFIG}@{ref}", doc)


def _walk(resources: Path, problems: list[Problem]) -> list[tuple[str, list[str]]]:
    """(folder relative to resources/, regular file names) for every folder, sorted.

    Hidden files and folders are skipped. Symlinks and special files are
    reported as ``layout`` errors and left alone.
    """
    found: list[tuple[str, list[str]]] = []
    _walk_folder(os.fspath(resources), "", problems, found)
    return sorted(found)


def _walk_folder(
    path: str, rel: str, problems: list[Problem], found: list[tuple[str, list[str]]]
) -> None:
    """One folder, then its sub-folders in name order, as ``os.walk`` goes (a folder that
    can't be listed is skipped, a symlink to a folder is reported, not followed).

    Each entry's kind comes from the directory listing itself: an ``lstat`` per file,
    as ``os.walk`` and a mode check made it, was ~2 us each, 4 ms for 2,000 entries.
    """
    try:
        with os.scandir(path) as listing:
            entries = sorted(
                (e for e in listing if not e.name.startswith(".")), key=lambda e: e.name
            )
    except OSError:
        return
    prefix = rel + "/" if rel else ""
    folders, files = [], []
    for entry in entries:
        if _is_folder(entry):
            if entry.is_symlink():
                problems.append(_not_followed(f"{RESOURCES}/{prefix}{entry.name}", "folder"))
            else:
                folders.append(entry)
    for entry in entries:
        if _is_folder(entry):
            continue
        if entry.is_file(follow_symlinks=False):
            files.append(entry.name)
        else:
            kind = "symlink" if entry.is_symlink() else "special file"
            problems.append(_not_followed(f"{RESOURCES}/{prefix}{entry.name}", kind))
    if files:
        found.append((rel, files))
    for entry in folders:
        _walk_folder(entry.path, prefix + entry.name, problems, found)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder or a symlink to one, as ``os.walk`` sorts entries."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _not_followed(rel: str, kind: str) -> Problem:
    what = {
        "folder": "a symlinked folder is not followed; move the real folder here",
        "symlink": "a symlink is not followed; put the file itself here",
        "special file": "not a regular file (a FIFO, socket or device); it is not read",
    }[kind]
    return Problem(rel, 1, 1, Level.ERROR, what, "layout")


_CHUNK = 1 << 20


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file, never following a symlink.

    O_NOFOLLOW refuses a symlink at the last component, O_NONBLOCK keeps a
    FIFO swapped in after the directory walk from blocking the open, and the
    fstat check refuses anything that is not a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise IsADirectoryError(0, "not a regular file")
        # Plain reads, sized by fstat: a buffered file object per entry cost more than the
        # reading. The loop goes on to end of file, since the size may change meanwhile.
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, info.st_size + 1, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_json(path: str | os.PathLike[str], limit: int) -> Any:
    """A JSON file a pull request may have changed (a history, signals.json): read as
    :func:`read_bytes` reads, at most ``limit`` bytes of UTF-8. Raises OSError
    (FileNotFoundError when there is none) or ValueError saying what is wrong."""
    raw = read_bytes(path, limit)
    if len(raw) > limit:
        raise ValueError(f"larger than {limit // 2**20} MiB")
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_yaml(
    root: Path, rel: str, problems: list[Problem], limit: int = yamldoc.MAX_BYTES
) -> yamldoc.Document | None:
    """One YAML file of the list, or None with the reason added to ``problems``."""
    try:
        # Never read more than the size limit: a 2 GB "entry" must not fill memory.
        raw = read_bytes(os.path.join(root, rel), limit)  # a Path per file costs more
    except FileNotFoundError:
        problems.append(Problem(rel, 1, 1, Level.ERROR, "file is missing", "missing"))
        return None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if os.path.islink(root / rel):
            reason = "it is a symlink, which is not followed"
        problems.append(Problem(rel, 1, 1, Level.ERROR, f"can't be read: {reason}", "unreadable"))
        return None
    doc, found = yamldoc.load(rel, raw, limit)
    problems.extend(found)
    return doc


def list_at(root: Path, commit: str) -> bool:
    """Whether the list exists at ``commit`` (a resolved commit): a change to a repository
    without one adopts listsmith, and its own baseline and links are all it has.

    Read from the tree (no file contents are fetched), relative to the list's folder (a
    list may live in a sub-folder of its repository); a git that can't answer is no
    answer, never "no list": that would trust the change's own policy."""
    found = gitref.run(root, "ls-tree", "--name-only", commit, "--", f"./{RESOURCES}/{INDEX}")
    if found.returncode != 0:
        raise CouldNotRun(
            f"can't read the list at {commit} from git: "
            f"{found.stderr.decode(errors='replace').strip()}"
        )
    return bool(found.stdout.strip())

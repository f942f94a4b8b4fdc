"""Render every file the list turns on, from one view of the data.

``render`` writes, ``render --check`` compares: both go through
:func:`outputs`, which builds the target-neutral view once and hands it to
each render target listsmith.yaml's ``render.targets`` turns on (README.md
alone by default). CONTRIBUTING.md's generated blocks ride along.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from listsmith import docs, view
from listsmith.fsutil import atomic_write
from listsmith.problems import Problem
from listsmith.project import CouldNotRun, Project
from listsmith.render_options import render_options
from listsmith.settings import at, check_block, unknown
from listsmith.targets import TARGETS
from listsmith.targets.base import Shared, Target, path_problem
from listsmith.targets.site import Publication

RULE = "config"
DEFAULT_TARGETS: dict[str, Any] = {"readme": {}}
SITE_URL = re.compile(r"https?://[^\s/?#]+/(?:[^\s?#]*/)?")


def check_settings(project: Project) -> tuple[dict[str, Any], list[Target], list[Problem]]:
    """The render block of listsmith.yaml: its own options and the targets it turns on."""
    config = project.config
    block = config.block("render")
    values, problems = render_options(project)
    if values["site_url"] is not None and not SITE_URL.fullmatch(values["site_url"]):
        problems.append(
            at(
                config,
                ("render", "site_url"),
                "render.site_url must be an http(s) address ending in /, like "
                "https://owner.github.io/list/",
            )
        )
        values["site_url"] = None
    wanted = block.get("targets", {})
    if not isinstance(wanted, dict):
        problems.append(at(config, ("render", "targets"), "render.targets must be a mapping"))
        wanted = {}
    # Turning the page on must not turn the README off: a default target stays on until
    # it is set to false.
    wanted = {**DEFAULT_TARGETS, **wanted}
    paths: dict[str, str] = {}
    chosen: list[tuple[type[Target], dict[str, Any]]] = []
    for name, settings in wanted.items():
        where = ("render", "targets", name)
        cls = TARGETS.get(name)
        if cls is None:
            problems.append(unknown(config, where, list(TARGETS)))
            continue
        if settings is False:
            continue
        options, found = check_block(
            config, where, cls.declared(), None if settings is True else settings
        )
        problems += found
        why = path_problem(options["path"])
        if why:
            problems.append(at(config, (*where, "path"), f"render.targets.{name}.path {why}"))
            continue
        if options["path"] in paths:
            problems.append(
                at(
                    config,
                    (*where, "path"),
                    f"{name} would write {options['path']}, which {paths[options['path']]} "
                    "writes already",
                )
            )
            continue
        paths[options["path"]] = name
        chosen.append((cls, options))
    shared = Shared(
        values["descriptions"],
        Publication(values["site_url"], {cls.NAME: o["path"] for cls, o in chosen}),
    )
    targets = [cls(project, options, shared) for cls, options in chosen]
    return values, targets, problems


def diff(name: str, current: str, rendered: str) -> str:
    """A unified diff from a generated file on disk to the one the data gives."""
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            rendered.splitlines(keepends=True),
            fromfile=f"{name} (on disk)",
            tofile=f"{name} (generated from the data)",
        )
    )


@dataclass(frozen=True)
class Output:
    """A file the data generates (wholly, or in marked blocks), and what it should hold."""

    path: str
    current: bytes | None
    wanted: bytes
    rule: str

    @property
    def stale(self) -> bool:
        return self.current != self.wanted


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() and not path.is_symlink() else None


def write(project: Project, output: Output) -> None:
    """Write a generated file, making its folders (``site/``) but never writing through a
    symlinked one: a target's path stays inside the list."""
    folder = project.root
    for part in PurePosixPath(output.path).parent.parts:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise CouldNotRun(f"{output.path}: {part} is a symlink or not a folder")
        folder.mkdir(exist_ok=True)
    target = project.root / output.path
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise CouldNotRun(f"{output.path} is a symlink or not a file: nothing written over it")
    try:
        atomic_write(target, output.wanted)
    except OSError as exc:
        raise CouldNotRun(f"can't write {output.path}: {exc.strerror or exc}") from exc


def outputs(project: Project, only: set[str] | None = None) -> list[Output]:
    """Every generated file: the targets the list turns on, plus CONTRIBUTING.md's blocks.

    ``only`` limits the run to the named targets. Settings problems are not
    reported here: validation already did, and a target with bad settings
    is simply not rendered.
    """
    values, targets, _ = check_settings(project)
    the_view = view.build(project, repo_lookup(project), values["order"])
    found = []
    for target in targets:
        if only is not None and target.NAME not in only:
            continue
        wanted = target.render(the_view).encode("utf-8")
        found.append(
            Output(target.path, _read(project.root / target.path), wanted, f"{target.NAME}-sync")
        )
    contributing = _read(project.root / docs.CONTRIBUTING)
    if contributing is not None and only is None:
        try:
            text = contributing.decode("utf-8")
        except UnicodeDecodeError as exc:
            # Decoding with replacement and writing back would change bytes of the text
            # that listsmith doesn't own.
            raise CouldNotRun(
                f"{docs.CONTRIBUTING} is not UTF-8 (byte {exc.start}); save it as UTF-8 so its "
                "generated blocks can be refreshed"
            ) from exc
        filled = docs.fill(text, docs.generated(project.schema)).encode("utf-8")
        found.append(Output(docs.CONTRIBUTING, contributing, filled, "docs-sync"))
    return found


def repo_lookup(project: Project) -> Any:
    """Where the view finds an entry's repository signals: the committed signals.json, so
    rendering never needs the network and gives the same bytes until it is refreshed."""
    from listsmith import signals

    return signals.load(project.root).for_url


def readme(project: Project) -> str:
    """README.md's text as the data gives it (the readme target, however configured)."""
    return next(
        o.wanted.decode("utf-8") for o in outputs(project, {"readme"}) if o.rule == "readme-sync"
    )

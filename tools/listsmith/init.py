"""``listsmith init``: a new list that passes ``listsmith check`` the moment it exists.

Copies the scaffold shipped in the package (schema, workflows, contributor
files), writes an index and one example entry, and renders the README, so a
maintainer starts from a working list and edits it rather than from nothing.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from listsmith import SCAFFOLD_INSTALL, yamlwrite
from listsmith.fsutil import atomic_write
from listsmith.newentry import HEADER
from listsmith.project import CouldNotRun, load_project
from listsmith.render import outputs

INDEX = """\
# yaml-language-server: $schema=../schema.json#/$defs/index
title: {title}
intro: |
  A curated list of resources. Replace this text with what the list is about and who it is for.
sections:
  - id: general
    title: General
    description: Start here.
topics:
  - id: example
    title: Example
license: |
  Choose a license for the list (CC0 1.0 is common for curated lists), add it as LICENSE, and
  name it here.
"""

EXAMPLE = {
    "title": "Example Resource",
    "url": "https://example.org/",
    "authors": ["Example Author"],
    "description": "A placeholder that shows the format; replace it with your first resource.",
    "topics": ["example"],
}


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, bytes]]:
    found = []
    for item in folder.iterdir():
        rel = f"{prefix}{item.name}"
        if item.is_dir():
            found += _files(item, rel + "/")
        elif not item.name.endswith((".pyc", ".pyo")):
            found.append((rel, item.read_bytes()))
    return sorted(found)


def scaffold_files() -> list[tuple[str, bytes]]:
    """Every file the scaffold ships, relative to a new list's root."""
    return _files(resources.files("listsmith") / "scaffold")


def init(root: Path, title: str, install: str) -> list[str]:
    """Create a list in ``root`` (missing or empty); returns the files written."""
    if root.exists() and any(root.iterdir()):
        raise CouldNotRun(f"{root} is not empty; `listsmith init` only starts new lists")
    written = []
    for rel, data in scaffold_files():
        if rel.startswith(".github/workflows/"):
            data = data.replace(SCAFFOLD_INSTALL.encode(), install.encode())
        written.append(_write(root, rel, data))
    written.append(
        _write(root, "resources/index.yaml", INDEX.format(title=yamlwrite.scalar(title)).encode())
    )
    example = yamlwrite.entry(EXAMPLE, HEADER)
    written.append(_write(root, "resources/general/example-resource.yaml", example.encode()))
    for output in outputs(load_project(root)):
        written.append(_write(root, output.path, output.wanted))
    return sorted(set(written))


def _write(root: Path, rel: str, data: bytes) -> str:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)
    return rel

"""The files the package ships for every new list: schema, workflows, contributor files.

Both ways a list starts, ``init`` and ``import``, lay these down; they live
apart from either so neither command's module needs the other's.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.abc import Traversable
from typing import Any

SCHEMA = "schema.json"
"""The schema's file name, in the scaffold and in every list."""


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


def schema() -> dict[str, Any]:
    """The schema the scaffold ships (a fresh copy: callers may adjust it)."""
    text = (resources.files("listsmith") / "scaffold" / SCHEMA).read_text(encoding="utf-8")
    return json.loads(text)

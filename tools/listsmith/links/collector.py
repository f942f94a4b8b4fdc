"""Which URLs to check: each distinct one once, with every place that uses it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from listsmith import gitref, yamldoc
from listsmith.links.status import Source
from listsmith.project import CouldNotRun, Entry, Project, list_at


def collect(project: Project) -> dict[str, list[Source]]:
    """URL -> sources, in the order the list first uses each URL."""
    found: dict[str, list[Source]] = {}
    for entry in project.entries:
        for path, url in entry.urls():
            line, col = entry.position(*path)
            found.setdefault(url, []).append(Source(entry.path, line, col, path))
    return found


def changed_since(project: Project, ref: str) -> set[str]:
    """URLs that entries changed or added since ``ref`` use and did not use before."""
    commit = gitref.resolve(project.root, ref)
    if not list_at(project.root, commit):
        return set()  # a change that adopts listsmith adds no link: the list had them all
    changed = gitref.changed(project.root, commit, "resources")
    new: set[str] = set()
    for entry in project.entries:
        if entry.path in changed:
            new |= {url for _, url in entry.urls()} - _urls_at(project.root, commit, entry)
    return new


def _urls_at(root: Path, ref: str, entry: Entry) -> set[str]:
    old = gitref.show(root, ref, entry.path)
    if old is None:
        return set()  # the file is new
    doc, _ = yamldoc.load(entry.path, old)
    if doc is None:
        return set()
    return {url for _, url in Entry(entry.path, entry.section, entry.slug, doc).urls()}


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` -> (K, N) with 1 <= K <= N."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise CouldNotRun(f"--shard takes K/N, like 2/4, not {text!r}") from None
    if not 1 <= k <= n:
        raise CouldNotRun(f"--shard {text}: K must be between 1 and N")
    return k, n


def in_shard(url: str, k: int, n: int) -> bool:
    """A stable slice: the same URL lands in the same shard on every machine and run."""
    digest = hashlib.sha256(url.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1

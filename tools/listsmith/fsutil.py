"""Writes that either happen whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temp file and a rename.

    A crash, a full disk or a kill mid-write leaves the old file untouched
    instead of a truncated README. The file keeps its permissions.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644  # mkstemp's 0o600 would hide a new README from other users
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Obstacle(OSError):
    """Something in the way of a new file that must not be written through or over."""


class NewFiles:
    """Files created under ``root`` that all stay, or all go again.

    Each file is created exclusively (``O_CREAT | O_EXCL``), which never
    opens an existing file nor follows a symlink, dangling or not, at its
    name; each folder on the way is made by us or is a real folder (a
    symlinked one is an :class:`Obstacle`, so nothing is written outside
    ``root`` through it). :meth:`undo` removes every file and folder made,
    newest first, leaving ``root`` as it was (or absent, if it was: the
    first file makes ``root`` and the missing folders above it).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[Path] = []
        self.folders: list[Path] = []
        self._checked: set[str] = set()
        self._rooted = False

    def _make_root(self) -> None:
        missing = []
        path = self.root
        while not os.path.lexists(path):
            missing.append(path)
            path = path.parent
        for path in reversed(missing):
            os.mkdir(path)
            self.folders.append(path)
        self._rooted = True

    def _folder(self, rel: str) -> None:
        if rel in self._checked:
            return
        path = self.root / rel
        try:
            os.mkdir(path)
            self.folders.append(path)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(path).st_mode):  # lstat: a symlink is no folder
                raise Obstacle(0, "it is a symlink or a file, not a folder", rel) from None
        self._checked.add(rel)

    def create(self, rel: str, data: bytes) -> None:
        """``rel`` (forward slashes, below ``root``) as a new file holding ``data``."""
        if not self._rooted:
            self._make_root()
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            self._folder("/".join(parts[:depth]))
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        try:
            fd = os.open(self.root / rel, flags, 0o666)
        except FileExistsError:
            raise Obstacle(
                0, "something is there already (a file, folder or symlink)", rel
            ) from None
        self.files.append(self.root / rel)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)

    def undo(self) -> None:
        """Remove what was made, newest first."""
        for path in reversed(self.files):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        for path in reversed(self.folders):
            with contextlib.suppress(OSError):
                os.rmdir(path)
        self.files, self.folders = [], []

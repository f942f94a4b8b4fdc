"""The README an import starts from, read the way every untrusted file is.

``import`` and ``init .`` run in clones of other people's repositories, and
git stores symlinks: a README.md pointing at ``~/.config/gh/hosts.yml`` would
otherwise be read and its token written into the new list. So the README is
opened without following a symlink, must be a regular file, and is read up to
a size cap.
"""

from __future__ import annotations

import os
from pathlib import Path

from listsmith.errors import Refused
from listsmith.problems import Level, Problem
from listsmith.project import read_bytes

MAX_BYTES = 8 * 1024 * 1024
"""The largest README an import reads. The largest awesome lists maintained by hand are
under 1 MiB; a cap keeps memory and time bounded on anything built to be big."""


def refuse(shown: str, message: str, line: int = 1, col: int = 1) -> Refused:
    """A refusal to read ``shown`` (the README as the user named it)."""
    return Refused(Problem(shown, line, col, Level.ERROR, message, "unreadable"))


def symlink(path: Path, shown: str) -> Refused:
    """A refusal of a symlinked README, naming where it points."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return refuse(
        shown, f"is a symlink (to {target!r}), which is not followed: put the file itself here"
    )


def read(path: Path, shown: str) -> str:
    """The text of the README at ``path``, or a :class:`Refused` saying why not."""
    try:
        raw = read_bytes(path, MAX_BYTES)
    except OSError as exc:
        if os.path.islink(path):
            raise symlink(path, shown) from exc
        raise refuse(shown, f"can't be read: {exc.strerror or exc}") from exc
    if len(raw) > MAX_BYTES:
        raise refuse(shown, f"is larger than {MAX_BYTES // 2**20} MiB, more than a list holds")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise refuse(shown, f"is not UTF-8 text (byte {raw[exc.start]:#04x})", line, col) from exc

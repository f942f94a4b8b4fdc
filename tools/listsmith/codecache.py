"""Compiled code kept between runs, so that a run does not compile the same code again.

Two compilers run on every ``check`` and ``render``, over inputs that rarely change:
jinja2 over listsmith's built-in templates (about 0.1 s for the three, of a 0.35 s
``check`` of the bundled list) and fastjsonschema over a trusted schema (60 ms). Both
make Python code objects; this keeps them, marshalled, in a folder of the user's cache,
keyed by everything the code depends on (:func:`load`, :func:`store`).

Only trusted code goes in: the built-in templates, compiled outside the sandbox (a list's
own templates run sandboxed and are compiled on every run), and validators of a trusted
schema (listsmith's own or the base commit's). The folder is the machine's side of trust:
it comes from the environment, never from the list: ``LISTSMITH_CACHE_DIR``, else
``$XDG_CACHE_HOME/listsmith``, else ``~/.cache/listsmith``, an absolute path; an empty
``LISTSMITH_CACHE_DIR`` turns the cache off. Code is loaded only from a folder and a file
that are the user's alone (:func:`_private`), as this module makes them: never from a
checkout's files, should the cache folder sit inside one. A file that is missing, torn or
from another Python is compiled afresh, and a folder that can't be written (a read-only
home) costs only the compile: nothing here ever fails a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import stat
import tempfile
from pathlib import Path
from types import CodeType

from listsmith import __version__

ENVIRONMENT = "LISTSMITH_CACHE_DIR"


def folder() -> Path | None:
    """Where compiled code is kept, or None when the cache is off."""
    if not hasattr(os, "getuid"):
        return None  # no owner to check a file against (Windows): compiled every run
    chosen = os.environ.get(ENVIRONMENT)
    if chosen is not None:
        # A relative folder would be the list's own, which a pull request writes.
        return Path(chosen) if os.path.isabs(chosen) else None
    # The XDG spec: a relative $XDG_CACHE_HOME is invalid and ignored, as an empty one.
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = xdg if os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "listsmith") if os.path.isabs(base) else None


def _path(kind: str, key: str) -> Path | None:
    root = folder()
    if root is None:
        return None
    # The interpreter's bytecode magic: a code object is only good for the Python that
    # made it. listsmith's version: the code may call into listsmith's own functions.
    seed = "\0".join((kind, __version__, importlib.util.MAGIC_NUMBER.hex(), key))
    return root / f"{kind}-{hashlib.sha256(seed.encode()).hexdigest()}.code"


def _private(path: Path) -> bool:
    """Whether ``path`` (not a symlink) is this user's and no one else's to read or write.
    A folder and a file this module made are (0700 and 0600); a checkout's are not: git
    makes folders 0755 and files 0644, so code a pull request commits where the cache is
    looked for (a cache folder inside the checkout) is never loaded."""
    try:
        found = os.lstat(path)
    except OSError:
        return False
    return (
        not stat.S_ISLNK(found.st_mode)
        and found.st_uid == os.getuid()
        and not stat.S_IMODE(found.st_mode) & 0o077
    )


def load(kind: str, key: str) -> CodeType | None:
    """The code stored for ``key`` (everything the code depends on, as text), or None."""
    path = _path(kind, key)
    if path is None or not (_private(path.parent) and _private(path)):
        return None
    try:
        code = marshal.loads(path.read_bytes())
    except Exception:  # damaged bytes raise what they will (SystemError, MemoryError)
        return None  # compiled afresh, and the file replaced
    return code if isinstance(code, CodeType) else None


def store(kind: str, key: str, code: CodeType) -> None:
    """Keep ``code`` for ``key``: whole or not at all, and silently not when it can't."""
    path = _path(kind, key)
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path.parent):
            return  # what load would never read
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(code))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

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
``$XDG_CACHE_HOME/listsmith``, else ``~/.cache/listsmith``; an empty
``LISTSMITH_CACHE_DIR`` turns the cache off. A file that is missing, torn or from another
Python is compiled afresh, and a folder that can't be written (a read-only home) costs
only the compile: nothing here ever fails a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import tempfile
from pathlib import Path
from types import CodeType

from listsmith import __version__

ENVIRONMENT = "LISTSMITH_CACHE_DIR"


def folder() -> Path | None:
    """Where compiled code is kept, or None when the cache is off."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen is not None:
        return Path(chosen) if chosen else None
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


def load(kind: str, key: str) -> CodeType | None:
    """The code stored for ``key`` (everything the code depends on, as text), or None."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(kind: str, key: str, code: CodeType) -> None:
    """Keep ``code`` for ``key``: whole or not at all, and silently not when it can't."""
    path = _path(kind, key)
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(code))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

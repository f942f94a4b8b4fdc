"""The one exception a command turns into exit code 2, raised by library and CLI alike.

It lives on its own so that every module can raise it without importing the
loader (:mod:`listsmith.project` re-exports it for the many that already do).
"""

from __future__ import annotations


class CouldNotRun(Exception):
    """The command cannot start (no list found, unreadable schema): exit code 2."""

"""The one exception a command turns into exit code 2, raised by library and CLI alike.

It lives on its own so that every module can raise it without importing the
loader (:mod:`listsmith.project` re-exports it for the many that already do).
"""

from __future__ import annotations

from listsmith.problems import Problem


class CouldNotRun(Exception):
    """The command cannot start (no list found, unreadable schema): exit code 2."""


class Refused(CouldNotRun):
    """A file the command must read or write is one it won't touch (a symlink, say): told
    at the file, like every problem, and the command stops (exit code 2)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem

"""The one warning for a pull request that changes what a run trusts.

Settings, the schema, the rules block and the baseline all decide what a run lets
pass, so with ``--base`` each is read from the base branch; a pull request that
changes one is told so at the line, under one id, whatever the thing changed.
It lives on its own so that the loader, the settings and the baseline can all
raise it without importing each other.
"""

from __future__ import annotations

from listsmith.problems import Level, Problem

TRUST_RULE = "trusted-setting"


def from_base(path: str, position: tuple[int, int], why: str) -> Problem:
    """The warning for a pull request that changes what a run trusts, which the run
    took from the base branch instead. A warning, not an error: the run is safe, and a
    maintainer may well mean to merge the change; the annotation makes sure they see it."""
    line, col = position
    return Problem(
        path,
        line,
        col,
        Level.WARNING,
        f"{why}; the change takes effect once a maintainer merges it",
        TRUST_RULE,
    )

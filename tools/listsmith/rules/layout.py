"""Every YAML file under resources/ is the index or an entry in a section folder.

A YAML file dropped at the top of resources/ is silently left out of the
README by naive tools; here it is an error, so nothing a contributor adds can
vanish. (A folder that is not a declared section is ``section-declared``'s.)
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.project import ENTRY_SUFFIXES, RESOURCES
from listsmith.rules.base import Finding, RuleContext, file

ID = "layout"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = (
    "Entries live in a section folder, not at the top of `resources/`; symlinks and special "
    "files are not followed."
)
BLOCKING = True
CONFIGURABLE = False


def check(context: RuleContext) -> Iterator[Finding]:
    for path in context.project.strays:
        if path.endswith(ENTRY_SUFFIXES):
            yield file(
                path, f"entry outside a section folder: move it to {RESOURCES}/<section-id>/"
            )

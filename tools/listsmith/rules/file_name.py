"""File names are kebab-case slugs ending in .yaml, so URLs and sorting stay predictable."""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import KEBAB, Finding, RuleContext, file

ID = "file-name"
LEVEL = Level.ERROR
ASKS = "The file name is a kebab-case slug ending in `.yaml`."


def check(context: RuleContext) -> Iterator[Finding]:
    for entry in context.project.entries:
        if entry.path.endswith(".yml"):
            yield file(entry.path, "use the .yaml extension, not .yml")
        if not KEBAB.fullmatch(entry.slug):
            yield file(
                entry.path,
                f"file name '{entry.slug}' is not kebab-case: use lowercase words "
                "joined by hyphens, like linear-algebra-done-right.yaml",
            )

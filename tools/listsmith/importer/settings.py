"""listsmith.yaml for an imported list: the render settings that show it as the source did.

Only what differs from the README target's own defaults is written, so the
file says what is particular about this list: the table of contents'
heading (or none), no summary line the source didn't have, the emphasis
marker the source uses, which facts follow a description (its tags, or
nothing), and Markdown descriptions when the source writes links or code in
them. And one rule's level: when most descriptions are not sentences, the list's
style is not a mistake to put right in every new entry, and ``description-style``
only warns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from listsmith import yamlwrite
from listsmith.importer.model import ImportedEntry, Settings
from listsmith.rules import description_style
from listsmith.targets.readme import Readme

HEADER = (
    "# yaml-language-server: $schema=schema.json#/$defs/config\n"
    "# Written by `listsmith import`: the settings that render README.md the way the imported\n"
    "# list showed it. They are the maintainer's to change (listsmith's docs/settings.md).\n"
)


def markdown_descriptions(entries: Sequence[ImportedEntry]) -> bool:
    """Whether any description holds Markdown beyond words, so all are kept as Markdown."""
    return any(entry.markup for entry in entries)


def readme_options(settings: Settings, entries: Sequence[ImportedEntry]) -> dict[str, Any]:
    """The README target's options this list needs, those equal to the defaults left out."""
    wanted: dict[str, Any] = {
        "path": settings.path,
        "contents": settings.contents,
        "contents_counts": settings.contents_counts,
        "summary": settings.summary,
        "topics_index": settings.topics_index,
        "emphasis": settings.emphasis,
        "bullet": settings.bullet,
        "separator": settings.separator,
        "title_underline": settings.title_underline,
    }
    tagged = any(e.tags for e in entries)
    if not settings.generated:
        wanted["metadata"] = ["tags"] if tagged else []
        wanted["layout"] = "awesome"  # links in parentheses and tags last, as it wrote them
    elif tagged:
        # A listsmith README shows tags only when its list asked for them: the facts it has.
        shown = [f for f in ("authors", "topics", "level") if any(getattr(e, f) for e in entries)]
        wanted["metadata"] = [*shown, "tags"]
    # Tags are code spans in the source (hand-written, or rendered with tags: code): they
    # stay code, which spell checkers leave alone.
    if tagged:
        wanted["tags"] = "code"
    declared = Readme.declared()
    return {k: v for k, v in wanted.items() if v != declared[k].default}


def _value(value: Any) -> str:
    if isinstance(value, list):  # flow style: a comma in an item must be quoted
        return "[" + ", ".join(yamlwrite.scalar(str(v), flow=True) for v in value) + "]"
    return yamlwrite.value(value)


def config_yaml(settings: Settings, entries: Sequence[ImportedEntry]) -> str:
    """The text of listsmith.yaml."""
    lines = [HEADER.rstrip("\n"), "render:"]
    if markdown_descriptions(entries):
        lines.append("  descriptions: markdown")
    options = readme_options(settings, entries)
    if options:
        lines += ["  targets:", "    readme:"]
        lines += [f"      {key}: {_value(value)}" for key, value in options.items()]
    if lines[-1] == "render:":
        lines[-1] = "render: {}"
    if not sentences(entries):
        lines += [
            "rules:",
            "  # Most of the list's descriptions are not sentences (awesome-cpp's \"... [MIT]\"):",
            "  # a new entry may follow the list's own style; the rule only warns.",
            f"  {description_style.ID}: {{level: warning}}",
        ]
    return "\n".join(lines) + "\n"


def sentences(entries: Sequence[ImportedEntry]) -> bool:
    """Whether most of the list's descriptions read as sentences, as ``description-style``
    asks: a capital first, a full stop (or ! ?) last."""
    described = [e.plain or e.description for e in entries if e.plain or e.description]
    failing = [
        text
        for text in described
        if not (
            description_style.starts_as_a_sentence(text)
            and description_style.ends_as_a_sentence(text)
        )
    ]
    return 2 * len(failing) <= len(described)

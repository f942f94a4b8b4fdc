"""``listsmith new``: write one correct entry file, so contributors never start from a blank page.

The entry is built from flags (or answers on a terminal) for whatever fields
the list's own schema has, checked with the same schema, rules and duplicate
search as the rest of the list, at the same levels as ``check``, and only
written when it would pass. In a section with a curated order, its slug is
added to that order in index.yaml, in place: where its title sorts when the
order is alphabetical but for a few entries, else at the end.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from listsmith import orders, yamldoc, yamledit, yamlwrite
from listsmith.fsutil import NewFiles, Obstacle, atomic_write
from listsmith.problems import Problem, has_errors
from listsmith.project import RESOURCES, CouldNotRun, Entry, Project
from listsmith.validate import introduced, validate
from listsmith.view import curated_positions

HEADER = "# yaml-language-server: $schema=../../schema.json"
"""The first line of an entry directly in a top-level section's folder."""


def header(section: str) -> str:
    """The editor line of an entry in ``section``'s folder: schema.json is one folder up
    per level of nesting, plus resources/ itself."""
    return f"# yaml-language-server: $schema={'../' * (section.count('/') + 2)}schema.json"


MAX_SLUG = 80
FIELD_ORDER = (
    "title",
    "url",
    "authors",
    "description",
    "topics",
    "tags",
    "level",
    "free",
    "links",
    "parent",
    "added",
)
"""Fields in the order a person would write them; any others follow in schema order."""
LINE_STYLE = ("emphasis", "separator", "description_below")
"""How an entry's line is written, in an imported list's own shape: a new entry takes what
most entries of its section share (awesome-indie's bold titles), so its line looks like
theirs."""


@dataclass
class Draft:
    """What the contributor told us; missing required fields are asked for or refused."""

    section: str = ""
    slug: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def slugify(title: str) -> str:
    """The file name for a title: ASCII, lowercase, words joined by hyphens."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


_NOT_IN_A_NAME = ("/", "\\", "\0")


def _segments(value: str, flag: str, nested: bool) -> list[str]:
    """``value`` split into folder or file names that each stay where they are put.

    Whatever the rules say (a pull request can turn ``file-name`` off), the slug
    is one file name and the section one folder name per level: no separator,
    no NUL, no leading dot (so neither ``..`` nor a hidden name).
    """
    parts = value.split("/") if nested else [value]
    for part in parts:
        if not part or part.startswith(".") or any(c in part for c in _NOT_IN_A_NAME):
            shape = "folder names joined by /" if nested else "one file name"
            raise CouldNotRun(
                f"{flag} {value!r} must be {shape}: a name is not empty, holds no /, \\ "
                "or NUL, and doesn't start with a dot"
            )
    return parts


def _is_list(schema: dict[str, Any], name: str) -> bool:
    return schema.get("properties", {}).get(name, {}).get("type") == "array"


def missing(project: Project, draft: Draft) -> list[str]:
    """``section`` and the schema's required fields that the draft lacks."""
    required = [n for n in project.schema.get("required", []) if n not in draft.data]
    return (["section"] if not draft.section else []) + required


def ask_missing(draft: Draft, project: Project, ask: Callable[[str], str]) -> None:
    """Fill what is missing by asking; list fields take comma-separated answers."""
    schema = project.schema
    sections = ", ".join(s.path for s in project.index.sections)
    for name in missing(project, draft):
        if name == "section":
            while not draft.section:
                draft.section = ask(f"Section ({sections}): ").strip()
            continue
        is_list = _is_list(schema, name)
        hint = ", comma-separated" if is_list else ""
        if name == "topics":
            hint += f" ({', '.join(t for _, t in project.index.topic_ids)})"
        while name not in draft.data:
            answer = ask(f"{name.capitalize()}{hint}: ").strip()
            if is_list:
                items = [a.strip() for a in answer.split(",") if a.strip()]
                if items:
                    draft.data[name] = items
            elif answer:
                draft.data[name] = answer


def _ordered(schema: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    declared = list(schema.get("properties", {}))
    rank = {name: i for i, name in enumerate(FIELD_ORDER)}
    keys = sorted(
        data, key=lambda k: (rank.get(k, len(rank)), declared.index(k) if k in declared else 0)
    )
    return {k: data[k] for k in keys}


def create(
    project: Project, draft: Draft, today: date | None = None
) -> tuple[str | None, list[Problem]]:
    """Write the entry if it passes; returns (path written or None, problems to show)."""
    flags = {"authors": "--author", "topics": "--topic", "tags": "--tag"}
    absent = [flags.get(n, f"--{n}") for n in missing(project, draft)]
    if absent:
        raise CouldNotRun(f"missing {', '.join(absent)} (or run on a terminal to be asked)")
    for name, value in line_style(project, draft.section).items():
        draft.data.setdefault(name, value)
    if "added" in project.schema.get("properties", {}) and "added" not in draft.data:
        draft.data["added"] = (today or date.today()).isoformat()
    title = draft.data.get("title")
    slug = draft.slug or slugify(title if isinstance(title, str) else "")
    if not slug:
        raise CouldNotRun("no file name: give --slug, or a title with letters or digits")
    _segments(draft.section, "--section", nested=True)
    _segments(slug, "--slug", nested=False)
    rel = f"{RESOURCES}/{draft.section}/{slug}.yaml"
    if os.path.lexists(project.root / rel):
        raise CouldNotRun(f"{rel} exists already; pick another name with --slug")
    text = yamlwrite.entry(_ordered(project.schema, draft.data), header(draft.section))
    before = validate(project)
    doc, problems = yamldoc.load(rel, text.encode("utf-8"))
    project.entries.append(Entry(rel, draft.section, slug, doc))
    index_text = _index_with(project, draft.section, slug, title if isinstance(title, str) else "")
    # The order the entry is about to join doesn't list it yet: that one is expected.
    after = [p for p in validate(project) if not (p.path == rel and p.rule == "order-complete")]
    problems += [p for p in after if p.path == rel]
    problems += [p for p in introduced(before, after, {rel}) if p.path != rel]
    if has_errors(problems):
        return None, problems
    # Created exclusively, never through a symlinked section folder (which would put the
    # entry outside the list), and taken away again, with any folder made for it, when
    # the index can't take its slug.
    made = NewFiles(project.root)
    try:
        made.create(rel, text.encode("utf-8"))
        if index_text is not None:
            atomic_write(project.root / project.index.path, index_text.encode("utf-8"))
    except OSError as exc:
        made.undo()
        if isinstance(exc, Obstacle):
            raise CouldNotRun(f"{exc.filename}: {exc.strerror}; nothing written") from exc
        raise
    return rel, problems


def line_style(project: Project, section: str) -> dict[str, Any]:
    """The :data:`LINE_STYLE` fields that most entries of ``section`` share, with their value."""
    declared = project.schema.get("properties", {})
    siblings = [e for e in project.entries if e.section == section and e.doc]
    found: dict[str, Any] = {}
    for name in LINE_STYLE:
        if name not in declared or not siblings:
            continue
        values = Counter(
            value for e in siblings if isinstance(value := e.data.get(name), (str, bool))
        )
        common = values.most_common(1)
        if common and 2 * common[0][1] > len(siblings):
            found[name] = common[0][0]
    return found


def _index_with(project: Project, section_path: str, slug: str, title: str) -> str | None:
    """index.yaml with ``slug`` added to the section's curated order, if it has one: where
    its title sorts when the order is alphabetical but for a few entries
    (:func:`listsmith.orders.insertion`), else at the end."""
    section = project.section(section_path)
    if section is None or not isinstance(section.data.get("order"), list):
        return None
    titles = {
        e.slug: e.text("title") or e.slug for e in project.entries if e.section == section_path
    }
    listed = [
        (i, titles[name])
        for i, (what, name) in curated_positions(section.data["order"])
        if what == "entry" and name in titles and name != slug
    ]
    at = orders.insertion([t for _, t in listed], title)
    index = len(section.data["order"])
    if at is not None and listed:
        index = listed[at][0] if at < len(listed) else listed[-1][0] + 1
    path = project.root / project.index.path
    text, crlf = yamledit.with_lf(path.read_bytes().decode("utf-8"))
    try:
        edited = yamledit.insert_into_sequence(
            text, yamledit.compose(text), (*section.where, "order"), index, slug
        )
    except yamledit.CannotEdit as exc:
        raise CouldNotRun(f"{project.index.path}: can't add {slug} to the order: {exc}") from exc
    return yamledit.line_ends(edited, crlf)

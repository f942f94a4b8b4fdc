"""``listsmith new``: write one correct entry file, so contributors never start from a blank page.

The entry is built from flags (or answers on a terminal), checked with the
same schema, rules and duplicate search as the rest of the list, and only
written when it would pass ``validate`` as it stands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from listsmith import dupes, yamldoc, yamlwrite
from listsmith.fsutil import atomic_write
from listsmith.problems import Level, Problem
from listsmith.project import RESOURCES, CouldNotRun, Entry, Project
from listsmith.validate import validate

HEADER = "# yaml-language-server: $schema=../../schema.json"
MAX_SLUG = 80


@dataclass
class Draft:
    """What the contributor told us; empty fields are asked for or refused."""

    section: str = ""
    title: str = ""
    url: str = ""
    authors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    description: str = ""
    level: str = ""
    free: bool = True
    slug: str = ""

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "url": self.url,
            "authors": self.authors,
            "description": self.description,
            "topics": self.topics,
        }
        if self.level:
            data["level"] = self.level
        if not self.free:
            data["free"] = False
        return data


def slugify(title: str) -> str:
    """The file name for a title: ASCII, lowercase, words joined by hyphens."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


REQUIRED = ("section", "title", "url", "authors", "topics", "description")


def ask_missing(draft: Draft, project: Project, ask: Callable[[str], str]) -> None:
    """Fill empty required fields by asking; list fields take comma-separated answers."""
    sections = ", ".join(sid for _, sid in project.index.section_ids)
    topics = ", ".join(tid for _, tid in project.index.topic_ids)
    prompts = {
        "section": f"Section ({sections}): ",
        "title": "Title: ",
        "url": "URL: ",
        "authors": "Authors, comma-separated: ",
        "topics": f"Topics, comma-separated ({topics}): ",
        "description": "Description (one or two sentences, your own words): ",
    }
    for name in REQUIRED:
        while not getattr(draft, name):
            answer = ask(prompts[name]).strip()
            if name in ("authors", "topics"):
                setattr(draft, name, [a.strip() for a in answer.split(",") if a.strip()])
            else:
                setattr(draft, name, answer)


def create(project: Project, draft: Draft) -> tuple[str | None, list[Problem]]:
    """Write the entry if it passes; returns (path written or None, problems to show)."""
    flags = {"authors": "--author", "topics": "--topic"}
    missing = [flags.get(name, f"--{name}") for name in REQUIRED if not getattr(draft, name)]
    if missing:
        raise CouldNotRun(f"missing {', '.join(missing)} (or run on a terminal to be asked)")
    slug = draft.slug or slugify(draft.title)
    rel = f"{RESOURCES}/{draft.section}/{slug}.yaml"
    if (project.root / rel).exists():
        raise CouldNotRun(f"{rel} exists already; pick another name with --slug")
    text = yamlwrite.entry(draft.data(), HEADER)
    doc, problems = yamldoc.load(rel, text.encode("utf-8"))
    entry = Entry(rel, draft.section, slug, doc)
    project.entries.append(entry)
    problems += [p for p in validate(project) if p.path == rel]
    # A duplicate is told at once but does not stop the file: the contributor
    # may want distinct_from, and `listsmith check` will hold the line.
    duplicates = [replace(p, level=Level.WARNING) for p in dupes.find(project) if p.path == rel]
    if any(p.level is Level.ERROR for p in problems):
        return None, problems
    (project.root / rel).parent.mkdir(parents=True, exist_ok=True)
    atomic_write(project.root / rel, text.encode("utf-8"))
    return rel, problems + duplicates

"""Render README.md from a validated list with a jinja2 template.

The template gets a plain, already-sorted view of the list (sections in index
order, entries by title) so that templates stay dumb and the output is the
same bytes on every machine.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from listsmith import docs, markdown
from listsmith.project import CouldNotRun, Entry, Project

README = "README.md"
BUILTIN_TEMPLATE = "README.md.j2"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class EntryView:
    title: str
    url: str
    authors: list[str]
    description: str
    topics: list[str]
    level: str | None
    free: bool
    links: list[Link]


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    anchor: str
    description: str
    entries: list[EntryView]


@dataclass(frozen=True)
class TopicView:
    id: str
    title: str
    entries: list[EntryView]


def _entry_view(entry: Entry, topic_titles: dict[str, str]) -> EntryView:
    data = entry.data
    return EntryView(
        title=data["title"],
        url=data["url"],
        authors=list(data["authors"]),
        description=data["description"],
        topics=[topic_titles.get(t, t) for t in data["topics"]],
        level=data.get("level"),
        free=data.get("free", True),
        links=[Link(link["label"], link["url"]) for link in data.get("links", [])],
    )


def _ordered(keyed: list[tuple[tuple[str, str], EntryView]]) -> list[EntryView]:
    return [view for _, view in sorted(keyed, key=lambda pair: pair[0])]


def context(project: Project) -> dict[str, Any]:
    """The template's whole input. Entries sort by title, case-insensitively,
    with the file path breaking ties so equal titles never swap between runs."""
    index = project.index.data
    topic_titles = {t["id"]: t["title"] for t in index.get("topics", [])}
    by_section: dict[str, list[tuple[tuple[str, str], EntryView]]] = {}
    by_topic: dict[str, list[tuple[tuple[str, str], EntryView]]] = {}
    for entry in project.entries:
        view = _entry_view(entry, topic_titles)
        key = (view.title.casefold(), entry.path)
        by_section.setdefault(entry.section, []).append((key, view))
        for topic in entry.data["topics"]:
            by_topic.setdefault(topic, []).append((key, view))

    # GitHub numbers repeated heading ids in document order, so anchors are
    # taken in the order the template writes its headings.
    seen: dict[str, int] = {}
    markdown.heading_anchor(index["title"], seen)
    contents_anchor = markdown.heading_anchor("Contents", seen)
    sections = [
        SectionView(
            id=s["id"],
            title=s["title"],
            anchor=markdown.heading_anchor(s["title"], seen),
            description=s.get("description", ""),
            entries=_ordered(by_section.get(s["id"], [])),
        )
        for s in index["sections"]
    ]
    topics = [
        TopicView(t["id"], t["title"], _ordered(by_topic[t["id"]]))
        for t in index.get("topics", [])
        if t["id"] in by_topic
    ]
    return {
        "title": index["title"],
        "intro": index["intro"].strip(),
        "contents_anchor": contents_anchor,
        "sections": sections,
        "topics": topics,
        "topics_anchor": markdown.heading_anchor("Topics", seen),
        "contributing_anchor": markdown.heading_anchor("Contributing", seen),
        "license_anchor": markdown.heading_anchor("License", seen),
        "contributing": index.get("contributing", "").strip(),
        "license": index.get("license", "").strip(),
        "entry_count": sum(len(s.entries) for s in sections),
    }


def _environment(project: Project) -> tuple[jinja2.Environment, str]:
    custom = project.index.data.get("template")
    loader: jinja2.BaseLoader
    if custom:
        loader = jinja2.FileSystemLoader(project.root)
        name = custom
    else:
        loader = jinja2.PackageLoader("listsmith", "templates")
        name = BUILTIN_TEMPLATE
    env = jinja2.Environment(
        loader=loader,
        autoescape=False,  # Markdown, not HTML: escaping is explicit through the filters
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown.escape
    env.filters["url"] = markdown.link_url
    return env, name


def render(project: Project) -> str:
    """The README text for a list that passed validation."""
    env, name = _environment(project)
    try:
        text = env.get_template(name).render(context(project))
    except jinja2.TemplateNotFound as exc:
        raise CouldNotRun(f"template {exc.name} not found") from exc
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or name}:{exc.lineno}"
        raise CouldNotRun(f"{where}: template error: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise CouldNotRun(f"{name}: template error: {exc}") from exc
    return normalize(text)


def normalize(text: str) -> str:
    """LF endings, no run of blank lines longer than one, exactly one final newline."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    for line in lines:
        if line.strip() == "" and out and out[-1] == "":
            continue
        out.append("" if line.strip() == "" else line)
    return "\n".join(out).strip("\n") + "\n"


def diff(name: str, current: str, rendered: str) -> str:
    """A unified diff from a generated file on disk to the one the data gives."""
    return "".join(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            rendered.splitlines(keepends=True),
            fromfile=f"{name} (on disk)",
            tofile=f"{name} (generated from the data)",
        )
    )


@dataclass(frozen=True)
class Output:
    """A file the data generates (wholly, or in marked blocks), and what it should hold."""

    path: str
    current: bytes | None
    wanted: bytes
    rule: str

    @property
    def stale(self) -> bool:
        return self.current != self.wanted


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def outputs(project: Project) -> list[Output]:
    """README.md, plus CONTRIBUTING.md when it has generated blocks to refresh."""
    found = [
        Output(README, _read(project.root / README), render(project).encode("utf-8"), "readme-sync")
    ]
    contributing = _read(project.root / docs.CONTRIBUTING)
    if contributing is not None:
        text = contributing.decode("utf-8", "replace")
        filled = docs.fill(text, docs.generated(project.schema)).encode("utf-8")
        found.append(Output(docs.CONTRIBUTING, contributing, filled, "docs-sync"))
    return found

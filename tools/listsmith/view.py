"""The list as every render target sees it: sections in order, entries in order, nothing more.

This is the one place that decides what comes before what (a section's
``order``), which entry sits under which (``parent``) and how fields the
list's own schema may leave out read when absent. It knows nothing of
Markdown, HTML or feeds: anchors, escaping and layout belong to the targets.

Order, per section (``order`` in index.yaml, else ``render.order`` in
listsmith.yaml, else ``title``):

- a list: curated; the entries' slugs (and ``{section: id}`` for a
  sub-section shown as a list item) in the order the maintainer chose.
  Anything not listed follows, by title (``check`` reports it).
- ``title``: alphabetical, ignoring case.
- a field name, such as ``added``, or ``-added`` for newest first; entries
  without the field come last.

Sub-sections shown as headings always follow the section's own items: in
Markdown a heading ends the list above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Union

from listsmith.project import Entry, Project, Section
from listsmith.tables import Column, columns

DEFAULT_ORDER = "title"
STYLES = ("heading", "bold", "item", "none")
"""How a section shows: its own heading, a bold line grouping the headings below
it, or a list item (a label) whose entries are indented under it."""


BULLETS = ("-", "*", "+", "1.", "1)")
"""The markers a list's items may take (the schema's enum): a bullet, or an ordered list's
number and its delimiter (each item gets its own number, counting up from 1)."""
EMPHASIS = frozenset({"*", "_", "**", "__", "~~"})
"""The markers ``emphasis`` may wrap a title link in (the schema's enum)."""


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Detail:
    """A point under an entry (an imported list's link-less sub-item), with its own."""

    text: str
    details: tuple[Detail, ...] = ()
    after: str = ""
    """The slug of the entry's sub-entry this point follows; "" before them all."""


@dataclass(frozen=True)
class Topic:
    id: str
    title: str


@dataclass(frozen=True)
class EntryView:
    """One entry, with every field the list may leave out given a neutral value."""

    ref: str
    section: str
    slug: str
    title: str
    url: str
    description: str
    authors: tuple[str, ...]
    topics: tuple[Topic, ...]
    tags: tuple[str, ...]
    level: str | None
    free: bool | None
    """None when the entry says nothing about price."""
    links: tuple[Link, ...]
    added: str | None
    lead: str
    """An imported entry's code spans before its link (awesome-selfhosted's `` `⚠` ``),
    as Markdown; "" for none."""
    marks: str
    """An imported entry's icons and badges between its link and its separator, as
    Markdown; "" for none."""
    emphasis: str
    """The bold or italic marker around the title link (``**``), "" for none."""
    title_markdown: str
    """The title's words as Markdown (a code span in them), "" when they are plain words."""
    data: Mapping[str, Any]
    """Every field as written, for templates that show fields of their own."""
    repo: Any
    """Maintenance signals of the entry's repository (stars, last push), or None."""
    children: tuple[EntryView, ...]
    details: tuple[Detail, ...] = ()
    """Points shown as a nested list under the entry line (``below`` places them)."""
    below: tuple[Detail | EntryView, ...] = ()
    """The points and the children in the order the README shows them under the entry:
    each point before the children, or after the one it follows."""
    description_below: bool = False
    """The description is a paragraph of its own under the entry's line (awesome-indie)."""


@dataclass(frozen=True)
class SectionView:
    id: str
    """The section's path (``parent/child``): its folder below resources/."""
    key: str
    title: str
    description: str
    style: str
    depth: int
    """1 for a top-level section, 2 for its sub-sections, and so on."""
    items: tuple[Item, ...]
    """Entries and sub-sections in display order."""
    columns: tuple[Column, ...] = ()
    """A table section's columns (:mod:`listsmith.tables`): its entries are the rows."""
    footer: str = ""
    """The section's own Markdown after its items (a closing note, a "back to top" link)."""
    level: int = 0
    """The heading level the section asks for (an imported list's own), or 0 for the
    README's: one below its parent's."""
    separator: str = " - "
    """A list-item section's: what joins its label to its text."""
    heading: str = ""
    """The heading's Markdown as the list writes it (badges beside the title), or "" for
    the title alone."""
    joiner: str | None = None
    """A list-item section whose line lists its entries: what joins them there."""
    bullet: str = ""
    """The marker of its lists when it is not the list's, or "" for the list's."""
    loose: bool = False
    """Its items stand a blank line apart (a loose list, which GitHub spaces out)."""

    @property
    def listed_inline(self) -> bool:
        """Its entries are shown on its line: it lists them so, and none has more to show."""
        return (
            self.joiner is not None
            and bool(self.items)
            and all(
                isinstance(i, EntryView) and not (i.description or i.children or i.links or i.marks)
                for i in self.items
            )
        )

    @property
    def entries(self) -> tuple[EntryView, ...]:
        return tuple(i for i in self.items if isinstance(i, EntryView))

    @property
    def sections(self) -> tuple[SectionView, ...]:
        return tuple(i for i in self.items if isinstance(i, SectionView))

    @property
    def count(self) -> int:
        """Entries in this section and every section below it, sub-items included."""
        return sum(
            i.count if isinstance(i, SectionView) else 1 + _descendants(i) for i in self.items
        )


Item = Union[EntryView, SectionView]  # noqa: UP007 - a runtime alias, used before 3.10 syntax


@dataclass(frozen=True)
class ListView:
    title: str
    homepage: str | None
    intro: str
    sections: tuple[SectionView, ...]
    topics: tuple[Topic, ...]
    """Declared topics that at least one entry uses, in index order."""
    contributing: str
    license: str
    heading: str | None = None
    """The title heading's Markdown as the list writes it, "" for none, None for the
    README's own (the title, linked to the homepage)."""
    closing: str | None = None
    """The list's own closing sections, headings included; None for the README's."""
    masthead: str = ""
    """Markdown the README shows above its title heading (a logo, a banner)."""

    @property
    def entry_count(self) -> int:
        return sum(s.count for s in self.sections)

    def walk(self) -> Iterator[EntryView]:
        """Every entry in display order, sub-items after their parent."""
        for section in self.sections:
            yield from _walk_section(section)


def _descendants(entry: EntryView) -> int:
    return sum(1 + _descendants(c) for c in entry.children)


def _walk_section(section: SectionView) -> Iterator[EntryView]:
    for item in section.items:
        if isinstance(item, SectionView):
            yield from _walk_section(item)
        else:
            yield from _walk_entry(item)


def _walk_entry(entry: EntryView) -> Iterator[EntryView]:
    yield entry
    for child in entry.children:
        yield from _walk_entry(child)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _as_written(data: Mapping[str, Any], key: str) -> str:
    """Markdown shown exactly as the list holds it; "" when it holds none."""
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _style(section: Section, project: Project) -> str:
    """How a section shows: its style when the schema has it and the section may have it
    (``none`` only for the list's one top-level section, as the section-style rule says)."""
    style = section.style if section.style in STYLES else "heading"
    if style == "none" and not project.index.may_show_bare(section):
        return "heading"
    return style


def _optional_text(data: Mapping[str, Any], key: str) -> str | None:
    """A text the list may set, even to "" (which differs from leaving it out)."""
    value = data.get(key)
    return value.strip("\n") if isinstance(value, str) else None


def _or(value: str | None, default: str) -> str:
    return default if value is None else value


def _level(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 6 else 0


def details(value: Any) -> tuple[Detail, ...]:
    """An entry's ``details``: each a string, or ``{text, details}`` with points of its own."""
    if not isinstance(value, list):
        return ()
    found = []
    for point in value:
        if isinstance(point, str) and point.strip():
            found.append(Detail(point.strip()))
        elif isinstance(point, dict) and isinstance(point.get("text"), str):
            after = point.get("after") if isinstance(point.get("after"), str) else ""
            found.append(Detail(point["text"].strip(), details(point.get("details")), after))
    return tuple(found)


def below(
    points: tuple[Detail, ...], children: tuple[EntryView, ...]
) -> tuple[Detail | EntryView, ...]:
    """Points and children in one order: a point before the children unless it follows one
    of them; one following a child that is not there (the point-after rule says so) last."""
    slugs = {child.slug for child in children}
    shown: list[Detail | EntryView] = [p for p in points if not p.after]
    for child in children:
        shown.append(child)
        shown += [p for p in points if p.after == child.slug]
    return (*shown, *(p for p in points if p.after and p.after not in slugs))


def _links(value: Any) -> tuple[Link, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Link(str(link.get("label") or "link"), link["url"])
        for link in value
        if isinstance(link, dict) and isinstance(link.get("url"), str)
    )


def order_spec(section: Section, default: Any) -> Any:
    """The section's ``order``: a curated list, ``title``, or a field name."""
    spec = section.data.get("order", default)
    return spec if isinstance(spec, (str, list)) else DEFAULT_ORDER


def curated_positions(spec: Any) -> list[tuple[int, tuple[str, str]]]:
    """(index in the list, ("entry", slug) or ("section", id)) of a curated order's items;
    items of any other shape are left out (the schema reports them)."""
    found: list[tuple[int, tuple[str, str]]] = []
    if isinstance(spec, list):
        for i, item in enumerate(spec):
            if isinstance(item, str):
                found.append((i, ("entry", item)))
            elif isinstance(item, dict) and isinstance(item.get("section"), str):
                found.append((i, ("section", item["section"])))
    return found


def curated_refs(spec: Any) -> list[tuple[str, str]]:
    """("entry", slug) and ("section", id) pairs of a curated order, in its order."""
    return [ref for _, ref in curated_positions(spec)]


def _sort_key(spec: Any, positions: Mapping[tuple[str, str], int]) -> Callable[[Entry], Any]:
    """A key that puts entries in the order ``spec`` asks for, ties broken by title, path."""

    def by_title(entry: Entry) -> tuple[str, str]:
        # Equal titles go by file name without its extension: "x" before "x-2", the order
        # in which the importer and `new` number them ("x-2.yaml" sorts before "x.yaml").
        return ((entry.text("title") or "").casefold(), entry.path.removesuffix(".yaml"))

    if isinstance(spec, list):
        return lambda e: (positions.get(("entry", e.slug), len(positions)), by_title(e))
    if spec == DEFAULT_ORDER or not isinstance(spec, str):
        return by_title
    field = spec.lstrip("-")
    descending = spec.startswith("-")

    def by_field(entry: Entry) -> Any:
        value = entry.data.get(field)
        if value is None or isinstance(value, (dict, list)):
            return (1, "", 0, by_title(entry))
        kind = "number" if isinstance(value, (int, float)) else "text"
        if kind == "number":
            rank: Any = -value if descending else value
            return (0, kind, rank, by_title(entry))
        text = str(value).casefold()
        # Descending text: invert each character so one ascending sort serves both; the
        # closing 1 sorts a word after the longer words it begins ("Go" after "Gopher").
        rank = (*(-ord(c) for c in text), 1) if descending else text
        return (0, kind, rank, by_title(entry))

    return by_field


class _Builder:
    def __init__(
        self, project: Project, repo_of: Callable[[str], Any] | None, default_order: Any
    ) -> None:
        self.project = project
        self.repo_of = repo_of or (lambda url: None)
        index = project.index.data
        self.topic_titles = {
            t["id"]: str(t.get("title") or t["id"])
            for t in index.get("topics") or []
            if isinstance(t, dict) and isinstance(t.get("id"), str)
        }
        self.default_order = default_order
        self.by_section: dict[str, list[Entry]] = {}
        for entry in project.entries:
            if entry.doc is not None and isinstance(entry.data, dict):
                self.by_section.setdefault(entry.section, []).append(entry)
        self.children_of: dict[str, list[Section]] = {}
        for section in project.index.sections:
            self.children_of.setdefault(section.parent or "", []).append(section)

    def entry(self, entry: Entry, children: tuple[EntryView, ...]) -> EntryView:
        data = entry.data
        url = entry.text("url") or ""
        free = data.get("free")
        level = data.get("level")
        points = details(data.get("details"))
        return EntryView(
            ref=entry.ref,
            section=entry.section,
            slug=entry.slug,
            title=entry.text("title") or entry.slug,
            url=url,
            description=_text(data, "description"),
            authors=_strings(data.get("authors")),
            topics=tuple(
                Topic(t, self.topic_titles.get(t, t)) for t in _strings(data.get("topics"))
            ),
            tags=_strings(data.get("tags")),
            level=level if isinstance(level, str) else None,
            free=free if isinstance(free, bool) else None,
            links=_links(data.get("links")),
            added=data.get("added") if isinstance(data.get("added"), str) else None,
            lead=_as_written(data, "lead"),
            marks=_as_written(data, "marks"),
            emphasis=data["emphasis"] if data.get("emphasis") in EMPHASIS else "",
            title_markdown=_as_written(data, "title_markdown"),
            data=data,
            repo=self.repo_of(url) if url else None,
            children=children,
            details=points,
            below=below(points, children),
            description_below=data.get("description_below") is True,
        )

    def section(self, section: Section, depth: int) -> SectionView:
        spec = order_spec(section, self.default_order)
        refs = curated_refs(spec)
        positions = {ref: i for i, ref in enumerate(refs)}
        key = _sort_key(spec, positions)
        entries = sorted(self.by_section.get(section.path, []), key=key)
        parents = _valid_parents(entries)
        kids: dict[str, list[Entry]] = {}
        top: list[Entry] = []
        for entry in entries:
            parent = parents.get(entry.slug)
            if parent is None:
                top.append(entry)
            else:
                kids.setdefault(parent, []).append(entry)

        def view(entry: Entry) -> EntryView:
            return self.entry(entry, tuple(view(kid) for kid in kids.get(entry.slug, [])))

        subsections = self.children_of.get(section.path, [])
        labels = [s for s in subsections if s.style == "item"]
        items: list[Item] = [view(e) for e in top]
        items += [self.section(sub, depth + 1) for sub in labels]
        if refs:
            # Stable: entries keep their sorted order, labels their index order;
            # whatever the curated order doesn't name follows it, entries first.
            def place(item: Item) -> tuple[int, int]:
                if isinstance(item, EntryView):
                    return (positions.get(("entry", item.slug), len(positions)), 0)
                return (positions.get(("section", item.key), len(positions)), 1)

            items.sort(key=place)
        items += [self.section(sub, depth + 1) for sub in subsections if sub.style != "item"]
        return SectionView(
            id=section.path,
            key=section.key,
            title=section.title,
            description=_text(section.data, "description"),
            style=_style(section, self.project),
            depth=depth,
            items=tuple(items),
            columns=columns(section.data),
            footer=_text(section.data, "footer"),
            level=_level(section.data.get("level")),
            separator=_or(_optional_text(section.data, "separator"), " - "),
            heading=_optional_text(section.data, "heading") or "",
            joiner=_optional_text(section.data, "joiner"),
            bullet=section.data["bullet"] if section.data.get("bullet") in BULLETS else "",
            loose=section.data.get("loose") is True,
        )

    def build(self) -> ListView:
        index = self.project.index.data
        sections = tuple(self.section(s, 1) for s in self.children_of.get("", []))
        view = ListView(
            title=_text(index, "title"),
            homepage=index.get("homepage") if isinstance(index.get("homepage"), str) else None,
            intro=_text(index, "intro"),
            sections=sections,
            topics=(),
            contributing=_text(index, "contributing"),
            license=_text(index, "license"),
            heading=_optional_text(index, "heading"),
            closing=_optional_text(index, "closing"),
            masthead=_text(index, "masthead"),
        )
        used = {t.id for entry in view.walk() for t in entry.topics}
        topics = tuple(Topic(i, t) for i, t in self.topic_titles.items() if i in used)
        return ListView(**{**view.__dict__, "topics": topics})


def _valid_parents(entries: list[Entry]) -> dict[str, str]:
    """slug -> parent slug, for parents that exist and don't lead back to the entry.

    A missing parent or a loop (the ``parent`` rule reports both) leaves the
    entry at the top of its section, so rendering never loops or drops it.
    """
    slugs = {e.slug for e in entries}
    wanted = {e.slug: p for e in entries if (p := e.text("parent")) and p in slugs and p != e.slug}
    valid: dict[str, str] = {}
    for slug, parent in wanted.items():
        seen, step = {slug}, parent
        while step in wanted and step not in seen:
            seen.add(step)
            step = wanted[step]
        if step not in seen:
            valid[slug] = parent
    return valid


def build(
    project: Project,
    repo_of: Callable[[str], Any] | None = None,
    default_order: Any = DEFAULT_ORDER,
) -> ListView:
    """The list in display order. ``repo_of`` maps a URL to its repository's signals;
    ``default_order`` is the order of sections that set none (``render.order``)."""
    return _Builder(project, repo_of, default_order).build()

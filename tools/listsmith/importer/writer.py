"""Write an import: ids for sections and entries, then every file, into place in one move.

Sections get ids from their titles (unique among siblings), entries slugs
(unique in their folder), and every section with items a curated ``order``
that keeps the source's order exactly; an entry's own sub-items name it as
``parent``. The files are written plainly into a staging folder beside the
target, synced once, and then moved into place, so a failure leaves nothing
half-written and 70,000 files don't cost 70,000 fsyncs.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from listsmith import orders, shipped, yamlwrite
from listsmith.importer import schema, settings
from listsmith.importer.model import Imported, ImportedEntry, ImportedSection
from listsmith.newentry import header, slugify
from listsmith.project import CONFIG, INDEX, RESOURCES, SCHEMA, CouldNotRun

INDEX_HEADER = "# yaml-language-server: $schema=../schema.json#/$defs/index"
WRITES = (RESOURCES, SCHEMA, CONFIG)
"""What an import puts at the top of the list's folder."""
_NOT_LITERAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


class _Names:
    """Unique kebab-case names within one scope: ``name``, ``name-2``, ``name-3``..."""

    def __init__(self, fallback: str) -> None:
        self.fallback = fallback
        self.used: set[str] = set()
        self.next: dict[str, int] = {}
        """The next number to try for a name, so 10,000 equal titles don't each count up."""

    def give(self, title: str) -> str:
        base = slugify(title) or self.fallback
        n = self.next.get(base, 1)
        name = base if n == 1 else f"{base}-{n}"
        while name in self.used:
            n += 1
            name = f"{base}-{n}"
        self.next[base] = n + 1
        self.used.add(name)
        return name


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _literal(text: str, indent: str) -> str:
    """A multi-line text as a YAML literal block, kept exactly (trailing spaces, tabs);
    checked to read back as ``text``, else written as a quoted scalar."""
    if "\n" not in text or _NOT_LITERAL.search(text) or "\r" in text:
        return yamlwrite.scalar(text)
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = {0: "-", 1: ""}.get(trailing, "+")
    lines = body.split("\n")
    # The indentation indicator counts from the key's column: values sit two further in.
    explicit = "2" if lines[0][:1] in ("", " ") else ""
    out = [f"|{explicit}{chomp}"]
    out += [indent + line if line else "" for line in lines]
    out += [""] * (trailing - 1)
    block = "\n".join(out)
    try:
        if yaml.load(f"{indent[2:]}k: {block}\n", Loader=_LOADER) == {"k": text}:
            return block
    except yaml.YAMLError:
        pass
    return yamlwrite.scalar(text)


class Layout:
    """Ids, slugs, orders and topics for one import, and the data each file holds."""

    def __init__(self, imported: Imported) -> None:
        self.imported = imported
        self.all = imported.entries
        """Every entry, sub-items included."""
        self.markdown = settings.markdown_descriptions(self.all)
        titles = list(dict.fromkeys([*imported.topics, *(t for e in self.all for t in e.topics)]))
        names = _Names("topic")
        self.topics = {title: names.give(title) for title in titles}
        self.entries: dict[str, dict[str, Any]] = {}
        """Entry files by path below the list's root, with their data."""
        self.alphabetical = orders.alphabetical(
            [[e.title for e in s.items if isinstance(e, ImportedEntry)] for s in imported.walk()]
        )
        """The list sorts its sections, so short ones in title order are so on purpose."""
        self.index = self._index()

    def _section(
        self, section: ImportedSection, folder: str, names: _Names, depth: int = 1
    ) -> dict[str, Any]:
        """``depth`` is the level the README target gives this heading unless told: one
        below its parent heading's (the first under the title is 2)."""
        ident = names.give(section.title)
        path = f"{folder}/{ident}" if folder else ident
        data: dict[str, Any] = {"id": ident, "title": section.title}
        if section.style != "heading":
            data["style"] = section.style
        if section.level and section.level != depth + 1:
            data["level"] = section.level
        if section.heading:
            data["heading"] = section.heading
        if section.separator is not None and section.separator != " - ":
            data["separator"] = section.separator
        if section.joiner is not None:
            data["joiner"] = section.joiner
        if section.bullet:
            data["bullet"] = section.bullet
        if section.loose:
            data["loose"] = True
        if section.description:
            data["description"] = section.description
        if section.footer:
            data["footer"] = section.footer
        if section.columns:
            data["columns"] = section.columns
        slugs = _Names("entry")
        children = _Names("section")
        order: list[Any] = []
        subsections = []
        for item in section.items:
            if isinstance(item, ImportedEntry):
                order += self._entry(item, path, slugs, "")
            else:
                sub = self._section(item, path, children, depth)
                order.append({"section": sub["id"]})
                subsections.append(sub)
        if order and self._title_order(section, order, path):
            if not self.imported.settings.generated:  # there, title is the default
                data["order"] = orders.TITLE
        elif order:
            data["order"] = order
        below = (section.level or depth + 1) if section.style == "heading" else depth
        subsections += [self._section(sub, path, children, below) for sub in section.sections]
        if subsections:
            data["sections"] = subsections
        return data

    def _entry(self, entry: ImportedEntry, folder: str, slugs: _Names, parent: str) -> list[str]:
        slug = slugs.give(entry.title)
        path = f"{RESOURCES}/{folder}/{slug}.yaml"
        self.entries[path] = {}  # its place among the files: before its children's
        found, children = [slug], []
        for child in entry.children:
            below = self._entry(child, folder, slugs, slug)
            children.append(below[0])
            found += below
        separator = self.imported.settings.separator
        self.entries[path] = entry.fields(self.topics, self.markdown, parent, separator, children)
        return found

    def _title_order(self, section: ImportedSection, order: list[Any], folder: str) -> bool:
        """Whether ``order: title`` shows the section as the source did: its entries are in
        title order (ties by file path, as in :mod:`listsmith.view`) and, in a hand-written
        list, sorted on purpose (:func:`listsmith.orders.sorted_section`). A README
        listsmith rendered shows sections in title order unless they set one."""
        if section.labels:
            return False
        entries = [e for e in section.items if isinstance(e, ImportedEntry)]
        if any(e.children for e in entries):
            return False
        keyed = sorted(
            zip(entries, order, strict=True),
            key=lambda p: (orders.key(p[0].title), f"{RESOURCES}/{folder}/{p[1]}"),
        )
        if [slug for _, slug in keyed] != order:
            return False
        titles = [e.title for e in entries]
        return self.imported.settings.generated or orders.sorted_section(titles, self.alphabetical)

    def _index(self) -> dict[str, Any]:
        imported = self.imported
        data: dict[str, Any] = {"title": imported.title}
        if imported.homepage:
            data["homepage"] = imported.homepage
        if imported.heading is not None:
            data["heading"] = imported.heading
        if imported.masthead:
            data["masthead"] = imported.masthead
        if imported.intro:
            data["intro"] = imported.intro
        names = _Names("section")
        data["sections"] = [self._section(s, "", names, 1) for s in imported.sections]
        if self.topics:
            data["topics"] = [{"id": i, "title": t} for t, i in self.topics.items()]
        if imported.closing is not None:
            data["closing"] = imported.closing
        return data


def _yaml(value: Any, indent: str) -> Iterator[str]:
    """Lines of a mapping's or sequence's body, block style, at ``indent``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                yield f"{indent}{key}:"
                yield from _yaml(item, indent + "  ")
            else:
                yield f"{indent}{key}: {_scalar(item, indent + '  ')}"
    else:
        for item in value:
            if isinstance(item, dict) and item:
                lines = list(_yaml(item, indent + "  "))
                yield f"{indent}- {lines[0].lstrip()}"
                yield from lines[1:]
            else:
                yield f"{indent}- {_scalar(item, indent + '  ')}"


def _scalar(value: Any, indent: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list, int)):
        return json.dumps(value)
    return _literal(str(value), indent)


def index_yaml(data: dict[str, Any]) -> str:
    """index.yaml's text, block style, every scalar written as it reads back."""
    return "\n".join([INDEX_HEADER, *_yaml(data, "")]) + "\n"


def files(imported: Imported) -> dict[str, bytes]:
    """Every file an import writes, by path below the list's root."""
    layout = Layout(imported)
    found: dict[str, bytes] = {f"{RESOURCES}/{INDEX}": index_yaml(layout.index).encode()}
    for rel, data in layout.entries.items():
        section = rel.removeprefix(f"{RESOURCES}/").rsplit("/", 1)[0]
        found[rel] = yamlwrite.entry(data, header(section)).encode()
    base = shipped.schema()
    loose = _own_examples(schema.relaxed(base, list(layout.entries.values()), layout.index), layout)
    found[SCHEMA] = (json.dumps(loose, indent=2, ensure_ascii=False) + "\n").encode()
    found[CONFIG] = settings.config_yaml(imported.settings, layout.all).encode()
    return found


def _own_examples(loose: dict[str, Any], layout: Layout) -> dict[str, Any]:
    """The schema's examples taken from the list's own entries (the first that has each
    field), so CONTRIBUTING.md's table and ``listsmith new`` show this list, not the
    scaffold's; a field no entry has shows none."""
    for name, prop in loose.get("properties", {}).items():
        own = next((data[name] for data in layout.entries.values() if name in data), None)
        if own is None:
            prop.pop("examples", None)
        else:
            prop["examples"] = [own]
    return loose


def refuse_unless_forced(into: Path, force: bool) -> None:
    """An import replaces resources/, schema.json and listsmith.yaml: only with --force
    when any of them is already there."""
    there = [name for name in WRITES if os.path.lexists(into / name)]
    resources = into / RESOURCES
    if there == [RESOURCES] and resources.is_dir() and not any(resources.iterdir()):
        there = []
    if there and not force:
        raise CouldNotRun(
            f"{into} already has {', '.join(there)}: pass --force to replace "
            f"{'it' if len(there) == 1 else 'them'} with the import"
        )


def write(imported: Imported, into: Path, force: bool) -> list[str]:
    """Write the list under ``into``; returns the files written."""
    refuse_unless_forced(into, force)
    content = files(imported)
    try:
        into.mkdir(parents=True, exist_ok=True)
        _write_all(content, into)
    except OSError as exc:
        raise CouldNotRun(f"can't write into {into}: {exc.strerror or exc}") from exc
    return sorted(content)


def _write_all(content: dict[str, bytes], into: Path) -> None:
    """Write every file into a staging folder, sync once, then move each into place."""
    stage = Path(tempfile.mkdtemp(prefix=".listsmith-import-", dir=into))
    try:
        made: set[Path] = {stage}
        for rel, data in content.items():
            path = stage / rel
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(data)
        os.sync()  # once for every file, instead of an fsync each
        for name in WRITES:
            target = into / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif os.path.lexists(target):
                target.unlink()
            os.replace(stage / name, target)
        _sync_dir(into)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _sync_dir(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the platform can)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

"""Write a plan's edits into the entries: layout kept, validated first, atomically.

Each value is replaced in the file's text at the scalar's exact span, and
``original_url`` or a new secondary link is inserted as a person would
(:mod:`listsmith.yamledit`), so comments, key order, quoting and
indentation stay as they were (a block scalar becomes a quoted one on its
key's line). Before anything is written, every edited file is read back and
the whole list validated with the new texts in place (schema and rules, the
duplicate search included): a file that would not pass is left alone and
reported, never half-fixed. Each file is replaced atomically.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field

import yaml

from listsmith import yamldoc, yamledit
from listsmith.fsutil import atomic_write
from listsmith.links.plan import Edit, Plan
from listsmith.project import Entry, Project, read_bytes


@dataclass(frozen=True)
class Change:
    """One edit made, where the file now shows it."""

    url: str
    file: str
    line: int
    new: str
    why: str
    added: bool
    """The new URL was added as a secondary link; the old one stays."""


@dataclass
class Outcome:
    changes: list[Change] = field(default_factory=list)
    unfixed: dict[str, str] = field(default_factory=dict)
    """URL -> why it was not fixed, of the URLs the run would have fixed."""

    @property
    def fixed(self) -> frozenset[str]:
        """URLs fixed in every place they are used."""
        return frozenset(c.url for c in self.changes) - self.unfixed.keys()

    @property
    def files(self) -> list[str]:
        return sorted({c.file for c in self.changes})


def apply(project: Project, plan: Plan) -> Outcome:
    """Make the plan's edits; what could not be made is in ``unfixed`` with the reason."""
    outcome = Outcome(unfixed=dict(plan.unfixed))
    by_file: dict[str, list[Edit]] = defaultdict(list)
    for edit in plan.edits:
        by_file[edit.source.file].append(edit)
    texts: dict[str, str] = {}
    for file, edits in sorted(by_file.items()):
        try:
            texts[file] = _edited(project, file, edits)
        except (yamledit.CannotEdit, OSError, UnicodeDecodeError) as exc:
            _refuse(outcome, edits, f"{file} can't be edited: {exc}")
    for file, why in _invalid(project, texts).items():
        _refuse(outcome, by_file[file], f"{file} would not pass validate after the edit: {why}")
        del texts[file]
    for file, text in texts.items():
        atomic_write(project.root / file, text.encode("utf-8"))
        outcome.changes += _changes(text, by_file[file])
    return outcome


def _refuse(outcome: Outcome, edits: list[Edit], why: str) -> None:
    for edit in edits:
        outcome.unfixed.setdefault(edit.url, why)


def _edited(project: Project, file: str, edits: list[Edit]) -> str:
    """The file's text with ``edits`` made, each on the text the one before left."""
    raw = read_bytes(project.root / file, yamldoc.MAX_BYTES).decode("utf-8")
    text, crlf = yamledit.with_lf(raw)
    for edit in edits:
        path = edit.source.path
        if edit.label is not None:
            link = {"label": edit.label, "url": edit.new}
            text = yamledit.append_mapping(text, yamledit.compose(text), ("links",), link)
            continue
        text = yamledit.replace_scalar(text, yamledit.compose(text), path, edit.url, edit.new)
        root = yamledit.compose(text)
        if edit.keep_original and yamledit.node_at(root, (*path[:-1], "original_url")) is None:
            text = yamledit.insert_after(text, root, path, "original_url", edit.url)
    return yamledit.line_ends(text, crlf)


def _invalid(project: Project, texts: dict[str, str]) -> dict[str, str]:
    """Files of ``texts`` that would not pass validate, with their first error.

    An edit can fail another file (a duplicate is reported at whichever entry of the
    pair carries it), so errors it brings anywhere count; when they sit outside the
    edited files, each edit is tried alone to find the one that causes them. A file
    refused can change what the others find, so ask until none fails.
    """
    from listsmith.validate import introduced, validate

    before = validate(project)
    refused: dict[str, str] = {}
    while True:
        wanted = {f: t for f, t in texts.items() if f not in refused}
        if not wanted:
            return refused
        new = introduced(before, validate(_with_texts(project, wanted)), wanted)
        if not new:
            return refused
        found: dict[str, str] = {}
        for problem in new:
            if problem.path in wanted:
                found.setdefault(problem.path, f"{problem.message} [{problem.rule}]")
        if not found:
            for file, text in wanted.items():
                alone = introduced(before, validate(_with_texts(project, {file: text})), {file})
                if alone:
                    found[file] = f"it would make {alone[0].path} fail [{alone[0].rule}]"
            found = found or dict.fromkeys(wanted, "together these edits fail another file")
        refused |= found


def _with_texts(project: Project, texts: dict[str, str]) -> Project:
    """The project as it would be read with ``texts`` written."""
    entries, problems = [], [p for p in project.problems if p.path not in texts]
    for entry in project.entries:
        if entry.path in texts:
            doc, found = yamldoc.load(entry.path, texts[entry.path].encode("utf-8"))
            entry = Entry(entry.path, entry.section, entry.slug, doc)
            problems += found
        entries.append(entry)
    return dataclasses.replace(project, entries=entries, problems=problems)


def _changes(text: str, edits: list[Edit]) -> list[Change]:
    """What each edit did, at the line of the new URL in the written text."""
    root = yamledit.compose(text)
    changes = []
    for edit in edits:
        added = edit.label is not None
        node = _link_to(root, edit.new) if added else yamledit.node_at(root, edit.source.path)
        line = node.start_mark.line + 1 if node is not None else edit.source.line
        changes.append(Change(edit.url, edit.source.file, line, edit.new, edit.why, added))
    return changes


def _link_to(root: yaml.Node, url: str) -> yaml.Node | None:
    """The ``url`` node of the secondary link to ``url``."""
    links = yamledit.node_at(root, ("links",))
    items = links.value if isinstance(links, yaml.SequenceNode) else []
    nodes = (yamledit.node_at(item, ("url",)) for item in items)
    return next((n for n in nodes if isinstance(n, yaml.ScalarNode) and n.value == url), None)

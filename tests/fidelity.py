"""How faithfully a README re-rendered after an import gives back the original, line by line.

Only what renders the same on GitHub, and what awesome-lint doesn't tell apart, is
normalised away: the line listsmith marks its README with, blank lines (the renderer keeps
one between blocks), runs of spaces inside a line and trailing spaces, backslash escapes
of punctuation (``pg\\_durable`` shows as ``pg_durable``), and the up to three spaces
that may indent a top-level block or list item. Everything else counts: a moved badge, a
changed heading level, a rewritten separator, a lost link, a nested item's indentation.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from listsmith.importer.ledger import html_urls
from listsmith.importer.styles import GENERATED_MARK

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPACE = re.compile(r"[ \t]+")
_MD = MarkdownIt("commonmark").enable("table")


@functools.lru_cache(maxsize=8)
def _parsed(text: str) -> tuple[list[Token], dict]:
    """``text``'s tokens and markdown-it's env, parsed once for every measure here (a large
    list's README takes a third of a second a parse)."""
    env: dict = {}
    return _MD.parse(text, env), env


def _top_level_starts(text: str) -> set[int]:
    """Lines that open a top-level block or a top-level list's item (0-based)."""
    found = set()
    for token in _parsed(text)[0]:
        top = token.level == 0 or (token.type == "list_item_open" and token.level == 1)
        if top and token.nesting >= 0 and token.map:
            found.add(token.map[0])
    return found


def _table_lines(text: str) -> dict[int, str]:
    """A table's lines (0-based) as GitHub shows them: each row its cells' inline Markdown
    rendered, spaces collapsed (padding, outer pipes, a cell past the header's count, the
    delimiter row's dashes are what awesome-lint's table rules ask of, not what a reader
    sees); the delimiter row its alignments."""
    found: dict[int, str] = {}
    stream = _parsed(text)[0]
    cells: list[str] = []
    aligns: list[str] = []
    for token in stream:
        if token.type == "tr_open":
            cells, aligns, row = [], [], token.map
        elif token.type in ("th_open", "td_open"):
            aligns.append(str(token.attrs.get("style", "")))
        elif token.type == "inline" and token.level > 0 and cells is not None:
            cells.append(_SPACE.sub(" ", _MD.renderInline(token.content)).strip())
        elif token.type == "tr_close" and row:
            found[row[0]] = "| " + " | ".join(cells) + " |"
        elif token.type == "thead_close" and row:
            found[row[0] + 1] = "| " + " | ".join(aligns) + " |"
    return found


def normalised(text: str) -> list[str]:
    """The lines that count, each as GitHub would show it."""
    lines = []
    top = _top_level_starts(text)
    tables = _table_lines(text)
    for number, line in enumerate(text.splitlines()):
        if line.startswith(GENERATED_MARK):
            continue
        if number in tables:
            lines.append(tables[number])
            continue
        if number in top:
            line = line[min(len(line) - len(line.lstrip(" ")), 3) :]
        line = _ESCAPE.sub(r"\1", _SPACE.sub(" ", line)).rstrip()
        if line.strip():
            lines.append(line)
    return lines


DEFINITION = "definition "
"""How :func:`addresses` counts a link reference definition's address."""


def addresses(text: str) -> Counter[str]:
    """Every link destination, image source, HTML href/src and reference definition."""
    stream, env = _parsed(text)
    found: Counter[str] = Counter()
    for token in stream:
        if token.type == "html_block":
            found.update(html_urls(token.content))
        for child in token.children or []:
            if child.type == "link_open":
                found[str(child.attrs.get("href", ""))] += 1
            elif child.type == "image":
                found[str(child.attrs.get("src", ""))] += 1
            elif child.type == "html_inline":
                found.update(html_urls(child.content))
    for ref in (env.get("references") or {}).values():
        found[DEFINITION + str(ref.get("href", ""))] += 1
    del found[""]
    return found


def headings(text: str) -> list[tuple[int, str]]:
    """Every heading's level and source text, in order."""
    stream = _parsed(text)[0]
    return [
        (int(token.tag[1]), stream[i + 1].content)
        for i, token in enumerate(stream)
        if token.type == "heading_open"
    ]


@dataclass(frozen=True)
class Fidelity:
    """What a rendered README keeps of its original."""

    lines: int
    """Lines of the original that count."""
    differing: list[str]
    """Original lines (normalised) that the rendered README doesn't have in their place."""
    added: list[str]
    """Rendered lines the original doesn't have."""
    addresses: int
    missing: Counter[str]
    """Addresses of the original the rendered README lacks, with how many are missing."""
    headings_kept: bool

    @property
    def kept_share(self) -> float:
        return 1 - sum(self.missing.values()) / self.addresses if self.addresses else 1.0


@functools.lru_cache(maxsize=4)
def compare(original: str, rendered: str) -> Fidelity:
    """What ``rendered`` keeps of ``original`` (kept for the next test asking the same)."""
    before, after = normalised(original), normalised(rendered)
    differing: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            differing += before[i1:i2]
            added += after[j1:j2]
    have, had = addresses(rendered), addresses(original)
    missing = had - have
    # A definition that only served links now written inline loses nothing: its address
    # is still linked as often (awesome-docker's [Calico][calico]).
    for key in [k for k in missing if k.startswith(DEFINITION)]:
        address = key.removeprefix(DEFINITION)
        if have[address] >= had[address]:
            del missing[key]
    return Fidelity(
        lines=len(before),
        differing=differing,
        added=added,
        addresses=sum(had.values()),
        missing=missing,
        headings_kept=headings(original) == headings(rendered),
    )

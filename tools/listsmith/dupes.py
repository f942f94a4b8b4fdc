"""Find one resource listed twice, however its URL or title is spelled.

Every comparison is a hash lookup (canonical URL, final URL after redirects,
folded title, author + title signature), so the work grows linearly with the
list; the one fuzzy comparison only runs between neighbours in a sorted block
of one author's titles. Each group of alike entries is reported once, for its
strongest reason, at the entry that carries it (the one added last, so a pull
request's new file carries the annotation; else a secondary link that repeats
a main URL; else the last by path), naming the others with file and line.
Titles need evidence beyond words: a near-identical title counts only by a
shared author, the same title not between works of different authors.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from listsmith.canonical import canonical, split
from listsmith.project import Entry, Project
from listsmith.rules.base import Finding

URL_RULE = "duplicate-url"
REDIRECT_RULE = "duplicate-redirect"
TITLE_RULE = "duplicate-title"
SIMILAR_RULE = "similar-title"

RULES = (URL_RULE, REDIRECT_RULE, TITLE_RULE, SIMILAR_RULE)
"""Strongest first: a pair is reported once, by the first of these that finds it."""

SIMILARITY = 0.88
"""difflib ratio above which two titles by the same author count as near-duplicates."""
NEIGHBOURS = 3
"""How many following titles in a sorted author block each title is compared with."""
MAX_NAMED = 3
"""A message names at most this many other entries, then says how many more."""
CODE_HOSTS = frozenset(
    {"github.com", "gitlab.com", "codeberg.org", "bitbucket.org", "git.sr.ht", "gitee.com"}
)
"""Hosts whose first path segment is a repository's owner."""

_STOPWORDS = frozenset(
    ["a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "from"]
)
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Use:
    """One place an entry uses a URL."""

    entry: Entry
    path: tuple[str | int, ...]
    url: str

    @property
    def main(self) -> bool:
        return self.path == ("url",)

    @property
    def where(self) -> str:
        return f"{self.entry.path}:{self.entry.position(*self.path)[0]}"


def comparable_words(text: str) -> str:
    """Text compared by its words only: accents, case, punctuation and '&' vs 'and' folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    return " ".join(_WORD.findall(text.replace("&", " and ")))


def signature(folded: str) -> str:
    """Word order and small words don't make a different title (takes folded text)."""
    return " ".join(sorted(w for w in folded.split() if w not in _STOPWORDS))


class _Pairs:
    """Which entries were reported together (or are allowed to be alike), so each duplicate
    is told once: entries reported in one group join it, and a later (weaker) rule sees
    them as told. ``distinct_from`` allows a pair only, not a group."""

    def __init__(self, allowed: set[frozenset[str]]) -> None:
        self._allowed = allowed
        self._parent: dict[str, str] = {}

    def root(self, path: str) -> str:
        parent = self._parent.get(path, path)
        while parent != path:
            grand = self._parent.get(parent, parent)
            self._parent[path] = grand
            path, parent = parent, grand
        return path

    def open(self, a: Entry, b: Entry) -> bool:
        return (
            a.path != b.path
            and frozenset((a.path, b.path)) not in self._allowed
            and self.root(a.path) != self.root(b.path)
        )

    def join(self, a: Entry, b: Entry) -> None:
        self._parent[self.root(b.path)] = self.root(a.path)


def _allowed(entries: list[Entry]) -> set[frozenset[str]]:
    by_ref = {entry.ref: entry for entry in entries}
    return {
        frozenset((entry.path, by_ref[ref].path))
        for entry in entries
        for _, ref in entry.strings("distinct_from")
        if ref in by_ref
    }


def _names(uses: list[str]) -> str:
    shown = ", ".join(uses[:MAX_NAMED])
    more = len(uses) - MAX_NAMED
    return shown + (f" and {more} more" if more > 0 else "")


def _what(use: Use) -> str:
    return "this entry is" if use.main else f"{use.path[0]}[{use.path[1]}].url is"


def _added(use: Use) -> str:
    value = use.entry.data.get("added")
    return value if isinstance(value, str) else ""


_UNDATED = "~"
"""How an entry without ``added`` ranks among dates in a list whose entries have them:
after all of them, since it is the file a contributor just wrote by hand."""


@dataclass(frozen=True)
class _Carrier:
    """What decides which use of a group carries its problem."""

    touched: frozenset[str] = frozenset()
    """Files the pull request adds."""
    dated: bool = False
    """Most of the list's entries have ``added``: one without is new."""

    def rank(self, use: Use) -> tuple[bool, str, bool, str]:
        """An entry the pull request adds, else the entry added last (in a dated list, one
        without a date), else a secondary link (the one to drop), else the last by path."""
        added = _added(use) or (_UNDATED if self.dated else "")
        return (use.entry.path in self.touched, added, not use.main, use.entry.path)


def _why_here(carrier: Use, partners: list[Use], chosen: _Carrier) -> str:
    touched = chosen.touched
    if carrier.entry.path in touched and all(p.entry.path not in touched for p in partners):
        return "this change adds this entry"
    added = _added(carrier)
    if added and all(_added(p) < added for p in partners):
        return f"this entry was added last ({added})"
    if not added and chosen.dated and all(_added(p) for p in partners):
        return "this entry has no added date, unlike the others, so it counts as the newest"
    if not carrier.main and any(p.main for p in partners):
        return "this link repeats another entry's main URL"
    return "this entry comes last by path"


_ALLOW_HINT = "if they are different resources, add distinct_from to one of them"

Linked = Callable[[Use, Use], bool]
"""Whether two uses of one group may be the same resource at all."""


def _any(a: Use, b: Use) -> bool:
    return True


def _one_main(a: Use, b: Use) -> bool:
    """Two entries may share a secondary link (the same publisher's PDF): a URL pair counts
    only when one of the two is a main URL."""
    return a.main or b.main


def _report_groups(
    groups: Iterable[list[Use]],
    pairs: _Pairs,
    message: Callable[[Use, str, int], str],
    linked: Linked = _any,
    chosen: _Carrier = _Carrier(),
) -> list[Finding]:
    """One problem per group of uses that are alike, at the use that carries it, naming the
    others. Linear in a group's size, unless ``distinct_from`` splits it."""
    problems: list[Finding] = []
    for uses in groups:
        while len(uses) > 1 and len({pairs.root(u.entry.path) for u in uses}) > 1:
            found = next(
                (
                    (carrier, partners)
                    for carrier in sorted(uses, key=chosen.rank, reverse=True)
                    if (partners := _partners(carrier, uses, pairs, linked))
                ),
                None,
            )
            if found is None:
                break
            carrier, partners = found
            line, col = carrier.entry.position(*carrier.path)
            names = _names(sorted(p.where for p in partners))
            text = message(carrier, names, len(partners))
            why = f"reported here because {_why_here(carrier, partners, chosen)}"
            problems.append(Finding(carrier.entry.path, line, col, f"{text}; {why}; {_ALLOW_HINT}"))
            for partner in partners:
                pairs.join(carrier.entry, partner.entry)
    return problems


def _partners(carrier: Use, uses: list[Use], pairs: _Pairs, linked: Linked) -> list[Use]:
    """The uses of other entries that ``carrier`` is reported with, one per entry."""
    found: dict[str, Use] = {}
    for use in uses:
        new = use.entry.path not in found
        if new and pairs.open(carrier.entry, use.entry) and linked(carrier, use):
            found[use.entry.path] = use
    return list(found.values())


def _both(count: int) -> str:
    """How a message speaks of a group of ``count`` + 1 entries."""
    return "both" if count == 1 else "all"


def find(
    project: Project,
    final_urls: Mapping[str, str] | None = None,
    enabled: Iterable[str] = RULES,
) -> dict[str, list[Finding]]:
    """Every duplicate in the list, by rule id. ``final_urls`` maps a URL to where it
    redirects. A pair found by an earlier (stronger) rule is not reported again by a
    later one; a disabled rule neither reports nor claims its pairs."""
    wanted = set(enabled)
    entries = [entry for entry in project.entries if entry.doc]
    pairs = _Pairs(_allowed(entries))
    uses = [Use(entry, path, url) for entry in entries for path, url in entry.urls()]
    dated = 2 * sum(isinstance(e.data.get("added"), str) for e in entries) > len(entries)
    chosen = _Carrier(project.added, dated)
    found: dict[str, list[Finding]] = {rule: [] for rule in RULES}

    if URL_RULE in wanted:
        by_url: dict[str, list[Use]] = defaultdict(list)
        for use in uses:
            by_url[canonical(use.url)].append(use)
        found[URL_RULE] = _report_groups(
            by_url.values(),
            pairs,
            lambda use, names, count: (
                f"{_what(use)} the same resource as {names} "
                f"({_both(count)} are {canonical(use.url)})"
            ),
            _one_main,
            chosen,
        )

    if final_urls and REDIRECT_RULE in wanted:
        by_final: dict[str, list[Use]] = defaultdict(list)
        for use in uses:
            final = final_urls.get(use.url)
            by_final[canonical(final or use.url)].append(use)
        found[REDIRECT_RULE] = _report_groups(
            by_final.values(),
            pairs,
            lambda use, names, count: (
                f"{_what(use)} the same resource as {names} ({_both(count)} end at "
                f"{canonical(final_urls.get(use.url) or use.url)} after redirects)"
            ),
            _one_main,
            chosen,
        )

    titles = _titles(entries)
    if TITLE_RULE in wanted:
        by_title: dict[str, list[Use]] = defaultdict(list)
        for record in titles:
            by_title[record.name].append(record.use)
        found[TITLE_RULE] = _report_groups(
            by_title.values(),
            pairs,
            lambda use, names, count: f"same title as {names}",
            _maybe_same,
            chosen,
        )
    if SIMILAR_RULE in wanted:
        found[SIMILAR_RULE] = _report_groups(
            _similar_by_author(titles),
            pairs,
            lambda use, names, count: f"title very close to {names}, by the same author",
            chosen=chosen,
        )
    return found


def _authors(entry: Entry) -> set[str]:
    return {
        folded for _, author in entry.strings("authors") if (folded := comparable_words(author))
    }


def _owner(entry: Entry) -> tuple[str, str] | None:
    """(code host, owner) when the entry's main URL is on a code host, else None."""
    parts = split(entry.text("url") or "")
    if parts is None or parts.host not in CODE_HOSTS or not parts.segments:
        return None
    return parts.host, parts.segments[0].casefold()


def _maybe_same(a: Use, b: Use) -> bool:
    """Whether two entries of one title may be one resource. Not when their authors differ
    (two books called *Calculus*), nor when both are repositories of different owners
    (github.com/pkg/errors and github.com/juju/errors): then it is a name they share."""
    mine, theirs = _authors(a.entry), _authors(b.entry)
    if mine and theirs and not mine & theirs:
        return False
    here, there = _owner(a.entry), _owner(b.entry)
    return not (here and there and here != there)


def _titles(entries: list[Entry]) -> list[_Title]:
    """Every titled entry's title, folded once; a sub-item is named with its parent's title
    ("Ruby / Education" and "Python / Education" are different entries)."""
    by_slug = {(e.section, e.slug): e.text("title") or "" for e in entries}
    found = []
    for entry in entries:
        title = entry.text("title")
        if title:
            parent = by_slug.get((entry.section, entry.text("parent") or ""), "")
            found.append(_Title.of(entry, title, parent))
    return found


@dataclass(frozen=True)
class _Title:
    """A title folded once, with everything the comparisons need from it."""

    use: Use
    folded: str
    name: str
    """The folded title, after the parent's for a sub-item: what "the same title" compares."""
    keys: tuple[str, ...]
    """Signatures of the whole title and, if it has one, of its part before a colon."""
    numbers: tuple[str, ...]

    @classmethod
    def of(cls, entry: Entry, title: str, parent: str = "") -> _Title:
        folded = comparable_words(title)
        name = f"{comparable_words(parent)} / {folded}" if parent else folded
        keys = (signature(folded),)
        if ":" in title:
            keys += (signature(comparable_words(title.split(":", 1)[0])),)
        use = Use(entry, ("title",), title)
        return cls(use, folded, name, keys, tuple(_DIGITS.findall(folded)))


def _similar_by_author(titles: list[_Title]) -> list[list[Use]]:
    """Pairs of titles by a shared author that differ only in small ways.

    Blocking by author keeps this linear; within a block, titles match when
    their word signatures are equal (reordering, small words, punctuation),
    when one is the other's main title before a colon, or when difflib finds
    them nearly equal among sorted neighbours. Titles whose numbers differ
    ("Volume 1", "Volume 2") are different resources.
    """
    by_author: dict[str, list[_Title]] = defaultdict(list)
    for record in titles:
        for author in _authors(record.use.entry):
            by_author[author].append(record)

    groups: list[list[Use]] = []
    for block in by_author.values():
        if len(block) < 2:
            continue
        keyed: dict[str, list[Use]] = defaultdict(list)
        for record in block:
            for key in record.keys:
                keyed[key].append(record.use)
        groups += [uses for uses in keyed.values() if len(uses) > 1]

        ordered = sorted(block, key=lambda record: record.folded)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 : i + 1 + NEIGHBOURS]:
                if a.numbers != b.numbers:
                    continue
                matcher = difflib.SequenceMatcher(None, a.folded, b.folded)
                if matcher.real_quick_ratio() >= SIMILARITY and matcher.ratio() >= SIMILARITY:
                    groups.append([a.use, b.use])
    return groups

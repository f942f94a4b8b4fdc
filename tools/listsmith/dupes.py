"""Find one resource listed twice, however its URL or title is spelled.

Every comparison is a hash lookup (canonical URL, final URL after redirects,
folded title, author + title signature), so the work grows linearly with the
list; the one fuzzy comparison only runs between neighbours in a sorted block
of one author's titles. Each pair of entries is reported once, for its
strongest reason, at both entries, so a pull request's new file always
carries the annotation.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from listsmith.canonical import canonical
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


def fold(text: str) -> str:
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
    """Which entry pairs were reported (or allowed), so each pair is told once."""

    def __init__(self, allowed: set[frozenset[str]]) -> None:
        self._done = set(allowed)

    def open(self, a: Entry, b: Entry) -> bool:
        return a.path != b.path and frozenset((a.path, b.path)) not in self._done

    def close(self, a: Entry, b: Entry) -> None:
        self._done.add(frozenset((a.path, b.path)))


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


_ALLOW_HINT = "if they are different resources, add distinct_from to one of them"


def _report_groups(
    groups: Iterable[list[Use]],
    pairs: _Pairs,
    message: Callable[[Use, str], str],
    mains_only: bool,
) -> list[Finding]:
    """One problem per use that shares a group with another entry's use.

    With ``mains_only`` a pair counts only when one of its two URLs is a main
    URL: two entries may share a secondary link (the same publisher PDF). A
    use found in several groups still gets one problem naming every partner.
    """
    partners: dict[tuple[str, tuple[str | int, ...]], tuple[Use, dict[str, Use]]] = {}
    for uses in groups:
        for use in uses:
            for other in uses:
                if pairs.open(use.entry, other.entry) and (
                    not mains_only or use.main or other.main
                ):
                    key = (use.entry.path, use.path)
                    partners.setdefault(key, (use, {}))[1][other.entry.path] = other
    problems: list[Finding] = []
    for use, others in partners.values():
        line, col = use.entry.position(*use.path)
        names = _names(sorted(other.where for other in others.values()))
        problems.append(Finding(use.entry.path, line, col, f"{message(use, names)}; {_ALLOW_HINT}"))
    for use, others in partners.values():
        for other in others.values():
            pairs.close(use.entry, other.entry)
    return problems


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
    found: dict[str, list[Finding]] = {rule: [] for rule in RULES}

    if URL_RULE in wanted:
        by_url: dict[str, list[Use]] = defaultdict(list)
        for use in uses:
            by_url[canonical(use.url)].append(use)
        found[URL_RULE] = _report_groups(
            by_url.values(),
            pairs,
            lambda use, names: (
                f"{_what(use)} the same resource as {names} (both are {canonical(use.url)})"
            ),
            mains_only=True,
        )

    if final_urls and REDIRECT_RULE in wanted:
        by_final: dict[str, list[Use]] = defaultdict(list)
        for use in uses:
            final = final_urls.get(use.url)
            by_final[canonical(final or use.url)].append(use)
        found[REDIRECT_RULE] = _report_groups(
            by_final.values(),
            pairs,
            lambda use, names: (
                f"{_what(use)} the same resource as {names} (both end at "
                f"{canonical(final_urls.get(use.url) or use.url)} after redirects)"
            ),
            mains_only=True,
        )

    titles = [_Title.of(entry, title) for entry in entries if (title := entry.text("title"))]
    if TITLE_RULE in wanted:
        by_title: dict[str, list[Use]] = defaultdict(list)
        for record in titles:
            by_title[record.folded].append(record.use)
        found[TITLE_RULE] = _report_groups(
            by_title.values(), pairs, lambda use, names: f"same title as {names}", mains_only=False
        )
    if SIMILAR_RULE in wanted:
        found[SIMILAR_RULE] = _report_groups(
            _similar_by_author(titles),
            pairs,
            lambda use, names: f"title very close to {names}, by the same author",
            mains_only=False,
        )
    return found


@dataclass(frozen=True)
class _Title:
    """A title folded once, with everything the comparisons need from it."""

    use: Use
    folded: str
    keys: tuple[str, ...]
    """Signatures of the whole title and, if it has one, of its part before a colon."""
    numbers: tuple[str, ...]

    @classmethod
    def of(cls, entry: Entry, title: str) -> _Title:
        folded = fold(title)
        keys = (signature(folded),)
        if ":" in title:
            keys += (signature(fold(title.split(":", 1)[0])),)
        return cls(Use(entry, ("title",), title), folded, keys, tuple(_DIGITS.findall(folded)))


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
        for author in {fold(author) for _, author in record.use.entry.strings("authors")}:
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

"""Whether a run of titles is alphabetical, as lists sort them, and where a new one goes.

Lists that sort their entries (awesome-go checks it in CI; public-apis asks
for it) compare titles ignoring case and nothing else: awesome-go's 130
sections with two or more entries are all in plain case-insensitive order but
one, with "The Go Programming Language" filed under T and "@golang" before
the letters, so no leading article or punctuation is skipped. That is also
the key :mod:`listsmith.view` sorts ``order: title`` sections by, so a
section found sorted here renders in the same order with ``order: title``.

A long section in title order but for a few entries (someone added one at the
end) is sorted with exceptions: the import keeps its exact order as a curated
order, so the README doesn't change and ``check`` has nothing to say, while
``listsmith new`` puts a new entry where its title sorts, as the maintainer
expects, rather than after the last.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

TITLE = "title"
"""The order setting that sorts a section by title."""
NEARLY = 8
"""Entries a section needs before a few out of place read as exceptions, not chance."""
SHORT = 4
"""Fewer entries than this are in title order by chance as often as not (half of all
pairs are): they count as sorted only in a list that sorts its longer sections."""
MOSTLY = 0.8
"""The share of a list's longer sections in title order that makes the list alphabetical."""


def key(title: str) -> str:
    """What lists sort titles by: the title, ignoring case."""
    return title.casefold()


def in_order(titles: Sequence[str]) -> bool:
    """Whether ``titles`` are in title order (equal titles in any order)."""
    keys = [key(t) for t in titles]
    return all(a <= b for a, b in itertools.pairwise(keys))


def _in_place(keys: Sequence[str]) -> set[int]:
    """Indices of a longest run of ``keys`` in order (not necessarily adjacent): the
    entries that are where title order puts them; the others are the exceptions."""
    tails: list[str] = []
    tail_at: list[int] = []
    before: list[int] = [-1] * len(keys)
    for i, k in enumerate(keys):
        pos = bisect.bisect_right(tails, k)
        before[i] = tail_at[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(k)
            tail_at.append(i)
        else:
            tails[pos] = k
            tail_at[pos] = i
    found, i = set(), tail_at[-1] if tail_at else -1
    while i >= 0:
        found.add(i)
        i = before[i]
    return found


def exceptions(titles: Sequence[str]) -> int:
    """How many titles are out of title order (the fewest to move to sort them)."""
    return len(titles) - len(_in_place([key(t) for t in titles]))


def nearly_in_order(titles: Sequence[str]) -> bool:
    """In title order but for a few: at least :data:`NEARLY` entries, at most one in ten
    (at least one) out of place."""
    return len(titles) >= NEARLY and exceptions(titles) <= max(1, len(titles) // 10)


def alphabetical(sections: Sequence[Sequence[str]]) -> bool:
    """Whether a list sorts its sections: most of those with :data:`SHORT` or more entries
    are in title order, or nearly."""
    longer = [titles for titles in sections if len(titles) >= SHORT]
    sorted_ = [t for t in longer if in_order(t) or nearly_in_order(t)]
    return bool(longer) and len(sorted_) >= MOSTLY * len(longer)


def sorted_section(titles: Sequence[str], list_sorts: bool) -> bool:
    """Whether a section of ``titles`` keeps title order: in order, and either long
    enough not to be so by chance or in a list that sorts (see :func:`alphabetical`),
    where even a section of one entry is sorted, so the next lands in its place."""
    return bool(titles) and in_order(titles) and (len(titles) >= SHORT or list_sorts)


def insertion(titles: Sequence[str], title: str) -> int | None:
    """Where ``title`` goes among ``titles`` (a curated order's entries, in order) when
    they are in title order but for a few: before the first entry in place whose title
    sorts after it, else after the last. None when the order is the curator's own (or
    too short to tell)."""
    if not sorted_section(titles, list_sorts=False) and not nearly_in_order(titles):
        return None
    keys = [key(t) for t in titles]
    new = key(title)
    place = _in_place(keys)
    return next((i for i in sorted(place) if keys[i] > new), len(titles))

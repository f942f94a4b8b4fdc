"""Time `listsmith dupes` on growing lists and show that the time grows linearly.

For each size, a synthetic list (the generator of bench_validate.py) gets
planted duplicates of every kind the canonicaliser knows: YouTube spellings,
GitHub case and suffixes, arXiv abs/pdf/versions, DOI hosts, tracking
parameters and www/http, and secondary links that are another entry's main
URL. Each pair is one problem, at its "-b" file (the later by path, which
also holds the secondary link when there is one): the run fails unless every
such file is reported and nothing else is. Loading (YAML parsing, shared with
every command) and the duplicate search are timed apart.

    python bench/bench_dupes.py [--sizes 10000 100000] [--planted 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench_validate import generate
from listsmith.cli import collector_paused
from listsmith.dupes import URL_RULE, find
from listsmith.project import load_project

PAIRS = [
    ("https://www.youtube.com/watch?v=vid{n}xyzAB", "https://youtu.be/vid{n}xyzAB?si=share"),
    ("https://github.com/Owner{n}/Repo.git", "https://github.com/owner{n}/repo/tree/main"),
    ("https://arxiv.org/abs/2101.{n:05d}v2", "https://arxiv.org/pdf/2101.{n:05d}.pdf"),
    ("https://dx.doi.org/10.1000/Paper.{n}", "https://doi.org/10.1000/paper.{n}"),
    ("http://www.blog{n}.example.com/post/", "https://blog{n}.example.com/post?utm_source=x"),
]


def plant(root: Path, count: int) -> set[str]:
    """Write ``count`` duplicate pairs; return the files that must carry their problem."""
    folder = root / "resources" / "section-0"
    expected: set[str] = set()
    for n in range(count):
        first, second = PAIRS[n % len(PAIRS)]
        names = [f"planted-{n}-a", f"planted-{n}-b"]
        urls = [first.format(n=n), second.format(n=n)]
        for name, url, word in zip(names, urls, ("Alpha", "Omega"), strict=True):
            extra = ""
            if n % 10 == 9 and word == "Omega":  # the duplicate hides in a secondary link
                extra = f"links:\n  - label: mirror\n    url: {url}\n"
                url = f"https://unique{n}.example.net/"
            (folder / f"{name}.yaml").write_text(
                f"title: Planted {word} {n}\nurl: {url}\nauthors: [Planter {n}, {word}]\n"
                "description: A planted duplicate for the benchmark.\n"
                f"topics: [topic-1]\n{extra}"
            )
        expected.add(f"resources/section-0/{names[1]}.yaml")
    return expected


def measure(size: int, planted: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, size)
        expected = plant(root, planted)
        start = time.perf_counter()
        project = load_project(root)
        loaded = time.perf_counter()
        by_rule = find(project)
        done = time.perf_counter()
    reported = [p.path for p in by_rule[URL_RULE]]
    missed = expected - set(reported)
    if missed:
        sys.exit(f"missed {len(missed)} planted duplicates, e.g. {sorted(missed)[:3]}")
    if len(reported) != len(set(reported)):
        sys.exit("a planted pair was reported more than once")
    false = {p.path for found in by_rule.values() for p in found} - expected
    if false:
        sys.exit(f"{len(false)} files reported that were not planted, e.g. {sorted(false)[:3]}")
    print(
        f"  {size + 2 * planted:>8,} entries: load {loaded - start:6.2f} s, "
        f"dupes {done - loaded:6.3f} s ({(done - loaded) / (size + 2 * planted) * 1e6:5.1f} "
        f"us/entry); all {len(expected)} planted pairs found once, nothing else"
    )
    return loaded - start, done - loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--planted", type=int, default=200)
    args = parser.parse_args()
    print(f"duplicate search, {args.planted} planted pairs per list")
    # As `listsmith dupes` runs: the entry point pauses the collector.
    with collector_paused():
        times = [measure(size, args.planted)[1] for size in args.sizes]
    for (small, t_small), (large, t_large) in zip(
        zip(args.sizes, times, strict=True),
        zip(args.sizes[1:], times[1:], strict=True),
        strict=False,
    ):
        print(
            f"{large / small:.0f}x the entries took {t_large / t_small:.1f}x the time "
            "(linear would be the same factor)"
        )


if __name__ == "__main__":
    main()

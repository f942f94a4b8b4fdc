"""Time `listsmith import` on a huge synthetic README, then `check` and `render` on the result.

The README has ``--headings`` headings nested three deep (## / ### / ####) and
about 1.2 items each (a sixth of the sections hold two, some with a sub-item,
tags and a "Source Code" link), so the default is 60,000 headings and ~70,000
entries: what issue #11 measured at 72 s for the import alone when it was
quadratic in headings. Each stage is timed apart, in-process:

- import: parse the README and write every file (one sync at the end);
- check: load the list and run every rule (what `listsmith check` does first);
- render: build README.md from the data.

    python bench/bench_import.py [--headings 60000] [--sizes 6000 60000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from listsmith import render
from listsmith.cli import collector_paused
from listsmith.importer import parse, write
from listsmith.problems import Level
from listsmith.project import load_project
from listsmith.validate import validate


def generate(headings: int) -> tuple[str, int]:
    """A README with ``headings`` headings; returns it and how many entries it lists."""
    lines = ["# Awesome Benchmark", "", "A synthetic list for timing the import.", ""]
    entries = 0
    for h in range(headings):
        lines += [f"{'#' * (2 + h % 3)} Heading {h}", ""]
        if h % 3 == 0:
            lines += [f"_Things of kind {h}._", ""]
        for i in range(2 if h % 6 == 0 else 1):
            entries += 1
            n = f"{h}-{i}"
            line = f"- [Tool {n}](https://tool{n}.example.org/) - Does thing {n} well."
            if h % 4 == 0:
                line += f" ([Source Code](https://git.example.org/tool{n})) `MIT` `Go`"
            lines.append(line)
            if h % 12 == 0:
                entries += 1
                lines.append(f"  - [Plugin {n}](https://plugin{n}.example.org/) - Extends it.")
        lines.append("")
    return "\n".join(lines), entries


def measure(headings: int) -> None:
    source, expected = generate(headings)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "list"
        start = time.perf_counter()
        result = parse(source)
        parsed = time.perf_counter()
        write(result, root, force=False)
        imported = time.perf_counter()
        project = load_project(root)
        problems = validate(project)
        checked = time.perf_counter()
        (root / "README.md").write_text(render.readme(project), encoding="utf-8")
        rendered = time.perf_counter()
    if len(result.entries) != expected or result.skipped:
        raise SystemExit(f"imported {len(result.entries)} of {expected} entries")
    errors = sorted({p.rule for p in problems if p.level is Level.ERROR})
    print(
        f"  {headings:>7,} headings, {expected:>7,} entries, {len(source) / 1e6:5.1f} MB: "
        f"import {imported - start:6.2f} s (parse {parsed - start:5.2f} s, write "
        f"{imported - parsed:5.2f} s), check {checked - imported:6.2f} s, render "
        f"{rendered - checked:5.2f} s{'; errors: ' + ', '.join(errors) if errors else ''}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[6_000, 60_000])
    args = parser.parse_args()
    print("import, check and render of a synthetic README")
    # As `listsmith import` and `check` run: the entry point pauses the collector.
    with collector_paused():
        for headings in args.sizes:
            measure(headings)


if __name__ == "__main__":
    main()

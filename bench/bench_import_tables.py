"""Time the import of a README of tables, and of the README rendered from it, at two sizes.

Each table has a ``Name | Description | Auth | HTTPS`` header and 25 rows (public-apis'
shape); one row in ten has an address with a space in it (``[X](<https://e.org/a b>)``),
which the url pattern refuses and nothing excuses, so the schema's loosening meets as many
instances it can't fix as the README has such rows: issue #18's hang was that loop never
ending, and it is linear now. Each size is imported, rendered, and the rendered README
imported again (a README listsmith wrote):

    python bench/bench_import_tables.py [--sizes 2000 20000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from listsmith import render
from listsmith.importer import parse, write
from listsmith.project import load_project

ROWS = 25


def generate(rows: int) -> str:
    lines = ["# Awesome Tables", "", "A synthetic list of tables for timing the import.", ""]
    for n in range(rows):
        if n % ROWS == 0:
            lines += ["", f"## Category {n // ROWS}", "", "Name | Description | Auth | HTTPS"]
            lines += ["|:---|:---|:---|:---|"]
        url = (
            f"<https://api{n}.example.org/v1 docs>"
            if n % 10 == 0
            else f"https://api{n}.example.org/"
        )
        lines.append(f"| [API {n:06}]({url}) | Serves thing {n} | `apiKey` | Yes |")
    return "\n".join(lines) + "\n"


def _import(source: str, root: Path) -> tuple[float, str, int]:
    start = time.perf_counter()
    write(parse(source), root, force=False)
    took = time.perf_counter() - start
    project = load_project(root)
    return took, render.readme(project), len(project.entries)


def measure(rows: int) -> None:
    source = generate(rows)
    with tempfile.TemporaryDirectory() as tmp:
        first, rendered, entries = _import(source, Path(tmp) / "a")
        again, twice, _ = _import(rendered, Path(tmp) / "b")
    if entries != rows or twice != rendered:
        raise SystemExit(f"imported {entries} of {rows} rows, or the second import differs")
    print(
        f"  {rows:>7,} rows in {rows // ROWS:>5,} tables: import {first:6.2f} s, "
        f"import of the rendered README {again:6.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    args = parser.parse_args()
    print("import of a README of tables, and of the README rendered from it")
    for rows in args.sizes:
        measure(rows)


if __name__ == "__main__":
    main()

"""Time `listsmith import`'s parse on READMEs built to be slow, at growing sizes.

Each input repeats one short piece the HTML title search used to backtrack
on (issue 19: ``<h1>`` repeated took 89 s at 256 KiB). A linear import takes
about four times as long for four times the input; a quadratic one sixteen.
The last column is each size's time over the previous size's.

    python bench/bench_import_crafted.py [--sizes 65536 262144 1048576 4194304]
"""

from __future__ import annotations

import argparse
import time

from listsmith.importer import parse

PIECES = {
    "h1": ("", "<h1>", ""),
    "h1-no-gt": ("", "<h1 ", ""),
    "h1-unclosed-tags": ("<h1>", "<", "</h1>"),
    "h1-close-no-gt": ("", "<h1 </h1 ", ""),
    "img-no-gt": ("<div>\n", "<img a", ""),
    "img-unclosed-alt": ("<div>\n", "<img alt=\"x' alt='y\" ", ""),
    "html-blocks": ("", "<h1>\n\n", ""),
}
"""Each input: a prefix (``<div>`` opens an HTML block), one piece repeated, a suffix."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[65_536, 262_144, 1_048_576, 4_194_304]
    )
    args = parser.parse_args()
    print("parse time of crafted READMEs (size in bytes: seconds, ratio to the size before)")
    for name, (prefix, piece, suffix) in PIECES.items():
        row, before = [], None
        for size in args.sizes:
            source = prefix + piece * (size // len(piece)) + suffix
            start = time.perf_counter()
            parse(source)
            took = time.perf_counter() - start
            ratio = f" x{took / before:4.1f}" if before else ""
            row.append(f"{size:>9,}: {took:6.2f} s{ratio}")
            before = max(took, 1e-6)
        print(f"  {name:<18} " + " | ".join(row), flush=True)


if __name__ == "__main__":
    main()

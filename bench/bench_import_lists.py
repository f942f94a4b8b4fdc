"""Day one on the real lists of tests/fixtures/lists: what `listsmith init .` keeps, and its time.

For each list: a fresh folder holding its README, `init` run there (in-process, as the
command does it, with --accept-loss so a list that would lose links is still measured),
then the README it rendered compared with the original (tests/fidelity.py: line by line
after normalising only what renders the same) and, with awesome-lint installed, linted
beside the original's baseline. Prints one row a list:

- links: addresses of the original (links, images, HTML src/href, reference definitions)
  found in the rendered README, and how many the original has;
- lost: what init reports it would lose (it refuses without --accept-loss);
- lines: original lines (non-blank) that differ, of all;
- headings: whether every heading keeps its level and text;
- awesome-lint: findings of the original -> of the rendered README, and the rules that
  got worse (none is the aim);
- init: wall time of init, in seconds (best of ``--repeat``).

    python bench/bench_import_lists.py [--repeat 3] [--no-lint] [NAME ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fidelity import compare  # noqa: E402
from tests.fixtures.lists.refresh_baselines import BASELINE, LISTS  # noqa: E402

from listsmith import init  # noqa: E402


def day_one(name: str, repeat: int) -> tuple[str, float, int]:
    """The README init renders for ``name``, its best time, and what it would lose."""
    source = (LISTS / name / "README.md").read_text(encoding="utf-8")
    best, rendered, lost = float("inf"), "", 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / name
            root.mkdir()
            (root / "README.md").write_text(source, encoding="utf-8")
            start = time.perf_counter()
            skipped = init.init(root, None, "pip install listsmith", accept_loss=True).skipped
            best = min(best, time.perf_counter() - start)
            rendered, lost = (root / "README.md").read_text(encoding="utf-8"), len(skipped)
    return rendered, best, lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-lint", action="store_true")
    args = parser.parse_args()
    names = args.names or sorted(p.parent.name for p in LISTS.glob("*/README.md"))
    rows, readmes = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            source = (LISTS / name / "README.md").read_text(encoding="utf-8")
            rendered, seconds, lost = day_one(name, args.repeat)
            found = compare(source, rendered)
            readmes[name] = Path(tmp) / f"{name}.md"
            readmes[name].write_text(rendered, encoding="utf-8")
            kept = found.addresses - sum(found.missing.values())
            rows.append(
                [
                    name,
                    f"{kept}/{found.addresses}",
                    str(lost),
                    f"{len(found.differing)}/{found.lines}",
                    "kept" if found.headings_kept else "changed",
                    "",
                    f"{seconds:.2f}",
                ]
            )
        if not args.no_lint:
            from tests.judges import awesome_lint_many, counts

            linted = awesome_lint_many(list(readmes.values()))
            for row in rows:
                name = row[0]
                before = json.loads((LISTS / name / BASELINE).read_text(encoding="utf-8"))
                after = counts(linted[readmes[name]])
                worse = sorted(r for r, n in after.items() if n > before["counts"].get(r, 0))
                total = f"{sum(before['counts'].values())} -> {sum(after.values())}"
                row[5] = total + (f" (worse: {', '.join(worse)})" if worse else "")
    header = ["list", "links", "lost", "lines differing", "headings", "awesome-lint", "init s"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()

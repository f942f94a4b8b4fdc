"""Time listsmith validate/render/check against check-jsonschema and a bare YAML parse.

Generates N valid synthetic entries in a temporary list, then times, on the
same files in one run:

- a bare parse of every file with PyYAML's C loader (the floor: no tool can
  validate YAML without at least parsing it),
- ``listsmith validate``, ``listsmith render`` and ``listsmith check``,
- ``check-jsonschema`` with our schema.json over the same entry files.

Each command runs as its own process (start-up included, as a user would run
it), the best of ``--repeat`` runs is kept, and the ratios the targets speak
of are printed. Usage::

    pip install -e '.[bench]'
    python bench/bench_validate.py [--entries 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTIONS = [f"section-{i}" for i in range(12)]
TOPICS = [f"topic-{i}" for i in range(30)]
WORDS = [
    "vector",
    "matrix",
    "gradient",
    "limit",
    "series",
    "proof",
    "model",
    "sample",
    "estimate",
    "basis",
    "kernel",
    "entropy",
    "variance",
    "integral",
    "derivative",
    "eigenvalue",
    "norm",
    "tensor",
    "prior",
    "posterior",
]

BARE_PARSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate(root: Path, count: int, seed: int = 7) -> None:
    """A valid list of ``count`` entries spread over the sections."""
    rng = random.Random(seed)
    resources = root / "resources"
    resources.mkdir(parents=True)
    shutil.copy(REPO / "schema.json", root / "schema.json")
    index = ["title: Synthetic List", "intro: Generated for benchmarking.", "sections:"]
    index += [f"  - id: {s}\n    title: Section {s[8:]}" for s in SECTIONS]
    index += ["topics:"] + [f"  - id: {t}\n    title: Topic {t[6:]}" for t in TOPICS]
    (resources / "index.yaml").write_text("\n".join(index) + "\n")
    for section in SECTIONS:
        (resources / section).mkdir()
    for i in range(count):
        section = SECTIONS[i % len(SECTIONS)]
        lines = [
            "# yaml-language-server: $schema=../../schema.json",
            f"title: Resource {i} on {rng.choice(WORDS)}",
            f"url: https://site{i % 997}.example.org/resource/{i}",
            f"authors: [Author {i % 5000}, Editor {rng.randrange(5000)}]",
            f"description: {sentence(rng, rng.randint(8, 20))}",
            f"topics: [{', '.join(rng.sample(TOPICS, rng.randint(1, 3)))}]",
            f"level: {rng.choice(['beginner', 'intermediate', 'advanced'])}",
            "added: 2024-05-01",
        ]
        if i % 5 == 0:
            lines.append("free: false")
        if i % 7 == 0:
            lines += ["links:", "  - label: mirror", f"    url: https://mirror.example.org/{i}"]
        (resources / section / f"resource-{i}.yaml").write_text("\n".join(lines) + "\n")


def best_of(repeat: int, command: list[str], cwd: Path, expect: int = 0) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != expect:
            sys.exit(
                f"{' '.join(command[:3])}... exited {done.returncode}:\n"
                f"{done.stdout[-2000:]}{done.stderr[-2000:]}"
            )
        best = min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    checker = shutil.which("check-jsonschema")
    listsmith = [sys.executable, "-m", "listsmith"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.entries)
        files = sorted(str(p) for p in (root / "resources").glob("*/*.yaml"))
        print(f"{args.entries:,} entries, best of {args.repeat} runs each")

        times = {
            "bare parse (C loader)": best_of(
                args.repeat, [sys.executable, "-c", BARE_PARSE, str(root)], root
            ),
            "listsmith validate": best_of(args.repeat, [*listsmith, "validate"], root),
        }
        (root / "README.md").unlink(missing_ok=True)
        times["listsmith render"] = best_of(1, [*listsmith, "render"], root)
        times["listsmith check"] = best_of(args.repeat, [*listsmith, "check"], root)
        if checker:
            times["check-jsonschema"] = best_of(
                args.repeat, [checker, "--schemafile", "schema.json", *files], root
            )

    width = max(map(len, times))
    for name, seconds in times.items():
        print(f"  {name:<{width}}  {seconds:7.2f} s")
    floor = times["bare parse (C loader)"]
    print(
        f"listsmith check / bare parse:         {times['listsmith check'] / floor:5.2f}x"
        "  (target <= 3x)"
    )
    if checker:
        ratio = times["listsmith validate"] / times["check-jsonschema"]
        print(f"listsmith validate / check-jsonschema: {ratio:5.2f}x  (target <= 0.2x)")
    else:
        print("check-jsonschema not installed: pip install -e '.[bench]' to compare")


if __name__ == "__main__":
    main()

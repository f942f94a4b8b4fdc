"""Time listsmith validate/render/check against check-jsonschema and a bare YAML parse.

Generates N valid synthetic entries in a temporary list, then times, on the
same files in one run:

- a bare parse of every file with PyYAML's C loader (the floor: no tool can
  validate YAML without at least parsing it),
- ``listsmith validate``, ``listsmith render`` and ``listsmith check``,
- ``check-jsonschema`` with our schema.json over the same entry files.

Each command runs as its own process (start-up included, as a user would run
it), the best of ``--repeat`` runs is kept, wall time and the process's CPU
time (which a machine busy with other work disturbs far less), and the ratios
the targets speak of are printed. The list is shaped like one ``listsmith import`` writes:
nested sections, curated orders, entries under other entries.

``--one-section 2000,4000,8000,10000`` instead puts every entry in one
curated section and times the order rules alone, which shows whether a rule's
cost grows faster than the section. Usage::

    pip install -e '.[bench]'
    python bench/bench_validate.py [--entries 10000] [--repeat 3]
    python bench/bench_validate.py --one-section 2000,4000,8000,10000
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


def generate(root: Path, count: int, seed: int = 7, sections: int = len(SECTIONS)) -> None:
    """A valid list of ``count`` entries shaped like one ``listsmith import`` writes.

    Top-level sections each hold two sub-sections (the first shown as a list
    item of its parent, the second as a heading); every section has a curated
    ``order`` naming its entries (and its list-item sub-section), and about one
    entry in eight sits under another entry of its section (``parent``). With
    ``sections=1`` every entry lands in one curated section, the shape that
    shows whether a rule's cost grows with a section's size.
    """
    rng = random.Random(seed)
    resources = root / "resources"
    resources.mkdir(parents=True)
    shutil.copy(REPO / "schema.json", root / "schema.json")
    tops = SECTIONS[:sections]
    folders = [*tops]
    if sections > 1:
        folders += [f"{top}/{child}" for top in tops for child in ("part-a", "part-b")]
    members: dict[str, list[str]] = {folder: [] for folder in folders}
    for i in range(count):
        folder = folders[i % len(folders)]
        slug = f"resource-{i}"
        members[folder].append(slug)
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
        siblings = members[folder]
        if i % 8 == 3 and len(siblings) > 1:
            lines.append(f"parent: {siblings[rng.randrange(len(siblings) - 1)]}")
        (resources / folder).mkdir(parents=True, exist_ok=True)
        (resources / folder / f"{slug}.yaml").write_text("\n".join(lines) + "\n")

    def order(folder: str, indent: str, extra: list[str]) -> list[str]:
        slugs = members[folder][:]
        rng.shuffle(slugs)
        return [f"{indent}order:"] + [f"{indent}  - {slug}" for slug in slugs] + extra

    index = ["title: Synthetic List", "intro: Generated for benchmarking.", "sections:"]
    for top in tops:
        index += [f"  - id: {top}", f"    title: Section {top[8:]}"]
        if sections == 1:
            index += order(top, "    ", [])
            continue
        index += order(top, "    ", ["      - section: part-a"])
        index += [
            "    sections:",
            "      - id: part-a",
            "        title: Part A",
            "        style: item",
            *order(f"{top}/part-a", "        ", []),
            "      - id: part-b",
            "        title: Part B",
            *order(f"{top}/part-b", "        ", []),
        ]
    index += ["topics:"] + [f"  - id: {t}\n    title: Topic {t[6:]}" for t in TOPICS]
    (resources / "index.yaml").write_text("\n".join(index) + "\n")


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    """User + system seconds of the child process: what a busy machine changes least."""


def best_of(repeat: int, command: list[str], cwd: Path, expect: int = 0) -> Timing:
    wall = cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != expect:
            sys.exit(
                f"{' '.join(command[:3])}... exited {done.returncode}:\n"
                f"{done.stdout[-2000:]}{done.stderr[-2000:]}"
            )
        wall = min(wall, elapsed)
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cpu = min(cpu, used)
    return Timing(wall, cpu)


def time_rules(root: Path, ids: tuple[str, ...]) -> dict[str, float]:
    """Seconds each rule takes on the list at ``root``, in this process (load excluded)."""
    from listsmith import rules
    from listsmith.project import load_project
    from listsmith.rules.base import RuleContext

    project = load_project(root)
    seconds = {}
    for rule_id in ids:
        context = RuleContext(project, {}, frozenset(ids))
        start = time.perf_counter()
        found = list(rules.RULES[rule_id].check(context))
        seconds[rule_id] = time.perf_counter() - start
        if found:
            sys.exit(f"{rule_id} found problems in a valid list: {found[:3]}")
    return seconds


def one_section(sizes: list[int]) -> None:
    """How the order rules grow with one curated section's size (each must stay linear)."""
    ids = ("order-complete", "order-reference")
    print("one curated section of N entries; seconds per rule, in process")
    print(f"  {'entries':>8}  " + "  ".join(f"{rule_id:>15}" for rule_id in ids))
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp), size, sections=1)
            seconds = time_rules(Path(tmp), ids)
        print(f"  {size:>8,}  " + "  ".join(f"{seconds[rule_id]:>13.3f} s" for rule_id in ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--one-section",
        metavar="SIZES",
        help="instead: time the order rules on one curated section of each size "
        "(comma-separated, e.g. 2000,4000,8000,10000)",
    )
    args = parser.parse_args()
    if args.one_section:
        one_section([int(size) for size in args.one_section.split(",")])
        return

    checker = shutil.which("check-jsonschema")
    listsmith = [sys.executable, "-m", "listsmith"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.entries)
        files = sorted(
            str(p) for p in (root / "resources").rglob("*.yaml") if p.name != "index.yaml"
        )
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
    print(f"  {'':<{width}}  {'wall':>9}  {'CPU':>9}")
    for name, timing in times.items():
        print(f"  {name:<{width}}  {timing.wall:7.2f} s  {timing.cpu:7.2f} s")
    floor, check = times["bare parse (C loader)"], times["listsmith check"]
    print(
        f"listsmith check / bare parse:          {check.wall / floor.wall:5.2f}x wall, "
        f"{check.cpu / floor.cpu:5.2f}x CPU  (target <= 3x)"
    )
    if checker:
        validate, reference = times["listsmith validate"], times["check-jsonschema"]
        print(
            f"listsmith validate / check-jsonschema: {validate.wall / reference.wall:5.2f}x wall, "
            f"{validate.cpu / reference.cpu:5.2f}x CPU  (target <= 0.2x)"
        )
    else:
        print("check-jsonschema not installed: pip install -e '.[bench]' to compare")


if __name__ == "__main__":
    main()

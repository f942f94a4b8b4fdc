"""Orders are detected (issue #18, item 6): sorted sections import as ``order: title``.

A section in title order (ignoring case, as awesome-go sorts) imports as ``order: title``
and ``new`` puts an entry where its title sorts; a curator's order stays curated and ``new``
appends to it; a sorted section with a few entries out of place keeps its exact order (the
README and ``check`` don't change on day one) while ``new`` still lands in alphabetical place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from listsmith import orders, problem_ids, render, yamledit
from listsmith.cli import main
from listsmith.importer import parse, write
from listsmith.importer.writer import Layout
from listsmith.project import load_project
from listsmith.validate import validate

from .fixtures.lists.refresh_baselines import LISTS


def test_title_order_ignores_case_and_nothing_else() -> None:
    assert orders.in_order(["jsonc", "JSON5", "jsx", "Kafka"]) is False
    assert orders.in_order(["JSON5", "jsonc", "jsx", "Kafka"])
    assert orders.in_order(["acme-proxy", "acmetool"])  # "-" sorts before letters
    assert not orders.in_order(["The Zebra", "Apple"])  # no article is skipped


def test_a_few_out_of_place_are_exceptions() -> None:
    titles = [f"t{i:02}" for i in range(20)]
    titles.insert(3, "zz late")
    titles.append("aa early")
    assert orders.exceptions(titles) == 2
    assert orders.nearly_in_order(titles)
    assert not orders.nearly_in_order(titles[:6])  # too short to tell exceptions from chance
    assert not orders.nearly_in_order(["d", "c", "b", "a"] * 3)


def test_where_a_new_title_goes() -> None:
    assert orders.insertion(["gjson", "jsonc", "jsx", "world-json"], "jsonrs") == 2
    assert orders.insertion(["gjson", "jsonc", "jsx", "world-json"], "zzz") == 4
    assert orders.insertion(["gjson", "jsonc", "jsx", "world-json"], "aaa") == 0
    # Exceptions don't count: "zz late" (index 3) sorts after "t05a", which goes before t06.
    titles = [f"t{i:02}" for i in range(20)]
    titles.insert(3, "zz late")
    assert orders.insertion(titles, "t05a") == 7
    assert orders.insertion(["Zebra", "Apple", "Mango"], "Banana") is None  # curated


def test_awesome_go_is_alphabetical() -> None:
    imported = parse((LISTS / "avelino-awesome-go" / "README.md").read_text(encoding="utf-8"))
    layout = Layout(imported)
    assert layout.alphabetical
    found: dict[str, object] = {}
    stack = list(layout.index["sections"])
    while stack:
        section = stack.pop()
        stack += section.get("sections") or []
        if "order" in section:
            found[section["title"]] = section["order"]
    titled = [t for t, o in found.items() if o == "title"]
    curated = {t: o for t, o in found.items() if isinstance(o, list)}
    assert len(titled) == 134
    # Bot Building has sub-items; Security has one entry out of place (acmetool before
    # acme-proxy): both keep the source's order exactly.
    assert sorted(curated) == ["Bot Building", "Security"]
    assert curated["Security"][:2] == ["acmetool", "acme-proxy"]


LIST = """\
# Formats

## Sorted

- [gjson](https://example.org/gjson) - Get values.
- [JSON5](https://example.org/json5) - JSON for humans.
- [jsonc](https://example.org/jsonc) - Comments in JSON.
- [jsx](https://example.org/jsx) - Markup in scripts.
- [world-json](https://example.org/world) - The whole world.

## Curated

- [Zebra](https://example.org/zebra) - First, because the curator says so.
- [Apple](https://example.org/apple) - Second.
- [Mango](https://example.org/mango) - Third.
- [Kiwi](https://example.org/kiwi) - Fourth.

## Nearly

{nearly}
"""
NEARLY = ["alpha", "bravo", "zulu", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
NEARLY += ["india", "aardvark", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"]
NEARLY += ["quebec", "romeo", "sierra", "tango"]
"""In title order but for two of 22 (zulu, aardvark): someone added them at the wrong place."""


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    nearly = "\n".join(f"- [{n}](https://example.org/{n}) - The {n}." for n in NEARLY)
    write(parse(LIST.format(nearly=nearly)), tmp_path, force=False)
    return tmp_path


def _new(root: Path, section: str, title: str) -> int:
    slug = title.lower()
    return main(
        [
            "new",
            "--root",
            str(root),
            "--section",
            section,
            "--title",
            title,
            "--url",
            f"https://example.org/new/{slug}",
            "--description",
            f"The {title} format.",
        ]
    )


def _titles(root: Path, section: str) -> list[str]:
    lines = render.readme(load_project(root)).splitlines()
    start = lines.index(f"## {section}")
    found = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("- ["):
            found.append(line[3 : line.index("]")])
    return found


def test_sorted_curated_and_nearly_sorted_sections(imported: Path) -> None:
    project = load_project(imported)
    orders_of = {s.path: s.data.get("order") for s in project.index.sections}
    assert orders_of["sorted"] == "title"
    assert orders_of["curated"] == ["zebra", "apple", "mango", "kiwi"]
    assert orders_of["nearly"] == NEARLY
    # Day one: the README is the source's, and nothing is said about the order.
    assert _titles(imported, "Nearly") == NEARLY
    found = [p for p in validate(project) if p.rule.startswith("order")]
    assert found == [] and not problem_ids.blocking(found)


def test_new_lands_where_the_list_expects_it(imported: Path) -> None:
    assert _new(imported, "sorted", "jsonrs") == 0
    assert _titles(imported, "Sorted") == ["gjson", "JSON5", "jsonc", "jsonrs", "jsx", "world-json"]
    assert _new(imported, "curated", "Banana") == 0
    assert _titles(imported, "Curated") == ["Zebra", "Apple", "Mango", "Kiwi", "Banana"]
    assert _new(imported, "nearly", "uniform") == 0
    assert _new(imported, "nearly", "beta") == 0
    assert _titles(imported, "Nearly") == [
        *NEARLY[:1],
        "beta",
        *NEARLY[1:],
        "uniform",
    ]
    found = [p for p in validate(load_project(imported)) if p.rule.startswith("order")]
    assert found == []


@pytest.mark.parametrize(
    ("text", "index", "edited"),
    [
        ("order: [a, c]\n", 1, "order: [a, b, c]\n"),
        ("order: [a, c]\n", 2, "order: [a, c, b]\n"),
        ("order:\n  - a  # first\n  - c\n", 1, "order:\n  - a  # first\n  - b\n  - c\n"),
        ("order:\n- a\n- c\nnext: 1\n", 0, "order:\n- b\n- a\n- c\nnext: 1\n"),
    ],
)
def test_an_order_takes_an_item_in_place(text: str, index: int, edited: str) -> None:
    assert yamledit.insert_into_sequence(text, yamledit.compose(text), ("order",), index, "b") == (
        edited
    )

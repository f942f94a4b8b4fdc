"""The list this repo ships: clean, in sync, and written in its own words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from listsmith.project import load_project
from listsmith.render import readme as render_readme
from listsmith.validate import validate

from .conftest import REPO

SEED = REPO.parent / "shared" / "seed" / "mastering-mathematics.txt"


@pytest.fixture(scope="module")
def project():
    return load_project(REPO)


def test_bundled_list_has_no_problems_at_all(project) -> None:
    assert validate(project) == []


def test_all_fourteen_resources_in_three_sections(project) -> None:
    assert len(project.entries) == 14
    assert [s["id"] for s in project.index.data["sections"]] == ["videos", "articles", "books"]
    assert {e.section for e in project.entries} == {"videos", "articles", "books"}


def test_readme_is_in_sync(project) -> None:
    assert (REPO / "README.md").read_text(encoding="utf-8") == render_readme(project)


SEED_ORDER = {
    # The original page's order (shared/seed/), which is the curator's, not alphabetical.
    "Articles": ["Sigmoid Function", "Loss Functions Explained"],
    "Books": [
        "Mathematics for Machine Learning",
        "Practical Statistics for Data Scientists",
        "Calculus",
        "Introduction to Linear Algebra",
        "Linear Algebra Done Right",
        "Probabilistic Machine Learning",
        "Mathematical Notation: A Guide for Engineers and Scientists",
    ],
}


def test_readme_follows_the_seed_pages_order() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for heading, titles in SEED_ORDER.items():
        part = readme.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
        assert re.findall(r"^- \[([^\]]+)\]", part, re.MULTILINE) == titles, heading


def test_every_entry_declares_its_schema_for_editors(project) -> None:
    for entry in project.entries:
        first = (REPO / entry.path).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema.json", entry.path


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives in shared/, beside the repo")
def test_descriptions_are_not_copied_from_the_seed_page(project) -> None:
    seed = _words(SEED.read_text(encoding="utf-8"))
    seed_runs = {tuple(seed[i : i + 6]) for i in range(len(seed) - 5)}
    texts = [e.data["description"] for e in project.entries] + [project.index.data["intro"]]
    for text in texts:
        words = _words(text)
        copied = [
            " ".join(words[i : i + 6])
            for i in range(len(words) - 5)
            if tuple(words[i : i + 6]) in seed_runs
        ]
        assert not copied, copied


def test_schema_is_2020_12_and_documents_every_property() -> None:
    schema = json.loads((REPO / "schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def objects(node, where="#"):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                yield where, node
            for key, value in node.items():
                yield from objects(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from objects(value, f"{where}/{i}")

    found = list(objects(schema))
    assert {where for where, _ in found} >= {"#", "#/$defs/index", "#/$defs/link"}
    for where, obj in found:
        assert obj.get("additionalProperties") is False, where
        for name, prop in obj["properties"].items():
            assert prop.get("description"), f"{where}/{name} has no description"
            assert prop.get("examples"), f"{where}/{name} has no examples"


def test_schema_examples_are_valid(tmp_path: Path) -> None:
    schema = json.loads((REPO / "schema.json").read_text(encoding="utf-8"))
    entry = {name: prop["examples"][0] for name, prop in schema["properties"].items()}
    assert list(Draft202012Validator(schema).iter_errors(entry)) == []


def test_contributing_documents_every_field_and_links_the_docs() -> None:
    """A contributor's guide: every field of the schema; the tool's own documentation (every
    rule and setting, tests/test_docs.py) lives in docs/, which it links."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    schema = json.loads((REPO / "schema.json").read_text(encoding="utf-8"))
    for name in schema["properties"]:
        assert f"| `{name}` |" in text, name
    for target in re.findall(r"\]\((docs/[^)#]+)", text):
        assert (REPO / target).is_file(), target
    assert "(docs/index.md)" in text and "(docs/rules.md)" in text
    assert len(text.splitlines()) < 150  # the tool's documentation went to docs/

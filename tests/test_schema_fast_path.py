"""The compiled fast path must agree with jsonschema on every entry it judges."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from listsmith import yamldoc
from listsmith.project import shipped_schema
from listsmith.schema import (
    SchemaChecker,
    _compile_fast,
    _fast_path_safe,
    entry_part,
    index_part,
)

from .conftest import FIXTURES, REPO

SCHEMA = json.loads((REPO / "schema.json").read_text(encoding="utf-8"))
REFERENCE = Draft202012Validator(SCHEMA)
FAST = _compile_fast(entry_part(SCHEMA))
FAST_INDEX = _compile_fast(index_part(SCHEMA))
INDEX_REFERENCE = Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": "#/$defs/index"})

GOOD = {
    "title": "A title",
    "url": "https://example.org/",
    "authors": ["Someone"],
    "description": "A description that is long enough.",
    "topics": ["calculus"],
}


def agree(data: object) -> None:
    assert FAST is not None
    assert FAST(data) == REFERENCE.is_valid(data), data


def test_fast_path_is_used_for_the_bundled_schema() -> None:
    assert FAST is not None


def test_agrees_on_every_fixture_entry() -> None:
    docs = 0
    for path in sorted(FIXTURES.rglob("*.yaml")):
        doc, _ = yamldoc.load(path.name, path.read_bytes())
        if doc is not None and path.name != "index.yaml":
            agree(doc.data)
            docs += 1
    assert docs >= 25


_points = st.recursive(
    st.sampled_from(["A point", "", 3]),
    lambda inner: st.lists(
        st.one_of(
            inner,
            st.fixed_dictionaries(
                {},
                optional={
                    "text": st.sampled_from(["Compute", ""]),
                    "details": inner,
                    "extra": st.just(1),
                },
            ),
        ),
        max_size=3,
    ),
    max_leaves=8,
)
"""An entry's details: points, nested through {text, details}, valid or not."""

_values = st.one_of(
    _points,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "https://a.example/",
            "http://b.example/x",
            "javascript:alert(1)",
            "beginner",
            "expert",
            "linear-algebra",
            "Linear Algebra",
            "2024-01-05",
            "",
        ]
    ),
    st.lists(st.sampled_from(["calculus", "Calculus", "a", "a", "", "x-y"]), max_size=4),
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "label": st.sampled_from(["pdf", ""]),
                "url": st.sampled_from(["https://c.example/", "ftp://c"]),
                "extra": st.just(1),
            },
        ),
        max_size=2,
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from([*SCHEMA["properties"], "unknown"]), _values, max_size=4))
def test_agrees_on_generated_entries(changes: dict) -> None:
    agree({**GOOD, **changes})


def test_guard_refuses_keywords_whose_meaning_differs_in_draft_07() -> None:
    # Each part is compiled with only the $defs it reaches.
    assert _fast_path_safe(entry_part(SCHEMA)) and _fast_path_safe(index_part(SCHEMA))
    assert set(index_part(SCHEMA)["$defs"]) == {"index", "section", "topic", "id", "url"}
    assert set(entry_part(SCHEMA)["$defs"]) == {"id", "url", "link", "detail"}
    assert not _fast_path_safe({"properties": {"a": {"$ref": "#/$defs/x", "maxLength": 3}}})
    assert _fast_path_safe({"properties": {"a": {"oneOf": [{"type": "string"}]}}})
    assert not _fast_path_safe({"properties": {"a": {"oneOf": [{"dependentRequired": {}}]}}})
    assert not _fast_path_safe({"oneOf": {"type": "string"}})
    assert not _fast_path_safe({"items": [{"type": "string"}]})
    assert not _fast_path_safe({"$defs": {"x": {"dependentRequired": {"a": ["b"]}}}})
    assert not _fast_path_safe({"properties": {"a": {"$ref": "other.json#/x"}}})


def test_schema_outside_the_subset_still_reports_errors() -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"title": {"$ref": "#/$defs/t", "maxLength": 3}},
        "$defs": {"t": {"type": "string"}, "index": {}},
    }
    checker = SchemaChecker(schema)
    doc, _ = yamldoc.load("x.yaml", b"title: far too long\n")
    assert doc is not None
    problems = checker.check_entry("x.yaml", doc)
    assert [(p.line, p.col, p.rule) for p in problems] == [(1, 8, "schema")]


def test_unresolvable_ref_exits_2_without_fetching(make_list, run) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    schema = dict(
        SCHEMA,
        properties={**SCHEMA["properties"], "title": {"$ref": "https://127.0.0.1:9/missing.json"}},
    )
    (lst.root / "schema.json").write_text(json.dumps(schema))
    result = run("validate", "--root", str(lst.root))
    assert result.code == 2
    assert "can't resolve $ref 'https://127.0.0.1:9/missing.json'" in result.err


def agree_index(data: object) -> None:
    assert FAST_INDEX is not None
    assert FAST_INDEX(data) == INDEX_REFERENCE.is_valid(data), data


def test_index_fast_path_agrees_on_every_fixture_index() -> None:
    indexes = [REPO / "resources" / "index.yaml", *sorted(FIXTURES.rglob("index.yaml"))]
    for path in indexes:
        doc, _ = yamldoc.load(path.name, path.read_bytes())
        if doc is not None:
            agree_index(doc.data)
    assert len(indexes) >= 2


_order_items = st.one_of(
    st.sampled_from(["a-slug", "Bad Slug", "", "x"]),
    st.fixed_dictionaries(
        {}, optional={"section": st.sampled_from(["sub", "Sub", 3]), "other": st.just(1)}
    ),
    st.integers(),
)
_sections = st.recursive(
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.sampled_from(["books", "Books", "", "a-b"]),
            "title": st.sampled_from(["Books", ""]),
            "style": st.sampled_from(["heading", "bold", "item", "box"]),
            "order": st.one_of(
                st.sampled_from(["title", "-added", "Added", ""]),
                st.lists(_order_items, max_size=3),
            ),
            "unknown": st.just(1),
        },
    ),
    lambda inner: st.fixed_dictionaries(
        {"id": st.just("top"), "title": st.just("Top"), "sections": st.lists(inner, max_size=2)}
    ),
    max_leaves=4,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_sections, max_size=3),
    st.sampled_from([None, "https://x.example/", "ftp://x", 3]),
)
def test_index_fast_path_agrees_on_generated_indexes(sections: list, homepage: object) -> None:
    data: dict = {"title": "A list", "intro": "Some text.", "sections": sections}
    if homepage is not None:
        data["homepage"] = homepage
    agree_index(data)


def test_the_shipped_schema_is_valid_against_its_metaschema() -> None:
    # SchemaChecker skips this check for the shipped schema on every run: this test makes it.
    Draft202012Validator.check_schema(shipped_schema())


def test_a_file_the_shipped_schema_refuses_is_still_explained(make_list, run) -> None:
    lst = make_list()
    entry = lst.entry("books/one.yaml")
    entry.write_text(entry.read_text() + "colour: blue\n")
    result = run("check", "--root", str(lst.root))
    assert result.code == 1 and "unknown field 'colour'" in result.out

"""Import is linear on any input: the schema it writes is loosened in a bounded number of steps.

Issue #18, item 11: re-importing a README rendered from awesome-rust ran for ten minutes and
grew to 7 GB. An entry whose URL held ``%20`` came back with a space (which the url pattern
refuses) and without ``authors``; jsonschema kept reporting the root's ``required`` as it read
it when built, so every round "loosened" it again, compiled the schema again, and never ended.
The tests count steps instead of timing them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from listsmith import render
from listsmith.importer import parse, schema, styles, write
from listsmith.init import scaffold_files
from listsmith.project import SCHEMA, load_project

from .fixtures.lists.refresh_baselines import LISTS

STEPS = 50
"""Far more explanations than a loosening of a few entries needs; a loop runs into it at once."""


def _base() -> dict[str, Any]:
    return json.loads(dict(scaffold_files())[SCHEMA])


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the schema is compiled and an instance explained; stops a loop with an
    error after STEPS explanations."""
    calls = {"compiled": 0, "explained": 0, "limit": STEPS}
    compiled, loosen = schema._compiled, schema._loosen

    def counting_compiled(part: dict[str, Any]) -> Any:
        calls["compiled"] += 1
        return compiled(part)

    def counting_loosen(validator: Any, instance: Any) -> bool:
        calls["explained"] += 1
        if calls["explained"] > calls["limit"]:
            raise AssertionError(f"still loosening after {calls['limit']} explanations")
        return loosen(validator, instance)

    monkeypatch.setattr(schema, "_compiled", counting_compiled)
    monkeypatch.setattr(schema, "_loosen", counting_loosen)
    return calls


def test_an_entry_that_stays_invalid_is_explained_a_bounded_number_of_times(
    counted: dict[str, int],
) -> None:
    # No authors or topics (loosened away), and a URL the pattern refuses (no excuse).
    entry = {"title": "Guide", "url": "https://e.org/How to", "description": "Text."}
    loose = schema.relaxed(_base(), [entry], {"title": "T", "sections": []})
    assert loose["required"] == ["title", "url", "description"]
    assert counted["explained"] <= 4


def test_rounds_do_not_grow_with_the_number_of_invalid_entries(counted: dict[str, int]) -> None:
    def compiles(n: int) -> int:
        counted["compiled"] = counted["explained"] = 0
        bad = [{"title": f"T{i}", "url": f"https://e.org/{i} x"} for i in range(n)]
        good = [{"title": f"G{i}", "url": f"https://e.org/{i}"} for i in range(n)]
        schema.relaxed(_base(), bad + good, {"title": "T", "sections": []})
        return counted["compiled"]

    counted["limit"] = 2500
    few = compiles(10)
    # 1,000 entries that fail for good are each explained once, in batches: the schema is
    # compiled again only when a batch changed it, as often for 1,000 as for 10.
    assert compiles(1000) == few


def test_a_url_with_an_encoded_space_survives_a_second_import(tmp_path) -> None:
    url = "https://e.org/blog/How%20to%20Avoid"
    source = f"# List\n\n## Guides\n\n- [How to avoid](<{url}>) - A guide.\n"
    write(parse(source.replace(f"<{url}>", url)), tmp_path / "a", force=False)
    rendered = render.readme(load_project(tmp_path / "a"))
    assert url in rendered
    again = parse(rendered)
    assert [e.url for e in again.entries] == [url]
    assert styles.unrendered("https://e.org/a%20b%09c") == "https://e.org/a%20b%09c"


_ROUND_TRIP = """
import sys
from pathlib import Path
from listsmith import render
from listsmith.importer import parse, write
from listsmith.project import load_project

source, where = Path(sys.argv[1]), Path(sys.argv[2])
write(parse(source.read_text(encoding="utf-8")), where / "first", force=False)
first = render.readme(load_project(where / "first"))
write(parse(first), where / "again", force=False)
again = render.readme(load_project(where / "again"))
sys.stdout.write("identical" if again == first else "changed")
"""


def test_public_apis_rendered_readme_imports_back_the_same(tmp_path) -> None:
    """Import, render, import the render (tables and all), render again: the same README.
    In a subprocess with a timeout, so a loop like #18's fails instead of hanging the suite."""
    source = LISTS / "public-apis-public-apis" / "README.md"
    done = subprocess.run(
        [sys.executable, "-c", _ROUND_TRIP, str(source), str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "identical"), done.stderr[-2000:]

"""The fixture corpus: every bad entry under fixtures/bad/ names the problems it must raise.

Each file starts with lines ``# expect: LINE:COL RULE "message fragment"``. The
file is dropped into a valid list as resources/books/<name>.yaml and must
produce exactly those problems (path, line, column, rule), no more, no less.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from listsmith.project import load_project
from listsmith.validate import validate

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (\S+) (.+)$", re.M)
CASES = sorted(BAD.glob("*.yaml"))


def expectations(text: str) -> list[tuple[int, int, str, str]]:
    return [
        (int(line), int(col), rule, shlex.split(fragment)[0])
        for line, col, rule, fragment in EXPECT.findall(text)
    ]


def test_corpus_is_not_empty() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_entry(case: Path, make_list) -> None:
    text = case.read_text(encoding="utf-8")
    expected = expectations(text)
    assert expected, f"{case.name} has no '# expect:' line"
    lst = make_list()
    lst.entry("books/filler.yaml")  # keeps 'unused' warnings about other ids out of the way
    lst.entry("videos/filler-two.yaml", topic="linear-algebra")
    lst.write(f"resources/books/{case.name}", text)

    rel = f"resources/books/{case.name}"
    found = [p for p in validate(load_project(lst.root)) if p.path == rel]
    got = sorted((p.line, p.col, p.rule) for p in found)
    assert got == sorted((line, col, rule) for line, col, rule, _ in expected), "\n".join(
        f"{p.line}:{p.col} {p.rule} {p.message}" for p in found
    )
    for line, col, rule, fragment in expected:
        messages = [p.message for p in found if (p.line, p.col, p.rule) == (line, col, rule)]
        assert any(fragment in m for m in messages), (fragment, messages)

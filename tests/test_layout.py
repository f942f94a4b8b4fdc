"""Problems that depend on where a file is or what bytes it holds, not on its fields."""

from __future__ import annotations

import os

from listsmith.problems import Level
from listsmith.project import load_project
from listsmith.validate import validate

from .conftest import INDEX


def problems_of(lst, path: str | None = None):
    found = validate(load_project(lst.root))
    return [
        (p.path, p.line, p.col, p.level, p.rule) for p in found if path is None or p.path == path
    ]


def test_clean_list_has_no_problems(make_list) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.entry("videos/two.yaml", topic="linear-algebra")
    assert problems_of(lst) == []


def test_entry_outside_a_section_folder(make_list) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.entry("videos/two.yaml", topic="linear-algebra")
    lst.entry("loose.yaml")
    lst.entry("books/deeper/nested.yaml")
    lst.write("resources/books/notes.txt", "not an entry")
    assert problems_of(lst) == [
        ("resources/books/deeper/nested.yaml", 1, 1, Level.ERROR, "section-declared"),
        ("resources/books/notes.txt", 1, 1, Level.WARNING, "stray-file"),
        ("resources/loose.yaml", 1, 1, Level.ERROR, "layout"),
    ]


def test_undeclared_section_folder(make_list) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.entry("videos/two.yaml", topic="linear-algebra")
    lst.entry("podcasts/three.yaml")
    found = validate(load_project(lst.root))
    assert [(p.path, p.rule) for p in found] == [
        ("resources/podcasts/three.yaml", "section-declared")
    ]
    assert "books, videos" in found[0].message


def test_a_sub_sections_last_name_points_to_its_whole_path(make_list, run) -> None:
    """`new --section date` in a list whose Date sits under Minimizers: the error names the
    section's whole path, as awesome-javascript's maintainer needed."""
    index = INDEX.replace(
        "  - id: videos\n    title: Videos\n",
        "  - id: minimizers\n    title: Minimizers\n    sections:\n"
        "      - id: date\n        title: Date\n",
    )
    lst = make_list(index)
    args = ["--title", "Tiny Dates", "--url", "https://dates.example.org/", "--author", "A"]
    args += ["--topic", "calculus", "--description", "Dates made small, and easy to read."]
    result = run("new", "--root", str(lst.root), "--section", "date", *args)
    assert result.code != 0 and "did you mean 'minimizers/date'?" in result.out + result.err


def test_file_names(make_list) -> None:
    lst = make_list()
    lst.entry("books/Linear_Algebra.yaml")
    lst.entry("videos/good-name.yml", topic="linear-algebra")
    assert problems_of(lst) == [
        ("resources/books/Linear_Algebra.yaml", 1, 1, Level.ERROR, "file-name"),
        ("resources/videos/good-name.yml", 1, 1, Level.ERROR, "file-name"),
    ]


def test_not_utf8_names_the_byte_position(make_list) -> None:
    lst = make_list()
    lst.entry("videos/two.yaml", topic="linear-algebra")
    lst.write("resources/books/latin1.yaml", "title: ok\ndescription: caf\xe9\n".encode("latin-1"))
    found = [p for p in validate(load_project(lst.root)) if p.path.endswith("latin1.yaml")]
    assert [(p.line, p.col, p.rule) for p in found] == [(2, 17, "encoding")]


def test_oversized_file_is_refused_without_parsing(make_list) -> None:
    lst = make_list()
    lst.entry("videos/two.yaml", topic="linear-algebra")
    lst.write("resources/books/huge.yaml", b"title: " + b"x" * (70 * 1024) + b"\n")
    found = [p for p in validate(load_project(lst.root)) if p.path.endswith("huge.yaml")]
    assert [(p.line, p.col, p.rule) for p in found] == [(1, 1, "file-size")]
    assert "64 KiB" in found[0].message


def test_alias_bomb_is_refused_before_expansion(make_list) -> None:
    lst = make_list()
    lst.entry("videos/two.yaml", topic="linear-algebra")
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(8)
    ]
    lst.write("resources/books/bomb.yaml", "\n".join(lines) + "\n")
    found = [p for p in validate(load_project(lst.root)) if p.path.endswith("bomb.yaml")]
    assert found and all(p.rule == "anchor" for p in found)
    assert (1, 4) in {(p.line, p.col) for p in found}


def test_bom_is_accepted(make_list) -> None:
    lst = make_list()
    lst.entry("videos/two.yaml", topic="linear-algebra")
    body = (
        "title: With BOM\nurl: https://example.org/\nauthors: [A]\n"
        "description: A description that is long enough.\ntopics: [calculus]\n"
    )
    lst.write("resources/books/bom.yaml", b"\xef\xbb\xbf" + body.encode())
    assert problems_of(lst) == []


def test_index_problems(make_list) -> None:
    lst = make_list(
        index="""\
title: Test List
intro: A list.
sections:
  - id: books
    title: Books
  - id: books
    title: More books
  - id: Videos
    title: Videos
topics:
  - id: calculus
    title: Calculus
  - id: unused-topic
    title: Nobody
"""
    )
    lst.entry("books/one.yaml")
    assert problems_of(lst) == [
        ("resources/index.yaml", 6, 9, Level.ERROR, "unique-id"),
        ("resources/index.yaml", 8, 9, Level.ERROR, "schema"),
        ("resources/index.yaml", 8, 9, Level.WARNING, "unused"),
        ("resources/index.yaml", 13, 9, Level.WARNING, "unused"),
    ]


def test_missing_index(make_list) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    (lst.root / "resources" / "index.yaml").unlink()
    found = validate(load_project(lst.root))
    assert ("resources/index.yaml", "missing") in {(p.path, p.rule) for p in found}


def test_the_walk_reads_folders_in_name_order_and_reports_what_it_does_not_follow(
    make_list, tmp_path
) -> None:
    lst = make_list()
    for rel in ("books/b.yaml", "books/a.yaml", "books/deep/c.yaml", "videos/d.yaml"):
        lst.entry(rel)
    resources = lst.root / "resources"
    (resources / "books" / ".hidden.yaml").write_text("title: x\n")
    (resources / ".hidden").mkdir()
    (resources / ".hidden" / "e.yaml").write_text("title: x\n")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", resources / "books" / "deep" / "away")
    os.symlink(tmp_path / "missing.yaml", resources / "books" / "gone.yaml")
    os.mkfifo(resources / "videos" / "pipe.yaml")
    project = load_project(lst.root)
    assert [e.path for e in project.entries] == [
        "resources/books/a.yaml",
        "resources/books/b.yaml",
        "resources/books/deep/c.yaml",
        "resources/videos/d.yaml",
    ]
    assert [(p.path, p.message.split(";")[0]) for p in project.problems] == [
        ("resources/books/gone.yaml", "a symlink is not followed"),
        ("resources/books/deep/away", "a symlinked folder is not followed"),
        ("resources/videos/pipe.yaml", "not a regular file (a FIFO, socket or device)"),
    ]

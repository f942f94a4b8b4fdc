"""Inputs that once crashed a command, lost data or slipped past a check, one test each."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from listsmith import cli
from listsmith.importer.dates import parse_blame
from listsmith.links.page import charset

SIMPLE = (
    "title: T\nintro: I.\nsections:\n  - id: books\n    title: Books\n{extra}"
    "topics:\n  - id: calculus\n    title: Calculus\n"
)


def listed(make_list, extra: str = ""):
    lst = make_list(index=SIMPLE.format(extra=extra))
    lst.entry("books/one.yaml")
    return lst


def test_curated_order_items_of_the_wrong_shape_are_schema_errors(make_list, run) -> None:
    lst = listed(make_list)
    for order in ("[1, one]", "[{section: [a]}, one]"):
        index = SIMPLE.format(extra=f"    order: {order}\n")
        (lst.root / "resources" / "index.yaml").write_text(index)
        result = run("check", "--root", str(lst.root), "--no-sync")
        assert result.code == 1 and "[schema]" in result.out, order


def test_a_url_no_browser_could_open_is_an_error_not_a_crash(make_list, run) -> None:
    lst = listed(make_list)
    lst.entry("books/two.yaml", url="https://[x/")
    result = run("check", "--root", str(lst.root), "--no-sync")
    assert result.code == 1 and "is not a usable URL: Invalid IPv6 URL [url-valid]" in result.out
    links = run("links", "--root", str(lst.root), "--format", "json")
    assert links.code in (0, 1, 2) and "Traceback" not in links.err


def test_a_charset_that_is_no_text_encoding_is_read_as_utf8() -> None:
    assert charset("text/html; charset=rot13") == "utf-8"
    assert charset("text/html; charset=base64") == "utf-8"
    assert charset("text/html; charset=latin-1") == "iso8859-1"


def test_a_bug_is_one_line_and_exit_2_never_problems_found(make_list, run, monkeypatch) -> None:
    lst = listed(make_list)

    def broken(args: object) -> int:
        raise KeyError("surprise")

    monkeypatch.setattr(cli.validate, "run", broken)
    result = run("validate", "--root", str(lst.root))
    assert result.code == 2
    assert result.err.startswith("listsmith: internal error: KeyError: 'surprise' (at ")
    assert result.err.count("\n") == 1
    assert "--traceback shows where it came from" in result.err


def test_traceback_shows_an_internal_error_s_traceback(make_list, run, monkeypatch) -> None:
    lst = listed(make_list)

    def broken(args: object) -> int:
        raise KeyError("surprise")

    monkeypatch.setattr(cli.validate, "run", broken)
    for args in (["--traceback", "validate"], ["validate", "--traceback"]):
        result = run(*args, "--root", str(lst.root))
        assert result.code == 2
        assert result.err.startswith("Traceback (most recent call last):")
        assert "in broken" in result.err and "KeyError: 'surprise'" in result.err
        assert result.err.splitlines()[-1].startswith("listsmith: internal error: KeyError")


def test_init_keeps_a_readme_whose_text_starts_indented(tmp_path: Path, run) -> None:
    root = tmp_path / "list"
    root.mkdir()
    (root / "README.md").write_text(
        '# My List\n\n  <p align="center">A centered intro</p>\n\nSome more words: here.\n'
    )
    assert run("init", str(root), "--install", "pip install listsmith==0.1.0").code == 0
    assert run("check", "--root", str(root)).code == 0
    text = (root / "README.md").read_text()
    assert "# My List" in text and "A centered intro" in text and "Some more words: here." in text


def test_render_never_rewrites_a_contributing_file_it_cannot_read(make_list, run) -> None:
    lst = listed(make_list)
    contributing = lst.root / "CONTRIBUTING.md"
    contributing.write_bytes(
        b"Caf\xe9\n<!-- listsmith:fields:start -->\n<!-- listsmith:fields:end -->\n"
    )
    before = contributing.read_bytes()
    result = run("render", "--root", str(lst.root))
    assert result.code == 2 and "CONTRIBUTING.md is not UTF-8" in result.err
    assert contributing.read_bytes() == before


def test_new_refuses_a_duplicate_whichever_entry_would_carry_it(make_list, run) -> None:
    lst = listed(make_list)
    # Added the same day as the new one: the duplicate is then reported at the entry that
    # comes last by path, the old one, not at the file new writes.
    one = lst.root / "resources" / "books" / "one.yaml"
    one.write_text(one.read_text() + f"added: '{date.today().isoformat()}'\n")
    result = run(
        "new", "--root", str(lst.root), "--section", "books", "--title", "Aaa Other",
        "--url", "https://example.org/books/one.yaml/", "--author", "A", "--topic", "calculus",
        "--description", "A description that is long enough to pass.",
    )  # fmt: skip
    assert result.code == 1 and "[duplicate-url]" in result.out
    assert not (lst.root / "resources/books/aaa-other.yaml").exists()
    assert run("check", "--root", str(lst.root), "--no-sync").code == 0


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (("--concurrency", "0"), "--concurrency must be at least 1"),
        (("--per-host", "0"), "--per-host must be at least 1"),
        (("--retries", "-1"), "--retries must be at least 0"),
        (("--timeout", "-1"), "--timeout must be at least"),
        (("--max-age", "1e308"), "--max-age between 0 and 36500"),
    ],
)
def test_link_limits_on_the_command_line_keep_the_settings_bounds(make_list, run, flags, said):
    lst = listed(make_list)
    result = run("links", "--root", str(lst.root), *flags)
    assert result.code == 2 and said in result.err


def test_new_writes_numbers_as_numbers(make_list, run) -> None:
    lst = listed(make_list)
    schema = (lst.root / "schema.json").read_text()
    (lst.root / "schema.json").write_text(
        schema.replace('"properties": {', '"properties": {"year": {"type": "integer", '
                       '"description": "Year.", "examples": [2020]},', 1)
    )  # fmt: skip
    result = run(
        "new", "--root", str(lst.root), "--section", "books", "--title", "Numbered",
        "--url", "https://numbered.example.org/", "--author", "A", "--topic", "calculus",
        "--description", "A description that is long enough to pass.", "--set", "year=2020",
    )  # fmt: skip
    assert result.code == 0, result.out
    assert "year: 2020\n" in (lst.root / "resources/books/numbered.yaml").read_text()


def test_new_keeps_the_index_line_ends(make_list, run) -> None:
    lst = listed(make_list, "    order: [one]\n")
    index = lst.root / "resources" / "index.yaml"
    index.write_bytes(index.read_bytes().replace(b"\n", b"\r\n"))
    result = run(
        "new", "--root", str(lst.root), "--section", "books", "--title", "Two",
        "--url", "https://two.example.org/", "--author", "A", "--topic", "calculus",
        "--description", "A description that is long enough to pass.",
    )  # fmt: skip
    assert result.code == 0, result.out
    raw = index.read_bytes()
    assert b"order: [one, two]\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_a_list_item_sections_text_stays_on_its_line(make_list, run) -> None:
    lst = make_list(
        index=SIMPLE.format(extra="    sections:\n      - id: tools\n        title: Tools\n"
                            "        style: item\n        description: |\n"
                            "          First line.\n\n          A second paragraph.\n")
    )  # fmt: skip
    lst.entry("books/tools/hammer.yaml")
    assert run("render", "--root", str(lst.root)).code == 0
    text = (lst.root / "README.md").read_text()
    assert "- Tools - First line. A second paragraph.\n  - [Title of books/tools/" in text


def test_render_refuses_to_write_over_a_folder(make_list, run) -> None:
    lst = listed(make_list)
    (lst.root / "README.md").mkdir()
    (lst.root / "README.md" / "x").write_text("mine")
    result = run("render", "--root", str(lst.root))
    assert result.code == 2 and "not a file" in result.err
    assert (lst.root / "README.md" / "x").read_text() == "mine"


def test_blame_rows_are_split_on_line_breaks_only() -> None:
    porcelain = (
        "1111111111111111111111111111111111111111 1 1 1\n"
        "committer-time 1577959200\ncommitter-tz +0000\n"
        "\tText.\u2028" + "a" * 40 + " b\n"
    )
    assert parse_blame(porcelain) == {1: "2020-01-02"}


def test_a_raw_control_character_is_reported_at_its_place(make_list, run) -> None:
    lst = listed(make_list)
    lst.write("resources/books/bell.yaml", "title: Ok\ndescription: bad \x07 char\n")
    result = run("validate", "--root", str(lst.root))
    assert "resources/books/bell.yaml:2:18: error: YAML can't hold the character U+0007" in (
        result.out
    )


@pytest.mark.parametrize("schema", ['{"$defs": 5}', '{"$defs": {"index": {}}, "required": 5}'])
def test_a_malformed_schema_is_could_not_run(make_list, run, schema: str) -> None:
    lst = listed(make_list)
    (lst.root / "schema.json").write_text(schema)
    for command in ("check", "new"):
        result = (
            run(command, "--root", str(lst.root), "--title", "x")
            if command == "new"
            else (run(command, "--root", str(lst.root)))
        )
        assert result.code == 2 and "schema.json" in result.err, command


def test_signals_json_is_never_opened_as_a_fifo(make_list) -> None:
    lst = listed(make_list)
    os.mkfifo(lst.root / "signals.json")
    done = subprocess.run(
        [sys.executable, "-m", "listsmith", "render", "--root", str(lst.root)],
        capture_output=True,
        text=True,
        timeout=60,  # an opened FIFO would block forever
    )
    assert done.returncode == 2 and "signals.json can't be read" in done.stderr


def test_symlinked_templates_and_resources_folders_are_not_followed(make_list, run) -> None:
    lst = listed(make_list)
    lst.write(".git/config", "token = SECRET\n")
    os.symlink(lst.root / ".git", lst.root / "templates")
    lst.write("listsmith.yaml", "render:\n  targets:\n    readme: {template: config}\n")
    result = run("render", "--root", str(lst.root))
    assert result.code == 2 and "symlinks are not followed" in result.err
    assert not (lst.root / "README.md").exists()

    other = lst.root.parent / "outside"
    (lst.root / "resources").rename(other)
    os.symlink(other, lst.root / "resources")
    result = run("check", "--root", str(lst.root))
    assert result.code == 2 and "resources/ is a symlink" in result.err


def test_a_pull_request_can_not_switch_the_readmes_escaping_off(make_list, run) -> None:
    lst = listed(make_list)
    subprocess.run(["git", "init", "-q", str(lst.root)], check=True)
    git = ["git", "-C", str(lst.root), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    lst.write(
        "listsmith.yaml",
        "rules:\n  markdown-inline: disable\nrender:\n  descriptions: markdown\n",
    )
    lst.write(
        "resources/books/evil.yaml",
        "title: Evil\nurl: https://evil.example.org/\nauthors: [A]\n"
        "description: 'Fine. <!-- everything below is hidden'\ntopics: [calculus]\n",
    )
    check = run("check", "--root", str(lst.root), "--no-sync", "--base", "HEAD")
    # The rules are the base's on a pull request (issue #19); without --base the
    # reference rule still refuses to be switched off.
    assert "rules decide what a pull request is judged by" in check.out
    assert (
        "rules.markdown-inline keeps the README faithful"
        in run("check", "--root", str(lst.root), "--no-sync").out
    )
    assert "render.descriptions decides what a run trusts" in check.out
    # Rendered by the base's rules and settings: the description stays escaped.
    assert run("render", "--root", str(lst.root), "--base", "HEAD").code == 0
    assert "<!--" not in (lst.root / "README.md").read_text().split("[Evil]")[1].split("\n")[0]
    lst.write("listsmith.yaml", "render:\n  descriptions: markdown\n")
    assert run("render", "--root", str(lst.root), "--base", "HEAD").code == 0
    line = next(x for x in (lst.root / "README.md").read_text().splitlines() if "[Evil]" in x)
    assert "<!--" not in line and "Fine. &lt;!-- everything below is hidden" in line

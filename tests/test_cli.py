"""The command line: exit codes, output formats, and that failures lose nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from listsmith import __version__, fsutil

from .conftest import REPO


def good_list(make_list):
    lst = make_list()
    lst.entry("books/one.yaml", title="One")
    lst.entry("videos/two.yaml", title="Two", topic="linear-algebra")
    return lst


def test_validate_clean_exits_0(make_list, run) -> None:
    lst = good_list(make_list)
    result = run("validate", "--root", str(lst.root))
    assert (result.code, result.out) == (0, "no problems in 3 files\n")


def test_validate_problems_exit_1_with_located_lines(make_list, run) -> None:
    lst = good_list(make_list)
    lst.write("resources/books/bad.yaml", "title: Bad.\nurl: https://x.org/\n")
    result = run("validate", "--root", str(lst.root))
    assert result.code == 1
    lines = result.out.splitlines()
    assert (
        "resources/books/bad.yaml:1:8: error: title ends with a period; remove it "
        "[title-period]" in lines
    )
    assert lines[-1] == "4 errors, 0 warnings in 4 files"  # the period and 3 missing fields


def test_warnings_alone_exit_0(make_list, run) -> None:
    lst = good_list(make_list)
    lst.entry("books/plain.yaml", title="Plain", url="http://plain.example.org/")
    result = run("validate", "--root", str(lst.root))
    assert result.code == 0
    assert "[url-https]" in result.out


def test_could_not_run_exits_2(tmp_path: Path, make_list, run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.code == 2 and "no list found" in result.err
    assert run("validate", "--root", str(tmp_path)).code == 2
    assert run("validate", "--format", "yaml").code == 2
    assert run("frobnicate").code == 2
    lst = good_list(make_list)
    (lst.root / "schema.json").write_text("{not json")
    result = run("check", "--root", str(lst.root))
    assert result.code == 2 and "schema.json can't be read" in result.err
    (lst.root / "schema.json").write_text('{"$defs": {"index": {}}, "type": 12}')
    result = run("check", "--root", str(lst.root))
    assert result.code == 2 and "not a valid JSON Schema" in result.err


def test_root_is_found_from_a_subfolder(make_list, run, monkeypatch) -> None:
    lst = good_list(make_list)
    monkeypatch.chdir(lst.root / "resources" / "books")
    assert run("validate").code == 0


def test_json_format(make_list, run) -> None:
    lst = good_list(make_list)
    lst.write("resources/books/dup.yaml", "title: A\ntitle: B\n")
    result = run("validate", "--root", str(lst.root), "--format", "json")
    data = json.loads(result.out)
    assert result.code == 1
    (dup,) = [p for p in data["problems"] if p["rule"] == "duplicate-key"]
    assert dup == {
        "path": "resources/books/dup.yaml",
        "line": 2,
        "col": 1,
        "level": "error",
        "rule": "duplicate-key",
        "message": "duplicate key 'title' (first at line 1); "
        "YAML would silently keep only the last one",
    }
    assert data["summary"] == {
        "errors": len(data["problems"]),
        "warnings": 0,
        "notes": 0,
        "files": 4,
    }


def test_github_annotations(make_list, run, monkeypatch) -> None:
    lst = good_list(make_list)
    lst.write("resources/books/dup.yaml", "title: A\ntitle: B\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("validate", "--root", str(lst.root))
    assert (
        "::error file=resources/books/dup.yaml,line=2,col=1,title=listsmith duplicate-key"
        "::duplicate key 'title' (first at line 1); YAML would silently keep only the "
        "last one"
    ) in result.out.splitlines()


def test_format_github_is_explicit_and_an_explicit_format_wins(make_list, run, monkeypatch):
    lst = good_list(make_list)
    lst.write("resources/books/dup.yaml", "title: A\ntitle: B\n")
    annotation = "::error file=resources/books/dup.yaml,line=2,col=1,title=listsmith duplicate-key"
    github = run("validate", "--root", str(lst.root), "--format", "github")
    assert any(line.startswith(annotation) for line in github.out.splitlines())
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    text = run("validate", "--root", str(lst.root), "--format", "text")
    assert "resources/books/dup.yaml:2:1: error: duplicate key 'title'" in text.out
    assert not any(line.startswith("::") for line in text.out.splitlines())


def test_format_markdown_writes_the_job_summary(make_list, run) -> None:
    lst = good_list(make_list)
    lst.write("resources/books/dup.yaml", "title: A\ntitle: B\n")
    result = run("validate", "--root", str(lst.root), "--format", "markdown")
    assert result.out.startswith("### listsmith validate: ")
    assert "| `duplicate-key` |" in result.out


def test_every_reporter_is_a_format_of_the_commands_that_report(run) -> None:
    from listsmith.cli import build_parser
    from listsmith.report import REPORTERS

    for command in ("validate", "check", "dupes", "render", "new"):
        with pytest.raises(SystemExit):
            build_parser().parse_args([command, "--format", "no-such-format"])
        for fmt in REPORTERS:
            assert build_parser().parse_args([command, "--format", fmt]).format == fmt


def test_render_writes_then_reports_up_to_date(make_list, run) -> None:
    lst = good_list(make_list)
    assert run("render", "--root", str(lst.root)).code == 0
    readme = lst.root / "README.md"
    # The mark follows the title: awesome-lint reads the title only as the first block.
    assert readme.read_text().splitlines()[:3] == [
        "# Test List",
        "",
        f"<!-- Generated by listsmith {__version__} from resources/: do not edit this file by "
        "hand. Change or add a YAML entry under resources/ and CI regenerates it (or run "
        "`listsmith render`). -->",
    ]
    assert "is up to date" in run("render", "--root", str(lst.root)).err
    assert run("render", "--check", "--root", str(lst.root)).code == 0
    assert run("check", "--root", str(lst.root)).code == 0


def test_version_is_printed_and_heads_every_generated_file(make_list, run) -> None:
    """A diff after an upgrade says why every generated file changed: the header names
    the listsmith that wrote it."""
    done = subprocess.run(
        [sys.executable, "-m", "listsmith", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout == f"listsmith {__version__}\n"
    lst = good_list(make_list)
    lst.write("listsmith.yaml", "render:\n  targets:\n    page: true\n    feed: true\n")
    assert run("render", "--root", str(lst.root)).code == 0
    mark = f"<!-- Generated by listsmith {__version__} from resources/"
    assert (lst.root / "README.md").read_text().splitlines()[2].startswith(mark)
    assert mark in (lst.root / "site" / "index.html").read_text().splitlines()[1]
    feed = (lst.root / "site" / "feed.xml").read_text()
    assert mark in feed.splitlines()[1]
    assert f'<generator version="{__version__}">listsmith</generator>' in feed


def test_render_check_reports_a_diff_and_writes_nothing(make_list, run) -> None:
    lst = good_list(make_list)
    run("render", "--root", str(lst.root))
    readme = lst.root / "README.md"
    readme.write_text(readme.read_text().replace("[One]", "[Hand edited]"))
    before = readme.read_bytes()
    for command in (["render", "--check"], ["check"]):
        result = run(*command, "--root", str(lst.root))
        assert result.code == 1
        assert "-- [Hand edited]" in result.out and "+- [One]" in result.out
        assert "README.md:1:1: error: README.md is out of date" in result.out
        assert readme.read_bytes() == before


def test_failed_render_leaves_readme_byte_identical(make_list, run) -> None:
    lst = good_list(make_list)
    run("render", "--root", str(lst.root))
    readme = lst.root / "README.md"
    before, stamp = readme.read_bytes(), readme.stat().st_mtime_ns
    lst.entry("books/three.yaml", title="Three")
    lst.write("resources/books/broken.yaml", "title: [\n")
    result = run("render", "--root", str(lst.root))
    assert result.code == 1 and "nothing written" in result.err
    assert readme.read_bytes() == before and readme.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in lst.root.iterdir()) == ["README.md", "resources", "schema.json"]


def test_broken_template_exits_2_and_keeps_readme(make_list, run) -> None:
    lst = good_list(make_list)
    run("render", "--root", str(lst.root))
    before = (lst.root / "README.md").read_bytes()
    lst.write("templates/tpl.j2", "{% for x in %}\n")
    lst.write("listsmith.yaml", "render:\n  targets:\n    readme: {template: tpl.j2}\n")
    result = run("render", "--root", str(lst.root))
    assert result.code == 2 and "templates/tpl.j2:1: template error" in result.err
    assert (lst.root / "README.md").read_bytes() == before


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "README.md"
    target.write_bytes(b"old contents\n")
    os.chmod(target, 0o640)

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", disk_full)
    with pytest.raises(OSError):
        fsutil.atomic_write(target, b"new contents\n")
    assert target.read_bytes() == b"old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]
    monkeypatch.undo()
    fsutil.atomic_write(target, b"new contents\n")
    assert target.read_bytes() == b"new contents\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_console_script_and_module_run_on_the_bundled_list() -> None:
    for command in (["listsmith", "check"], [sys.executable, "-m", "listsmith", "check"]):
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.strip() == "no problems in 15 files"


def test_a_reader_that_stops_early_gets_no_traceback(make_list) -> None:
    """`listsmith validate | head -1`: the closed pipe ends the run quietly."""
    lst = make_list()
    for i in range(400):
        lst.write(f"resources/books/bad-{i}.yaml", "title: Bad.\n")
    done = subprocess.Popen(
        [sys.executable, "-m", "listsmith", "validate", "--root", str(lst.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert done.stdout is not None and done.stderr is not None
    done.stdout.readline()
    done.stdout.close()
    error = done.stderr.read().decode()
    assert done.wait(timeout=60) == 1
    assert "Traceback" not in error and "BrokenPipe" not in error


def test_a_summary_that_can_not_be_written_is_a_clear_error(make_list, run, tmp_path) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    result = run("validate", "--root", str(lst.root), "--summary", str(tmp_path / "no" / "x.md"))
    assert result.code == 2 and "can't write the summary" in result.err


@pytest.mark.parametrize(
    ("args", "unloaded"),
    [
        # The sync check renders (jinja2); nothing else of these is needed on a clean list.
        (("check",), ("jsonschema", "pycurl", "asyncio")),
        (("check", "--no-sync"), ("jsonschema", "jinja2", "pycurl", "asyncio")),
        (("validate",), ("jsonschema", "jinja2", "pycurl", "asyncio")),
    ],
)
def test_a_clean_list_is_checked_without_the_libraries_it_does_not_need(
    make_list, run, args, unloaded
) -> None:
    lst = good_list(make_list)
    assert run("render", "--root", str(lst.root)).code == 0
    probe = (
        "import sys; from listsmith.cli import main; code = main(sys.argv[1:]); "
        f"print(code, [name for name in {unloaded!r} if name in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args, "--root", str(lst.root)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr

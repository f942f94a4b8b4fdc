"""The contributor's path: `listsmith new`, `listsmith init`, generated docs, job summaries."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from listsmith.newentry import slugify

from .conftest import REPO


def test_slugify() -> None:
    assert (
        slugify("Mathematical Notation: A Guide for Engineers")
        == "mathematical-notation-a-guide-for-engineers"
    )
    assert slugify("  Éléments d'algèbre (2nd ed.)  ") == "elements-d-algebre-2nd-ed"
    assert len(slugify("word " * 40)) <= 80 and not slugify("word " * 40).endswith("-")


def new_args(**overrides: str) -> list[str]:
    args = {
        "section": "books",
        "title": "Linear Algebra: Done Right!",
        "url": "https://linear.example.org/",
        "author": "Sheldon Axler",
        "topic": "linear-algebra",
        "description": "Vector spaces first, determinants last, proofs throughout.",
    }
    args.update(overrides)
    out = []
    for key, value in args.items():
        out += [f"--{key}", value]
    return out


def test_new_writes_an_entry_that_validates(make_list, run) -> None:
    lst = make_list()
    lst.entry("videos/other.yaml")
    result = run(
        "new",
        "--root",
        str(lst.root),
        *new_args(),
        "--author",
        "Second Author",
        "--level",
        "advanced",
        "--paid",
    )
    assert result.code == 0 and "wrote resources/books/linear-algebra-done-right.yaml" in result.err
    text = (lst.root / "resources/books/linear-algebra-done-right.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema.json\n")
    assert 'title: "Linear Algebra: Done Right!"' in text
    assert "  - Sheldon Axler\n  - Second Author\n" in text and "free: false" in text
    assert run("validate", "--root", str(lst.root)).code == 0


def test_new_sets_a_list_of_links_read_as_yaml(make_list, run) -> None:
    """``--set links=[{...}]`` gives the entry its secondary links, as the help says."""
    lst = make_list()
    links = '[{label: full course, url: "https://course.example.org/"}]'
    result = run("new", "--root", str(lst.root), *new_args(), "--set", f"links={links}")
    assert result.code == 0, result.out + result.err
    text = (lst.root / "resources/books/linear-algebra-done-right.yaml").read_text()
    assert "links:\n  - label: full course\n    url: https://course.example.org/\n" in text
    assert run("validate", "--root", str(lst.root)).code == 0


def test_new_refuses_an_existing_slug_and_bad_entries(make_list, run) -> None:
    lst = make_list()
    lst.entry("videos/other.yaml")
    assert run("new", "--root", str(lst.root), *new_args()).code == 0
    again = run("new", "--root", str(lst.root), *new_args())
    assert again.code == 2 and "exists already" in again.err
    bad = run("new", "--root", str(lst.root), *new_args(title="Bad.", topic="sorcery", slug="bad"))
    assert bad.code == 1 and "[title-period]" in bad.out and "[topic-declared]" in bad.out
    assert not (lst.root / "resources/books/bad.yaml").exists()


def test_new_refuses_a_known_url_at_the_level_check_gives(make_list, run) -> None:
    lst = make_list()
    lst.entry("videos/other.yaml", url="https://linear.example.org")
    result = run("new", "--root", str(lst.root), *new_args(url="http://www.linear.example.org/"))
    assert result.code == 1
    assert "error: this entry is the same resource as resources/videos/other.yaml:2" in result.out
    assert not (lst.root / "resources/books/linear-algebra-done-right.yaml").exists()


def test_new_without_flags_and_without_a_terminal_says_what_is_missing(make_list, run) -> None:
    lst = make_list()
    result = run("new", "--root", str(lst.root), "--title", "Only a title")
    assert result.code == 2
    assert "missing --section, --url, --author, --description, --topic" in result.err


def test_new_asks_on_a_terminal(make_list) -> None:
    lst = make_list()
    lst.entry("videos/other.yaml")
    pid, fd = pty.fork()
    if pid == 0:  # the child runs listsmith with a real terminal as stdin/stdout
        os.chdir(lst.root)
        os.execv(sys.executable, [sys.executable, "-m", "listsmith", "new", "--level", "beginner"])
    answers = iter(
        [
            "books",
            "Asked Title",
            "https://asked.example.org/",
            "Ann, Bo",
            "Written on a terminal, one answer at a time.",
            "calculus, linear-algebra",
        ]
    )
    seen, deadline = b"", time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if seen.rstrip().endswith(b":"):
            os.write(fd, (next(answers) + "\n").encode())
            seen += b"\n"
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, seen.decode(errors="replace")
    assert b"Section (books, videos)" in seen
    text = (lst.root / "resources/books/asked-title.yaml").read_text()
    assert "  - Ann\n  - Bo\n" in text and "  - calculus\n  - linear-algebra\n" in text


def test_init_creates_a_list_that_passes_check(tmp_path: Path) -> None:
    target = tmp_path / "awesome-things"
    env = {**os.environ, "GITHUB_ACTIONS": "false"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "listsmith",
            "init",
            str(target),
            "--install",
            "pip install listsmith==0.1.0",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    for rel in (
        "README.md",
        "CONTRIBUTING.md",
        "schema.json",
        "resources/index.yaml",
        "resources/general/example-resource.yaml",
        ".github/workflows/pull-request.yml",
        ".github/workflows/readme.yml",
        ".github/workflows/link-rot.yml",
        ".github/PULL_REQUEST_TEMPLATE.md",
        ".github/ISSUE_TEMPLATE/suggest-a-resource.yml",
    ):
        assert (target / rel).is_file(), rel
    assert "pip install listsmith==0.1.0" in (target / ".github/workflows/readme.yml").read_text()
    assert "| `title` | yes |" in (target / "CONTRIBUTING.md").read_text()
    check = subprocess.run(
        [sys.executable, "-m", "listsmith", "check"],
        cwd=target,
        capture_output=True,
        text=True,
        env=env,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    again = subprocess.run(
        [sys.executable, "-m", "listsmith", "init", str(target), "--install", "pip install x"],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 2 and "is a list already" in again.stderr


def test_contributing_field_table_is_generated_and_checked(make_list, run) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.entry("videos/two.yaml", topic="linear-algebra")
    lst.write(
        "CONTRIBUTING.md",
        "Intro.\n\n<!-- listsmith:fields:start -->\nstale\n"
        "<!-- listsmith:fields:end -->\n\nOutro.\n",
    )
    assert run("render", "--root", str(lst.root)).code == 0
    text = (lst.root / "CONTRIBUTING.md").read_text()
    assert text.startswith("Intro.\n\n<!-- listsmith:fields:start -->\n| field |")
    assert "| `distinct_from` | no |" in text and text.endswith("end -->\n\nOutro.\n")
    assert run("check", "--root", str(lst.root)).code == 0
    lst.write("CONTRIBUTING.md", text.replace("| `title` | yes |", "| `title` | no |"))
    result = run("check", "--root", str(lst.root))
    assert result.code == 1 and "[docs-sync]" in result.out
    assert run("check", "--root", str(lst.root), "--no-sync").code == 0


def test_contributing_of_this_repo_is_in_sync() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "listsmith", "render", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout


def test_markdown_job_summary(make_list, run, tmp_path: Path) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.write("resources/videos/bad.yaml", "title: Bad.\n")
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    assert run("validate", "--root", str(lst.root), "--summary", str(summary)).code == 1
    text = summary.read_text()
    # 4 missing fields and the period; the unused topic is the warning
    assert text.startswith("# earlier step\n### listsmith validate: 5 errors, 1 warning")
    assert (
        "| `resources/videos/bad.yaml:1:8` | error | `title ends with a period; remove it` |"
        in text
    )


def test_new_takes_its_file_and_folder_away_when_the_index_cant_be_written(
    make_list, run, monkeypatch
) -> None:
    from listsmith import newentry

    lst = make_list()
    index = lst.root / "resources" / "index.yaml"
    # A curated order: the new entry's slug goes into the index too.
    index.write_text(index.read_text().replace("title: Videos\n", "title: Videos\n    order: []\n"))
    before = index.read_bytes()

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(newentry, "atomic_write", full)
    assert not (lst.root / "resources" / "videos").exists()
    result = run("new", "--root", str(lst.root), *new_args(section="videos", slug="lost"))
    assert result.code == 2, result.out
    assert not (lst.root / "resources" / "videos").exists()
    assert index.read_bytes() == before


INDIE = """\
# Indie

Money from code.

## Communities

- **[IndieHackers](https://www.indiehackers.com/)**

  Learn from businesses that make money.

- **[Makerlog](https://getmakerlog.com/)**

  Makers shipping products together.
"""


def test_new_writes_its_line_in_the_shape_of_its_section(tmp_path: Path, run) -> None:
    """An imported list whose section writes every title in bold with its description below
    it: a new entry's line looks like its neighbours', not like the README target's default."""
    from listsmith.importer import parse, write

    root = tmp_path / "indie"
    write(parse(INDIE), root, force=False)
    args = ["--section", "communities", "--title", "WIP", "--url", "https://wip.chat/"]
    done = run(
        "new", "--root", str(root), *args, "--description", "A public todo list, for makers."
    )
    assert done.code == 0, done.out + done.err
    text = (root / "resources" / "communities" / "wip.yaml").read_text(encoding="utf-8")
    assert 'emphasis: "**"' in text and "description_below: true" in text
    assert run("render", "--root", str(root)).code == 0
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "- **[WIP](https://wip.chat/)**\n\n  A public todo list, for makers.\n" in readme

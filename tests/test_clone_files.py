"""Files are read and written only where they belong.

`init .` and `import` run in a clone of someone else's repository: git stores symlinks,
and the repository decides what they point at. Nothing is read or written through one,
and a failed init leaves the folder exactly as it was. `new` writes in the list's own
folders whatever its rules (which a pull request may change) say."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from listsmith import fsutil

INSTALL = "pip install listsmith==0.1.0"
TOKEN = "gho_0123456789abcdefSECRET"
README = (
    "# Awesome Things\n\nThings worth a look.\n\n## Tools\n\n"
    "- [Hammer](https://hammer.example.org/) - Drives nails into wood.\n"
)


def snapshot(root: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every path under ``root`` with its kind and its content or link target, no link
    followed: equal snapshots mean nothing was added, removed or changed."""
    found: dict[str, tuple[str, bytes | str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel] = ("dir", b"")
            else:
                found[rel] = ("file", path.read_bytes())
    return found


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home folder beside the clone, with a token in it."""
    secret = tmp_path / "home" / ".config" / "gh" / "hosts.yml"
    secret.parent.mkdir(parents=True)
    secret.write_text(f"github.com:\n    oauth_token: {TOKEN}\n")
    return tmp_path / "home"


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    root = tmp_path / "src" / "repo"
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_a_symlinked_readme_is_refused_not_read(clone: Path, home: Path, run) -> None:
    os.symlink("../../home/.config/gh/hosts.yml", clone / "README.md")
    before = snapshot(clone.parent.parent)
    result = run("init", str(clone), "--install", INSTALL)
    assert result.code == 2
    assert "README.md:1:1: error: is a symlink (to '../../home/.config/gh/hosts.yml')" in result.err
    assert TOKEN not in result.out + result.err
    assert snapshot(clone.parent.parent) == before


def test_a_dangling_readme_symlink_is_not_created_outside(clone: Path, home: Path, run) -> None:
    os.symlink("../../home/.bash_aliases", clone / "README.md")
    (clone / "readme.md").write_text(README)
    before = snapshot(clone.parent.parent)
    result = run("init", str(clone), "--install", INSTALL)
    assert result.code == 2 and "README.md:1:1: error: is a symlink" in result.err
    assert not (home / ".bash_aliases").exists()
    assert snapshot(clone.parent.parent) == before


def test_import_refuses_a_symlinked_readme(clone: Path, home: Path, run, tmp_path: Path) -> None:
    os.symlink("../../home/.config/gh/hosts.yml", clone / "README.md")
    into = tmp_path / "out"
    result = run("import", str(clone / "README.md"), "--into", str(into))
    assert result.code == 2 and "is a symlink" in result.err and "[unreadable]" in result.err
    assert not into.exists()


@pytest.mark.parametrize(
    "obstacle",
    ["symlinked folder", "file where a folder goes", "dangling symlink inside a folder"],
)
def test_a_failed_write_leaves_the_clone_exactly_as_it_was(
    clone: Path, home: Path, run, obstacle: str
) -> None:
    """.github/ISSUE_TEMPLATE and the pull-request template are written before the
    workflows: each obstacle below fails init after those, which must go again."""
    (clone / "README.md").write_text(README)
    (clone / ".github").mkdir()
    (clone / ".github" / "FUNDING.yml").write_text("github: someone\n")
    outside = home / "workflows"
    outside.mkdir()
    if obstacle == "symlinked folder":
        os.symlink(outside, clone / ".github" / "workflows")
    elif obstacle == "file where a folder goes":
        (clone / ".github" / "workflows").write_text("not a folder\n")
    else:
        (clone / ".github" / "workflows").mkdir()
        os.symlink(outside / "ci.yml", clone / ".github" / "workflows" / "link-rot.yml")
    before = snapshot(clone.parent.parent)
    result = run("init", str(clone), "--install", INSTALL, "--keep-existing")
    if obstacle == "dangling symlink inside a folder":
        # Kept as it is, like any file of the list's own: never written through.
        assert result.code == 0, result.err
        assert os.readlink(clone / ".github" / "workflows" / "link-rot.yml") == str(
            outside / "ci.yml"
        )
    else:
        assert result.code == 2, result.err
        assert ".github/workflows:1:1: error: init can't write here" in result.err
        assert "nothing was changed [unwritable]" in result.err
        assert snapshot(clone.parent.parent) == before
    assert list(outside.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_fails_init_without_a_trace(clone: Path, run) -> None:
    (clone / "README.md").write_text(README)
    workflows = clone / ".github" / "workflows"
    workflows.mkdir(parents=True)
    workflows.chmod(0o555)
    try:
        before = snapshot(clone)
        result = run("init", str(clone), "--install", INSTALL)
        assert result.code == 2 and "nothing was changed [unwritable]" in result.err
        assert snapshot(clone) == before
    finally:
        workflows.chmod(0o755)


def test_a_dangling_symlink_where_init_writes_is_a_clash(clone: Path, home: Path, run) -> None:
    (clone / "README.md").write_text(README)
    (clone / ".github" / "workflows").mkdir(parents=True)
    os.symlink("../../../../home/.bashrc", clone / ".github" / "workflows" / "readme.yml")
    result = run("init", str(clone), "--install", INSTALL)
    assert result.code == 2 and "readme.yml" in result.err
    assert not (home / ".bashrc").exists()


def test_a_dangling_symlink_for_a_contributor_guide_is_kept_not_written_through(
    clone: Path, home: Path, run
) -> None:
    (clone / "README.md").write_text(README)
    os.symlink("../../home/.bashrc", clone / "CONTRIBUTING.md")
    result = run("init", str(clone), "--install", INSTALL)
    assert result.code == 0 and "kept CONTRIBUTING.md" in result.err
    assert not (home / ".bashrc").exists() and (clone / "CONTRIBUTING.md").is_symlink()


def test_a_disk_that_fills_up_while_moving_in_takes_back_every_new_file(
    clone: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README is replaced last: when that fails, every file already created goes."""
    (clone / "README.md").write_text(README)
    before = snapshot(clone)

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("listsmith.init.atomic_write", full)
    result = run("init", str(clone), "--install", INSTALL)
    assert result.code == 2 and "README.md:1:1: error: init can't write here" in result.err
    assert snapshot(clone) == before


def test_new_files_are_created_exclusively_and_undone(tmp_path: Path) -> None:
    made = fsutil.NewFiles(tmp_path)
    made.create("a/b/c.txt", b"one")
    os.symlink(tmp_path / "elsewhere", tmp_path / "a" / "d.txt")
    with pytest.raises(fsutil.Obstacle):
        made.create("a/d.txt", b"two")
    assert not (tmp_path / "elsewhere").exists()
    made.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["d.txt"]
    fresh = fsutil.NewFiles(tmp_path / "new" / "list")
    fresh.create("x.txt", b"three")
    fresh.undo()
    assert not (tmp_path / "new").exists()


NEW = ["--title", "Escaped", "--url", "https://escaped.example.org/", "--author", "Someone"]
NEW += ["--topic", "calculus", "--description", "A description that is long enough to pass."]


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--slug", "../../../x"),
        ("--slug", "a/b"),
        ("--slug", "a\\b"),
        ("--slug", ".hidden"),
        ("--slug", "nul\0byte"),
        ("--section", "../.."),
        ("--section", "books/../../.."),
        ("--section", "books//x"),
        ("--section", "/etc"),
    ],
)
def test_new_writes_inside_the_list_even_with_file_name_off(
    make_list, run, tmp_path: Path, flag: str, value: str
) -> None:
    lst = make_list()
    lst.write("listsmith.yaml", "rules:\n  file-name: disable\n  section-declared: disable\n")
    before = snapshot(tmp_path)
    args = {"--section": "books", "--slug": "fine", flag: value}
    result = run("new", "--root", str(lst.root), *NEW, *(x for kv in args.items() for x in kv))
    assert result.code == 2 and f"{flag} " in result.err and "must be" in result.err
    assert snapshot(tmp_path) == before


def test_new_does_not_write_through_a_symlinked_section_folder(
    make_list, run, tmp_path: Path
) -> None:
    lst = make_list()
    lst.write("listsmith.yaml", "rules:\n  layout: disable\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, lst.root / "resources" / "books")
    result = run("new", "--root", str(lst.root), "--section", "books", *NEW)
    assert result.code == 2 and "resources/books: it is a symlink" in result.err
    assert list(outside.iterdir()) == []

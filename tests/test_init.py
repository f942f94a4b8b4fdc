"""`listsmith init`: a fresh clone, an existing awesome repository, and a pinned install."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from listsmith import provenance

from .conftest import REPO

INSTALL = "pip install listsmith==0.1.0"


def clone_of_a_new_repo(root: Path, readme: str = "# Things\n\nA list of things I like.\n") -> Path:
    """What `git clone` of a repository GitHub just created gives: .git, LICENSE, README.md."""
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "LICENSE").write_text("MIT License\n")
    (root / "README.md").write_text(readme)
    return root


def initialised(run, root: Path):
    """``listsmith init`` in ``root``, which must succeed; its result, for what it said."""
    done = run("init", str(root), "--install", INSTALL)
    assert done.code == 0, done.err
    return done


def test_fresh_clone_becomes_a_list_that_passes_check(tmp_path: Path, run, monkeypatch) -> None:
    root = clone_of_a_new_repo(tmp_path / "things")
    assert run("init", str(root), "--install", INSTALL).code == 0
    monkeypatch.chdir(root)
    result = run("check")
    assert result.code == 0, result.out
    assert (root / "LICENSE").read_text() == "MIT License\n"
    index = (root / "resources" / "index.yaml").read_text()
    assert "title: Things\n" in index and "A list of things I like." in index


def test_init_never_overwrites_what_it_did_not_read(tmp_path: Path, run) -> None:
    """A file of the list's own that init would write makes it stop and name it, except the
    contributor guide and pull request template: most lists have those, so they are kept in
    one command, and init says what to update in them."""
    root = clone_of_a_new_repo(tmp_path / "things")
    (root / "CONTRIBUTING.md").write_text("Our own rules.\n")
    (root / ".github").mkdir()
    (root / ".github" / "PULL_REQUEST_TEMPLATE.md").write_text("Our checklist.\n")
    issue = root / ".github" / "ISSUE_TEMPLATE" / "suggest-a-resource.yml"
    issue.parent.mkdir()
    issue.write_text("name: ours\n")
    result = run("init", str(root), "--install", INSTALL)
    assert result.code == 2 and "--keep-existing" in result.err
    assert "suggest-a-resource.yml" in result.err and "CONTRIBUTING.md" not in result.err
    assert sorted(p.name for p in root.iterdir()) == [
        ".git",
        ".github",
        "CONTRIBUTING.md",
        "LICENSE",
        "README.md",
    ]
    issue.unlink()
    done = initialised(run, root)
    assert "kept CONTRIBUTING.md" in done.err
    assert "kept .github/PULL_REQUEST_TEMPLATE.md" in done.err
    assert "ask for a YAML file under resources/" in done.err
    assert (root / "CONTRIBUTING.md").read_text() == "Our own rules.\n"
    assert (root / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text() == "Our checklist.\n"
    assert (root / "resources" / "index.yaml").is_file()
    assert (root / ".github" / "workflows" / "pull-request.yml").is_file()
    again = run("init", str(root), "--install", INSTALL)
    assert again.code == 2 and "is a list already" in again.err


def test_a_guide_and_template_where_github_finds_them_are_kept_too(tmp_path: Path, run) -> None:
    """awesome-ios and awesome-elixir keep their guide in .github/, awesome-vue as
    .github/contributing.md, awesome-dotnet its template at the root: init wrote a second
    guide and template beside them, which GitHub would show instead."""
    root = clone_of_a_new_repo(tmp_path / "things")
    (root / ".github").mkdir()
    (root / ".github" / "contributing.md").write_text("Edit README.md, please.\n")
    (root / "PULL_REQUEST_TEMPLATE.md").write_text("- [ ] I read the guide\n")
    done = initialised(run, root)
    assert "kept .github/contributing.md" in done.err
    assert "kept PULL_REQUEST_TEMPLATE.md" in done.err
    assert "ask for a YAML file under resources/" in done.err
    assert not (root / "CONTRIBUTING.md").exists()
    assert not (root / ".github" / "PULL_REQUEST_TEMPLATE.md").exists()
    assert (root / ".github" / "contributing.md").read_text() == "Edit README.md, please.\n"


def test_init_counts_entry_files_and_names_workflows_of_yours_that_use_the_readme(
    tmp_path: Path, run
) -> None:
    """awesome-ios's 1,866 "created" lines pushed the loss report off the screen; awesome-
    elixir's own CI checks the README's layout, which listsmith now writes."""
    items = "".join(f"- [Tool {i}](https://t{i}.example.org/) - Tool {i}.\n" for i in range(25))
    root = clone_of_a_new_repo(tmp_path / "things", f"# Awesome Things\n\n## Tools\n\n{items}")
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "ci.yml").write_text("steps: [{run: check readme.md}]\n")
    (root / ".github" / "workflows" / "stale.yml").write_text("steps: [{run: echo hi}]\n")
    done = initialised(run, root)
    assert "created 25 entry files under resources/" in done.err
    assert "created resources/tools/" not in done.err and "created resources/index.yaml" in done.err
    assert "your workflows that name README.md: .github/workflows/ci.yml." in done.err
    assert "stale.yml" not in done.err


def test_a_readme_another_tool_generates_is_named_as_such(tmp_path: Path, run) -> None:
    """awesome-java's README says it is generated from README_SOURCE.md: listsmith's bot and
    that tool would overwrite each other."""
    from listsmith.init import generated_by

    readme = (
        "<!-- Generated from README_SOURCE.md by GenerateReadme.java. Do not edit README.md -->"
        "\n\n# Awesome Things\n\n## Tools\n\n- [Hammer](https://hammer.example.org/) - Nails.\n"
    )
    root = clone_of_a_new_repo(tmp_path / "things", readme)
    done = initialised(run, root)
    assert 'README.md says another tool generates it ("Generated from README_SOURCE.md' in done.err
    assert generated_by((root / "README.md").read_text()) is not None  # the list's comment
    assert generated_by("# T\n\n<!-- Generated by listsmith 0.1.0 from resources/ -->\n") is None
    assert generated_by("# T\n\n<!-- a note on the list -->\n") is None
    doctoc = "<!-- START doctoc generated TOC please keep comment here to allow auto update -->"
    assert generated_by(f"# T\n\n{doctoc}\n") is None


def test_keep_existing_keeps_any_file_of_yours(tmp_path: Path, run) -> None:
    root = clone_of_a_new_repo(tmp_path / "things")
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "readme.yml").write_text("name: ours\n")
    assert run("init", str(root), "--install", INSTALL).code == 2
    done = run("init", str(root), "--install", INSTALL, "--keep-existing")
    assert done.code == 0 and "kept .github/workflows/readme.yml" in done.err
    assert (root / ".github" / "workflows" / "readme.yml").read_text() == "name: ours\n"
    assert "ask for a YAML file" not in done.err


def test_an_existing_awesome_readme_is_imported_in_place(tmp_path: Path, run, monkeypatch) -> None:
    readme = (
        "# Awesome Things\n\nThings worth a look.\n\n## Tools\n\n"
        "- [Hammer](https://hammer.example.org/) - Drives nails into wood.\n"
        "- [Saw](https://saw.example.org/) - Cuts planks to length.\n"
    )
    root = clone_of_a_new_repo(tmp_path / "awesome-things", readme)
    done = run("init", str(root), "--install", INSTALL)
    assert done.code == 0
    # The README was there: init says it rendered it again, not that it created it.
    assert "rendered again README.md" in done.err and "created README.md" not in done.err
    assert "created resources/index.yaml" in done.err
    assert "imported 2 entries from README.md" in done.err and "holds no list" not in done.err
    titles = sorted(p.name for p in (root / "resources" / "tools").iterdir())
    assert titles == ["hammer.yaml", "saw.yaml"]
    text = (root / "README.md").read_text()
    assert text.index("[Hammer](https://hammer.example.org/)") < text.index("[Saw]")
    monkeypatch.chdir(root)
    assert run("check").code == 0


@pytest.mark.parametrize("branch", ["master", "trunk", "release/v2", "2024"])
def test_the_workflows_run_on_the_clone_s_own_default_branch(
    tmp_path: Path, run, branch: str
) -> None:
    """awesome-ios, awesome-elixir, awesome-dotnet and awesome-vue use master: workflows that
    named main never regenerated their README after a merge."""
    root = clone_of_a_new_repo(tmp_path / "things")
    subprocess.run(["git", "-C", str(root), "symbolic-ref", "HEAD", f"refs/heads/{branch}"])
    done = initialised(run, root)
    assert f"after each push to {branch}" in done.err
    workflows = root / ".github" / "workflows"
    readme = (workflows / "readme.yml").read_text(encoding="utf-8")
    rot = (workflows / "link-rot.yml").read_text(encoding="utf-8")
    assert readme.count(f'branches: ["{branch}"]') == 2 and f"HEAD:{branch}" in readme
    assert f"origin {branch}" in rot and f"HEAD:{branch}" in rot
    assert "HEAD:main" not in readme + rot and "branches: [main]" not in readme


def test_a_remote_s_default_branch_wins_over_the_one_checked_out(tmp_path: Path) -> None:
    from listsmith.init import default_branch

    upstream = clone_of_a_new_repo(tmp_path / "upstream")
    subprocess.run(["git", "-C", str(upstream), "symbolic-ref", "HEAD", "refs/heads/master"])
    subprocess.run(["git", "-C", str(upstream), "add", "-A"], check=True)
    git_commit = ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"]
    subprocess.run(["git", "-C", str(upstream), *git_commit], check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(upstream), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", "-b", "adopt-listsmith"], check=True)
    assert default_branch(clone) == "master"
    assert default_branch(tmp_path) == "main"  # not a repository


def test_a_readme_without_a_list_of_links_says_it_imported_no_entries(tmp_path: Path, run) -> None:
    """awesome-java writes each project as a quote inside <details>: nothing is an entry, and
    init used to say only "a new list is ready"."""
    readme = (
        "# Awesome Things\n\nThings.\n\n## Tools\n\n"
        "> **[Hammer](https://hammer.example.org/)**<br>Drives nails into wood.\n"
    )
    root = clone_of_a_new_repo(tmp_path / "awesome-things", readme)
    done = initialised(run, root)
    assert "imported 0 entries from README.md" in done.err
    assert "holds no list whose items start with a link" in done.err
    assert "Drives nails into wood." in (root / "README.md").read_text()


def test_a_readme_that_is_not_markdown_is_refused_not_hidden(tmp_path: Path, run) -> None:
    """awesome-public-datasets keeps its list in README.rst: init wrote a README.md with an
    example entry beside it, exit 0, and GitHub showed that instead of the list."""
    root = tmp_path / "datasets"
    root.mkdir()
    (root / "README.rst").write_text("Datasets\n========\n\n- `A <https://a.example.org>`_\n")
    done = run("init", str(root), "--install", INSTALL)
    assert done.code == 2
    assert "README.rst" in done.err and "pandoc" in done.err
    assert sorted(p.name for p in root.iterdir()) == ["README.rst"]
    # README.MD is Markdown by another name (rename it); README-zh.md is no README at all.
    (root / "README.rst").rename(root / "README.MD")
    done = run("init", str(root), "--install", INSTALL)
    assert done.code == 2 and "git mv README.MD README.md" in done.err
    (root / "README.MD").rename(root / "README-zh.md")
    assert run("init", str(root), "--install", INSTALL).code == 0


def test_a_lowercase_readme_and_contributing_keep_their_names(tmp_path: Path, run) -> None:
    """A list whose files are readme.md and contributing.md gets no README.md or
    CONTRIBUTING.md beside them: the README renders to its own name, and the contributing
    file counts as the one init would write, and is kept."""
    root = tmp_path / "things"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "readme.md").write_text(
        "# Awesome Things\n\n## Tools\n\n- [Hammer](https://hammer.example.org/) - Drives nails.\n"
    )
    (root / "contributing.md").write_text("Our own rules.\n")
    assert run("init", str(root), "--install", INSTALL).code == 0
    names = {p.name for p in root.iterdir()}
    assert {"readme.md", "contributing.md"} <= names
    assert not {"README.md", "CONTRIBUTING.md"} & names
    assert "[Hammer](https://hammer.example.org/)" in (root / "readme.md").read_text()
    assert run("check", "--root", str(root)).code == 0


class FakeDistribution:
    def __init__(self, direct_url: dict | None, version: str = "1.2.3") -> None:
        self.version = version
        self._direct = None if direct_url is None else json.dumps(direct_url)

    def read_text(self, name: str) -> str | None:
        return self._direct if name == "direct_url.json" else None


@pytest.mark.parametrize(
    ("direct_url", "wanted"),
    [
        (None, "listsmith==1.2.3"),
        (
            {
                "url": "https://github.com/o/listsmith",
                "vcs_info": {"vcs": "git", "commit_id": "abc123"},
            },
            "listsmith @ git+https://github.com/o/listsmith@abc123",
        ),
        (
            {
                "url": "https://example.org/listsmith-1.2.3-py3-none-any.whl",
                "archive_info": {"hashes": {"sha256": "ff"}},
            },
            "listsmith @ https://example.org/listsmith-1.2.3-py3-none-any.whl#sha256=ff",
        ),
        ({"url": "file:///home/me/listsmith-1.2.3.tar.gz", "archive_info": {}}, None),
        ({"url": "file:///nowhere/at/all", "dir_info": {"editable": True}}, None),
    ],
)
def test_the_requirement_pip_recorded(direct_url: dict | None, wanted: str | None) -> None:
    assert provenance.requirement(FakeDistribution(direct_url)) == wanted


def test_a_clean_checkout_of_a_public_remote_is_pinned_to_its_commit(tmp_path: Path) -> None:
    checkout = tmp_path / "src"
    subprocess.run(["git", "init", "-q", str(checkout)], check=True)
    (checkout / "x").write_text("x")
    git = ["git", "-C", str(checkout), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "add", "x"], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    commit = subprocess.run(
        [*git, "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dist = FakeDistribution({"url": checkout.as_uri(), "dir_info": {}})
    assert provenance.requirement(dist) is None  # no remote
    subprocess.run([*git, "remote", "add", "origin", "git@github.com:o/listsmith.git"], check=True)
    assert (
        provenance.requirement(dist)
        == f"listsmith @ git+ssh://git@github.com/o/listsmith.git@{commit}"
    )
    (checkout / "x").write_text("changed")
    assert provenance.requirement(dist) is None  # what is installed is not that commit


def test_workflows_init_writes_install_exactly_this_build(tmp_path: Path, run, monkeypatch) -> None:
    pinned = "listsmith @ git+https://github.com/o/listsmith@0123abcd"
    monkeypatch.setattr(provenance, "requirement", lambda: pinned)
    root = tmp_path / "new"
    assert run("init", str(root)).code == 0
    workflows = sorted((root / ".github" / "workflows").glob("*.yml"))
    assert workflows
    for workflow in workflows:
        lines = [
            line.strip() for line in workflow.read_text().splitlines() if "pip install" in line
        ]
        assert lines == [f"run: pip install '{pinned}'"], workflow.name


def test_without_a_pinnable_install_init_asks_for_one(tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.setattr(provenance, "requirement", lambda: None)
    result = run("init", str(tmp_path / "new"))
    assert result.code == 2 and "--install" in result.err
    assert not (tmp_path / "new").exists()


def test_every_install_line_of_the_scaffold_is_the_placeholder_init_replaces() -> None:
    for workflow in (REPO / "tools" / "listsmith" / "scaffold" / ".github" / "workflows").glob(
        "*.yml"
    ):
        for line in workflow.read_text().splitlines():
            if "pip install" in line:
                assert line.strip() == "run: pip install listsmith", (
                    workflow.name
                )  # the placeholder


def test_an_invisible_character_is_taken_out_and_said_not_a_refused_list(
    tmp_path: Path, run, monkeypatch
) -> None:
    """awesome-swift's "like a wizard 🧙‍." ends on a joiner that joins nothing, and a
    zero-width space hid in an intro: init refused the whole list (its own check fails on
    them), --accept-loss or not. They are taken out and named with their lines; a joiner
    inside an emoji sequence (👨‍💻) stays."""
    root = tmp_path / "swift"
    root.mkdir()
    (root / "README.md").write_text(
        "# Swift\n\nThings\u200b here.\n\n## Network\n\n"
        "- [Wormholy](https://w.example.org/) - Like a wizard \U0001f9d9\u200d.\n"
        "- [Dev](https://d.example.org/) - For \U0001f468\u200d\U0001f4bb coders.\n"
        "- [Alpha](https://a.example.org/)\u200b - After a link's parenthesis.\n",
        encoding="utf-8",
    )
    done = initialised(run, root)
    assert "README.md:3: took out U+200B (zero width space)" in done.err
    assert "README.md:7: took out U+200D (zero width joiner)" in done.err
    assert "README.md:9: took out U+200B (zero width space)" in done.err
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "Things here." in readme and "Like a wizard \U0001f9d9." in readme
    assert "For \U0001f468\u200d\U0001f4bb coders." in readme
    monkeypatch.chdir(root)
    assert run("check").code == 0


def test_a_point_longer_than_the_scaffold_allows_loosens_the_schema(tmp_path: Path, run) -> None:
    """awesome-courses' 1,025-character point under an entry failed the scaffold's cap on a
    point, which sits behind a oneOf (a point is a string or an object): the import loosened
    the caps it saw and not that one, and init refused the list."""
    root = tmp_path / "courses"
    root.mkdir()
    point = " ".join(["word"] * 210)
    (root / "README.md").write_text(
        f"# Courses\n\nx.\n\n## A\n\n- [Algo](https://a.example.org/) - Algorithms.\n"
        f"  - {point}\n- [B](https://b.example.org/) - B course.\n",
        encoding="utf-8",
    )
    initialised(run, root)
    assert f"  - {point}\n" in (root / "README.md").read_text(encoding="utf-8")


def test_a_readme_with_no_list_keeps_its_title_logo_and_banner(tmp_path: Path, run) -> None:
    """hsavit1/Awesome-Swift-Education's README has a logo and a badge in its title and no
    list yet: init started from the scaffold's list and wrote "Title" and the Awesome badge
    in their place, losing both without a word, and said the text was kept."""
    root = tmp_path / "edu"
    root.mkdir()
    banner = '<p align="center"><img src="https://img.example.org/banner.png"></p>'
    heading = (
        '<img src="https://img.example.org/logo.png" width="36"> Edu '
        "[![Build](https://ci.example.org/badge.svg)](https://ci.example.org/job)"
    )
    (root / "README.md").write_text(f"{banner}\n\n# {heading}\n\n> A quote.\n", encoding="utf-8")
    done = initialised(run, root)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"{banner}\n\n# {heading}\n") and "> A quote." in readme
    assert "holds no list and no sections: its title and text are kept" in done.err


def test_a_readme_with_no_list_and_an_html_title_keeps_it_and_its_license(
    tmp_path: Path, run
) -> None:
    """A reviewer's case: a title in the intro's HTML got a second, plain title with the
    Awesome badge above it, and a License section went without a word."""
    root = tmp_path / "html"
    root.mkdir()
    source = '<div align="center"><h1>Thing</h1></div>\n\nWords.\n\n## License\n\nMIT.\n'
    (root / "README.md").write_text(source, encoding="utf-8")
    initialised(run, root)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.startswith('<div align="center"><h1>Thing</h1></div>') and "# Thing" not in readme
    assert "\n## License\n\nMIT.\n" in readme

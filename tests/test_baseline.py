"""Day one on a real list: init records what the list already has, check is green, and a
pull request is judged on what it brings (issue #18, item 7)."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from listsmith import baseline

from .conftest import FIXTURES
from .test_link_rot_workflow import git

INSTALL = "pip install listsmith==0.1.0"
PYTHON = "vinta-awesome-python"


def recorded(root: Path) -> list[dict]:
    return json.loads((root / baseline.FILE).read_text(encoding="utf-8"))["findings"]


def levels(out: str) -> list[str]:
    return re.findall(r"^\S+:\d+:\d+: (\w+): ", out, re.MULTILINE)


@pytest.fixture(scope="module")
def adopt(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A real list after `init .` in a fresh git repository, committed on main: what pull
    requests start from. Each list once per test process."""
    from listsmith.cli import main

    place = tmp_path_factory.mktemp("adopted")

    @functools.cache
    def adopted(name: str) -> Path:
        root = place / name
        root.mkdir()
        shutil.copy(FIXTURES / "lists" / name / "README.md", root / "README.md")
        git(root, "init", "-q", "-b", "main")
        # A list whose import loses links (recorded beside its fixture) is adopted as its
        # maintainer would, having read them: with --accept-loss.
        fidelity = FIXTURES / "lists" / name / "fidelity.json"
        lost = fidelity.exists() and json.loads(fidelity.read_text(encoding="utf-8"))["lost"]
        accept = ["--accept-loss"] if lost else []
        assert main(["init", str(root), "--install", INSTALL, *accept]) == 0
        git(root, "add", "-A")
        git(root, "commit", "-qm", "adopt listsmith")
        return root

    return adopted


@pytest.fixture
def adopted(adopt) -> Path:
    return adopt(PYTHON)


@pytest.fixture
def pr(adopted: Path, tmp_path: Path) -> Path:
    """A contributor's clone of the adopted list, on a branch of its own."""
    root = tmp_path / "pr"
    subprocess.run(["git", "clone", "-q", str(adopted), str(root)], check=True)
    git(root, "checkout", "-q", "-b", "change")
    return root


GENERAL = "projects/ai-ml/machine-learning/general"
"""A section of awesome-python with a recorded finding (feature-engine's lower-case start)."""
FEATURE_ENGINE = f"resources/{GENERAL}/feature-engine.yaml"


def commit(root: Path, message: str = "change") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def check_pr(run, root: Path):
    return run("check", "--root", str(root), "--no-sync", "--base", "origin/main")


def add_entry(run, root: Path, title: str, url: str, description: str) -> Path:
    """An entry as `listsmith new` writes it (which refuses a finding), then given
    ``description`` as a contributor might edit it."""
    placeholder = "A placeholder description."
    args = ["--section", GENERAL, "--title", title, "--url", url, "--description", placeholder]
    assert run("new", "--root", str(root), *args).code == 0
    path = root / "resources" / GENERAL / f"{title.lower().replace(' ', '-')}.yaml"
    text = path.read_text(encoding="utf-8").replace(
        f"description: {placeholder}", f"description: {description}"
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pr_adding_one_valid_entry_passes(pr: Path, run) -> None:
    add_entry(run, pr, "Fancy Features", "https://example.org/fancy", "Features, made fancy.")
    commit(pr)
    result = check_pr(run, pr)
    assert result.code == 0, result.out
    assert "error" not in levels(result.out) and "warning" not in levels(result.out)
    assert levels(result.out).count("note") == len(recorded(pr))


def test_a_pr_adding_a_duplicate_fails_at_the_entry_it_adds(pr: Path, run) -> None:
    # Written by hand, without `added`, and sorting before the entry it repeats: the
    # finding still belongs to the file the pull request brings.
    (pr / "resources" / GENERAL / "aaa-feature-engine.yaml").write_text(
        "title: Feature Engine Again\n"
        "url: https://github.com/feature-engine/feature_engine\n"
        "description: The same project under another name.\n",
        encoding="utf-8",
    )
    index = pr / "resources" / "index.yaml"
    text = index.read_text(encoding="utf-8")
    text = re.sub(
        r"^(\s*)- feature-engine$",
        r"\1- feature-engine\n\1- aaa-feature-engine",
        text,
        count=1,
        flags=re.MULTILINE,
    )
    index.write_text(text, encoding="utf-8")
    commit(pr)
    result = check_pr(run, pr)
    assert result.code == 1
    errors = [line for line in result.out.splitlines() if ": error: " in line]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"resources/{GENERAL}/aaa-feature-engine.yaml:2:")
    assert errors[0].endswith("[duplicate-url]") and "this change adds this entry" in errors[0]


def test_a_third_copy_of_a_recorded_duplicate_fails_and_leaves_the_pair_recorded(
    pr: Path, run
) -> None:
    """awesome-python lists hatch and hatchling at one address (recorded). A pull request
    adding a third copy carries the group's finding, an error; the recorded pair is not
    gone, and was reported as stale."""
    path = add_entry(run, pr, "Hatch Again", "https://example.org/hatch", "Hatch, once more.")
    text = path.read_text(encoding="utf-8")  # `new` refuses a duplicate: edited by hand
    path.write_text(text.replace("https://example.org/hatch", "https://github.com/pypa/hatch"))
    commit(pr)
    result = check_pr(run, pr)
    assert result.code == 1
    errors = [line for line in result.out.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "hatch-again.yaml" in errors[0], errors
    assert errors[0].endswith("[duplicate-url]")
    assert "no longer occur" not in result.out


def test_a_pr_that_edits_the_readme_by_hand_fails_at_the_readme(pr: Path, run) -> None:
    """The pull request check runs with --no-sync (CI renders after the merge), so a hand
    edit of README.md passed, and the next render took it away again."""
    readme = pr / "README.md"
    text = readme.read_text(encoding="utf-8")
    line = "- [hatch](https://github.com/pypa/hatch)"
    assert line in text
    readme.write_text(
        text.replace(line, f"- [Fancy](https://example.org/fancy) - Fancy.\n{line}", 1),
        encoding="utf-8",
    )
    commit(pr)
    result = check_pr(run, pr)
    assert result.code == 1
    errors = [line for line in result.out.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith("README.md:1:1: error: README.md is generated")
    assert errors[0].endswith("[readme-sync]")

    # An entry added as YAML, and the README rendered from it and committed: in sync, fine.
    git(pr, "checkout", "-q", "HEAD~1", "--", "README.md")
    add_entry(run, pr, "Fancy Features", "https://example.org/fancy", "Features, made fancy.")
    assert run("render", "--root", str(pr)).code == 0
    commit(pr)
    assert check_pr(run, pr).code == 0


def test_the_pull_request_that_adopts_listsmith_passes_its_own_check(tmp_path: Path, run) -> None:
    """The base branch has no list yet: the adopting change's baseline is the list's history
    (its workflows are the pull request's own anyway), and it adds no link to check. It
    failed with every finding the baseline records as an error, and checked every URL."""
    root = tmp_path / "list"
    root.mkdir()
    shutil.copy(FIXTURES / "lists" / PYTHON / "README.md", root / "README.md")
    git(root, "init", "-q", "-b", "main")
    commit(root, "the list before listsmith")
    git(root, "checkout", "-q", "-b", "adopt")
    assert run("init", str(root), "--install", INSTALL).code == 0
    commit(root, "adopt listsmith")
    result = run("check", "--root", str(root), "--no-sync", "--base", "main")
    assert result.code == 0, result.out
    assert levels(result.out).count("note") == len(recorded(root)) > 0
    links = run("links", "--root", str(root), "--changed-since", "main", "--format", "json")
    assert links.code == 0 and json.loads(links.out)["summary"]["ok"] == 0, links.out


def test_a_list_in_a_sub_folder_is_a_list_at_the_base(tmp_path: Path, run) -> None:
    """A reviewer's case: the adoption rule looked for resources/index.yaml at the
    repository's root, so a list in a sub-folder was "no list at the base", and a pull
    request's own schema and settings held."""
    repo = tmp_path / "repo"
    root = repo / "awesome"
    root.mkdir(parents=True)
    shutil.copy(FIXTURES / "lists" / PYTHON / "README.md", root / "README.md")
    git(repo, "init", "-q", "-b", "main")
    assert run("init", str(root), "--install", INSTALL).code == 0
    commit(repo, "the list, in a sub-folder")
    git(repo, "checkout", "-q", "-b", "loosen")
    schema = root / "schema.json"
    loose = json.loads(schema.read_text())
    loose["properties"]["description"]["minLength"] = 1
    schema.write_text(json.dumps(loose))
    commit(repo, "loosen the schema")
    result = run("check", "--root", str(root), "--no-sync", "--base", "main")
    assert "[trusted-setting]" in result.out and "judges entries by the base" in result.out


def test_a_maintainer_s_re_rendered_readme_is_no_hand_edit(pr: Path, run) -> None:
    """A reviewer's cases: a pull request that changes a trusted setting and commits the
    README it renders to (the base's setting would render another), or a README rendered
    by another listsmith version (its mark differs), is not edited by hand."""
    config = pr / "listsmith.yaml"
    config.write_text(config.read_text().replace("descriptions: markdown", "descriptions: text"))
    assert run("render", "--root", str(pr)).code == 0
    readme = pr / "README.md"
    readme.write_text(
        readme.read_text().replace("Generated by listsmith ", "Generated by listsmith 9", 1)
    )
    commit(pr)
    result = check_pr(run, pr)
    assert "README.md is generated" not in result.out, result.out
    assert "render.descriptions decides what a run trusts" in result.out  # told, not failed


def test_the_preview_shows_the_problems_check_reports_not_the_baselined_ones(pr: Path, run) -> None:
    """Bug: the preview validated the list bare, so on an adopted list its comment showed
    every finding the baseline records (15 here) and none of what `check` said."""
    from listsmith.preview.collect import collect
    from listsmith.project import load_project

    add_entry(run, pr, "Fancy Features", "https://example.org/fancy", "features, made fancy.")
    commit(pr)
    errors = [line for line in check_pr(run, pr).out.splitlines() if ": error: " in line]
    shown = collect(load_project(pr), "origin/main")["problems"]
    assert len(errors) == 1 and "fancy-features.yaml" in errors[0]
    assert [(p["path"], p["rule"]) for p in shown] == [
        (f"resources/{GENERAL}/fancy-features.yaml", errors[0].rsplit("[", 1)[1].rstrip("]"))
    ]


def test_a_fixed_finding_leaves_the_baseline_and_may_not_come_back(pr: Path, run) -> None:
    before = len(recorded(pr))
    path = pr / FEATURE_ENGINE
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("description: sklearn", "description: Sklearn"), "utf-8")
    commit(pr)
    result = check_pr(run, pr)
    assert result.code == 0, result.out
    assert f"{baseline.FILE}:1:1: warning: recorded findings that no longer occur" in result.out

    assert run("check", "--root", str(pr), "--no-sync", "--update-baseline").code == 0
    assert len(recorded(pr)) == before - 1
    assert not any(item["path"] == FEATURE_ENGINE for item in recorded(pr))
    commit(pr, "drop the fixed finding")
    # Dropping a fixed finding makes the check stricter: no trusted-setting warning.
    assert "trusted-setting" not in check_pr(run, pr).out

    path.write_text(original, encoding="utf-8")
    commit(pr, "and back")
    again = run("check", "--root", str(pr), "--no-sync")
    assert again.code == 1
    assert f"{FEATURE_ENGINE}:4:14: error: description should start" in again.out


def test_a_pr_cannot_baseline_its_own_findings(pr: Path, run) -> None:
    add_entry(run, pr, "Quiet Thing", "https://example.org/quiet", "lower case, no stop at the end")
    assert run("baseline", "--root", str(pr)).code == 0
    commit(pr)
    assert run("check", "--root", str(pr), "--no-sync").code == 0  # locally, recorded
    result = check_pr(run, pr)
    assert result.code == 1
    assert f"resources/{GENERAL}/quiet-thing.yaml:4:14: error: description" in result.out
    assert f"{baseline.FILE}:1:1: warning: this change records 2 more findings" in result.out
    assert "[trusted-setting]" in result.out


def test_a_recorded_finding_survives_its_lines_moving(pr: Path, run) -> None:
    path = pr / FEATURE_ENGINE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # The description moves from line 4 to line 2, under a new comment: still recorded.
    path.write_text("".join([lines[0], "# moved\n", lines[3], lines[1], lines[2]]), "utf-8")
    result = run("check", "--root", str(pr), "--no-sync")
    assert result.code == 0, result.out
    assert f"{FEATURE_ENGINE}:3:14: note: description should start" in result.out


def test_old_findings_the_baseline_lacks_are_not_a_pr_s_doing(adopted: Path, tmp_path, run):
    """A main branch with errors nobody recorded (no baseline at all): a pull request that
    adds a valid entry is not failed for them; one that adds an error is."""
    main = tmp_path / "main"
    subprocess.run(["git", "clone", "-q", str(adopted), str(main)], check=True)
    git(main, "rm", "-q", baseline.FILE)
    commit(main, "no baseline")
    root = tmp_path / "pr2"
    subprocess.run(["git", "clone", "-q", str(main), str(root)], check=True)
    add_entry(run, root, "Fancy Features", "https://example.org/fancy", "Features, made fancy.")
    commit(root)
    result = check_pr(run, root)
    assert result.code == 0, result.out
    assert "note" in levels(result.out)

    add_entry(run, root, "Loud Thing", "https://example.org/loud", "lower case and no stop")
    commit(root)
    result = check_pr(run, root)
    assert result.code == 1
    assert [ln for ln in result.out.splitlines() if ": error: " in ln] == [
        f"resources/{GENERAL}/loud-thing.yaml:4:14: error: "
        "description should end with '.', '!' or '?' [description-style]",
        f"resources/{GENERAL}/loud-thing.yaml:4:14: error: "
        "description should start with a capital letter [description-style]",
    ]


def test_a_broken_baseline_is_a_problem_at_its_line_not_a_crash(pr: Path, run) -> None:
    (pr / baseline.FILE).write_text("{not json", encoding="utf-8")
    result = run("check", "--root", str(pr), "--no-sync")
    assert result.code == 1
    assert f"{baseline.FILE}:1:1: error: the baseline can't be read" in result.out


def test_the_errors_a_change_brings_are_the_last_lines_above_the_count(pr: Path, run) -> None:
    """awesome-vue's 510 notes came in path order, so a contributor's one error scrolled away
    among them; in the text output the notes come first now."""
    add_entry(run, pr, "Aaa Fancy", "https://example.org/fancy", "features, made fancy.")
    commit(pr)
    lines = check_pr(run, pr).out.splitlines()
    assert levels("\n".join(lines)).count("note") == len(recorded(pr)) > 1
    assert ": error: " in lines[-2] and "aaa-fancy.yaml" in lines[-2]
    assert all(": note: " in line for line in lines[: len(recorded(pr))])


def test_notes_are_github_notices_and_never_fail(pr: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("check", "--root", str(pr), "--no-sync")
    assert result.code == 0
    assert result.out.count("::notice file=") == len(recorded(pr))


def test_render_counts_what_check_counts(pr: Path, run) -> None:
    """Right after init, render says nothing of errors (the recorded findings are notes);
    a new finding is counted."""
    assert recorded(pr)
    quiet = run("render", "--root", str(pr))
    assert quiet.code == 0 and "despite" not in quiet.err, quiet.err
    add_entry(run, pr, "Fancy Features", "https://example.org/fancy", "Features, no full stop")
    loud = run("render", "--root", str(pr))
    assert "rendered despite 1 style error(s)" in loud.err, loud.err

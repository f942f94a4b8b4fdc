"""The workflows keep tokens off disk and trust only what they must (issue #19, 5 and 15)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO
from .test_workflows import load

READMES = (
    REPO / ".github" / "workflows" / "readme.yml",
    REPO / "tools" / "listsmith" / "scaffold" / ".github" / "workflows" / "readme.yml",
)
TOKEN = re.compile(r"\$\{\{\s*(github\.token|secrets\.GITHUB_TOKEN)\s*\}\}")


@pytest.mark.parametrize("path", READMES, ids=["repository", "scaffold"])
def test_readme_workflow_keeps_its_token_off_disk_until_the_push(path: Path) -> None:
    """With the token in .git/config, anything the install or the render runs (a
    dependency, a merged template) could push to main with it."""
    steps = load(path)["jobs"]["render"]["steps"]
    checkout = next(s for s in steps if "actions/checkout" in s.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False
    holding = [i for i, step in enumerate(steps) if TOKEN.search(str(step.get("env", "")))]
    assert holding == [len(steps) - 1]  # the last step, which pulls and pushes
    script = steps[-1]["run"]
    assert "authed push origin HEAD:main" in script and "authed pull --rebase" in script
    assert "credential.helper=!f()" in script and "git config --global" not in script


@pytest.mark.parametrize("path", READMES, ids=["repository", "scaffold"])
def test_readme_workflow_runs_after_this_repositorys_link_rot_only(path: Path) -> None:
    """workflow_run matches by name: a fork's pull request can bring a workflow named
    "Link rot" on a branch called main."""
    data = load(path)
    assert data["on"]["workflow_run"]["workflows"] == ["Link rot"]
    condition = data["jobs"]["render"]["if"]
    assert "startsWith(github.event.workflow_run.path, '.github/workflows/link-rot.yml')" in (
        condition
    )
    assert "github.event.workflow_run.head_repository.full_name == github.repository" in (condition)
    assert "github.event.workflow_run.event != 'pull_request'" in condition


def test_the_release_is_built_without_a_cache() -> None:
    """A cache is shared across workflows of the repository; what is published must not
    be built from one."""
    build = load(REPO / ".github" / "workflows" / "release.yml")["jobs"]["build"]
    for step in build["steps"]:
        assert "cache" not in (step.get("with") or {}), step


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint: linux x86_64 only")
def test_actionlint_on_the_scaffold_workflows() -> None:
    scaffold = sorted((REPO / "tools/listsmith/scaffold/.github/workflows").glob("*.yml"))
    done = subprocess.run(["actionlint", *map(str, scaffold)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr

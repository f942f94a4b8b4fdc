"""The GitHub files: valid per GitHub's schemas and actionlint, and safe by construction."""

from __future__ import annotations

import email
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from listsmith import SCAFFOLD_INSTALL
from listsmith.shipped import scaffold_files

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SCAFFOLD = dict(scaffold_files())
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_the_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == [
        "link-rot.yml",
        "pages.yml",
        "pr-preview.yml",
        "pull-request.yml",
        "readme.yml",
        "release.yml",
        "tests.yml",
    ]


def test_workflows_match_github_schema() -> None:
    done = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_issue_form_matches_github_schema() -> None:
    form = REPO / ".github" / "ISSUE_TEMPLATE" / "suggest-a-resource.yml"
    done = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-issue-forms", str(form)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(
    shutil.which("actionlint") is None,
    reason="actionlint is installed from PyPI on linux x86_64 only",
)
def test_actionlint() -> None:
    done = subprocess.run(["actionlint", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_pull_request_target_anywhere() -> None:
    for path in WORKFLOWS:
        assert "pull_request_target" not in load(path)["on"], path.name
        code = [line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")]
        assert not any("pull_request_target" in line for line in code), path.name


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    uses = re.compile(r"uses:\s*(\S+)(.*)$")
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            match = uses.search(line)
            if not match:
                continue
            target, comment = match.groups()
            if target == "./":  # this repository's own action, tested as others use it
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", target), (path.name, line)
            assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), (path.name, line)


def _permissions(path: Path) -> tuple[dict | str, dict[str, dict | str]]:
    data = load(path)
    return data.get("permissions"), {
        name: job.get("permissions", "inherited") for name, job in data["jobs"].items()
    }


def test_permissions_are_read_only_except_where_needed() -> None:
    writes = {}
    for path in WORKFLOWS:
        top, jobs = _permissions(path)
        assert top is not None, f"{path.name} sets no top-level permissions"
        assert all(v in ("read", "none") for v in (top or {}).values()), path.name
        for job, perms in jobs.items():
            if isinstance(perms, dict):
                for scope, level in perms.items():
                    if level == "write":
                        writes[(path.name, job)] = writes.get((path.name, job), set()) | {scope}
    assert writes == {
        ("readme.yml", "render"): {"contents"},
        ("link-rot.yml", "pull-request"): {"contents", "pull-requests"},
        ("link-rot.yml", "issue"): {"issues"},
        ("link-rot.yml", "history"): {"contents"},
        ("release.yml", "publish"): {"id-token"},
        ("pages.yml", "deploy"): {"pages", "id-token"},
        ("pr-preview.yml", "comment"): {"pull-requests"},
    }


def test_pull_request_workflow_checks_what_the_pr_changes() -> None:
    data = load(REPO / ".github" / "workflows" / "pull-request.yml")
    assert set(data["on"]) == {"pull_request"}
    runs = " ".join(step.get("run", "") for step in data["jobs"]["check"]["steps"])
    assert "listsmith check" in runs and '--changed-since "$BASE_SHA"' in runs
    assert "$GITHUB_STEP_SUMMARY" in runs


def test_preview_comment_never_runs_the_pull_requests_code_with_a_write_token() -> None:
    """The pull request's job only uploads data; the job that may comment is a workflow_run
    (this file as on the default branch) that checks out the default branch, installs
    listsmith from there, and only downloads the artifact. tests/test_pr_preview.py runs it."""
    check = load(REPO / ".github" / "workflows" / "pull-request.yml")["jobs"]["check"]
    assert "permissions" not in check  # the workflow's contents: read
    upload = next(s for s in check["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["name"] == "pr-preview" and upload["if"] == "always()"
    data = load(REPO / ".github" / "workflows" / "pr-preview.yml")
    assert data["on"] == {"workflow_run": {"workflows": ["Pull request"], "types": ["completed"]}}
    job = data["jobs"]["comment"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    checkout = next(s for s in job["steps"] if "checkout" in s.get("uses", ""))
    assert checkout["with"] == {"persist-credentials": False}  # no ref: the default branch
    download = next(s for s in job["steps"] if "download-artifact" in s.get("uses", ""))
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    script = job["steps"][-1]["run"]
    assert '"$HEAD_SHA"' in script and "gh api --paginate" in script
    assert "--method PATCH" in script and "--method POST" in script


def test_docs_are_built_strictly_and_their_links_checked() -> None:
    data = load(REPO / ".github" / "workflows" / "tests.yml")
    assert "schedule" in data["on"]
    assert all(data["jobs"][job]["if"] == "github.event_name != 'schedule'"
               for job in ("pytest", "action"))  # fmt: skip
    runs = "\n".join(step.get("run", "") for step in data["jobs"]["docs"]["steps"])
    assert "mkdocs build --strict" in runs
    assert "python .ci/docs_links.py build/docs\n" in runs and "build/docs --external" in runs
    ci = (REPO / ".ci" / "run").read_text()
    assert "mkdocs build --strict\npython .ci/docs_links.py build/docs" in ci


def test_readme_workflow_commits_only_changes_and_never_races() -> None:
    data = load(REPO / ".github" / "workflows" / "readme.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["concurrency"]["cancel-in-progress"] is False
    script = data["jobs"]["render"]["steps"][-1]["run"]
    assert "git diff --cached --quiet" in script and "exit 0" in script
    assert "git add site" in script  # the page and the feed, when the list has them


def test_pages_workflow_renders_the_site_and_deploys_only_from_main() -> None:
    data = load(REPO / ".github" / "workflows" / "pages.yml")
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]
    assert data["concurrency"]["cancel-in-progress"] is False  # never cut a deployment short
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    runs = [step.get("run", "") for step in build["steps"]]
    assert "listsmith render" in runs
    # The toolkit's documentation is published beside the list's page, under /docs/.
    assert "mkdocs build --strict --site-dir site/docs" in runs
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert build["steps"][0]["with"]["persist-credentials"] is False


def test_link_rot_workflow_keeps_history_and_one_pull_request_and_one_issue() -> None:
    """What each job does; tests/test_link_rot_workflow.py runs their scripts."""
    data = load(REPO / ".github" / "workflows" / "link-rot.yml")
    assert "schedule" in data["on"] and "workflow_dispatch" in data["on"]
    check, pull, issue = (data["jobs"][name] for name in ("check", "pull-request", "issue"))
    runs = "\n".join(step.get("run", "") for step in check["steps"])
    assert "--history .listsmith/links.json --fail-after 2 --signals" in runs
    assert "--fix --fix-report" in runs
    assert pull["needs"] == issue["needs"] == "check"
    checkouts = [s for s in check["steps"] + pull["steps"] if "checkout" in s.get("uses", "")]
    assert [s["with"]["persist-credentials"] for s in checkouts] == [False, False]
    script = pull["steps"][-1]["run"]
    assert "gh pr create" in script and "gh pr edit" in script and "gh pr close" in script
    assert "push --force origin" in script and "push origin --delete" in script
    script = issue["steps"][-1]["run"]
    assert "gh issue edit" in script and "gh issue create" in script and "gh issue close" in script


def test_no_expression_is_spliced_into_a_script() -> None:
    """A ``${{ }}`` in ``run:`` is pasted into the shell before it runs: outside data
    there is injection. Workflows hand values to scripts through ``env`` instead."""
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


SETUP_PYTHON_PIP_FILES = ("requirements.txt", "pyproject.toml")
"""What setup-python hashes for ``cache: pip`` when no cache-dependency-path is given
(https://github.com/actions/setup-python/blob/main/docs/advanced-usage.md#caching-packages);
with none of them in the repository the step fails (actions/setup-python#807)."""


def _cache_steps(text: str) -> list[dict]:
    data = yaml.safe_load(text)
    return [
        step
        for job in data["jobs"].values()
        for step in job.get("steps", [])
        if "setup-python" in step.get("uses", "") and "cache" in step.get("with", {})
    ]


def test_every_scaffold_cache_has_a_dependency_file_init_writes() -> None:
    """A list repository holds only what ``init`` writes: setup-python's pip cache needs a
    file to hash there, or the workflow stops at its first step."""
    written = set(SCAFFOLD)
    for rel, data in SCAFFOLD.items():
        if not rel.startswith(".github/workflows/"):
            continue
        for step in _cache_steps(data.decode()):
            given = step["with"].get("cache-dependency-path")
            wanted = [given] if given else list(SETUP_PYTHON_PIP_FILES)
            assert any(w in written for w in wanted), (rel, wanted)


def test_this_repository_caches_pip_where_it_has_pyproject() -> None:
    """Our own builds and tests install from pyproject.toml, which setup-python hashes; the
    release build does not, so no cache another workflow could fill reaches what is published
    (nor does the preview job that holds a write token)."""
    assert (REPO / "pyproject.toml").is_file()
    for name in ("pages.yml", "tests.yml"):
        steps = _cache_steps((REPO / ".github" / "workflows" / name).read_text())
        assert steps, name
        assert {s["with"]["cache"] for s in steps} == {"pip"}, name
    for name in ("release.yml", "pr-preview.yml"):
        assert not _cache_steps((REPO / ".github" / "workflows" / name).read_text()), name


def test_repository_files_are_the_scaffold_with_a_local_install() -> None:
    """One source: this repo's workflows and GitHub files are the ones `init` copies."""
    for rel, data in SCAFFOLD.items():
        if not rel.startswith(".github/"):
            continue
        text = data.decode()
        if rel.startswith(".github/workflows/"):
            text = text.replace(SCAFFOLD_INSTALL, "pip install .")
        assert (REPO / rel).read_text() == text, rel
    assert SCAFFOLD["schema.json"] == (REPO / "schema.json").read_bytes()


def test_pre_commit_files() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"]: h["entry"] for h in hooks} == {
        "listsmith-check": "listsmith check",
        "listsmith-render": "listsmith render",
    }
    assert all(h["pass_filenames"] is False and h["language"] == "python" for h in hooks)
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "listsmith-check" in ids


def test_composite_action_matches_github_schema_and_never_interpolates_inputs() -> None:
    action = REPO / "action.yml"
    done = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-actions", str(action)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    steps = yaml.safe_load(action.read_text())["runs"]["steps"]
    for step in steps:
        # An input spliced into a script is shell injection; they go through env instead.
        assert "${{" not in step.get("run", ""), step
    assert 'pip install --quiet "$GITHUB_ACTION_PATH"' in steps[1]["run"]
    assert re.search(r"uses:\s*actions/setup-python@[0-9a-f]{40} # v\d+", action.read_text())


def test_release_publishes_with_trusted_publishing_only_from_a_tag() -> None:
    data = load(REPO / ".github" / "workflows" / "release.yml")
    assert data["on"] == {"push": {"tags": ["v*"]}}
    publish = data["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    assert publish["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert "with" not in publish["steps"][-1]  # no password: trusted publishing
    build = " ".join(step.get("run", "") for step in data["jobs"]["build"]["steps"])
    assert "twine check --strict" in build and "check_dist.py" in build


PUBLISH_TWINE = {
    # pypa/gh-action-pypi-publish commit -> the twine its requirements/runtime.txt pins.
    "ed0c53931b1dc9bd32cbe73a98c7f6766f8a527e": "6.1.0",  # v1.13.0
}
"""v1.8.14 (81e9d93) pinned twine 5.0.0, which rejects Metadata-Version 2.4 as missing
Name and Version (pypa/gh-action-pypi-publish#354): our checks passed with a newer twine
and the upload failed. Add the new commit here when release.yml's pin moves."""


def test_the_test_twine_is_the_one_the_publish_action_runs() -> None:
    """So the distribution test below checks with the uploader's own twine."""
    from importlib.metadata import version

    text = (REPO / ".github" / "workflows" / "release.yml").read_text()
    pinned = re.search(r"pypa/gh-action-pypi-publish@([0-9a-f]{40})", text)
    assert pinned is not None and pinned.group(1) in PUBLISH_TWINE, "an unknown publish action"
    assert version("twine") == PUBLISH_TWINE[pinned.group(1)]
    assert f'"twine=={PUBLISH_TWINE[pinned.group(1)]}"' in (REPO / "pyproject.toml").read_text()


def test_built_distributions_carry_templates_and_scaffold(tmp_path: Path) -> None:
    """What the release workflow runs, on a fresh build of this tree."""
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    twine = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
    )
    assert twine.returncode == 0, twine.stdout + twine.stderr
    check = subprocess.run(
        [sys.executable, str(REPO / ".ci" / "check_dist.py"), str(dist)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
    # PyPI's page is the toolkit's own README (docs/index.md), not the bundled maths list's.
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(name))
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata.get_payload()
    assert description.strip() == (REPO / "docs" / "index.md").read_text(encoding="utf-8").strip()
    assert description.startswith("# listsmith\n") and "Mastering Mathematics" not in description

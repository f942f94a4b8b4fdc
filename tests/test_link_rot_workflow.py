"""The link-rot workflow's own shell steps, run as GitHub would run them, week after week:
one pull request and one issue, never more.

Each job starts from a fresh clone of a local bare remote (its checkout), with a fake `gh`
(tests/fakegh.py) on PATH and the links on local servers (tests/linkserver.py, and the fake
Wayback Machine of tests/fakearchive.py). Steps that are actions are played by the harness:
artifacts are copied from job to job; the history lives on the remote's branch
listsmith/link-history, as on GitHub.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from . import fakearchive, linkserver
from .conftest import INDEX, REPO
from .linkserver import HOSTS

WORKFLOW = REPO / ".github" / "workflows" / "link-rot.yml"
BRANCH = "listsmith/link-fixes"
INSTALL = "Install listsmith"
"""The one shell step not run: the listsmith under test is installed already."""
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(cwd), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@dataclass
class GitHub:
    """A repository on the fake GitHub: its remote, its issues and pull requests."""

    root: Path
    remote: Path
    state: Path
    artifacts: Path
    bin: Path
    runs: int = 0
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    def gh(self) -> dict[str, Any]:
        return json.loads(self.state.read_text())

    def open(self, kind: str) -> list[dict[str, Any]]:
        return [i for i in self.gh()[kind] if i["state"] == "OPEN"]

    def branch(self) -> str | None:
        found = git(self.remote, "branch", "--list", BRANCH).strip()
        return found.lstrip("* ") or None

    def run_workflow(self) -> None:
        """The four jobs in order, as a scheduled run."""
        self.runs += 1
        self.outputs = {}
        for name in ("check", "pull-request", "issue", "history"):
            self.run_job(name)

    def run_job(self, name: str) -> None:
        job = load()["jobs"][name]
        temp = self.root / f"run{self.runs}-{name}-temp"
        temp.mkdir()
        work: Path | None = None
        steps: dict[str, dict[str, str]] = {}
        for step in job["steps"]:
            uses = step.get("uses", "").split("@")[0]
            context = {"runner.temp": str(temp), "steps": steps, "needs": self.outputs}
            given = {k: resolve(str(v), context) for k, v in step.get("with", {}).items()}
            if uses == "actions/checkout":
                work = self.root / f"run{self.runs}-{name}"
                subprocess.run(
                    ["git", "clone", "-q", str(self.remote), str(work)],
                    check=True,
                    capture_output=True,
                )
            elif uses == "actions/setup-python":
                continue
            elif uses == "actions/upload-artifact":
                shutil.copytree(given["path"], self.artifacts / given["name"], dirs_exist_ok=True)
            elif uses == "actions/download-artifact":
                shutil.copytree(self.artifacts / given["name"], given["path"], dirs_exist_ok=True)
            elif uses:
                raise AssertionError(f"the harness does not know the action {uses}")
            elif step["name"] != INSTALL:
                steps[step.get("id", "")] = {"outputs": self.shell(step, work, temp, context)}
        self.outputs[name] = {
            "outputs": {k: resolve(v, {"steps": steps}) for k, v in job.get("outputs", {}).items()}
        }

    def shell(
        self, step: dict[str, Any], work: Path | None, temp: Path, context: dict[str, Any]
    ) -> dict[str, str]:
        """One `run:` step as GitHub runs it (bash -eo pipefail); its outputs."""
        assert "${{" not in step["run"], "outside data goes through env, never into a script"
        output, summary = temp / f"output-{uuid.uuid4().hex}", temp / "summary.md"
        output.touch()
        env = {
            "PATH": f"{self.bin}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}"
            + os.environ["PATH"],
            "HOME": str(self.root),
            "RUNNER_TEMP": str(temp),
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GH_FAKE_STATE": str(self.state),
            "GIT_CONFIG_NOSYSTEM": "1",
            **{k: resolve(str(v), context) for k, v in step.get("env", {}).items()},
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=work or temp,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"{step['name']}:\n{done.stdout}\n{done.stderr}"
        return dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)

    def push_to_main(self, change: Any) -> None:
        """A maintainer's commit on main."""
        work = self.root / f"maintainer-{uuid.uuid4().hex[:6]}"
        subprocess.run(["git", "clone", "-q", str(self.remote), str(work)], check=True)
        change(work)
        git(work, "add", "-A")
        git(work, "commit", "-qm", "maintainer")
        git(work, "push", "-q", "origin", "HEAD:main")


def load() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text())


def resolve(text: str, context: dict[str, Any]) -> str:
    """``${{ ... }}`` as GitHub would fill it in, for the expressions the workflow uses."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        fixed = {"github.token": "fake-token", "github.run_id": "42"}
        fixed["github.repository"] = "owner/list"
        if expression in fixed:
            return fixed[expression]
        if expression == "runner.temp":
            return context["runner.temp"]
        where, name, outputs, key = expression.split(".")
        assert outputs == "outputs", expression
        return context[where][name]["outputs"].get(key, "")

    return EXPRESSION.sub(value, text)


@pytest.fixture
def servers():
    server = linkserver.start(HOSTS[0])
    archive = fakearchive.Archive()
    archive_server = fakearchive.start(archive)
    yield server, archive, archive_server
    server.shutdown()
    archive_server.shutdown()


@pytest.fixture
def github(tmp_path: Path, servers) -> tuple[GitHub, dict[str, str]]:
    """A list whose links need every kind of work, pushed to a bare remote."""
    server, archive, archive_server = servers
    base = f"http://{HOSTS[0]}:{server.server_address[1]}"
    urls = {
        "works": f"{base}/ok?k=w{uuid.uuid4().hex[:6]}",
        "moved": f"{base}/301?k=m{uuid.uuid4().hex[:6]}",
        "dead": f"{base}/404?k=d{uuid.uuid4().hex[:6]}",
        "lost": f"{base}/410?k=l{uuid.uuid4().hex[:6]}",
    }
    archive.add(urls["dead"])
    source = tmp_path / "source"
    (source / "resources").mkdir(parents=True)
    shutil.copy(REPO / "schema.json", source / "schema.json")
    (source / "resources" / "index.yaml").write_text(INDEX)
    for name, target in urls.items():
        (source / "resources" / "books").mkdir(exist_ok=True)
        (source / "resources" / "books" / f"{name}.yaml").write_text(
            f"# {name}: a comment kept\ntitle: The {name} one\nurl: {target}\nauthors: [A]\n"
            "description: A description that is long enough to pass.\ntopics: [calculus]\n"
        )
    archive_base = f"http://{archive_server.server_address[0]}:{archive_server.server_address[1]}"
    (source / "listsmith.yaml").write_text(
        "links:\n"
        "  private_allow: [127.0.0.0/8]\n"
        "  retries: 0\n"
        "  remap:\n"
        f"    - [https://archive.org/wayback/available, {archive_base}/wayback/available]\n"
        f"    - [https://web.archive.org/, {archive_base}/]\n"
    )
    (source / ".gitignore").write_text(".listsmith/\n")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "commit", "-qm", "the list")
    git(source, "push", "-q", str(remote), "main")

    hub = GitHub(
        tmp_path, remote, tmp_path / "gh.json", tmp_path / "artifacts", tmp_path / "bin",
    )  # fmt: skip
    for folder in (hub.artifacts, hub.bin):
        folder.mkdir()
    gh = hub.bin / "gh"
    gh.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{REPO / "tests" / "fakegh.py"}" "$@"\n')
    gh.chmod(0o755)
    # Two reports piled up by an older workflow, and a history where the dead links failed once.
    old = [
        {"number": n, "title": "Link rot report", "body": "old", "state": "OPEN",
         "labels": ["link-rot"]}
        for n in (1, 2)
    ]  # fmt: skip
    hub.state.write_text(
        json.dumps({"prs": [], "issues": old, "labels": [], "calls": [], "next": 2})
    )
    records = {
        url: {
            "status": "broken",
            "reason": "not found (404)",
            "checked_at": "2026-01-05T05:17:00+00:00",
            "first_failure": "2026-01-05T05:17:00+00:00",
            "failures": 1,
        }
        for url in (urls["dead"], urls["lost"])
    }
    # An earlier run's history, on the branch the workflow keeps it on.
    history = tmp_path / "history"
    git(history.parent, "init", "-q", "-b", "link-history", str(history))
    (history / "links.json").write_text(json.dumps({"version": 1, "urls": records}))
    git(history, "add", "links.json")
    git(history, "commit", "-qm", "Link history")
    git(history, "push", "-q", str(remote), "HEAD:refs/heads/listsmith/link-history")
    return hub, urls


def test_one_pull_request_and_one_issue_never_more(github) -> None:
    hub, urls = github
    # Week 1: a redirect and a dead link with a snapshot are fixed, a dead link without one
    # is left for a person.
    hub.run_workflow()
    assert hub.outputs["check"]["outputs"]["status"] == "1"
    (pr,) = hub.open("prs")
    (issue,) = hub.open("issues")
    assert (pr["head"], pr["title"]) == (BRANCH, "Keep the links working")
    assert issue["number"] == 1  # the oldest report is kept, its duplicate closed
    assert [i["comment"] for i in hub.gh()["issues"] if i["number"] == 2] == ["Duplicate of #1."]
    assert f"`{urls['moved']}`" in pr["body"] and f"`{urls['dead']}`" in pr["body"]
    assert "refreshed `signals.json`" in pr["body"]
    assert f"`{urls['lost']}`" in issue["body"] and f"`{urls['dead']}`" not in issue["body"]
    fixed = git(hub.remote, "show", f"{BRANCH}:resources/books/dead.yaml")
    assert f"url: https://web.archive.org/web/20240105093000/{urls['dead']}\n" in fixed
    assert f"original_url: {urls['dead']}\n" in fixed and fixed.startswith("# dead: a comment")
    changed = git(hub.remote, "diff", "--name-only", "main", BRANCH).split()
    assert changed == ["resources/books/dead.yaml", "resources/books/moved.yaml", "signals.json"]

    # The history outlives the week on its branch (the Actions cache drops it after 7 days
    # unused): one commit, holding this run's verdicts.
    kept = json.loads(git(hub.remote, "show", "listsmith/link-history:links.json"))
    assert kept["urls"][urls["lost"]]["failures"] == 2
    assert git(hub.remote, "rev-list", "--count", "listsmith/link-history").strip() == "1"
    assert "close and reopen it" in pr["body"]

    # Week 2: nothing merged yet; the same pull request and issue are updated.
    hub.run_workflow()
    assert [p["number"] for p in hub.open("prs")] == [pr["number"]]
    assert [i["number"] for i in hub.open("issues")] == [1]
    calls = [c[:2] for c in hub.gh()["calls"]]
    assert calls.count(["pr", "create"]) == 1 and calls.count(["pr", "edit"]) == 1
    assert calls.count(["issue", "create"]) == 0 and calls.count(["issue", "edit"]) == 2

    # The maintainers fix it all on main themselves: the pull request's changes, and the lost
    # entry removed.
    patch = git(hub.remote, "diff", "--binary", "main", BRANCH)

    def by_hand(work: Path) -> None:
        subprocess.run(["git", "-C", str(work), "apply", "-"], input=patch, check=True, text=True)
        (work / "resources" / "books" / "lost.yaml").unlink()

    hub.push_to_main(by_hand)

    # Week 3: nothing is left: the pull request and the issue are closed, the branch deleted.
    hub.run_workflow()
    assert hub.outputs["check"]["outputs"]["status"] == "0"
    assert hub.open("prs") == [] and hub.open("issues") == []
    assert hub.branch() is None

    # Week 4: still nothing: no call opens, closes or edits anything.
    before = len(hub.gh()["calls"])
    hub.run_workflow()
    assert [c[:2] for c in hub.gh()["calls"][before:]] == [["pr", "list"], ["issue", "list"]]
    assert len(hub.gh()["prs"]) == 1 and len(hub.gh()["issues"]) == 2

    # Week 5: only the signals changed (here: a repository no longer linked is dropped).
    # Fresh signals alone are generated data: committed to main, no pull request opened.
    fresh = git(hub.remote, "show", "main:signals.json")
    stale = json.loads(fresh)
    stale["repositories"]["github.com/o/gone"] = {
        "name": "o/gone", "archived": False, "stars": 1, "pushed": None, "license": None,
        "release": None, "refreshed": "2026-01-05T05:17:00+00:00",
    }  # fmt: skip

    def old_signals(work: Path) -> None:
        (work / "signals.json").write_text(json.dumps(stale, indent=1, sort_keys=True) + "\n")

    hub.push_to_main(old_signals)
    before = len(hub.gh()["calls"])
    hub.run_workflow()
    assert [c[:2] for c in hub.gh()["calls"][before:]] == [["pr", "list"], ["issue", "list"]]
    assert git(hub.remote, "show", "main:signals.json") == fresh
    assert git(hub.remote, "log", "-1", "--format=%s", "main").strip() == "Refresh signals.json"
    assert hub.open("prs") == [] and hub.branch() is None


def test_without_the_pull_request_setting_the_run_says_which_to_turn_on(github) -> None:
    """The bot's pull request needs a setting that is off by default: the job fails with a
    message naming it, and the fixes wait on their branch."""
    hub, _ = github
    state = hub.gh()
    hub.state.write_text(json.dumps({**state, "actions_create_prs": False}))
    hub.runs += 1
    hub.run_job("check")
    with pytest.raises(AssertionError, match="Allow GitHub Actions to create and approve"):
        hub.run_job("pull-request")
    assert hub.branch() == BRANCH and hub.open("prs") == []


def test_the_token_never_reaches_a_script_or_the_git_config(github) -> None:
    hub, _ = github
    hub.run_workflow()
    for path in hub.root.glob("run1-*/.git/config"):
        assert "fake-token" not in path.read_text(), path
    jobs = load()["jobs"]
    check_env = {k for s in jobs["check"]["steps"] for k in s.get("env", {})}
    # The job's token is read-only: it may read contents (the history branch) only.
    assert check_env == {"GITHUB_TOKEN", "GH_TOKEN"}
    assert jobs["check"]["permissions"] == {"contents": "read"}


def test_the_pull_request_carries_only_the_lists_data(github) -> None:
    """Whatever else a patch from the check job touches (it ran on outside data) is not
    applied: here a workflow of its own."""
    hub, _ = github
    source = hub.root / "source"
    git(source, "checkout", "-q", "-b", "evil")
    (source / ".github" / "workflows").mkdir(parents=True)
    (source / ".github" / "workflows" / "evil.yml").write_text("on: push\n")
    entry = source / "resources" / "books" / "works.yaml"
    entry.write_text(entry.read_text().replace("The works one", "The working one"))
    git(source, "add", "-A")
    given = hub.artifacts / "link-rot"
    given.mkdir()
    (given / "changes.patch").write_text(git(source, "diff", "--cached", "--binary"))
    (given / "fixes.md").write_text("## Link fixes\n")
    hub.runs = 1
    hub.run_job("pull-request")
    assert git(hub.remote, "diff", "--name-only", "main", BRANCH).split() == [
        "resources/books/works.yaml"
    ]

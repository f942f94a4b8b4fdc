"""The pull-request preview, run as GitHub would run it: the pull request's job (the fork's
code, no write token) leaves an artifact; the workflow_run job reads it as untrusted text and
keeps exactly one comment on the pull request, found by its marker and updated on every push.

The shell steps of both workflows are run from their YAML, with a fake `gh`
(tests/fakegh.py) on PATH and the entry's link on a local server (tests/linkserver.py).
Steps that are actions are played by the harness: checkout is the working copy, the
artifact is copied from one job to the other.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from listsmith import render
from listsmith.preview import MARKER, comment
from listsmith.project import load_project

from . import linkserver
from .conftest import INDEX, REPO
from .linkserver import HOSTS
from .test_link_rot_workflow import git

WORKFLOWS = REPO / ".github" / "workflows"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
NUMBER = 7
HOSTILE_TITLE = "Evil </details> Book @octocat <img src=x onerror=alert(1)> ```"
"""A title a fork might write: close the preview's <details>, mention someone, inject HTML,
close a code fence."""


def steps(workflow: str, job: str) -> list[dict[str, Any]]:
    return yaml.safe_load((WORKFLOWS / workflow).read_text())["jobs"][job]["steps"]


def resolve(text: str, values: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: values[m.group(1)], text)


class Hub:
    """One repository on the fake GitHub, and a pull request to it."""

    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        self.work = root / "work"
        self.bin = root / "bin"
        self.state = root / "gh.json"
        self.artifacts = root / "artifacts"
        self.url = url
        for folder in (self.work / "resources" / "books", self.bin, self.artifacts):
            folder.mkdir(parents=True)
        gh = self.bin / "gh"
        gh.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{REPO / "tests" / "fakegh.py"}" "$@"\n')
        gh.chmod(0o755)
        shutil.copy(REPO / "schema.json", self.work / "schema.json")
        (self.work / "resources" / "index.yaml").write_text(INDEX)
        self.entry("calculus", "Calculus", f"{url}/ok?k=c{uuid.uuid4().hex[:6]}")
        (self.work / "listsmith.yaml").write_text("links:\n  private_allow: [127.0.0.0/8]\n")
        subprocess.run(["listsmith", "render", "--root", str(self.work)], check=True)
        git(self.work, "init", "-q", "-b", "main")
        git(self.work, "add", "-A")
        git(self.work, "commit", "-qm", "the list")
        self.base = git(self.work, "rev-parse", "HEAD").strip()
        git(self.work, "checkout", "-q", "-b", "contribution")
        self.state.write_text(
            json.dumps({"prs": [], "issues": [], "labels": [], "comments": [], "calls": [],
                        "next": 100})
        )  # fmt: skip
        self.runs = 0

    def entry(self, slug: str, title: str, url: str) -> None:
        (self.work / "resources" / "books" / f"{slug}.yaml").write_text(
            f"title: {json.dumps(title)}\nurl: {url}\nauthors: [Someone]\n"
            'description: "Fixes #1 for @octocat with <b>bold</b> claims."\n'
            "topics: [calculus]\n"
        )

    def gh(self) -> dict[str, Any]:
        return json.loads(self.state.read_text())

    def push(self, message: str) -> str:
        """The contributor's push: the pull request's head moves; both workflows run."""
        git(self.work, "add", "-A")
        git(self.work, "commit", "-qm", message)
        head = git(self.work, "rev-parse", "HEAD").strip()
        state = self.gh()
        state["prs"] = [{"number": NUMBER, "head": "contribution", "head_sha": head,
                         "state": "OPEN", "title": "Add a book", "labels": []}]  # fmt: skip
        self.state.write_text(json.dumps(state))
        self.runs += 1
        self.pull_request_job(head)
        self.preview_job(head)
        return head

    def shell(self, step: dict[str, Any], env: dict[str, str], temp: Path) -> int:
        assert "${{" not in step["run"], "outside data goes through env, never into a script"
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.work,
            env={
                "PATH": f"{self.bin}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}"
                + os.environ["PATH"],
                "HOME": str(self.root),
                "RUNNER_TEMP": str(temp),
                "GITHUB_STEP_SUMMARY": str(temp / "summary.md"),
                "GH_FAKE_STATE": str(self.state),
                "GIT_CONFIG_NOSYSTEM": "1",
                **env,
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.log = done.stdout + done.stderr
        return done.returncode

    def pull_request_job(self, head: str) -> None:
        temp = self.root / f"run{self.runs}-pull-request"
        temp.mkdir()
        values = {
            "github.event.pull_request.base.sha": self.base,
            "github.event.pull_request.number": str(NUMBER),
            "github.event.pull_request.head.sha": head,
            "github.token": "read-only-token",
            "runner.temp": str(temp),
        }
        job = yaml.safe_load((WORKFLOWS / "pull-request.yml").read_text())["jobs"]["check"]
        env = {k: resolve(str(v), values) for k, v in job["env"].items()}
        for step in job["steps"]:
            uses = step.get("uses", "").split("@")[0]
            if uses == "actions/upload-artifact":
                given = {k: resolve(str(v), values) for k, v in step["with"].items()}
                shutil.copytree(given["path"], self.artifacts / f"{self.runs}-{given['name']}")
            elif "run" in step and step["name"] != "Install listsmith":
                step_env = {k: resolve(str(v), values) for k, v in step.get("env", {}).items()}
                code = self.shell(step, {**env, **step_env}, temp)
                # The checks may fail (a duplicate is an error); the preview must not.
                assert code == 0 or step["name"].startswith(("Validate", "Check")), self.log

    def preview_job(self, head: str) -> None:
        temp = self.root / f"run{self.runs}-pr-preview"
        temp.mkdir()
        values = {
            "github.event.workflow_run.head_sha": head,
            "github.event.workflow_run.id": str(self.runs),
            "github.repository": "owner/list",
            "github.token": "write-token",
            "runner.temp": str(temp),
        }
        for step in steps("pr-preview.yml", "comment"):
            uses = step.get("uses", "").split("@")[0]
            if uses == "actions/download-artifact":
                given = {k: resolve(str(v), values) for k, v in step["with"].items()}
                assert given["run-id"] == str(self.runs)
                shutil.copytree(self.artifacts / f"{self.runs}-{given['name']}", given["path"])
            elif "run" in step and step["name"] != "Install listsmith":
                step_env = {k: resolve(str(v), values) for k, v in step.get("env", {}).items()}
                self.code = self.shell(step, step_env, temp)


@pytest.fixture
def hub(tmp_path: Path):
    server = linkserver.start(HOSTS[0])
    yield Hub(tmp_path, f"http://{HOSTS[0]}:{server.server_address[1]}")
    server.shutdown()


def rendered_html(body: str) -> list[tuple[str, str]]:
    """(kind, content) of every piece of the comment that GitHub would not show as code:
    raw HTML, text and links' addresses, from a CommonMark parse (what GitHub's Markdown
    builds on)."""
    found = []
    for token in MarkdownIt("commonmark").enable("table").parse(body):
        if token.type == "html_block":
            found.append(("html", token.content))
        for child in token.children or []:
            if child.type in ("html_inline", "text"):
                found.append((child.type, child.content))
            elif child.type in ("link_open", "image"):
                found.append(("link", str(child.attrGet("href") or child.attrGet("src"))))
    return found


def only_comment(hub: Hub) -> dict[str, Any]:
    comments = hub.gh()["comments"]
    assert len(comments) == 1, comments
    assert comments[0]["issue"] == NUMBER and comments[0]["body"].startswith(MARKER)
    return comments[0]


def assert_inert(body: str) -> None:
    """Nothing from the pull request is markup: every HTML piece is the preview's own, and
    no text outside code mentions, references or closes anything."""
    own_html = {MARKER, "<details><summary>README.md after this pull request</summary>",
                "</details>"}  # fmt: skip
    for kind, content in rendered_html(body):
        if kind.startswith("html"):
            assert content.strip() in own_html, content
        elif kind == "link":  # only the entries' own web links
            assert content.startswith(f"http://{HOSTS[0]}:"), content
        else:  # shown as text, never acting: no mention, no issue reference
            assert "@octocat" not in content and "#1" not in content, content


def test_one_comment_updated_on_every_push_escaped_and_naming_the_duplicate(hub: Hub) -> None:
    # Push 1: the pull request adds one entry, with a hostile title.
    hub.entry("evil-book", HOSTILE_TITLE, f"{hub.url}/ok?k=e{uuid.uuid4().hex[:6]}")
    hub.push("add a book")
    assert hub.code == 0, hub.log
    first = only_comment(hub)
    body = first["body"]
    assert "This pull request adds 1 entry." in body
    assert "#### Added `resources/books/evil-book.yaml`" in body
    assert "How it reads in the README:" in body
    # The README line, exactly as the README will hold it, in a fence no backtick run closes.
    readme = render.readme(load_project(hub.work))
    line = next(x for x in readme.splitlines() if "Evil" in x)
    assert f"```markdown\n{line}\n```" in body
    # ... and rendered: the same link and words, with nothing that acts.
    shown = next(x for x in body.splitlines() if x.startswith("> - [Evil"))
    assert f"(http://{HOSTS[0]}:" in shown and "@\u2060octocat" in shown
    assert "| `ok` |" in body  # the link check of the new URL
    assert "README.md after this pull request" in body and "+- [Evil" in body
    assert_inert(body)

    # Push 2: the entry changes; the same comment is updated, not a second one posted.
    text = (hub.work / "resources" / "books" / "evil-book.yaml").read_text()
    (hub.work / "resources" / "books" / "evil-book.yaml").write_text(
        text.replace("Fixes #1", "Now fixes #1")
    )
    hub.push("reword")
    second = only_comment(hub)
    assert second["id"] == first["id"] and second["body"] != body
    assert "This pull request adds 1 entry." in second["body"]  # still new against the base
    assert "Now fixes #1" in second["body"]
    assert_inert(second["body"])

    # Push 3: a duplicate of the list's own entry: the comment names the entry it repeats.
    calculus = (hub.work / "resources" / "books" / "calculus.yaml").read_text()
    url = re.search(r"url: (\S+)", calculus).group(1)
    hub.entry("calculus-again", "Calculus Again", url)
    hub.push("add a duplicate")
    third = only_comment(hub)
    assert third["id"] == first["id"]
    assert "adds 2 entries" in third["body"]
    problems = third["body"].split("#### `listsmith check`")[1].split("####")[0]
    assert "**error**" in problems and "[duplicate-url]" not in problems
    duplicate = next(row for row in problems.splitlines() if "`duplicate-url`" in row)
    assert "resources/books/calculus.yaml" in duplicate
    assert "resources/books/calculus-again.yaml" in duplicate
    # The pull request's own problems come before the rest of the list's.
    assert problems.index("`duplicate-url`") < problems.index("`unused`")
    assert_inert(third["body"])
    api_calls = [c for c in hub.gh()["calls"] if c[0] == "api"]
    assert [c[2] for c in api_calls if c[1] == "--method"] == ["POST", "PATCH", "PATCH"]


def test_a_number_the_api_does_not_confirm_gets_no_comment(hub: Hub) -> None:
    """The artifact claims a pull request; one whose head is another commit is refused."""
    hub.entry("a-book", "A Book", f"{hub.url}/ok?k=a{uuid.uuid4().hex[:6]}")
    head = hub.push("add a book")
    assert len(hub.gh()["comments"]) == 1
    # A forged artifact naming pull request 8, whose head is elsewhere.
    state = hub.gh()
    state["prs"].append({"number": 8, "head": "other", "head_sha": "f" * 40, "state": "OPEN",
                         "title": "Someone else's", "labels": []})  # fmt: skip
    hub.state.write_text(json.dumps(state))
    artifact = hub.artifacts / f"{hub.runs}-pr-preview" / "preview.json"
    data = json.loads(artifact.read_text())
    artifact.write_text(json.dumps({**data, "number": 8}))
    temp = hub.root / "forged"
    temp.mkdir()
    shutil.copytree(artifact.parent, temp / "preview")
    step = next(
        s for s in steps("pr-preview.yml", "comment") if s.get("name", "").startswith("Post")
    )
    env = {"GH_REPO": "owner/list", "HEAD_SHA": head, "GH_TOKEN": "write-token"}
    assert hub.shell(step, env, temp) == 1
    assert "is not at the commit this run checked" in hub.log
    assert [c["issue"] for c in hub.gh()["comments"]] == [NUMBER]


@pytest.mark.parametrize(
    "data",
    [
        {"format": 1, "number": "7; rm -rf /"},
        {"format": 1, "number": True},
        {"format": 1, "number": -1},
        {"format": 2, "number": 7},
        [],
    ],
)
def test_a_preview_without_a_plain_number_is_refused(tmp_path: Path, data: Any) -> None:
    path = tmp_path / "preview.json"
    path.write_text(json.dumps(data))
    done = subprocess.run(
        ["listsmith", "preview", "comment", str(path), "--payload", str(tmp_path / "p.json")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stdout == "", done.stdout
    assert not (tmp_path / "p.json").exists()


def test_a_symlinked_preview_is_not_followed(tmp_path: Path) -> None:
    """An artifact is the fork's to shape: a link to a file of the runner is not read."""
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"format": 1, "number": 7}))
    (tmp_path / "preview.json").symlink_to(secret)
    done = subprocess.run(
        ["listsmith", "preview", "comment", str(tmp_path / "preview.json"),
         "--payload", str(tmp_path / "p.json")],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert done.returncode == 2 and not (tmp_path / "p.json").exists()


def test_an_oversized_preview_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "preview.json"
    path.write_text(json.dumps({"format": 1, "number": 7, "diff": "x" * comment.MAX_FILE}))
    done = subprocess.run(
        ["listsmith", "preview", "comment", str(path), "--payload", str(tmp_path / "p.json")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "larger than" in done.stderr


def test_the_body_stays_under_githubs_limit_and_every_fence_holds() -> None:
    fence = "`" * 40
    data = {
        "format": 1,
        "number": 7,
        "entries": [
            {"path": f"resources/b/{i}.yaml", "change": "added", "lines": [fence + " x" * 900]}
            for i in range(100)
        ],
        "problems": [{"path": "p", "line": 1, "level": "error", "message": "@a " * 900}] * 100,
        "diff": "\n".join(["+" + fence] * 5000),
    }
    body = comment.body(data)
    assert len(body) <= comment.MAX_BODY
    assert_inert(body)


_HOSTILE = st.sampled_from(
    ["</details>", "<img src=x>", "@octocat", "fixes #1", "```", "`", "\n\n", "|", "<!--", "\x1b["]
)
_TEXT = st.lists(st.one_of(_HOSTILE, st.text(max_size=20)), max_size=8).map("".join)
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), _TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
            ["path", "change", "lines", "level", "line", "message", "rule", "url", "status",
             "detail", "new_url"]), inner, max_size=6)
    ),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    entries=st.lists(
        st.fixed_dictionaries(
            {"path": _TEXT, "change": st.sampled_from(["added", "changed", "removed", "x"]),
             "lines": st.one_of(st.lists(_TEXT, max_size=3), _JSON)}
        ),
        max_size=4,
    ),
    problems=st.lists(_JSON, max_size=4),
    links=st.lists(_JSON, max_size=4),
    diff=st.one_of(_TEXT, _JSON),
    sha=st.one_of(_TEXT, st.just("a" * 40)),
)  # fmt: skip
def test_any_preview_gives_an_inert_comment(entries, problems, links, diff, sha) -> None:
    """Whatever shape and text the fork's job writes, the comment is only the preview's
    own markup around inert code."""
    data = {"format": 1, "number": 7, "entries": entries, "problems": problems,
            "links": links, "diff": diff, "head_sha": sha}  # fmt: skip
    body = comment.body(data)
    assert body.startswith(MARKER + "\n") and len(body) <= comment.MAX_BODY
    for kind, content in rendered_html(body):
        if kind.startswith("html"):
            assert content.strip() in {
                MARKER,
                "<details><summary>README.md after this pull request</summary>",
                "</details>",
            }, content
        elif kind == "link":
            assert content.lower().startswith(("http://", "https://")), content
        else:
            assert "@octocat" not in content and "fixes #1" not in content, content


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        # An entry's line keeps its list item, link, emphasis and code.
        ("- [A](https://a.example/x) - Fast. *By B*", "- [A](https://a.example/x) - Fast. *By B*"),
        ("  - [Sub](https://a.example/) `MIT`", "  - [Sub](https://a.example/) `MIT`"),
        # A link to anything but a web address keeps only its text (a javascript: one is
        # not even a link to the parser: it shows as written).
        ("- [Mail](mailto:a@b.example)", "- Mail"),
        ("- [Click](javascript:alert(1))", "- \\[Click\\]\\(javascript:alert\\(1\\)\\)"),
        # Raw HTML and images are their text; mentions and references are defused.
        ("- <img src=x onerror=alert(1)> hi", "- &lt;img src=x onerror=alert\\(1\\)&gt; hi"),
        ("- ![pixel](https://t.example/p.png)", "- pixel"),
        ("- thanks @octocat, fixes #12", "- thanks @\u2060octocat, fixes \\#\u206012"),
        ("# heading", "\\# heading"),  # a line of text, never a heading
    ],
)
def test_a_readme_line_is_rebuilt_as_inert_markdown(line: str, shown: str) -> None:
    from listsmith.preview import inline

    assert inline.rebuild(line) == shown
    for kind, content in rendered_html(inline.rebuild(line)):
        assert not kind.startswith("html"), content
        if kind == "link":
            assert content.startswith("https://"), content

"""awesome-lint as a judge the tests can call: the real linter, not our reading of its rules.

The renderer's output is meant to pass awesome-lint, and the importer is meant to read lists
that awesome-lint passes; asking awesome-lint itself (npm package, pinned in
`.ci/awesome-lint`) keeps those claims honest. `tests/awesome_lint.mjs` runs awesome-lint's own
rule configuration and prints its messages as JSON; this module turns them into `Finding`s.

Where awesome-lint is looked for: `$LISTSMITH_AWESOME_LINT_DIR` (the folder holding its
`node_modules`), else `<repo>/.ci/awesome-lint`. Install it there with
`npm ci --prefix .ci/awesome-lint --no-audit --no-fund`. Without it a test that asks for the
judge is skipped, unless `LISTSMITH_REQUIRE_JUDGES=1` (as CI sets), when it fails instead, so
that a broken install cannot pass as a green run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve().parent / "awesome_lint.mjs"

# Rules that judge the repository around the README, not the README's text. They are skipped by
# default so that a verdict depends on the Markdown alone, wherever the file lies.
REPOSITORY_RULES = frozenset(
    {
        # Reads the README's git remote and asks the GitHub API for its description, topics and
        # licence: the network. tests/awesome_lint.mjs never runs it, even when not skipped here.
        "awesome-github",
        # Looks for a non-empty contributing.md beside the README (or in .github/).
        "awesome-contributing",
    }
)
# Checked in awesome-lint 2.3.0's source and deliberately NOT repository rules:
# awesome-badge judges the README's first heading (the Awesome badge must sit in it) and
# awesome-license forbids a "License" heading in the README; both read only the Markdown.
# awesome-git-repo-age (needs git history) is commented out of awesome-lint's rule set, and
# code-of-conduct judges code-of-conduct.md, which awesome-lint lints only as a separate file.


@dataclass(frozen=True)
class Finding:
    """One awesome-lint message.

    `rule` is the id as awesome-lint prints it, without the "remark-lint:" prefix
    (`awesome-list-item`, `double-link`, `emphasis-marker`). `line` and `col` are 1-based;
    awesome-lint puts file-level messages at 1:1. `level` is "error" or "warning" as
    awesome-lint classifies it: only warnings (spell-check's) leave its exit status at 0.
    """

    rule: str
    line: int
    col: int
    message: str
    level: str


def install_dir() -> Path:
    """The folder whose `node_modules` holds awesome-lint, per the environment."""
    return Path(os.environ.get("LISTSMITH_AWESOME_LINT_DIR") or REPO / ".ci" / "awesome-lint")


def _unavailable(reason: str) -> NoReturn:
    """Skip the calling test, or fail it when the judges are required to be there."""
    if os.environ.get("LISTSMITH_REQUIRE_JUDGES") == "1":
        pytest.fail(f"LISTSMITH_REQUIRE_JUDGES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _run(paths: list[Path], skip: frozenset[str]) -> dict:
    """Run tests/awesome_lint.mjs once over `paths` and return its parsed JSON."""
    node = shutil.which("node")
    if node is None:
        _unavailable("awesome-lint needs node, which is not on PATH")
    where = install_dir()
    if not (where / "node_modules" / "awesome-lint" / "package.json").is_file():
        _unavailable(
            f"awesome-lint is not installed in {where} "
            f"(run: npm ci --prefix {where} --no-audit --no-fund)"
        )
    done = subprocess.run(
        [node, str(SCRIPT), str(where), ",".join(sorted(skip)), *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"awesome-lint failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def version() -> str:
    """The installed awesome-lint's version, as the baselines record it."""
    return _run([], frozenset())["version"]


def awesome_lint_many(
    paths: Iterable[Path], *, skip: frozenset[str] = REPOSITORY_RULES
) -> dict[Path, list[Finding]]:
    """Lint several Markdown files in one node process, which pays node's start-up once.

    Rules whose id is in `skip` are not run; `skip=frozenset()` runs every offline rule
    (awesome-github, which needs the network, never runs). Findings come in order of position.
    """
    paths = list(paths)
    results = _run(paths, skip)["results"] if paths else []
    return {
        path: sorted(
            (
                Finding(m["rule"], m["line"], m["column"], m["reason"], m["level"])
                for m in result["messages"]
            ),
            key=lambda f: (f.line, f.col, f.rule),
        )
        for path, result in zip(paths, results, strict=True)
    }


def awesome_lint(readme: Path, *, skip: frozenset[str] = REPOSITORY_RULES) -> list[Finding]:
    """awesome-lint's findings on one Markdown file, in order of position."""
    return awesome_lint_many([readme], skip=skip)[readme]


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Number of findings per rule id, sorted by rule id (the baselines' form)."""
    return dict(sorted(Counter(f.rule for f in findings).items()))

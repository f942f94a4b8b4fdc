"""Shared helpers: build small lists on disk and run the CLI in-process."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from listsmith.cli import main
from listsmith.codecache import ENVIRONMENT as CODE_CACHE


def pytest_configure(config: pytest.Config) -> None:
    """Compiled code goes to a folder of the test run's, never the user's cache; workers
    inherit it from the process that starts them, which removes it at the end."""
    if CODE_CACHE not in os.environ:
        os.environ[CODE_CACHE] = tempfile.mkdtemp(prefix="listsmith-code-cache-")
        config.stash[_OWN_CACHE] = os.environ[CODE_CACHE]


def pytest_unconfigure(config: pytest.Config) -> None:
    own = config.stash.get(_OWN_CACHE, None)
    if own is not None:
        shutil.rmtree(own, ignore_errors=True)


_OWN_CACHE = pytest.StashKey[str]()

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

INDEX = """\
title: Test List
intro: A list used by the tests.
sections:
  - id: books
    title: Books
  - id: videos
    title: Videos
topics:
  - id: calculus
    title: Calculus
  - id: linear-algebra
    title: Linear algebra
"""

GOOD_ENTRY = """\
title: {title}
url: {url}
authors: [Someone]
description: A description that is long enough to pass.
topics: [{topic}]
"""


@dataclass
class ListDir:
    """A list on disk that a test can add files to."""

    root: Path

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def entry(
        self,
        rel: str,
        title: str | None = None,
        url: str | None = None,
        topic: str = "calculus",
    ) -> Path:
        """A valid entry; its title and URL default to ones unique to ``rel``."""
        title = title or f"Title of {rel}"
        url = url or f"https://example.org/{rel}"
        return self.write(f"resources/{rel}", GOOD_ENTRY.format(title=title, url=url, topic=topic))


@pytest.fixture
def make_list(tmp_path: Path) -> Callable[..., ListDir]:
    """A fresh list with the repo's schema, a two-section index and no entries."""

    def make(index: str = INDEX) -> ListDir:
        root = tmp_path / "list"
        (root / "resources").mkdir(parents=True)
        shutil.copy(REPO / "schema.json", root / "schema.json")
        (root / "resources" / "index.yaml").write_text(index, encoding="utf-8")
        return ListDir(root)

    return make


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run ``listsmith ARGS`` in-process; GITHUB_ACTIONS is cleared unless a test sets it."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def call(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call

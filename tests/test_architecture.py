"""Properties of the package as a whole: who may touch the process's collector, the
import graph."""

from __future__ import annotations

import gc

from listsmith import importers
from listsmith.cli import main
from listsmith.project import load_project

from .conftest import REPO


def test_library_calls_leave_the_collector_as_they_found_it() -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    load_project(REPO)
    importers.parse("# A list\n\n## Books\n\n- [A](https://example.org/) - A book.\n")
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_entry_point_pauses_the_collector_for_a_batch_command_and_restores_it(
    monkeypatch, capsys
) -> None:
    seen = []
    from listsmith.cli import validate

    real = validate.run

    def spy(args):  # what the collector is while the command runs
        seen.append(gc.isenabled())
        return real(args)

    monkeypatch.setattr(validate, "run", spy)
    assert main(["validate", "--root", str(REPO)]) == 0
    assert seen == [False]
    assert gc.isenabled()

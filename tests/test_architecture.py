"""Properties of the package as a whole: who may touch the process's collector, the
import graph."""

from __future__ import annotations

import ast
import gc
import re
import subprocess
import sys
from pathlib import Path

from listsmith import importer, problem_ids
from listsmith.cli import main
from listsmith.problem_ids import PROBLEM_IDS
from listsmith.problems import Level, Problem
from listsmith.project import load_project
from listsmith.render import outputs

from .conftest import REPO


def test_library_calls_leave_the_collector_as_they_found_it() -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    load_project(REPO)
    importer.parse("# A list\n\n## Books\n\n- [A](https://example.org/) - A book.\n")
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
    assert gc.get_freeze_count() == 0


def test_the_entry_point_freezes_the_collector_only_when_the_process_exits() -> None:
    probe = (
        "import atexit, gc, sys; "
        "atexit.register(lambda: print('frozen at exit', gc.get_freeze_count() > 0)); "
        "from listsmith.cli import main; "
        "codes = [main(sys.argv[1:]) for _ in range(2)]; print(codes, gc.get_freeze_count())"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "validate", "--root", str(REPO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.splitlines()[-2:] == ["[0, 0] 0", "frozen at exit True"], done.stderr


def test_links_pauses_the_collector_while_it_loads_the_list_not_while_it_checks(
    monkeypatch, capsys
) -> None:
    from listsmith.cli import common
    from listsmith.links import run as links_run

    seen: dict[str, object] = {}
    real = common.project
    threshold = gc.get_threshold()

    def loading(args):
        seen["load"] = gc.isenabled()
        return real(args)

    def checking(project, options, selection):  # the event loop makes cycles
        seen["check"] = gc.isenabled()
        seen["young"] = gc.get_threshold()[0]  # collected less often than by default
        return []

    monkeypatch.setattr(common, "project", loading)
    monkeypatch.setattr(links_run, "check_links", checking)
    assert main(["links", "--root", str(REPO)]) == 0
    assert seen == {"load": False, "check": True, "young": 5_000}
    assert gc.isenabled() and gc.get_threshold() == threshold
    assert gc.get_freeze_count() == 0


PACKAGE = REPO / "tools" / "listsmith"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import statement sits
    (inside a function too: an import put off until a call still closes a cycle)."""
    modules = _modules()

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                # `from pkg import module` imports the module, `from module import name`
                # the module.
                targets.update(
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                )
        graph[name] = {t for t in map(owner, targets) if t is not None and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_sees_imports_inside_functions_and_finds_a_cycle() -> None:
    graph = import_graph()
    assert "listsmith.project" in graph["listsmith.validate"]
    # cli commands import what they use when they run:
    assert any(target.startswith("listsmith.links") for target in graph["listsmith.cli.links"])
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


_ID = re.compile(r"[a-z]+(?:-[a-z]+)*")
_REPORTERS = {"Problem": -1, "problem": -1, "refuse": -1, "_Reject": -1}
"""Callables whose last positional argument is a problem id (``Problem`` and the local
helpers yamldoc and settings build it with)."""


def test_link_checks_share_one_event_loop_and_no_thread_pool() -> None:
    """Sites used to be blocking code in a thread pool calling back into the loop, and
    shutdown had to leave threads waiting or deadlock: every check is a coroutine now.
    (A name lookup still runs in asyncio's executor, as asyncio's own getaddrinfo does.)"""
    offending = []
    for name, path in _modules().items():
        if not name.startswith("listsmith.links"):
            continue
        text = path.read_text(encoding="utf-8")
        for word in ("concurrent.futures", "run_coroutine_threadsafe", "ThreadPoolExecutor"):
            if word in text:
                offending.append(f"{name}: {word}")
    assert offending == []


def ids_in_code() -> dict[str, str]:
    """Every problem id the package's code spells out, with where: the id argument of a
    ``Problem`` (or a helper making one), a ``rule=`` keyword, a module's ``ID``/``RULE``."""
    found: dict[str, str] = {}
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        spelled: list[ast.expr] = [
            node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(
                isinstance(t, ast.Name) and (t.id == "ID" or t.id.endswith("RULE"))
                for t in node.targets
            )
        ]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            callee = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if callee in _REPORTERS and node.args:
                spelled.append(node.args[_REPORTERS[callee]])
            spelled += [k.value for k in node.keywords if k.arg == "rule"]
        for expr in spelled:
            value = expr.value if isinstance(expr, ast.Constant) else None
            if isinstance(expr, ast.Name):
                value = constants.get(expr.id)
            if isinstance(value, str) and _ID.fullmatch(value):
                found.setdefault(value, f"{name}:{expr.lineno}")
    return found


def test_the_scan_finds_ids_wherever_the_code_spells_them() -> None:
    found = ids_in_code()
    # a Problem's argument, a helper's, a module constant, a rule's ID:
    for expected in ("missing", "syntax", "characters", "schema", "config", "order-complete"):
        assert expected in found, expected


def test_every_problem_id_the_code_reports_is_registered() -> None:
    missing = {i: where for i, where in ids_in_code().items() if i not in PROBLEM_IDS}
    assert not missing


def test_every_id_the_bad_corpus_expects_is_registered() -> None:
    expected = set()
    for case in (REPO / "tests" / "fixtures" / "bad").glob("*.yaml"):
        expected |= set(re.findall(r"^# expect: \S+ (\S+) ", case.read_text("utf-8"), re.M))
    assert len(expected) >= 10
    assert expected <= set(PROBLEM_IDS), expected - set(PROBLEM_IDS)


def test_every_generated_file_s_sync_id_is_registered() -> None:
    project = load_project(REPO)
    assert {output.rule for output in outputs(project)} <= set(PROBLEM_IDS)


def test_blocking_follows_the_registry_not_a_kind() -> None:
    def problem(rule: str, level: Level = Level.ERROR) -> Problem:
        return Problem("resources/books/x.yaml", 1, 1, level, "m", rule)

    found = [
        problem("syntax"),
        problem("parent"),
        problem("title-period"),
        problem("readme-sync"),
        problem("parent", Level.WARNING),
        problem("never-registered"),
    ]
    assert [p.rule for p in problem_ids.blocking(found)] == ["syntax", "parent", "never-registered"]


def test_the_docs_show_the_registry() -> None:
    """The Rules page asks for the generated table, and the table names every id."""
    from listsmith import reference

    assert "<!-- listsmith:reference problem-ids -->" in (REPO / "docs" / "rules.md").read_text()
    text = reference.PAGES["problem-ids"]()
    for problem_id in PROBLEM_IDS:
        assert f"| `{problem_id}` |" in text

"""Random and adversarial bytes into every reader of untrusted input: never a traceback,
nothing written outside the list, nothing written at all when the input is bad."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listsmith import yamldoc
from listsmith.cli import main
from listsmith.links import history
from listsmith.project import CouldNotRun

from .conftest import GOOD_ENTRY

# Fragments that reach the odd corners of YAML, JSON and Markdown readers.
_PIECES = [
    "title: ",
    "url: ",
    "- ",
    "  ",
    "\n",
    ": ",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "<<: ",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "\\u202e",
    "\\e",
    "\x00",
    "\ufeff",
    "---\n",
    "...\n",
    "? ",
    "|-\n",
    ">\n",
    "%YAML 1.1\n",
    "# c\n",
    "https://example.org/",
    "javascript:alert(1)",
    "<!--",
    "```",
    "[x](https://x.example/)",
    '{"urls": ',
    "1e999",
    "null",
    "-" * 3,
]
adversarial = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(_PIECES), max_size=40).map(lambda p: "".join(p).encode()),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=300, deadline=None)
@given(adversarial)
def test_the_yaml_loader_reports_and_never_raises(raw: bytes) -> None:
    doc, problems = yamldoc.load("x.yaml", raw)
    assert doc is not None or problems
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.message


_TYPED = ["yes", "No", "on", "OFF", "~", "null", "0x1F", "017", "1_000", "-1.5e3", ".inf"]
_TYPED += [".NaN", "=", "<<", "2020-01-01", "12:30:00", "True", "a b", "''", "'no'", '"1"']
_scalars = st.sampled_from(_TYPED) | st.text(max_size=6)
_values = _scalars | st.lists(_scalars, max_size=3).map(lambda items: f"[{', '.join(items)}]")
_documents = st.lists(st.tuples(_scalars, _values), max_size=8).map(
    lambda pairs: "".join(f"{key}: {value}\n" for key, value in pairs)
)


def _tree(node: yaml.Node) -> object:
    """A node as comparable data: its kind, tag, text or children, and where it is."""
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if isinstance(node, yaml.MappingNode):
        return (node.tag, marks, [(_tree(k), _tree(v)) for k, v in node.value])
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, marks, [_tree(item) for item in node.value])
    return (node.tag, marks, node.value, node.style)


def _composed(loader: type, text: str) -> object:
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if node is None else _tree(node)


@settings(max_examples=300, deadline=None)
@given(_documents | st.lists(st.sampled_from(_PIECES + _TYPED), max_size=40).map("".join))
def test_the_yaml_loader_tags_every_node_as_pyyaml_does(text: str) -> None:
    assert _composed(yamldoc._Loader, text) == _composed(yamldoc._SafeLoader, text)


def test_safe_loading_has_no_path_or_wildcard_resolvers() -> None:
    """What the loader's short tag resolution relies on (see ``yamldoc._Loader``)."""
    assert not yamldoc._Loader.yaml_path_resolvers
    assert None not in yamldoc._Loader.yaml_implicit_resolvers


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=adversarial)
def test_the_history_reader_loads_or_refuses_and_never_raises(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "links.json"
    path.write_bytes(raw)
    try:
        records = history.load(path)
    except CouldNotRun:
        return
    assert all(isinstance(url, str) for url in records)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join) | st.text(max_size=300))
def test_the_importer_reads_any_markdown(source: str) -> None:
    from listsmith import importer

    importer.parse(source)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def list_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import INDEX, REPO

    parent = tmp_path_factory.mktemp("fuzz")
    root = parent / "list"
    (root / "resources" / "books").mkdir(parents=True)
    (root / "schema.json").write_bytes((REPO / "schema.json").read_bytes())
    (root / "resources" / "index.yaml").write_text(INDEX)
    (root / "resources" / "books" / "good.yaml").write_text(
        GOOD_ENTRY.format(title="Good", url="https://good.example.org/", topic="calculus")
    )
    assert main(["render", "--root", str(root)]) == 0
    return root


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=adversarial)
def test_commands_on_a_hostile_entry_never_raise_nor_write_when_refusing(
    list_root: Path, raw: bytes
) -> None:
    entry = list_root / "resources" / "books" / "hostile.yaml"
    entry.write_bytes(raw)
    try:
        outside = snapshot(list_root.parent)
        for command in ("validate", "check", "dupes"):
            assert main([command, "--root", str(list_root)]) in (0, 1)
        assert snapshot(list_root.parent) == outside  # reading commands write nothing
        code = main(["render", "--root", str(list_root)])
        after = snapshot(list_root.parent)
        assert code in (0, 1)
        if code == 1:
            assert after == outside  # refused: nothing written
        else:
            changed = {k for k in after if after[k] != outside.get(k)}
            assert changed <= {"list/README.md"}  # only what render owns
    finally:
        entry.unlink()
        main(["render", "--root", str(list_root)])

"""Compiled code kept between runs: found again, never trusted when damaged, never a failure."""

from __future__ import annotations

import marshal
from pathlib import Path

import fastjsonschema
import jinja2
import pytest

from listsmith import codecache, render, schema, templating
from listsmith.project import load_project, shipped_schema
from listsmith.validate import validate

CODE = compile("answer = 42", "<test>", "exec")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(codecache.ENVIRONMENT, str(folder))
    return folder


def test_stored_code_is_found_again_by_its_key_only(cache: Path) -> None:
    assert codecache.load("test", "a") is None
    codecache.store("test", "a", CODE)
    found = codecache.load("test", "a")
    assert found is not None and found.co_consts == CODE.co_consts
    assert codecache.load("test", "b") is None
    assert codecache.load("other", "a") is None
    assert [p.name for p in cache.iterdir() if p.name.startswith(".")] == []  # no temp left


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", None, "flip"])
def test_a_damaged_file_is_compiled_afresh(cache: Path, damage: bytes | None) -> None:
    codecache.store("test", "a", CODE)
    (path,) = cache.iterdir()
    # Torn, garbage, or a marshalled value that is not code (a file another program wrote).
    if damage == "flip":  # one byte of real code changed: marshal raises SystemError
        good = bytearray(path.read_bytes())
        good[len(good) // 2] ^= 0xFF
        damage = bytes(good)
    path.write_bytes(marshal.dumps({"not": "code"}) if damage is None else damage)
    assert codecache.load("test", "a") is None
    codecache.store("test", "a", CODE)
    assert codecache.load("test", "a") is not None


def test_whatever_damaged_bytes_raise_is_a_file_compiled_afresh(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One flipped byte in 16 of a small code object's 267 makes marshal raise SystemError,
    not the ValueError of a torn file."""
    codecache.store("test", "a", CODE)

    def damaged(data: bytes) -> object:
        raise SystemError("bad marshal data (unknown type code)")

    monkeypatch.setattr(codecache.marshal, "loads", damaged)
    assert codecache.load("test", "a") is None


def test_an_unwritable_folder_costs_only_the_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("in the way")
    monkeypatch.setenv(codecache.ENVIRONMENT, str(blocked / "cache"))
    codecache.store("test", "a", CODE)  # no exception
    assert codecache.load("test", "a") is None


def test_code_a_checkout_holds_is_never_loaded(cache: Path) -> None:
    """A cache folder inside a list's checkout (XDG_CACHE_HOME=$GITHUB_WORKSPACE/.cache, say)
    would hold what a pull request commits there: git makes folders 0755 and files 0644,
    which are never read; this module makes them 0700 and 0600."""
    codecache.store("test", "a", CODE)
    (path,) = cache.iterdir()
    assert (cache.stat().st_mode & 0o777, path.stat().st_mode & 0o777) == (0o700, 0o600)
    path.chmod(0o644)
    assert codecache.load("test", "a") is None
    path.chmod(0o600)
    cache.chmod(0o755)
    assert codecache.load("test", "a") is None
    cache.chmod(0o700)
    assert codecache.load("test", "a") is not None
    link = cache / "link.code"
    link.symlink_to(path)
    assert not codecache._private(link)


def test_a_relative_folder_is_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(codecache.ENVIRONMENT, ".cache/listsmith")  # the list's own folder
    assert codecache.folder() is None


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(codecache.ENVIRONMENT, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert codecache.folder() is None
    codecache.store("test", "a", CODE)
    assert codecache.load("test", "a") is None and list(tmp_path.iterdir()) == []


def test_the_folder_follows_xdg_then_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(codecache.ENVIRONMENT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert codecache.folder() == tmp_path / "xdg" / "listsmith"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert codecache.folder() == tmp_path / "home" / ".cache" / "listsmith"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not a place: the home's
    assert codecache.folder() == tmp_path / "home" / ".cache" / "listsmith"


def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates jinja2 compiles from now on."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(str(name))
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_the_built_in_templates_are_compiled_once(cache: Path, make_list, monkeypatch) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    names = compiles(monkeypatch)
    first = render.readme(load_project(lst.root))
    assert names == ["README.md.j2"]
    names.clear()
    assert render.readme(load_project(lst.root)) == first
    assert names == []


def test_a_list_s_own_templates_are_compiled_every_run(cache: Path, make_list, monkeypatch) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.write("templates/own.md.j2", "# {{ list.title }}\n")
    lst.write("listsmith.yaml", "render:\n  targets:\n    readme:\n      template: own.md.j2\n")
    env = templating.environment(lst.root, False, {})
    assert isinstance(env, jinja2.sandbox.SandboxedEnvironment) and env.bytecode_cache is None
    names = compiles(monkeypatch)
    for _ in range(2):
        assert render.readme(load_project(lst.root)) == "# Test List\n"
    assert names == ["own.md.j2", "own.md.j2"]


def test_the_schema_s_validator_is_generated_once_and_judges_the_same(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated: list[int] = []
    original = fastjsonschema.compile_to_code

    def counting(*args, **kwargs):
        generated.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(fastjsonschema, "compile_to_code", counting)
    part = schema.entry_part(shipped_schema())
    first, second = schema._compile_fast(part), schema._compile_fast(part)
    assert len(generated) == 1 and first is not None and second is not None
    good = {"title": "T", "url": "https://e.org/", "authors": ["A"], "topics": ["x"]}
    good["description"] = "A description that is long enough to pass."
    for data in (good, {**good, "colour": "blue"}, {**good, "url": 3}):
        assert first(data) == second(data)
    assert second(good) and not second({**good, "colour": "blue"})


def test_a_run_through_the_cache_finds_what_one_without_it_finds(
    cache: Path, make_list, monkeypatch: pytest.MonkeyPatch
) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.write("resources/books/bad.yaml", "title: B\nurl: 12\n")

    def found() -> list[str]:
        return sorted(p.message for p in validate(load_project(lst.root)))

    cold, warm = found(), found()
    monkeypatch.setenv(codecache.ENVIRONMENT, "")
    assert cold == warm == found() and any("url" in message for message in cold)

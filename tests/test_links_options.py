"""`listsmith links`' settings are declared once: the Options fields, listsmith.yaml's
``links`` block, the command-line flags and their help all follow the declarations; and
its output formats are the ones every command offers."""

from __future__ import annotations

import dataclasses

import pytest

from listsmith import report
from listsmith.cli import build_parser
from listsmith.links import config, output, sites
from listsmith.links import run as links_run


def _links_parser():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sub.choices["links"]


def _flag_help(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("COLUMNS", "2000")  # one line a flag
    _links_parser().print_help()
    return capsys.readouterr().out


def test_options_fields_default_to_their_declared_settings() -> None:
    defaults = config.Options()
    for name, option in config.OPTIONS.items():
        assert getattr(defaults, name) == config.value_of(name, option.default), name
    for key, option in sites.declared().items():
        want = option.default
        assert defaults.site[key] == (tuple(want) if isinstance(want, list) else want), key


def test_the_help_states_each_default_as_declared(monkeypatch, capsys) -> None:
    text = _flag_help(monkeypatch, capsys)
    assert "--timeout S " in text and "(default: 10)" in text
    # A changed declaration changes the help: no default is written by hand.
    for name, new in (("timeout", 12.5), ("per_host", 5), ("rate_limit_wait", 90.0)):
        changed = dataclasses.replace(config.OPTIONS[name], default=new)
        monkeypatch.setitem(config.OPTIONS, name, changed)
    text = _flag_help(monkeypatch, capsys)
    lines = {line.split()[0]: line for line in text.splitlines() if line.startswith("  --")}
    assert lines["--timeout"].endswith("(default: 12.5)")
    assert lines["--per-host"].endswith("(default: 5)")
    assert lines["--rate-limit-wait"].endswith("(default: 90)")
    assert lines["--concurrency"].endswith("(default: 32)")


def test_every_links_setting_has_a_flag_or_is_named_settings_only() -> None:
    parser = _links_parser()
    flags = {s for action in parser._actions for s in action.option_strings}
    epilog = parser.epilog or ""
    assert epilog.startswith("Set in listsmith.yaml's links block only")
    named = set(epilog.split(": ", 1)[1].split(";")[0].split(", "))
    assert "each site check's settings, named <site>_<setting>" in epilog
    for name in config.declared():
        has_flag = f"--{name.replace('_', '-')}" in flags
        of_a_site = name.split("_")[0] in sites.REGISTRY and name not in config.OPTIONS
        assert has_flag != (name in named or of_a_site), name
    # What decides where requests go stays settings-only or trusted, as before.
    assert {"exclude", "accept", "private_allow"} <= named
    assert config.OPTIONS["remap"].trusted and "--remap" in flags


def test_a_flag_is_checked_and_converted_as_its_setting(make_list, run) -> None:
    lst = make_list()
    bad = run("links", "--root", str(lst.root), "--per-host", "0")
    assert bad.code == 2 and "--per-host must be at least 1" in bad.err


def test_links_offers_every_reporter_format() -> None:
    assert set(output.REPORTERS) == set(report.REPORTERS)
    fmt = next(a for a in _links_parser()._actions if a.dest == "format")
    assert tuple(fmt.choices) == report.FORMATS


def test_traceback_shows_where_a_link_check_failed(make_list, run, monkeypatch) -> None:
    lst = make_list()
    lst.entry("books/a.yaml", url="https://example.org/a")

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(links_run, "check_links", broken)
    quiet = run("links", "--root", str(lst.root))
    assert quiet.code == 2 and "--traceback shows where it came from" in quiet.err
    for args in (["--traceback", "links"], ["links", "--traceback"]):
        shown = run(*args, "--root", str(lst.root))
        assert shown.code == 2
        assert shown.err.startswith("Traceback (most recent call last):")
        assert "in broken" in shown.err

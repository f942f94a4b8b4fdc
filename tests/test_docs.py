"""The documentation site: it builds with no warning, documents every setting, rule, command
and field the code has, and its links and anchors all lead somewhere (checked with
listsmith's own link checker, .ci/docs_links.py)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from listsmith import config_schema, rules
from listsmith.cli import COMMANDS

from .conftest import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("mkdocs") is None, reason="mkdocs is installed with the test extra"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs as CI builds them: strict, so any warning fails the build."""
    out = tmp_path_factory.mktemp("docs")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert not re.search(r"^WARNING\b", done.stderr, re.M), done.stderr[-3000:]
    return out


def page(site: Path, name: str) -> str:
    return html.unescape((site / name / "index.html").read_text(encoding="utf-8"))


def settings_in_schema(node: dict[str, Any], place: str = "") -> list[str]:
    """Every leaf setting listsmith.yaml accepts, by dotted name, from the JSON Schema the
    code builds (config_schema.build): a walk independent of the docs' generator."""
    found = []
    for option in node.get("oneOf", []):
        if option.get("type") == "object":
            found += settings_in_schema(option, place)
    for name, child in node.get("properties", {}).items():
        here = f"{place}.{name}" if place else name
        nested = child.get("properties") or any(
            o.get("type") == "object" for o in child.get("oneOf", [])
        )
        found += settings_in_schema(child, here) if nested else [here]
    return found


def test_every_setting_is_documented(site: Path) -> None:
    settings, rules_page = page(site, "settings"), page(site, "rules")
    names = settings_in_schema(config_schema.build())
    assert len(names) > 40 and "links.timeout" in names and "render.targets.feed.limit" in names
    for name in names:
        if name.startswith("rules."):
            rule_id, option = [*name.split(".")[1:], "level"][:2]  # rules.layout: always on
            row = next(r for r in rules_page.split("<tr>") if f"<code>{rule_id}</code>" in r)
            # A rule's level is in its level column; other options are named in the row.
            assert option == "level" or f"<code>{option}</code>" in row, name
        else:
            assert f"<code>{name}</code>" in settings, f"{name} is not on the settings page"


def test_every_rule_command_and_field_is_documented(site: Path) -> None:
    # The rule table, after the table of every problem id (which names the rules too).
    rules_page = page(site, "rules").split('id="every-rule"', 1)[1]
    for rule_id, rule in rules.RULES.items():
        row = next(
            (r for r in rules_page.split("<tr>") if f"<td><code>{rule_id}</code></td>" in r), None
        )
        assert row is not None, f"rule {rule_id} is not on the rules page"
        assert f"<td>{rule.LEVEL.value}</td>" in row and f"<td>{rules.kind(rule)}</td>" in row
    commands = page(site, "commands")
    for command in COMMANDS:
        assert f"usage: listsmith {command.NAME}" in commands, command.NAME
    schema = json.loads((REPO / "tools" / "listsmith" / "scaffold" / "schema.json").read_text())
    data = page(site, "data")
    for name in schema["properties"]:
        assert f"<td><code>{name}</code></td>" in data, name


def test_trusted_settings_are_marked_as_such(site: Path) -> None:
    settings = page(site, "settings")
    rows = {
        re.search(r"<code>([\w.-]+)</code>", row).group(1): row
        for row in settings.split("<tr>")[1:]
        if re.search(r"<td><code>", row)
    }
    assert "<strong>yes</strong>" in rows["links.private_allow"]
    assert "<strong>yes</strong>" in rows["render.targets.readme.path"]
    assert "<strong>yes</strong>" not in rows["links.timeout"]


def test_an_unknown_reference_block_stops_the_build(tmp_path: Path) -> None:
    """A renamed generator can't leave a page silently empty."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n<!-- listsmith:reference no-such-block -->\n")
    config = (REPO / "mkdocs.yml").read_text().split("\nnav:")[0]
    config = config.replace(".ci/docs_hooks.py", str(REPO / ".ci" / "docs_hooks.py"))
    (tmp_path / "mkdocs.yml").write_text(config)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "no-such-block" in done.stderr


def docs_links(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / ".ci" / "docs_links.py"), str(site)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_relative_link_and_anchor_of_the_docs_works(site: Path) -> None:
    done = docs_links(site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"0 problems, \d{2,} links checked", done.stderr), done.stderr


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(
    site: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    rules_page = broken / "rules" / "index.html"
    text = rules_page.read_text(encoding="utf-8")
    rules_page.write_text(
        text.replace(
            "</article>",
            '<a href="../settings/#links.no-such">x</a><a href="../no-such-page/">y</a>'
            '<a href="../settings/#links">fine</a></article>',
        ),
        encoding="utf-8",
    )
    done = docs_links(broken)
    assert done.returncode == 1
    errors = done.stdout.splitlines()
    assert len(errors) == 2, done.stdout
    assert any("settings/#links.no-such is missing-anchor" in e for e in errors)
    assert any("no-such-page/ is broken" in e and e.endswith("[docs-link]") for e in errors)

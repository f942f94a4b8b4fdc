"""`listsmith import`: awesome-style READMEs become lists, with only the data the source has."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from listsmith.importer import parse, write
from listsmith.importer.writer import index_yaml
from listsmith.project import CONFIG, load_project
from listsmith.render import readme as render_readme

from .conftest import FIXTURES, REPO

IMPORT = FIXTURES / "import"


def imported(run, tmp_path: Path, source: Path | str, *extra: str) -> tuple[Path, dict]:
    """Import ``source`` (a fixture name or a path) into a fresh folder; the JSON report."""
    target = tmp_path / "out"
    path = IMPORT / source if isinstance(source, str) else source
    if isinstance(source, str):
        extra = ("--no-dates", *extra)  # the fixtures' own git history is not the list's
    result = run("import", str(path), "--into", str(target), "--format", "json", *extra)
    report = json.loads(result.out)
    # Problems found (exit 1) when a link or image was left out, as init refuses then.
    assert result.code == (1 if report["not_imported"] else 0), result.err
    return target, report


def entries(target: Path) -> dict[str, dict]:
    """Every entry by title, with its section's path."""
    project = load_project(target)
    return {e.data["title"]: {"section": e.section, **e.data} for e in project.entries}


def section_tree(target: Path) -> dict[str, dict]:
    return {s.path: s.data for s in load_project(target).index.sections}


def written(target: Path) -> str:
    files = [*(target / "resources").rglob("*.yaml"), target / "schema.json", target / CONFIG]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_plain_list_has_only_the_fields_the_source_gives(run, tmp_path) -> None:
    target, report = imported(run, tmp_path, "plain.md")
    found = entries(target)
    assert found["Alpha"] == {
        "section": "tools",
        "title": "Alpha",
        "url": "https://alpha.example.org",
        "description": "The first tool.",
    }
    assert found["Beta"]["description"] == "Second, with an en dash."
    assert found["Gamma"]["description"] == "A colon separator."
    assert set(found["Delta"]) == {"section", "title", "url"}  # no description, no placeholder
    # A link inside a description stays there, where its author put it.
    assert found["Epsilon"]["description"] == (
        "Has [docs](https://epsilon.example.org/docs) and a [demo](https://demo.example.org/e)."
    )
    assert "links" not in found["Epsilon"]
    assert "TODO" not in written(target)
    index = load_project(target).index.data
    assert index["title"] == "Awesome Plain"
    assert index["intro"] == (
        "A list of plain things, with a [home page](https://plain.example.org/about)."
    )
    assert index["sections"][0]["order"] == ["alpha", "beta", "gamma", "delta", "epsilon"]
    # The closing sections stay as written, headings included (issue #18).
    assert index["closing"] == (
        "## Contributing\n\nRead [the guide](https://plain.example.org/contributing) first.\n\n"
        "## License\n\n[CC0](https://creativecommons.org/publicdomain/zero/1.0/)"
    )
    assert "contributing" not in index and "license" not in index
    assert report["not_imported"] == []
    schema = json.loads((target / "schema.json").read_text())
    assert schema["required"] == ["title", "url"]  # Delta has no description
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert "descriptions: markdown" in (target / "listsmith.yaml").read_text()


def test_import_then_check_and_render(run, tmp_path) -> None:
    target, _ = imported(run, tmp_path, "plain.md")
    assert run("render", "--root", str(target)).code == 0
    result = run("check", "--root", str(target))
    assert result.code == 0, result.out
    readme = (target / "README.md").read_text()
    assert "- [Delta](https://delta.example.org)\n" in readme
    assert "resources." not in readme  # summary: false, the source had no count line


def test_styles_badges_nesting_and_text_without_links(run, tmp_path) -> None:
    target, report = imported(run, tmp_path, "styles.md")
    found = entries(target)
    assert found["A Sub-item"]["parent"] == "first-steps"
    assert found["A Sub-item"]["section"] == found["First Steps"]["section"] == "getting-started"
    assert found["NumPy"]["section"] == "libraries/python"
    assert found["ndarray"]["section"] == "libraries/rust"
    assert "NumPy again" in found  # a duplicate is imported; `dupes` reports it
    assert found["SciPy"]["description"] == "After its logo."  # not the logo link's text
    # A badge after the description is part of it, where its author put it (issue #18).
    assert found["First Steps"]["description"] == (
        "Begin here. [![stars](https://img.shields.io/github/stars/a/b)](https://github.com/a/b)"
    )
    index = load_project(target).index.data
    # The title heading keeps its badge on its line; the intro is as written.
    assert index["title"] == "Awesome Styles"
    assert index["heading"] == (
        "Awesome Styles [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
    )
    assert index["intro"].startswith(
        "[![Build](https://ci.example.org/badge.svg)](https://ci.example.org/job)"
    )
    tree = section_tree(target)
    assert tree["getting-started"]["title"] == "🚀 Getting Started"
    # A list without a single link, and a closing paragraph, are the section's own text.
    odds = tree["odds-and-ends"]["description"]
    assert "- https://bare.example.org - A bare URL." in odds
    assert "https://closing.example.org" in odds
    why = {(item["line"], item["url"]): item["why"] for item in report["not_imported"]}
    assert why == {
        (26, "https://logos.example.org/scipy.png"): "an image in a list item, not a resource",
        (26, "https://scipy.org"): "an image in a list item, not a resource",
    }


def test_inline_metadata_becomes_tags_and_labelled_links(run, tmp_path) -> None:
    target, report = imported(run, tmp_path, "metadata.md")
    found = entries(target)
    assert found["Aptabase"] == {
        "section": "analytics",
        "title": "Aptabase",
        "url": "https://aptabase.com/",
        "description": "Privacy first analytics.",
        "tags": ["AGPL-3.0", "Docker"],
        "links": [{"label": "Source Code", "url": "https://github.com/aptabase/aptabase"}],
    }
    assert found["AWStats"]["links"] == [
        {"label": "Demo", "url": "https://www.awstats.org/#DEMO"},
        {"label": "Source Code", "url": "https://github.com/eldy/awstats"},
    ]
    assert found["AWStats"]["tags"] == ["GPL-3.0", "Perl"]
    # The marker after the link is a tag too; the link inside the sentence stays in it.
    assert found["Postiz"]["tags"] == ["AGPL-3.0", "Docker"]
    assert found["Postiz"]["marks"] == "`⚠`"  # where the line put it (issue #18)
    assert found["Postiz"]["description"] == (
        "Schedules posts (alternative to [Buffer](https://buffer.com))."
    )
    # Code at the end of an unfinished sentence is part of it, not a tag.
    assert found["libfoo"]["description"] == "Python wrapper for `libfoo`"
    assert "tags" not in found["libfoo"]
    # `MIT` - [MIT License](...): what comes before the link stays there (issue #18).
    assert found["MIT License"]["lead"] == "`MIT` -"
    assert "tags" not in found["MIT License"]
    assert report["not_imported"] == []
    config = (target / "listsmith.yaml").read_text()
    assert "metadata: [tags]" in config and "descriptions: markdown" in config


def test_a_line_that_lists_several_resources_is_several_entries(run, tmp_path) -> None:
    target, _ = imported(run, tmp_path, "metadata.md")
    found = entries(target)
    label = "external-links/dynamic-dns"
    assert section_tree(target)[label] == {
        "id": "dynamic-dns",
        "title": "Dynamic DNS",
        "style": "item",
        # The line lists them after ": ", joined by ", ": rendered so, on the line.
        "separator": ": ",
        "joiner": ", ",
        "order": ["afraid-org", "pagekite"],
    }
    assert found["Afraid.org"] == {
        "section": label,
        "title": "Afraid.org",
        "url": "https://freedns.afraid.org/",
    }
    assert found["Pagekite"]["url"] == "https://pagekite.net/"
    assert section_tree(target)["external-links"]["order"] == [
        {"section": "dynamic-dns"},
        "awesome-sysadmin",
    ]
    # A list of words without links (Anti-features) is kept as the section's text.
    assert section_tree(target)["anti-features"]["description"] == (
        "- `⚠` - Depends on a proprietary service outside the user's control"
    )


def test_urls_the_import_cannot_use_are_reported_exactly(run, tmp_path) -> None:
    target, report = imported(run, tmp_path, "edges.md")
    found = entries(target)
    # URLs ending in _ or ? are imported as they are, not reported.
    assert found["Underscore"]["url"] == "https://example.org/path_"
    assert found["Question"]["url"] == "https://example.org/search?"
    assert [(s["line"], s["url"]) for s in report["not_imported"]] == [
        (7, "javascript:alert(1)"),
        (8, "file:///etc/hosts"),
        (9, "guide.md"),
    ]
    assert report["not_imported"][0]["why"] == (
        "a javascript: link, and an entry's URL is http(s); its item, "
        '"Script - Not a web address.", is left out'
    )
    assert "relative link" in report["not_imported"][2]["why"]
    assert "Script" not in found and "Guide" not in found
    # A bare URL in a line of words is kept in it.
    assert "https://example.org/bare_" in written(target)


def test_the_text_report_lists_what_it_counts(run, tmp_path) -> None:
    result = run("import", str(IMPORT / "edges.md"), "--into", str(tmp_path / "a"))
    lines = result.out.splitlines()
    assert lines[:3] == [
        "edges.md:7:1: warning: not imported: javascript:alert(1) (a javascript: link, and an "
        'entry\'s URL is http(s); its item, "Script - Not a web address.", is left out) '
        "[not-imported]",
        "edges.md:8:1: warning: not imported: file:///etc/hosts (a file: link, and an entry's URL "
        'is http(s); its item, "Local file - Not a web address either.", is left out) '
        "[not-imported]",
        "edges.md:9:1: warning: not imported: guide.md (a relative link, and an entry's URL is an "
        'absolute http(s) URL; its item, "Guide - A relative link.", is left out) '
        "[not-imported]",
    ]
    assert lines[3].endswith("; 3 URLs not imported (listed above)")
    clean = run("import", str(IMPORT / "plain.md"), "--into", str(tmp_path / "b"))
    assert clean.out.splitlines()[-1].endswith("; 0 URLs not imported")


def test_title_from_an_html_heading_keeps_the_html_as_intro(run, tmp_path) -> None:
    source = tmp_path / "README.md"
    source.write_text(
        '<div align="center">\n\t<img width="500" src="media/logo.svg" alt="Awesome Things">\n'
        '\t<p><a href="https://sponsor.example.org">Our sponsor</a></p>\n</div>\n\n'
        "## Tools\n\n- [One](https://one.example.org) - The first.\n",
        encoding="utf-8",
    )
    target, report = imported(run, tmp_path, source)
    index = load_project(target).index.data
    assert index["title"] == "Awesome Things"
    assert index["intro"].startswith('<div align="center">\n\t<img width="500"')
    assert "https://sponsor.example.org" in index["intro"]
    assert report["not_imported"] == []


def test_title_link_is_the_homepage(run, tmp_path) -> None:
    source = tmp_path / "README.md"
    source.write_text(
        "# [Awesome Python](https://awesome-python.com/)\n\nIntro.\n\n"
        "## Tools\n\n- [One](https://one.example.org)\n",
        encoding="utf-8",
    )
    target, _ = imported(run, tmp_path, source)
    index = load_project(target).index.data
    assert (index["title"], index["homepage"]) == ("Awesome Python", "https://awesome-python.com/")


def test_long_section_texts_are_kept_whole(run, tmp_path) -> None:
    text = " ".join(f"Sentence {n} of a long introduction to this section." for n in range(80))
    source = tmp_path / "README.md"
    source.write_text(
        f"# Long\n\nIntro.\n\n## Tools\n\n{text}\n\n"
        "- [One](https://one.example.org) - The first.\n",
        encoding="utf-8",
    )
    target, _ = imported(run, tmp_path, source)
    assert len(text) > 4000
    assert section_tree(target)["tools"]["description"] == text
    schema = json.loads((target / "schema.json").read_text())
    assert "maxLength" not in schema["$defs"]["section"]["properties"]["description"]
    assert run("render", "--root", str(target)).code == 0
    assert run("check", "--root", str(target)).code == 0


def test_bold_lines_group_headings_and_labels_hold_sub_items(run, tmp_path) -> None:
    source = tmp_path / "README.md"
    source.write_text(
        "# Groups\n\nIntro.\n\n## Projects\n\n**AI & ML**\n\n### Agents\n\n"
        "_Libraries for agents._\n\n- Agent Skills\n  - [skills](https://skills.example.org) - "
        "Skills.\n- [flask](https://flask.example.org) - A microframework.\n"
        "  - [awesome-flask](https://awesome-flask.example.org)\n\n"
        "**Web**\n\n### Servers\n\n- [gunicorn](https://gunicorn.example.org) - A server.\n\n"
        "**[⬆ back to top](#contents)**\n",
        encoding="utf-8",
    )
    target, _ = imported(run, tmp_path, source)
    tree = section_tree(target)
    assert tree["projects/ai-ml"]["style"] == "bold"
    assert tree["projects/ai-ml/agents"]["description"] == "_Libraries for agents._"
    assert tree["projects/ai-ml/agents"]["order"] == [
        {"section": "agent-skills"},
        "flask",
        "awesome-flask",
    ]
    assert tree["projects/ai-ml/agents/agent-skills"]["style"] == "item"
    assert tree["projects/web/servers"]["footer"] == "**[⬆ back to top](#contents)**"
    found = entries(target)
    assert found["awesome-flask"]["parent"] == "flask"
    assert found["skills"]["section"] == "projects/ai-ml/agents/agent-skills"
    assert run("render", "--root", str(target)).code == 0
    readme = (target / "README.md").read_text()
    assert (
        "**AI & ML**\n\n### Agents\n\n_Libraries for agents._\n\n- Agent Skills\n"
        "  - [skills](https://skills.example.org) - Skills.\n"
        "- [flask](https://flask.example.org) - A microframework.\n"
        "  - [awesome-flask](https://awesome-flask.example.org)\n"
    ) in readme
    assert "gunicorn.example.org) - A server.\n\n**[⬆ back to top](#contents)**\n" in readme


def git(cwd: Path, *args: str, when: str = "") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    identity = ["-c", "user.name=Tester", "-c", "user.email=tester@example.org"]
    subprocess.run(["git", *identity, *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_added_dates_come_from_the_commit_of_each_line(run, tmp_path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    readme = repo / "README.md"
    git(repo, "init", "-q")
    readme.write_text("# Dated\n\n## Tools\n\n- [Old](https://old.example.org) - First.\n")
    git(repo, "add", "README.md")
    git(repo, "commit", "-qm", "first", when="2020-01-02T10:00:00+00:00")
    with readme.open("a") as handle:
        handle.write("- [New](https://new.example.org) - Second.\n")
    git(repo, "commit", "-qam", "second", when="2021-03-04T23:30:00-05:00")
    with readme.open("a") as handle:
        handle.write("- [Draft](https://draft.example.org) - Not committed.\n")
    target, report = imported(run, tmp_path, readme)
    assert report["dated"] is True
    found = entries(target)
    assert found["Old"]["added"] == "2020-01-02"
    assert found["New"]["added"] == "2021-03-04"  # the committer's own day
    assert "added" not in found["Draft"]
    undated = run("import", str(readme), "--into", str(tmp_path / "b"), "--no-dates")
    assert "dated" not in undated.out
    assert "added" not in entries(tmp_path / "b")["Old"]


def test_outside_git_there_are_no_dates(run, tmp_path) -> None:
    source = tmp_path / "README.md"
    source.write_bytes((IMPORT / "plain.md").read_bytes())
    target, report = imported(run, tmp_path, source)
    assert report["dated"] is False
    assert all("added" not in e for e in entries(target).values())


def test_refuses_an_existing_list_unless_forced(run, tmp_path) -> None:
    target, _ = imported(run, tmp_path, "plain.md")
    again = run("import", str(IMPORT / "styles.md"), "--into", str(target))
    assert again.code == 2 and "--force" in again.err
    # Written, and exit 1: styles.md's logo images can't come along (listed as warnings).
    assert run("import", str(IMPORT / "styles.md"), "--into", str(target), "--force").code == 1
    # --force replaces resources/: nothing of the first import is left behind.
    assert not (target / "resources" / "tools").exists()
    assert "SciPy" in entries(target)


@pytest.mark.parametrize(
    "content",
    [b"# Caf\xe9\n", b"\x00\x01\x02\xff\xfe binary", b"\xef\xbb\xbf# BOM\n\xc3"],
    ids=["latin-1", "binary", "truncated"],
)
def test_unreadable_source_writes_nothing(run, tmp_path, content: bytes) -> None:
    target = tmp_path / "out"
    target.mkdir()
    missing = run("import", str(tmp_path / "nope.md"), "--into", str(target))
    assert missing.code == 2 and "nope.md:1:1: error: can't be read" in missing.err
    (tmp_path / "bad.md").write_bytes(content)
    result = run("import", str(tmp_path / "bad.md"), "--into", str(target))
    assert result.code == 2 and "not UTF-8" in result.err
    assert "Traceback" not in result.err
    assert list(target.iterdir()) == []


def test_any_markdown_imports_without_a_traceback(run, tmp_path) -> None:
    source = tmp_path / "odd.md"
    source.write_text(
        "- " * 60 + "[deep](https://deep.example.org)\n\n" + "> " * 60 + "quote\n\n"
        "## \n\n- \n- [](https://empty.example.org)\n- [x](<>)\n\n```\n- [code](https://c.org)\n"
        "\n[ref]: https://unused.example.org\n",
        encoding="utf-8",
    )
    target, report = imported(run, tmp_path, source)
    assert run("check", "--root", str(target)).code in (0, 1)
    urls = {item["url"] for item in report["not_imported"]}
    assert "https://unused.example.org" in urls or "https://unused.example.org" in written(target)


# -- a README listsmith rendered comes back as the data it was rendered from ----------------


def data_of(root: Path) -> list[dict]:
    """Entries as comparable data: topics by title, descriptions on one line."""
    project = load_project(root)
    titles = {t["id"]: t["title"] for t in project.index.data.get("topics", [])}
    found = []
    for entry in project.entries:
        data = dict(entry.data)
        data["topics"] = [titles[t] for t in data.get("topics", [])]
        data["description"] = " ".join(data.get("description", "").split())
        data.pop("parent", None)
        data.pop("added", None)  # the README doesn't show when an entry joined
        found.append(data)
    return sorted(found, key=lambda d: d["url"])


@pytest.mark.parametrize(
    "source", [REPO, FIXTURES / "golden"], ids=["this-repository", "hostile-golden"]
)
def test_round_trip(source: Path, tmp_path: Path) -> None:
    original = tmp_path / "original"
    shutil.copytree(source / "resources", original / "resources")
    shutil.copy(REPO / "schema.json", original / "schema.json")
    if (source / CONFIG).exists():
        shutil.copy(source / CONFIG, original / CONFIG)
    readme = (source / "README.md").read_text(encoding="utf-8")
    assert render_readme(load_project(original)) == readme
    result = parse(readme)
    assert result.skipped == []
    write(result, tmp_path / "again", force=False)
    again = load_project(tmp_path / "again")
    assert render_readme(again) == readme
    assert data_of(tmp_path / "again") == data_of(original)
    assert again.index.data["title"] == load_project(original).index.data["title"]


def test_round_trip_keeps_settings_at_their_defaults(tmp_path: Path) -> None:
    write(parse((FIXTURES / "golden" / "README.md").read_text()), tmp_path, force=False)
    assert re.search(r"^render: \{\}$", (tmp_path / "listsmith.yaml").read_text(), re.M)


@pytest.mark.parametrize(
    "text",
    [
        "<div>\n\t<img src=x>\n</div>",
        "trailing spaces  \nmake a break",
        "  indented first line\nthen not",
        "\nstarts blank",
        "ends with newlines\n\n\n",
        "a line separator\u2028inside",
        "a carriage\r\nreturn",
        "# not a comment\n- not a list",
        "key: value\n'quoted' \"both\"",
    ],
)
def test_the_index_keeps_the_lists_own_text_exactly(text: str) -> None:
    data = {"title": "T", "intro": text, "sections": [{"id": "s", "title": "S", "footer": text}]}
    loaded = yaml.safe_load(index_yaml(data))
    assert loaded == data


def test_round_trip_with_a_topic_index_and_no_contents(tmp_path: Path) -> None:
    original = tmp_path / "original"
    shutil.copytree(FIXTURES / "golden" / "resources", original / "resources")
    shutil.copy(REPO / "schema.json", original / "schema.json")
    (original / CONFIG).write_text(
        "render:\n  targets:\n    readme:\n      topics_index: true\n      contents: false\n"
    )
    readme = render_readme(load_project(original))
    assert "## Topics" in readme
    write(parse(readme), tmp_path / "again", force=False)
    again = load_project(tmp_path / "again")
    assert render_readme(again) == readme
    assert data_of(tmp_path / "again") == data_of(original)


def test_a_setext_title_comes_back_as_one(tmp_path: Path) -> None:
    """Bug: a title written with === under it came back as # Title."""
    source = (
        "Awesome Things\n==============\n\n> Things.\n\n"
        "## Tools\n\n- [A](https://a.org/) - A tool.\n"
    )
    write(parse(source), tmp_path, force=False)
    rendered = render_readme(load_project(tmp_path))
    assert rendered.startswith("Awesome Things\n==============\n")
    assert "# Awesome Things" not in rendered

"""Any list's shape: nested sections, the maintainer's order, sub-items, optional fields."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from listsmith import markdown, view
from listsmith.project import load_project
from listsmith.render import readme
from listsmith.schema import SchemaChecker
from listsmith.validate import validate

from .conftest import REPO
from .judges import awesome_lint, counts


def minimal_schema() -> dict:
    """The bundled schema with only title and url required, as an imported list has it."""
    schema = json.loads((REPO / "schema.json").read_text(encoding="utf-8"))
    schema["required"] = ["title", "url"]
    del schema["properties"]["description"]["minLength"]
    return schema


def make(root: Path, index: str, entries: dict[str, str], config: str = "") -> Path:
    (root / "resources").mkdir(parents=True)
    (root / "schema.json").write_text(json.dumps(minimal_schema()), encoding="utf-8")
    (root / "resources" / "index.yaml").write_text(textwrap.dedent(index), encoding="utf-8")
    if config:
        (root / "listsmith.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    for rel, text in entries.items():
        path = root / "resources" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def item(title: str, extra: str = "") -> str:
    slug = title.lower().replace(" ", "-").replace(".", "")
    return f"title: {title}\nurl: https://{slug}.example.org/\n{extra}"


NESTED = """\
title: Awesome Nest
heading: Awesome Nest [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)
intro: Nested things.
sections:
  - id: platforms
    title: Platforms
    order: [node-js, cross-platform, ios, {section: linux}, android]
    sections:
      - id: linux
        title: Linux
        style: item
        description: The penguin.
  - id: go
    title: Go
    sections:
      - id: web
        title: Web Frameworks
        order: -added
  - id: tools
    title: Tools
    style: bold
    sections:
      - id: cli
        title: Command Line
"""


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    return make(
        tmp_path / "nest",
        NESTED,
        {
            "platforms/node-js.yaml": item(
                "Node.js", "description: Runs JavaScript outside a browser.\n"
            ),
            "platforms/cross-platform.yaml": item("Cross Platform", "parent: node-js\n"),
            "platforms/ios.yaml": item("iOS"),
            "platforms/android.yaml": item("Android"),
            "platforms/linux/containers.yaml": item("Containers"),
            "go/web/gin.yaml": item("Gin", "added: '2024-01-01'\n"),
            "go/web/echo.yaml": item("Echo", "added: '2025-01-01'\n"),
            "go/web/beego.yaml": item("Beego"),
            "tools/cli/cobra.yaml": item("Cobra", "tags: [Go, MIT]\n"),
        },
    )


def test_nested_list_is_clean_and_renders_every_level(nested: Path) -> None:
    project = load_project(nested)
    assert validate(project) == []
    text = readme(project)
    body = text[text.index("## Platforms") :]
    assert body.startswith(
        "## Platforms\n\n"
        "- [Node.js](https://nodejs.example.org/) - Runs JavaScript outside a browser.\n"
        "  - [Cross Platform](https://cross-platform.example.org/)\n"
        "- [iOS](https://ios.example.org/)\n"
        "- Linux - The penguin.\n"
        "  - [Containers](https://containers.example.org/)\n"
        "- [Android](https://android.example.org/)\n\n"
        "## Go\n\n### Web Frameworks\n\n"
        "- [Echo](https://echo.example.org/)\n"
        "- [Gin](https://gin.example.org/)\n"
        "- [Beego](https://beego.example.org/)\n\n"
        "**Tools**\n\n## Command Line\n\n"
    )
    contents = text[text.index("## Contents") : text.index("## Platforms")]
    assert contents == (
        "## Contents\n\n- [Platforms](#platforms)\n- [Go](#go)\n"
        "  - [Web Frameworks](#web-frameworks)\n- [Command Line](#command-line)\n\n"
        "9 resources.\n\n"
    )


def test_view_counts_and_walks_in_display_order(nested: Path) -> None:
    the_view = view.build(load_project(nested))
    assert the_view.entry_count == 9
    assert [e.title for e in the_view.walk()][:6] == [
        "Node.js",
        "Cross Platform",
        "iOS",
        "Containers",
        "Android",
        "Echo",
    ]
    platforms = the_view.sections[0]
    assert [getattr(i, "title", None) for i in platforms.items] == [
        "Node.js",
        "iOS",
        "Linux",
        "Android",
    ]
    cobra = next(e for e in the_view.walk() if e.title == "Cobra")
    assert cobra.tags == ("Go", "MIT") and cobra.authors == () and cobra.free is None


def test_nested_readme_passes_awesome_lint(nested: Path) -> None:
    (nested / "README.md").write_text(readme(load_project(nested)), encoding="utf-8")
    assert counts(awesome_lint(nested / "README.md")) == {}


def test_title_order_ignores_case_and_field_order_puts_missing_last(tmp_path: Path) -> None:
    root = make(
        tmp_path / "l",
        """\
        title: T
        intro: I.
        sections:
          - {id: a, title: A}
          - {id: b, title: B, order: added}
        """,
        {
            "a/z.yaml": item("zeta"),
            "a/y.yaml": item("Alpha"),
            "a/x.yaml": item("beta"),
            "b/one.yaml": item("One", "added: '2023-05-01'\n"),
            "b/two.yaml": item("Two"),
            "b/three.yaml": item("Three", "added: '2021-01-01'\n"),
        },
    )
    sections = view.build(load_project(root)).sections
    assert [e.title for e in sections[0].entries] == ["Alpha", "beta", "zeta"]
    assert [e.title for e in sections[1].entries] == ["Three", "One", "Two"]


def test_default_order_comes_from_the_settings(tmp_path: Path) -> None:
    root = make(
        tmp_path / "l",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A}\n",
        {
            "a/old.yaml": item("Old", "added: '2020-01-01'\n"),
            "a/new.yaml": item("New", "added: '2026-01-01'\n"),
        },
        config="render:\n  order: -added\n",
    )
    assert [e.title for e in view.build(load_project(root)).walk()] == ["New", "Old"]


def problems(root: Path) -> list[tuple[str, int, int, str, str]]:
    return [(p.path, p.line, p.col, p.level.value, p.rule) for p in validate(load_project(root))]


def test_curated_order_missing_twice_and_unknown(tmp_path: Path) -> None:
    root = make(
        tmp_path / "l",
        """\
        title: T
        intro: I.
        sections:
          - id: a
            title: A
            order: [one, one, ghost, {section: nowhere}]
        """,
        {"a/one.yaml": item("One"), "a/two.yaml": item("Two")},
    )
    assert problems(root) == [
        ("resources/a/two.yaml", 1, 1, "error", "order-complete"),
        ("resources/index.yaml", 6, 18, "error", "order-complete"),
        ("resources/index.yaml", 6, 23, "error", "order-reference"),
        ("resources/index.yaml", 6, 30, "error", "order-reference"),
    ]
    # Unlisted entries still show, after the listed ones.
    assert [e.title for e in view.build(load_project(root)).walk()] == ["One", "Two"]


def test_parent_must_exist_and_not_loop(tmp_path: Path) -> None:
    root = make(
        tmp_path / "l",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A}\n",
        {
            "a/one.yaml": item("One", "parent: two\n"),
            "a/two.yaml": item("Two", "parent: one\n"),
            "a/three.yaml": item("Three", "parent: nobody\n"),
        },
    )
    assert problems(root) == [
        ("resources/a/one.yaml", 3, 9, "error", "parent"),
        ("resources/a/three.yaml", 3, 9, "error", "parent"),
        ("resources/a/two.yaml", 3, 9, "error", "parent"),
    ]
    # A loop can't hang the view: both entries still show once.
    assert sorted(e.title for e in view.build(load_project(root)).walk()) == ["One", "Three", "Two"]


def test_a_point_follows_a_sub_entry_of_its_own_entry(tmp_path: Path) -> None:
    """A point's ``after`` names one of its entry's sub-entries; one naming another entry's,
    or none, is shown last and reported, and a point under a point may not have one."""
    points = (
        "details:\n"
        "  - text: Kept.\n    after: kid\n"
        "  - text: Lost.\n    after: stranger\n"
        "  - text: Outer.\n    details:\n      - {text: Inner., after: kid}\n"
    )
    root = make(
        tmp_path / "l",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A, order: [one, kid, stranger]}\n",
        {
            "a/one.yaml": item("One", points),
            "a/kid.yaml": item("Kid", "parent: one\n"),
            "a/stranger.yaml": item("Stranger"),
        },
    )
    assert problems(root) == [
        ("resources/a/one.yaml", 7, 12, "error", "point-after"),
        ("resources/a/one.yaml", 10, 31, "error", "point-after"),
    ]
    (one, _) = view.build(load_project(root)).sections[0].items
    shown = [getattr(sub, "text", None) or sub.title for sub in one.below]
    assert shown == ["Outer.", "Kid", "Kept.", "Lost."]


def test_an_after_that_is_not_text_is_the_schema_s_to_report(tmp_path: Path) -> None:
    """A reviewer's case: ``after: [kid]`` crashed check, validate and render with a
    TypeError (the rule looked it up in a set) instead of the schema's problem."""
    root = make(
        tmp_path / "l",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A}\n",
        {
            "a/one.yaml": item("One", "details:\n  - text: Kept.\n    after: [kid]\n"),
            "a/kid.yaml": item("Kid", "parent: one\n"),
        },
    )
    assert [p[-1] for p in problems(root)] == ["schema"]


def test_list_item_section_holds_only_list_item_sections(tmp_path: Path) -> None:
    root = make(
        tmp_path / "l",
        """\
        title: T
        intro: I.
        sections:
          - id: a
            title: A
            style: item
            sections:
              - {id: b, title: B}
        """,
        {"a/b/one.yaml": item("One")},
    )
    assert problems(root) == [("resources/index.yaml", 8, 9, "error", "section-style")]


def test_only_the_one_top_level_section_may_show_without_a_heading(tmp_path: Path) -> None:
    """A reviewer's case: a pull request set style: none on a second section, and its entries
    read as the first section's (numbered on from its last), its heading and anchor gone,
    while check said nothing. The rule refuses it; the README still shows the heading."""
    root = make(
        tmp_path / "l",
        """\
        title: T
        intro: I.
        sections:
          - {id: a, title: A}
          - {id: b, title: B, style: none}
        """,
        {"a/one.yaml": item("One"), "b/two.yaml": item("Two")},
    )
    assert problems(root) == [("resources/index.yaml", 5, 30, "error", "section-style")]
    assert "\n## B\n" in readme(load_project(root))
    alone = make(
        tmp_path / "m",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A, style: none}\n",
        {"a/one.yaml": item("One")},
    )
    assert problems(alone) == [] and "## A" not in readme(load_project(alone))


def test_render_refuses_broken_references_but_not_style_findings(tmp_path: Path, run) -> None:
    root = make(
        tmp_path / "l",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A}\n",
        {"a/one.yaml": item("One", "description: lowercase and no period\n")},
    )
    result = run("render", "--root", str(root))
    assert result.code == 0 and "rendered despite 2 style error(s)" in result.err
    assert "no problems" not in result.out  # issue #18: the two messages contradicted
    assert (root / "README.md").is_file()
    assert run("check", "--root", str(root)).code == 1
    (root / "resources" / "a" / "two.yaml").write_text(item("Two", "parent: ghost\n"))
    before = (root / "README.md").read_bytes()
    result = run("render", "--root", str(root))
    assert result.code == 1 and "[parent]" in result.out and "nothing written" in result.err
    assert (root / "README.md").read_bytes() == before


def test_unclosed_html_comment_in_a_section_text_is_refused(tmp_path: Path) -> None:
    root = make(
        tmp_path / "l",
        """\
        title: T
        intro: |
          Fine <!-- a closed comment --> here.
        sections:
          - id: a
            title: A
            description: |
              Text, then
              <!-- never closed
          - id: b
            title: B
            description: |
              ```sh
              an open fence
        """,
        {"a/one.yaml": item("One"), "b/two.yaml": item("Two")},
    )
    found = [p for p in validate(load_project(root)) if p.rule == "markdown-closed"]
    assert [(p.line, p.message.split(" (")[0]) for p in found] == [
        (7, "the HTML comment"),
        (12, "the code block opened with ```"),
    ]


def test_markdown_descriptions_allow_inline_links_but_not_html(tmp_path: Path) -> None:
    root = make(
        tmp_path / "l",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A}\n",
        {
            "a/one.yaml": item(
                "One", "description: Wraps [gym](https://gym.example.org/) with `code`.\n"
            ),
            "a/two.yaml": item("Two", "description: 'Has <b>html</b> and ![img](x.png).'\n"),
            "a/three.yaml": item("Three", "description: 'A [local](/etc/passwd) link.'\n"),
        },
        config="render:\n  descriptions: markdown\n",
    )
    found = {p.path: p.message for p in validate(load_project(root)) if p.rule == "markdown-inline"}
    assert set(found) == {"resources/a/two.yaml", "resources/a/three.yaml"}
    assert "html" in found["resources/a/two.yaml"]
    (root / "resources/a/two.yaml").unlink()
    (root / "resources/a/three.yaml").unlink()
    text = readme(load_project(root))
    assert (
        "- [One](https://one.example.org/) - Wraps [gym](https://gym.example.org/) with `code`."
        in text
    )


_md = MarkdownIt("commonmark")
_printable = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())
_url = st.from_regex(
    r"https://[a-z]{1,12}\.example\.org/[a-zA-Z0-9_~()?=&%.-]{0,20}", fullmatch=True
)


@st.composite
def minimal_entries(draw: st.DrawFn) -> dict:
    """Any entry valid under a schema that requires only title and url."""
    data = {"title": draw(_printable), "url": draw(_url)}
    optional = {
        "description": _printable,
        "authors": st.lists(_printable, min_size=1, max_size=3, unique=True),
        "tags": st.lists(_printable, max_size=3, unique=True),
        "level": st.sampled_from(["beginner", "intermediate", "advanced"]),
        "free": st.booleans(),
        "links": st.lists(st.fixed_dictionaries({"label": _printable, "url": _url}), max_size=2),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            data[name] = draw(strategy)
    return data


@pytest.fixture(scope="module")
def minimal_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(
        tmp_path_factory.mktemp("minimal") / "l",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A}\n",
        {"a/entry.yaml": item("Placeholder")},
    )


MINIMAL = SchemaChecker(minimal_schema())


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entry=minimal_entries())
def test_any_entry_valid_under_a_minimal_schema_renders(minimal_list: Path, entry: dict) -> None:
    path = minimal_list / "resources" / "a" / "entry.yaml"
    path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    project = load_project(minimal_list)
    (doc,) = [e.doc for e in project.entries]
    # Hypothesis may draw what YAML or the schema's limits refuse: draw again.
    assume(doc is not None and not MINIMAL.check_entry("entry.yaml", doc))
    text = readme(project)
    # The entry's line, not the contents' "- [A](#a)" (a description may hold "](#" too).
    lines = [
        line
        for line in text.splitlines()
        if line.startswith("- [") and not re.fullmatch(r"- \[[^\]]*\]\(#[^)]*\)", line)
    ]
    assert len(lines) == 1  # one item, on one line, whatever the text holds
    (inline,) = [t for t in _md.parse(lines[0]) if t.type == "inline"]
    links = [c.attrs["href"] for c in inline.children or [] if c.type == "link_open"]
    assert links == [
        markdown.link_url(u) for u in [entry["url"], *(x["url"] for x in entry.get("links", []))]
    ]


def test_bundled_readme_passes_awesome_lint() -> None:
    """Our own README, every rule but those that judge the repository around it."""
    assert counts(awesome_lint(REPO / "README.md")) == {}


def test_scaffolded_readme_passes_awesome_lint(tmp_path: Path, run) -> None:
    target = tmp_path / "new-list"
    assert run("init", str(target), "--install", "pip install listsmith==0.1.0").code == 0
    assert counts(awesome_lint(target / "README.md")) == {}


def test_newest_or_reverse_alphabetical_first(tmp_path: Path) -> None:
    root = make(
        tmp_path / "l",
        "title: T\nintro: I.\nsections:\n  - {id: a, title: A, order: -title}\n",
        {f"a/{n.lower()}.yaml": item(n) for n in ("Go", "Gopher", "al", "Alpha", "Example")},
    )
    titles = [e.title for e in view.build(load_project(root)).walk()]
    assert titles == ["Gopher", "Go", "Example", "Alpha", "al"]

"""README rendering: the golden file, determinism, escaping and anchors."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from listsmith import markdown
from listsmith.project import load_project
from listsmith.render import readme as render_readme

from .conftest import FIXTURES, INDEX, REPO

GOLDEN = FIXTURES / "golden"


def golden_copy(tmp_path: Path) -> Path:
    root = tmp_path / "golden"
    shutil.copytree(GOLDEN / "resources", root / "resources")
    shutil.copy(REPO / "schema.json", root / "schema.json")
    return root


def test_golden_readme(tmp_path: Path) -> None:
    text = render_readme(load_project(golden_copy(tmp_path)))
    assert text == (GOLDEN / "README.md").read_text(encoding="utf-8")


def test_output_is_deterministic_lf_with_one_final_newline(tmp_path: Path) -> None:
    root = golden_copy(tmp_path)
    first = render_readme(load_project(root))
    # File order on disk must not matter: recreate the files in reverse order.
    files = sorted((root / "resources").rglob("*.yaml"), reverse=True)
    contents = {f: f.read_bytes() for f in files}
    for f in files:
        f.unlink()
    for f in files:
        f.write_bytes(contents[f])
    second = render_readme(load_project(root))
    assert first == second
    assert "\r" not in first
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_entries_sorted_by_title_ignoring_case(tmp_path: Path) -> None:
    text = render_readme(load_project(golden_copy(tmp_path)))
    assert text.index("[alpha tool]") < text.index("[Beta Tool]") < text.index("[Evil")


def test_custom_template_from_the_lists_templates_folder(tmp_path: Path) -> None:
    root = golden_copy(tmp_path)
    (root / "templates").mkdir()
    (root / "templates" / "mine.j2").write_text(
        "{% for s in sections %}{{ s.title | md }}={{ s.entries | length }};{% endfor %}\n"
    )
    (root / "listsmith.yaml").write_text("render:\n  targets:\n    readme: {template: mine.j2}\n")
    assert render_readme(load_project(root)) == "Contents=3;Reading & Notes=1;\n"


def test_github_anchors() -> None:
    seen: dict[str, int] = {}
    assert (
        markdown.heading_anchor("Video courses and lectures", seen) == "video-courses-and-lectures"
    )
    assert markdown.heading_anchor("Reading & Notes", seen) == "reading--notes"
    assert markdown.heading_anchor("C++ (2nd ed.)", seen) == "c-2nd-ed"
    assert markdown.heading_anchor("Éléments d'algèbre", seen) == "éléments-dalgèbre"
    assert markdown.heading_anchor("Books", seen) == "books"
    assert markdown.heading_anchor("Books", seen) == "books-1"
    assert markdown.heading_anchor("books", seen) == "books-2"


_md = MarkdownIt("commonmark").enable(["strikethrough", "table"])
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), max_size=80)


def _inline_tokens(source: str):
    (paragraph,) = [t for t in _md.parse(source) if t.type == "inline"]
    return paragraph.children


@settings(max_examples=300, deadline=None)
@given(_text.filter(lambda s: s.strip()))
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    """Whatever a contributor writes, the README shows those words and no markup."""
    tokens = _inline_tokens("x " + markdown.escape(text))
    assert {t.type for t in tokens} == {"text"}
    assert "".join(t.content for t in tokens) == "x " + " ".join(text.split())


@settings(max_examples=200, deadline=None)
@given(_text.filter(lambda s: s.strip()), _text.filter(lambda s: s.strip()))
def test_escaped_title_is_one_link_to_the_given_url(title: str, path: str) -> None:
    url = "https://example.org/" + "".join(path.split())
    tokens = _inline_tokens(f"[{markdown.escape(title)}]({markdown.link_url(url)}) after")
    kinds = [t.type for t in tokens]
    assert kinds.count("link_open") == 1 and kinds[0] == "link_open"
    assert {t.type for t in tokens} <= {"link_open", "link_close", "text"}
    inside = tokens[1 : kinds.index("link_close")]
    assert "".join(t.content for t in inside) == " ".join(title.split())
    assert tokens[-1].content == " after"


def test_a_section_s_bullet_outside_the_schema_s_is_not_written(make_list) -> None:
    """A section's bullet is written before every item's line: one the schema would refuse
    (an index that skipped the check) falls back to the list's, as an emphasis does."""
    index = INDEX.replace("    title: Books\n", "    title: Books\n    bullet: '# <b>'\n")
    listed = make_list(index)
    listed.entry("books/one.yaml")
    readme = render_readme(load_project(listed.root))
    assert "<b>" not in readme and "\n- [Title of books/one.yaml]" in readme

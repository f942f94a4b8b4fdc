"""``markdown.escape`` (the README template's ``md`` filter): a title shows exactly as
written and opens nothing, wherever the template puts it, and only what would change how it
reads is escaped, so an adopted list's lines come back as the list wrote them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from listsmith import markdown
from listsmith.project import load_project
from listsmith.render import readme as render_readme

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.mark.parametrize(
    "title",
    [
        "ex_aws",  # awesome-elixir: 405 of its 414 rewritten lines were these
        "phoenix_live_view",
        "ecto_materialized_path",
        "foo__bar",
        "snake_case_2",
        "naïve_bayes",
        "数据_处理",
        "a _ b",  # a space on both sides: neither left- nor right-flanking
        "Storyboard -> SwiftUI Converter",  # awesome-ios
        "a > b",
        "Art & Design",
        "#100DaysOfCode",
        "C#",
        "1.5 things",
    ],
)
def test_text_that_reads_the_same_unescaped_is_written_as_it_is(title: str) -> None:
    assert markdown.escape(title) == title


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("_private", "\\_private"),  # a "_" at a word's edge opens or closes emphasis
        ("trailing_", "trailing\\_"),
        ("__init__", "\\_\\_init\\_\\_"),
        ("snake_(case)", "snake\\_(case)"),  # punctuation after: it can close
        ("a_ b", "a\\_ b"),
        ("x*y", "x\\*y"),  # "*" opens emphasis inside a word too
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("a|b", "a\\|b"),
        ("[x](y)", "\\[x\\](y)"),
        ("`code`", "\\`code\\`"),
        ("<b>bold</b>", "&lt;b>bold&lt;/b>"),
        ("&copy; 2024", "&amp;copy; 2024"),
        ("C:\\path", "C:\\path"),  # before a letter a backslash is just a backslash
        ("a\\*", "a\\\\\\*"),
        ("ends in \\", "ends in \\\\"),
        ("> quote", "\\> quote"),  # a block quote after "- " or at a line's start
        ("# heading", "\\# heading"),
        ("###### six", "\\###### six"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("---", "\\---"),
        ("1. first", "1\\. first"),
        ("2024) year", "2024\\) year"),
        ("C #", "C \\#"),  # an ATX heading would drop a closing "#" run
        ("#######", "\\#######"),
    ],
)
def test_what_would_change_the_text_is_escaped(title: str, written: str) -> None:
    assert markdown.escape(title) == written


# Every character that means something somewhere in CommonMark or GFM, letters and digits of
# a few scripts for "_" to sit between, spaces, and pieces that are markup only together.
_PIECES = st.one_of(
    st.sampled_from([*"_*`[]|~<>&#-+=.)(!\\:;\"' ", "a", "Z", "9", "é", "中", "Ω", "٣"]),
    st.sampled_from(
        [
            "_",
            "__",
            " _ ",
            "a_b",
            "&amp;",
            "&#38;",
            "&#x26;",
            "&copy;",
            "&lt;",
            "<a>",
            "<b>",
            "-->",
            "![",
            "](https://e.org/)",
            "<https://e.org/>",
            "1. ",
            "9) ",
            "> ",
            "# ",
            "###### ",
            "- ",
            "---",
            "***",
            "___",
            "```",
            "~~~",
            "\\",
            "\\_",
            "\t",
            "  ",
        ]
    ),
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")),
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=24).map("".join).filter(lambda s: s.strip())


def _shown(tokens: list[Token] | None) -> list[Token]:
    """Tokens that show something: markdown-it leaves an empty text token where a
    delimiter run it matched stood."""
    return [t for t in tokens or [] if not (t.type == "text" and not t.content)]


def _only_text(children: list[Token], written: str, shown: str) -> None:
    children = _shown(children)
    assert [t.type for t in children] == ["text"], (written, children)
    assert children[0].content == shown, written


def _inline(tokens: list[Token], opener: str) -> list[Token]:
    kinds = [t.type for t in tokens]
    (inline,) = [t for t in tokens if t.type == "inline"]
    assert opener in kinds, kinds
    return _shown(inline.children)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_escaped_text_is_one_text_run_showing_the_text_wherever_it_stands(text: str) -> None:
    """In a link's text, a list item, a table cell, a heading, bold, or after other words:
    exactly one run of text with the contributor's words (spaces collapsed), nothing else."""
    written = markdown.escape(text)
    shown = " ".join(text.split())
    assert "\n" not in written

    # After other words on a line, as a description's metadata facts are.
    (paragraph,) = [t for t in _MD.parse("x " + written) if t.type == "inline"]
    _only_text(paragraph.children or [], written, "x " + shown)

    # A link's text: one link, to the URL after it, holding only the text.
    tokens = _MD.parse(f"- [{written}](https://x.example/) after")
    children = _inline(tokens, "bullet_list_open")
    assert [t.type for t in children] == ["link_open", "text", "link_close", "text"], written
    assert children[0].attrs["href"] == "https://x.example/"
    assert children[1].content == shown and children[3].content == " after"

    # A list item's own words, as a group's title is written ("- {{ item.title | md }}").
    tokens = _MD.parse(f"- {written}\n")
    assert [t.type for t in tokens] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ], written
    _only_text(tokens[3].children or [], written, shown)

    # A table cell, the title column's link among them.
    tokens = _MD.parse(f"| A | B |\n| - | - |\n| {written} | [{written}](https://x.example/) |\n")
    cells = [t for t in tokens if t.type == "inline"][2:]
    assert len(cells) == 2, written
    _only_text(cells[0].children or [], written, shown)
    link = _shown(cells[1].children)
    assert [t.type for t in link] == ["link_open", "text", "link_close"], written
    assert link[1].content == shown

    # A section heading, ATX and setext (the list's own title may be underlined).
    for source in (f"## {written}\n", f"{written}\n===\n"):
        tokens = _MD.parse(source)
        assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"], source
        _only_text(tokens[1].children or [], written, shown)

    # A bold section title.
    children = _inline(_MD.parse(f"**{written}**\n"), "paragraph_open")
    assert [t.type for t in children] == ["strong_open", "text", "strong_close"], written
    assert children[1].content == shown


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_escaping_twice_shows_the_escaped_text(text: str) -> None:
    """Escaping is a function of the text alone: the written form of a written form shows
    that written form, so nothing the escapes add is read as markup either."""
    written = markdown.escape(text)
    (paragraph,) = [t for t in _MD.parse("x " + markdown.escape(written)) if t.type == "inline"]
    _only_text(paragraph.children or [], written, "x " + written)


def test_a_rendered_readme_writes_titles_as_given_and_links_its_headings(make_list) -> None:
    """Section headings, the contents' links to them and entry titles, through the built-in
    template: written as the list gives them, and each contents link finds its heading by
    the id GitHub gives the heading's rendered words."""
    lst = make_list(
        "title: ex_aws list\nintro: A list.\nsections:\n"
        "  - id: books\n    title: snake_case -> tools\n"
        "  - id: videos\n    title: '# not a heading _here_'\n"
        "topics:\n  - id: calculus\n    title: Calculus\n"
    )
    lst.entry("books/a.yaml", title="phoenix_live_view")
    lst.entry("books/b.yaml", title="Storyboard -> SwiftUI Converter")
    lst.entry("videos/c.yaml", title="_private <b>")
    text = render_readme(load_project(lst.root))
    assert "- [phoenix_live_view](https://example.org/books/a.yaml)" in text
    assert "- [Storyboard -> SwiftUI Converter](https://example.org/books/b.yaml)" in text
    assert "- [\\_private &lt;b>](https://example.org/videos/c.yaml)" in text
    assert "## snake_case -> tools\n" in text
    assert "## \\# not a heading \\_here\\_\n" in text

    tokens = _MD.parse(text)
    ids: list[str] = []
    seen: dict[str, int] = {}
    for at, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            words = tokens[at + 1].content
            shown = "".join(t.content for t in tokens[at + 1].children or [])
            assert "\\" not in shown and "&" not in shown, words
            ids.append(markdown.heading_anchor(shown, seen))
    links = [
        t.attrs["href"]
        for inline in tokens
        if inline.type == "inline"
        for t in inline.children or []
        if t.type == "link_open" and str(t.attrs["href"]).startswith("#")
    ]
    assert links == ["#snake_case---tools", "#-not-a-heading-_here_"]
    assert {link[1:] for link in links} <= set(ids)

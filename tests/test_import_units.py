"""The import's parts one by one: tokens, the URL ledger, titles, tables of contents, dates."""

from __future__ import annotations

import pytest

from listsmith.importer import contents, dates, headings, parse, styles, tokens
from listsmith.importer.ledger import Ledger, bare_urls, html_urls
from listsmith.importer.model import ImportedSection
from listsmith.rules import markdown_inline


@pytest.mark.parametrize(
    "markdown",
    [
        "Plain words, with a comma.",
        "Escapes \\* stay \\_ as \\[written\\] and &amp; entities too.",
        "Code `x` and `` `ticks` `` and ``a`b``.",
        "*Stars* and _underscores_ and **bold** and __bold__.",
        # Titles in single quotes, as awesome-lint's link-title-style asks.
        "A [link](https://example.org/a_(b)) and [titled](https://e.org 'T').",
        "An autolink <https://example.org/x> and an image ![alt](https://e.org/i.png).",
        "Raw <sup>HTML</sup> stays.",
    ],
)
def test_inline_tokens_come_back_as_written(markdown: str) -> None:
    assert tokens.to_markdown(tokens.inline(markdown)) == markdown


def test_plain_words_undo_markup() -> None:
    children = tokens.inline("A *b* `c` \\* [d](https://e.org) ![img](x.png) <b>e</b>")
    assert tokens.plain(children) == "A b c * d e"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("see https://example.org/a_b.", ["https://example.org/a_b"]),
        (
            "(https://example.org/x) and www.example.org/y?",
            ["https://example.org/x", "www.example.org/y"],
        ),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("no URL here, www. alone", []),
    ],
)
def test_bare_urls_as_github_links_them(text: str, found: list[str]) -> None:
    assert bare_urls(text) == found


def test_html_addresses() -> None:
    html = (
        "<a href=\"https://a.org/?x=1&amp;y=2\"><img src='logo.png' "
        'srcset="s1.png 1x, s2.png 2x"></a><a href="#top">'
    )
    assert html_urls(html) == ["https://a.org/?x=1&y=2", "logo.png", "s1.png", "s2.png"]


def test_the_ledger_reports_what_no_reader_settled() -> None:
    source = "[a](https://a.org) and [b](https://b.org/_)\n\n[unused]: https://ref.org\n"
    stream, env = tokens.parse(source)
    ledger = Ledger(stream, env, source.splitlines())
    inline = next(t for t in stream if t.type == "inline")
    ledger.settle((inline.children or [])[:3])  # the first link only
    assert [(s.line, s.url, s.why) for s in ledger.finish()] == [
        (1, "https://b.org/_", "not in a list item the import understands"),
        (3, "https://ref.org", "a link reference definition no link uses"),
    ]


def test_title_heading_parts() -> None:
    found = headings.title(
        tokens.inline(
            "[Awesome X](https://x.org) [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
        )
    )
    assert found.name == "Awesome X"
    assert found.homepage is not None and found.homepage.href == "https://x.org"
    assert (
        tokens.to_markdown(found.badges)
        == "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
    )
    plain = headings.title(tokens.inline("Awesome [Go](https://go.dev) Things"))
    assert (plain.name, plain.homepage, [link.href for link in plain.links]) == (
        "Awesome Go Things",
        None,
        ["https://go.dev"],
    )


@pytest.mark.parametrize(
    ("html", "title"),
    [
        ('<div align="center"><img src="logo.svg" alt="Awesome"></div>', "Awesome"),
        ("<h1 align=center>Awesome <b>Things</b></h1><img alt='Logo'>", "Awesome Things"),
        ("<p>No title here</p>", ""),
    ],
)
def test_title_in_html(html: str, title: str) -> None:
    assert headings.html_title(html) == title


def test_heading_kinds() -> None:
    assert headings.kind("🤝 Contributing", generated=False) is headings.HeadingKind.CONTRIBUTING
    assert headings.kind("Licence", generated=False) is headings.HeadingKind.LICENSE
    assert headings.kind("Topics", generated=False) is headings.HeadingKind.SECTION
    assert headings.kind("Topics", generated=True) is headings.HeadingKind.TOPICS


def test_the_table_of_contents_listsmith_writes() -> None:
    groups = ImportedSection(
        "Projects",
        sections=[ImportedSection("AI", style="bold", sections=[ImportedSection("Agents")])],
    )
    tools = ImportedSection("Tools", items=[ImportedSection("Linux", style="item")])
    assert contents.rendered([groups, tools]) == [("Projects", [("Agents", [])]), ("Tools", [])]


def test_urls_come_back_from_the_readme_target_s_encoding() -> None:
    assert (
        styles.unrendered("https://e.org/a_%28x?q=%3Cb%3E&p=%25")
        == "https://e.org/a_(x?q=<b>&p=%25"
    )
    # The README target writes quotes and letters as they are: these escapes are the list's.
    assert (
        styles.unrendered("https://e.org/Caf%C3%A9?q=%22t%22")
        == "https://e.org/Caf%C3%A9?q=%22t%22"
    )
    # So are balanced parentheses: "%28...%29" is how the list wrote it, not the README.
    assert styles.unrendered("https://e.org/a%28x%29b") == "https://e.org/a%28x%29b"
    assert styles.unrendered("https://e.org/a(x)b") == "https://e.org/a(x)b"


def test_blame_lines_become_dates() -> None:
    porcelain = (
        "1111111111111111111111111111111111111111 1 1 1\n"
        "committer-time 1577959200\ncommitter-tz +0000\n\tline one\n"
        "2222222222222222222222222222222222222222 2 2 1\n"
        "committer-time 1614918600\ncommitter-tz -0500\n\tline two\n"
        "0000000000000000000000000000000000000000 3 3 1\n"
        "committer-time 1700000000\ncommitter-tz +0000\n\tnot committed\n"
    )
    assert dates.parse_blame(porcelain) == {1: "2020-01-02", 2: "2021-03-04"}


def test_tags_are_unique() -> None:
    found = parse("# T\n\n## S\n\n- [A](https://a.org) `x` - Does things. `Go` `Go` `x`\n")
    assert found.entries[0].tags == ["Go", "x"]
    assert found.entries[0].marks == "`x`"  # before the separator: it stays there


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("Use the <kbd>⌘ Right Command</kbd> key.", "Use the `⌘ Right Command` key."),
        ("Press <kbd>Ctrl</kbd>+<kbd>K</kbd>.", "Press `Ctrl`+`K`."),
        ("A <code>a`b</code> span.", "A ``a`b`` span."),
        (
            "Very <b>bold</b>, <strong>strong</strong>, <i>slanted</i>.",
            "Very **bold**, **strong**, *slanted*.",
        ),
        ("One<br>two.", "One two."),
        ("Not <b> spaced </b> emphasis.", "Not spaced emphasis."),
        ("New <sup>beta</sup> words.", "New beta words."),
        ("An <b>unclosed tag.", "An unclosed tag."),
        # What a reviewer found would render otherwise than the tags did:
        ("Keys <kbd>⌘</kbd><kbd>K</kbd>.", "Keys `⌘` `K`."),
        ("A <code>a``b</code> span.", "A ```a``b``` span."),
        ("Not a<b>(x)</b>b.", "Not a(x)b."),
        ("Yes (<b>(x)</b>) here.", "Yes (**(x)**) here."),
        # ...and a second reviewer:
        ("Go <b>(y)</b><sup>1</sup> end.", "Go (y)1 end."),
        ("Two <b>x</b><b>y</b> runs.", "Two xy runs."),
        ("A <i>x*</i> star.", "A x* star."),
        ("Mixed <b>a</b> and **b** ok.", "Mixed **a** and **b** ok."),
        # A tag GitHub's tagfilter shows as text (it writes its "<" as "&lt;"): the reader saw
        # it, so it stays, its "<" escaped (awesome-vue's "supports HMR & <style> block.").
        ("Supports HMR & <style> block.", "Supports HMR & \\<style> block."),
        ("A <TextArea rows=2> box.", "A \\<TextArea rows=2> box."),
        ("Runs <script>x</script> here.", "Runs \\<script>x\\</script> here."),
        # ...and a tag GitHub's sanitizer removes, which the reader never saw, is left out
        # (awesome-cpp's "based on the C++11/14/17 <chrono> header.").
        ("Based on the C++11 <chrono> header.", "Based on the C++11 header."),
        ("Not a <style-sheet> tag.", "Not a tag."),
        # A web link in HTML is the link GitHub shows (open-source-ios-apps' screenshots);
        # one to anywhere else keeps its words.
        (
            "See <a href='https://s.example.org/1.png'>`Shot 1`</a>.",
            "See [`Shot 1`](https://s.example.org/1.png).",
        ),
        (
            'Go <a title="t" href="https://x.org/a?b=1&amp;c=2">here</a>.',
            "Go [here](https://x.org/a?b=1&c=2).",
        ),
        ("Bare <a href=https://x.org/>x.org</a> ok.", "Bare [x.org](https://x.org/) ok."),
        ("Not <a href='javascript:alert(1)'>this</a>.", "Not this."),
        ("Nor <a data-href='https://x.org/'>that</a>.", "Nor that."),
        ("Nor <a href='https://x.org/'><b>bold</b></a>.", "Nor **bold**."),
        # ...and what a reviewer found: an address in another attribute's value is not the
        # link's, words that would end the link early keep the link out, and so does a "!"
        # before it, which would make it an image.
        (
            'Six <a title=" href=https://e.org/6" href="https://a.org/6">w</a>.',
            "Six [w](https://a.org/6).",
        ),
        (
            'See <a href="https://g.org/">x](https://e.org/)</a> here.',
            "See x](https://e.org/) here.",
        ),
        ('Wow!<a href="https://g.org/b">shot</a> here.', "Wow!shot here."),
    ],
)
def test_inline_html_in_a_description_becomes_its_markdown_twin(html: str, markdown: str) -> None:
    """Bug: every tag was dropped, so awesome-mac's <kbd>⌘ Right Command</kbd> lost its key cap."""
    found = parse(f"# T\n\n## S\n\n- [A](https://a.org) - {html}\n")
    assert found.entries[0].description == markdown


def test_a_point_under_an_entry_holds_what_a_description_may() -> None:
    """Bug: a point kept its raw HTML, so init refused open-source-ios-apps outright after
    writing (\"a description can't hold html\"), even with --accept-loss. A point now holds
    what a description may: an HTML link becomes Markdown, other HTML is left out and
    reported, in its first paragraph and in those after it."""
    source = (
        "# T\n\n## S\n\n- [A](https://a.org) - An app.\n"
        "  - <a href='https://a.org/1.png'>`Screenshot 1`</a> <span>beta</span>\n\n"
        "    More <img src='https://a.org/i.png'> words.\n"
    )
    found = parse(source)
    (point,) = found.entries[0].details
    assert point.text == "[`Screenshot 1`](https://a.org/1.png) beta More words."
    assert [(s.line, s.url) for s in found.skipped] == [(8, "https://a.org/i.png")]
    assert markdown_inline.problem(point.text) is None


def test_an_html_link_s_other_addresses_are_reported() -> None:
    """A reviewer's case: a second href, a data-href or a src beside the href the link keeps
    were counted as imported, though no entry held them."""
    found = parse(
        "# T\n\n## S\n\n- [A](https://a.org) - See "
        '<a data-href="https://a.org/d" href="https://a.org/1" href="https://a.org/2">it</a>.\n'
    )
    assert found.entries[0].description == "See [it](https://a.org/1)."
    assert sorted(s.url for s in found.skipped) == ["https://a.org/2", "https://a.org/d"]


def test_a_tag_github_shows_as_text_stays_in_the_words() -> None:
    """awesome-vue's "supports HMR & <style> block." came back as "supports HMR & block.",
    reporting nothing: GitHub's tagfilter shows <style> as text, so readers saw the word.
    It stays in the description's words, its title's and its address's report."""
    source = (
        "# T\n\n## S\n\n"
        "- [vite-plugin-svg-sfc](https://github.com/Kaciras/vite-plugin-svg-sfc) Vite plugin to "
        "load SVG file as vue SFC, supports HMR & <style> block.\n"
        "- [The <title> tag](https://t.example.org/) - Loads "
        '<script src="https://cdn.example.org/x.js"> as text.\n'
    )
    found = parse(source)
    svg, title = found.entries
    assert (
        svg.description
        == "Vite plugin to load SVG file as vue SFC, supports HMR & \\<style> block."
    )
    assert svg.plain == "Vite plugin to load SVG file as vue SFC, supports HMR & <style> block."
    assert title.title == "The <title> tag"
    assert title.description == 'Loads \\<script src="https://cdn.example.org/x.js"> as text.'
    assert found.skipped == []  # the address in it is kept, as the text it was
    assert all(
        markdown_inline.problem(e.description) is None for e in found.entries
    )  # and the description holds no raw HTML


def test_a_group_under_an_entry_is_told_where_it_went() -> None:
    """awesome-ruby's "Formatters" under RSpec, awesome-podcasts' "**RSS**" under a show: an
    entry holds points and entries, so the group goes after the entry, at its level. It went
    without a word; init now says so at its line."""
    source = (
        "# T\n\n## S\n\n- [RSpec](https://rspec.info/) - Tests.\n"
        "  - Formatters\n    - [Fuubar](https://fuubar.example.org/) - A bar.\n"
    )
    found = parse(source)
    assert [line for line, _ in found.notes] == [6]
    assert "'RSpec'" in found.notes[0][1]


def test_an_item_left_out_is_named_by_its_words_and_an_empty_one_is_said() -> None:
    """awesome-dotnet-core's "[SecurityDriven.Inferno](github.com/...)": the report named the
    address only, not that the whole item, words and all, was left out. awesome-awesome's
    empty "* " went without a word."""
    source = (
        "# T\n\n## S\n\n- [Inferno](github.com/sdrapkin/Inferno) - Crypto library.\n"
        "- [Other](https://o.example.org/) - Kept.\n- \n"
    )
    found = parse(source)
    (skipped,) = found.skipped
    assert '"Inferno - Crypto library."' in skipped.why
    assert found.notes == [(7, "an empty list item is left out")]


def test_a_table_of_resources_under_the_title_alone_is_its_entries() -> None:
    """TopDeepLearning's table of projects sits under its title with no heading: it gave no
    entries (and init added an example section), though the same table under a heading does.
    A zero-width space beside a cell's pipe stayed in (read as part of the row's address) and
    init then stopped, naming a file it never wrote; it is taken out and said. A first cell
    written as an HTML link is the Markdown link GitHub shows."""
    source = (
        "# Top Projects\n\nA list.\n\n| Project Name | Stars | Description |\n"
        "| ------- | ------ | ------ |\n|[a](https://github.com/a/a)|7.7k|\u200bTool A.|\n"
        '|<a href="https://github.com/b/b">b</a>|7.6k|Tool B.\u200b|\n'
    )
    found = parse(source)
    assert [(e.title, e.url, e.description) for e in found.entries] == [
        ("a", "https://github.com/a/a", "Tool A."),
        ("b", "https://github.com/b/b", "Tool B."),
    ]
    assert [line for line, _ in found.notes] == [7, 8]
    assert found.sections[0].style == "none"


def test_an_item_heading_that_would_take_another_s_anchor_is_shown_as_words() -> None:
    """cs-video-courses has a "#### Software Engineering" item under its "## Software
    Engineering" section: kept a heading, it would take the section's links (markdown-inline
    refuses that, and init stopped). Its name is shown as words, and init says so."""
    source = (
        "# C\n\nV.\n\n## Software Engineering\n\n- #### Software Engineering\n"
        "  - [A](https://a.example.org/)\n- #### Other\n  - [B](https://b.example.org/)\n"
    )
    found = parse(source)
    groups = [s for s in found.walk() if s.style == "item"]
    assert [(s.title, s.heading) for s in groups] == [
        ("Software Engineering", ""),
        ("Other", "#### Other"),
    ]
    assert [line for line, _ in found.notes] == [7]


def test_an_item_heading_is_weighed_against_the_list_s_own_headings_too() -> None:
    """A reviewer's case: an item "- ### License" and the closing "## License". The import
    weighed item headings against the sections' only, kept this one, and init then failed
    its own check (it used to leave the item out, reported)."""
    source = (
        "# C\n\nV.\n\n## Things\n\n- ### License\n  - [A](https://a.example.org/)\n"
        "- ### Other\n  - [B](https://b.example.org/)\n\n## License\n\nMIT.\n"
    )
    found = parse(source)
    groups = [s for s in found.walk() if s.style == "item"]
    assert [(s.title, s.heading) for s in groups] == [("License", ""), ("Other", "### Other")]

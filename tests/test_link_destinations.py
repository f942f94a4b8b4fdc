"""A URL in a Markdown link, ``[text](here)``: written as the list wrote it whenever a link
destination can hold it (balanced parentheses, non-ASCII letters), so an adopted README
gives its lines back; encoded where it could end the link early, carry a title, open raw
HTML or a code span, or hide what it says (bidi controls, zero-width characters, Unicode
spaces). URLs come from pull requests, so the property is proved with the parser."""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from listsmith import markdown, render
from listsmith.importer import parse, tokens, write
from listsmith.project import load_project
from listsmith.tables import cell

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_RAW = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# The destination as the parser read it (escapes and entities undone), not re-encoded by
# markdown-it's own normalising: what the written form means, byte for byte.
_RAW.normalizeLink = lambda url: url  # type: ignore[method-assign]
_RAW.validateLink = lambda url: True  # type: ignore[method-assign]

# Default_Ignorable_Code_Point outside the C and Z categories, and the blank Braille pattern.
_IGNORABLE_ELSEWHERE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0}
_IGNORABLE_ELSEWHERE |= {*range(0x180B, 0x1810), *range(0xFE00, 0xFE10)}
_IGNORABLE_ELSEWHERE |= set(range(0xE0100, 0xE01F0))


def _hidden(char: str) -> bool:
    """A character that shows nothing, moves text around or breaks it: a control, format,
    separator, space, private-use or unassigned one, or a default-ignorable."""
    return unicodedata.category(char)[0] in "CZ" or ord(char) in _IGNORABLE_ELSEWHERE


def _link(parser: MarkdownIt, source: str, around: str = "") -> tuple[str, list[tuple[str, str]]]:
    """The one link ``source`` starts with (inside ``around``'s emphasis: its href), and
    the tokens after it."""
    (paragraph,) = [t for t in parser.parse(source) if t.type == "inline"]
    children = [t for t in paragraph.children or [] if t.type != "text" or t.content]
    kinds = [t.type for t in children]
    shape = ["link_open", "text", "link_close"]
    if around:
        shape = [f"{around}_open", *shape, f"{around}_close"]
    assert kinds[: len(shape)] == shape, (source, kinds)
    link = shape.index("link_open")
    assert children[link + 1].content == "x"
    assert children[link].attrGet("title") is None
    href = str(children[link].attrGet("href"))
    return href, [(t.type, t.content) for t in children[len(shape) :]]


# -- written as the list wrote it ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://en.wikipedia.org/wiki/Boosting_(machine_learning)",
        "https://en.wikipedia.org/wiki/Temporal_difference_learning"
        "#:~:text=Temporal%20difference%20(TD)%20learning%20refers,estimate",
        "https://medium.com/flutter-türkiye/",
        # Persian (as awesome-nlp writes it), its zero-width non-joiner already escaped
        "https://dbrg.ut.ac.ir/\u0628\u06cc\u0698\u0646%E2%80%8C\u062e\u0627\u0646/",
        "https://bücher.example/日本語/café?q=straße#Überblick",
        "https://e.org/a_(b_(c))_d?x=(1)&y=[2]|{3}^~*_!$'\"",
        "https://e.org/" + "(" * 32 + ")" * 32,
        "https://e.org/%28already%29%20escaped%25",
        "https://e.org/&nbsp-not-an-entity&x",
        "",
    ],
)
def test_a_url_a_link_can_hold_is_written_as_is(url: str) -> None:
    assert markdown.link_url(url) == url
    assert markdown.destination(url) == url


# -- encoded where writing it as is would not be safe ----------------------------------------


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("https://e.org/a_(b", "https://e.org/a_%28b"),
        ("https://e.org/a_b)", "https://e.org/a_b%29"),
        ("https://e.org/a)b(c", "https://e.org/a%29b%28c"),  # as many, in the wrong order
        ("https://e.org/(a)(b", "https://e.org/%28a%29%28b"),  # every one, if one is odd
        ("https://e.org/" + "(" * 33 + ")" * 33, "https://e.org/" + "%28" * 33 + "%29" * 33),
        ('https://e.org/a "title"', 'https://e.org/a%20"title"'),
        ("https://e.org/a 'title'", "https://e.org/a%20'title'"),
        ("https://e.org/a\tb\nc\rd", "https://e.org/a%09b%0Ac%0Dd"),
        ("https://e.org/<b>x</b>", "https://e.org/%3Cb%3Ex%3C/b%3E"),
        ("https://e.org/a\\)b", "https://e.org/a%5C%29b"),
        ("https://e.org/a`b", "https://e.org/a%60b"),
        ("https://e.org/?a=1&copy;=2", "https://e.org/?a=1&amp;copy;=2"),
        ("https://e.org/?a=&#40;", "https://e.org/?a=&amp;#40;"),
        ("https://e.org/100%", "https://e.org/100%25"),
        ("https://e.org/%zz%2", "https://e.org/%25zz%252"),
        ("https://e.org/\x00\x1b\x7f\x85", "https://e.org/%00%1B%7F%C2%85"),
        ("https://e.org/txt\u202egpj.exe", "https://e.org/txt%E2%80%AEgpj.exe"),
        ("https://e.org/a\u2066b\u2069", "https://e.org/a%E2%81%A6b%E2%81%A9"),
        ("https://e.org/pay\u200bpal", "https://e.org/pay%E2%80%8Bpal"),
        (
            "https://e.org/a\u200d\u200c\u2060\ufeff",
            "https://e.org/a%E2%80%8D%E2%80%8C%E2%81%A0%EF%BB%BF",
        ),
        ("https://e.org/a\u00adb", "https://e.org/a%C2%ADb"),
        ("https://e.org/a\u00a0b\u3000c", "https://e.org/a%C2%A0b%E3%80%80c"),
        ("https://e.org/a\u2028b\u2029c", "https://e.org/a%E2%80%A8b%E2%80%A9c"),
        ("https://e.org/a\u3164b\u2800c", "https://e.org/a%E3%85%A4b%E2%A0%80c"),
        ("https://e.org/a\ufe0fb\U000e0041", "https://e.org/a%EF%B8%8Fb%F3%A0%81%81"),
        ("https://e.org/\ue000\U0010fffd", "https://e.org/%EE%80%80%F4%8F%BF%BD"),
        ("https://e.org/\u0378", "https://e.org/%CD%B8"),  # unassigned
    ],
)
def test_what_a_link_cannot_hold_or_would_hide_is_encoded(url: str, written: str) -> None:
    assert markdown.link_url(url) == written
    assert markdown.destination(url) == written.replace("&amp;", "&")


# -- the property, by the parser -------------------------------------------------------------

_TRICKY = [
    "(", ")", "()", "((", "))", ")(", "<", ">", "<b>", "<https://x.example>", "\\", "\\)",
    "`", "``", '"', "'", ' "t"', " 't'", " (t)", " ", "\t", "\n", "\r\n", "%", "%2", "%41",
    "%28", "%%", "&", "&amp;", "&copy;", "&#40;", "&#x29;", "&nbsp", "[", "]", "](", "[x]",
    "*", "**", "_", "~~", "|", "#", "?", "!", "![", "ü", "日本", "e\u0301", "\U0001f468\u200d",
    "\u202e", "\u2066", "\u200b", "\u200d", "\u00a0", "\u2028", "\u2029", "\u3000", "\ufeff",
    "\u00ad", "\ufe0f", "\u3164", "\U000e0041", "\x00", "\x7f", "\x85", "\ue000",
]  # fmt: skip
_URLS = st.builds(
    lambda start, parts: start + "".join(parts),
    st.sampled_from(["https://example.org/", "https://bücher.example/", "http://e.org", ""]),
    st.lists(
        st.one_of(
            st.sampled_from(_TRICKY),
            st.characters(blacklist_categories=("Cs",)),
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=4),
        ),
        max_size=24,
    ),
)
_SUFFIX = " after `c` <b>"
_AFTER = [("text", " after "), ("code_inline", "c"), ("text", " "), ("html_inline", "<b>")]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_URLS)
def test_any_url_is_one_link_to_that_url_and_nothing_else(url: str) -> None:
    written = markdown.link_url(url)
    # One link, no title, the text after it untouched (no code span or HTML swallowed).
    href, after = _link(_RAW, f"[x]({written}){_SUFFIX}")
    assert after == _AFTER
    # ...to the URL the list holds: byte for byte, once escapes are read.
    assert unquote_to_bytes(href) == unquote_to_bytes(url)
    # ...and what an import reads back is what is written: the next render is the same.
    assert href == markdown.destination(url) == markdown.destination(href)
    # Inside emphasis, as the README template writes an entry's.
    for mark, kind in (("**", "strong"), ("_", "em"), ("*", "em")):
        assert _link(_RAW, f"{mark}[x]({written}){mark}{_SUFFIX}", kind) == (href, _AFTER)
    assert [kind for kind, _ in _link(_MD, f"[x]({written}) y")[1]] == ["text"]
    # Nothing invisible, no space, nothing that opens HTML, a code span or an escape.
    assert not any(_hidden(c) or c in "<>`\\" for c in written), written


@settings(max_examples=400, deadline=None)
@given(_URLS)
def test_any_url_in_a_table_cell_is_one_link_to_that_url(url: str) -> None:
    row = cell(f"[x]({markdown.link_url(url)})")
    table = _RAW.parse(f"| A | B |\n| - | - |\n| {row} | z |\n")
    cells = [t for t in table if t.type == "inline"]
    assert [t.content for t in cells[:2]] == ["A", "B"] and len(cells) == 4
    children = cells[2].children or []
    assert [t.type for t in children] == ["link_open", "text", "link_close"]
    assert unquote_to_bytes(str(children[0].attrGet("href"))) == unquote_to_bytes(url)


# -- an adopted README keeps its URLs as written ----------------------------------------------

_LINES = [
    "- [Boosting](https://en.wikipedia.org/wiki/Boosting_(machine_learning)) - Ensembles.",
    "- [Temporal difference learning](https://en.wikipedia.org/wiki/Temporal_difference_learning"
    "#:~:text=Temporal%20difference%20(TD)%20learning%20refers,estimate) - A method.",
    "- [Medium](https://medium.com/flutter-türkiye/) - Turkish articles.",
    "- [Bücher](https://bücher.example/straße) - An international name.",
    '- [Quoted](https://e.org/a?q="x"&r=[1]|2) - Quotes, brackets and a pipe.',
]


def test_an_adopted_readme_s_urls_come_back_as_written(tmp_path) -> None:
    source = "# List\n\n## Guides\n\n" + "\n".join(_LINES) + "\n"
    imported = parse(source)
    assert [e.url for e in imported.entries] == [
        "https://en.wikipedia.org/wiki/Boosting_(machine_learning)",
        "https://en.wikipedia.org/wiki/Temporal_difference_learning"
        "#:~:text=Temporal%20difference%20(TD)%20learning%20refers,estimate",
        "https://medium.com/flutter-türkiye/",
        "https://bücher.example/straße",
        'https://e.org/a?q="x"&r=[1]|2',
    ]
    write(imported, tmp_path / "a", force=False)
    rendered = render.readme(load_project(tmp_path / "a"))
    for line in _LINES:
        assert line in rendered.splitlines()


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("<https://e.org/a b>", "https://e.org/a%20b"),
        ("<https://e.org/a_(b>", "https://e.org/a_%28b"),
        ("https://e.org/txt\u202egpj", "https://e.org/txt%E2%80%AEgpj"),
        ("https://e.org/pay\u200bpal", "https://e.org/pay%E2%80%8Bpal"),
        ("https://e.org/a\\\\b", "https://e.org/a%5Cb"),
        ("https://e.org/?a=1&amp;b=2", "https://e.org/?a=1&b=2"),
        ("https://e.org/100%", "https://e.org/100%25"),
    ],
)
def test_an_imported_url_keeps_only_what_a_link_can_hold(written: str, kept: str) -> None:
    """What the import stores is what the README target writes back: nothing invisible,
    no space, nothing a second import would read differently."""
    (entry,) = parse(f"# List\n\n## Guides\n\n- [Entry]({written}) - A guide.\n").entries
    assert entry.url == kept


@pytest.mark.parametrize(
    ("markdown_text", "written"),
    [
        (
            "See [Türkçe](https://e.org/türkçe_(tr)) too.",
            "See [Türkçe](https://e.org/türkçe_(tr)) too.",
        ),
        ("An [odd](<https://e.org/a_(b>) one.", "An [odd](https://e.org/a_%28b) one."),
        ("A [spaced](<https://e.org/a b>) one.", "A [spaced](https://e.org/a%20b) one."),
        (
            "An [entity](https://e.org/?a=&amp;copy;) one.",
            "An [entity](https://e.org/?a=&amp;copy;) one.",
        ),
    ],
)
def test_a_link_in_kept_text_is_written_as_an_entry_s_is(markdown_text: str, written: str) -> None:
    """A description's own links come back the way the README target writes a URL."""
    assert tokens.to_markdown(tokens.inline(markdown_text)) == written

"""Text that reads one way in a pull request's diff and another in the README: invisible
characters, unclosed HTML, and look-alike letters."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from listsmith import yamldoc

from .conftest import INDEX

TAGS = "".join(chr(0xE0000 + ord(c)) for c in "ignore the rules")
"""A sentence in TAG characters: nothing shows, but it is in the text."""


def rule_lines(out: str, rule: str) -> list[str]:
    """The lines of a run's text report that ``rule`` wrote."""
    return [line for line in out.splitlines() if line.endswith(f"[{rule}]")]


def problems(field: str, value: str) -> list[str]:
    text = f"{field}: {yamldoc_quote(value)}\n"
    _, found = yamldoc.load("x.yaml", text.encode("utf-8"))
    return [f"{p.message} [{p.rule}]" for p in found]


def yamldoc_quote(value: str) -> str:
    """A YAML double-quoted scalar that writes every non-ASCII character as an escape."""
    return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


@pytest.mark.parametrize(
    "char",
    [
        "\U000e0000",  # the TAG block, start
        "\U000e0041",  # TAG LATIN CAPITAL LETTER A
        "\U000e007f",  # CANCEL TAG
        "\u206a",  # INHIBIT SYMMETRIC SWAPPING (U+206A-206F)
        "\u206f",
        "\ufe00",  # VARIATION SELECTOR-1 (FE00-FE0F)
        "\ufe0f",  # VARIATION SELECTOR-16 after a letter, which has no emoji style
        "\U000e0100",  # VARIATION SELECTOR-17 (E0100-E01EF)
        "\U000e01ef",
        "\u180b",  # MONGOLIAN FREE VARIATION SELECTOR ONE (180B-180F)
        "\u180f",
        "\u034f",  # COMBINING GRAPHEME JOINER
        "\u3164",  # HANGUL FILLER
        "\u115f",  # HANGUL CHOSEONG FILLER
        "\u1160",  # HANGUL JUNGSEONG FILLER
        "\uffa0",  # HALFWIDTH HANGUL FILLER
        "\u2800",  # BRAILLE PATTERN BLANK
        "\u2028",  # LINE SEPARATOR
        "\u2029",  # PARAGRAPH SEPARATOR
        "\u200c",  # ZERO WIDTH NON-JOINER between Latin letters
    ],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_invisible_characters_are_refused_in_one_line_fields(char: str) -> None:
    found = problems("title", f"Calc{char}ulus")
    assert len(found) == 1 and f"U+{ord(char):04X}" in found[0], found
    assert found[0].endswith("[characters]")


def test_a_hidden_sentence_is_refused_in_titles_and_descriptions() -> None:
    assert any("U+E0069" in p for p in problems("title", f"Calculus{TAGS}"))
    assert any("U+E0069" in p for p in problems("description", f"Good notes.{TAGS}"))
    # Even behind a flag emoji, whose TAG characters must spell one of the three flags.
    assert problems("title", f"Maths \U0001f3f4{TAGS}\U000e007f")


def test_every_format_character_of_this_python_is_refused() -> None:
    """The ranges are written out for speed; this catches a Unicode version that adds one."""
    _, walk = yamldoc._hidden(one_line=False)
    missed = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Cf"
        and not any(m.group("hidden") for m in walk.finditer(f"a{chr(c)}b"))
    ]
    assert missed == []


@pytest.mark.parametrize(
    "title",
    [
        "I \u2764\ufe0f maths",  # heavy heart, emoji style
        "Keycap 1\ufe0f\u20e3",
        "Family \U0001f468\u200d\U0001f469\u200d\U0001f467",
        "Pride \U0001f3f3\ufe0f\u200d\U0001f308",
        "Football \U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
        "Text style \u2764\ufe0e",
        "Линейная алгебра",
        "線形代数入門",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian, ZWNJ inside a word
        "\u0915\u094d\u200d\u0937",  # Devanagari, ZWJ after a virama
    ],
)
def test_emoji_and_other_scripts_are_fine(title: str) -> None:
    assert problems("title", title) == []


def test_one_emoji_carries_no_smuggled_bytes() -> None:
    """Runs of variation selectors after one emoji can encode any bytes: only one is kept."""
    found = problems("title", "Hi \U0001f600\ufe0f\ufe0f\U000e0101\U000e0142")
    assert found and "U+FE0F" in found[0]


# Unclosed HTML in any Markdown text: on GitHub it takes the rest of the README with it.

SECTION_INDEX = """\
title: Test List
intro: {intro}
sections:
  - id: books
    title: Books
    description: {description}
    footer: {footer}
  - id: videos
    title: Videos
topics:
  - id: calculus
    title: Calculus
"""


def unclosed_findings(
    make_list,
    run,
    intro="Hello.",
    description="Books.",
    footer="End.",
    settings=None,
    entry_description=None,
):
    lst = make_list(
        SECTION_INDEX.format(
            intro=yamldoc_quote(intro),
            description=yamldoc_quote(description),
            footer=yamldoc_quote(footer),
        )
    )
    for n in range(18):
        lst.entry(f"{'books' if n < 3 else 'videos'}/e{n}.yaml")
    if entry_description is not None:
        lst.write(
            "resources/books/md.yaml",
            "title: Markdown\nurl: https://md.example.org/\nauthors: [A]\n"
            f"description: {yamldoc_quote(entry_description)}\ntopics: [calculus]\n",
        )
    if settings:
        lst.write("listsmith.yaml", settings)
    result = run("validate", "--root", str(lst.root))
    return rule_lines(result.out, "markdown-closed")


@pytest.mark.parametrize(
    ("field", "text", "what"),
    [
        ("description", "Books worth it.\n\n<details>\n<summary>More</summary>\n", "<details>"),
        ("description", "Books <!-- the rest is hidden", "HTML comment"),
        ("description", "<div>\n<!-- hidden\n</div>", "HTML comment"),
        ("description", "<div align='center'>Books", "<div>"),
        ("footer", "<table>\n<tr><td>Books</td></tr>", "<table>"),
        ("intro", "Hello <!-- and goodbye", "HTML comment"),
        ("intro", "<blockquote>Hello", "<blockquote>"),
    ],
)
def test_unclosed_html_in_any_list_text_is_refused(make_list, run, field, text, what) -> None:
    found = unclosed_findings(make_list, run, **{field: text})
    assert len(found) == 1 and what in found[0], found
    assert found[0].startswith("resources/index.yaml:")


def test_a_section_footer_may_close_what_its_description_opened(make_list, run) -> None:
    found = unclosed_findings(
        make_list,
        run,
        description="<details>\n<summary>Books</summary>\n",
        footer="</details>",
        intro='<p align="center"><img src="logo.png" alt="Logo"></p> <!-- kept -->',
    )
    assert found == []


NESTED_INDEX = """\
title: Test List
intro: "{intro}"
sections:
  - id: books
    title: Books
    description: "<details>\\n<summary>\\n"
    sections:
      - id: old
        title: Old
        description: "</summary>"
        footer: "{inner}"
  - id: videos
    title: Videos
    footer: "{later}"
topics:
  - id: calculus
    title: Calculus
"""


@pytest.mark.parametrize(
    ("intro", "inner", "later", "left_open"),
    [
        ("", "</details>", "", False),  # awesome-nlp: sub-sections inside one <details>
        ("", "", "</details>", False),  # closed further down: it swallows nothing past that
        ("</details>", "", "", True),  # a close before the opening closes nothing
        ("", "", "", True),
    ],
)
def test_what_a_text_opens_may_close_in_a_text_the_readme_shows_after_it(
    make_list, run, intro, inner, later, left_open
) -> None:
    lst = make_list(NESTED_INDEX.format(intro=intro, inner=inner, later=later))
    lst.entry("books/old/a.yaml")
    lst.entry("videos/b.yaml")
    result = run("validate", "--root", str(lst.root))
    found = rule_lines(result.out, "markdown-closed")
    assert [("<details>" in line and ":6:" in line) for line in found] == (
        [True] if left_open else []
    ), found


@pytest.mark.parametrize(
    ("masthead", "intro", "left_open"),
    [
        ("<!-- the rest is hidden", "Hello.", True),
        ('<div align="center">', "Hello.", True),
        ('<div align="center">', "</div>\n\nHello.", False),
        ('<p align="center"><img src="logo.png"></p>', "Hello.", False),
    ],
)
def test_the_masthead_above_the_title_is_judged_first_in_the_stream(
    make_list, run, masthead, intro, left_open
) -> None:
    """A logo above the title (an imported list's `masthead`) is the README's first text: what
    it opens may close in the intro, and nowhere later than the README shows it."""
    index = SECTION_INDEX.format(intro=yamldoc_quote(intro), description="Books.", footer="End.")
    lst = make_list(index.replace("intro:", f"masthead: {yamldoc_quote(masthead)}\nintro:", 1))
    for n in range(3):
        lst.entry(f"books/e{n}.yaml")
    result = run("validate", "--root", str(lst.root))
    found = rule_lines(result.out, "markdown-closed")
    assert [line.startswith("resources/index.yaml:2:") for line in found] == (
        [True] if left_open else []
    ), result.out


def test_unclosed_html_in_a_markdown_entry_description_is_refused(make_list, run) -> None:
    found = unclosed_findings(
        make_list,
        run,
        settings="render:\n  descriptions: markdown\n",
        entry_description="Good notes. <!-- and the rest",
    )
    assert len(found) == 1 and found[0].startswith("resources/books/md.yaml:4:")


ITEM_SECTION_INDEX = """\
title: Test List
sections:
  - id: books
    title: Books
    sections:
      - id: old
        title: Old
        style: item
        {fields}
topics:
  - id: calculus
    title: Calculus
"""
"""An index with an item section, books/old, whose ``fields`` a test gives."""


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("entry", " <!-- "),
        ("entry", " <b> "),
        ("section", " <!-- "),
        ("section", " **"),
        ("joiner", "<details>"),
        ("joiner", "](x) "),
    ],
)
def test_a_separator_holds_no_markdown_or_html(make_list, run, where, text) -> None:
    """The README writes an entry's separator, and an item section's separator and joiner,
    as they are, beside the words they join: one from a pull request must not smuggle a
    tag or emphasis there (check only said the README was stale, and CI rendered it)."""
    quoted = yamldoc_quote(text)
    lst = make_list(
        ITEM_SECTION_INDEX.format(
            fields=f"separator: {quoted if where == 'section' else repr(': ')}\n"
            f"        joiner: {quoted if where == 'joiner' else repr(', ')}"
        )
    )
    lst.entry("books/old/a.yaml")
    if where == "entry":
        lst.write(
            "resources/books/old/b.yaml",
            "title: Bee\nurl: https://bee.example.org/\nauthors: [A]\n"
            f"description: A bee for the tests.\nseparator: {quoted}\ntopics: [calculus]\n",
        )
    result = run("validate", "--root", str(lst.root))
    found = rule_lines(result.out, "markdown-inline")
    assert len(found) == 1 and "a separator is words and punctuation" in found[0], result.out
    line = {"entry": 5, "section": 9, "joiner": 10}[where]
    file = "resources/books/old/b.yaml" if where == "entry" else "resources/index.yaml"
    assert found[0].startswith(f"{file}:{line}:"), found


def test_the_separators_real_lists_use_are_fine(make_list, run) -> None:
    lst = make_list(ITEM_SECTION_INDEX.format(fields="separator: ' | '\n        joiner: ' · '"))
    lst.entry("books/old/a.yaml")
    for i, separator in enumerate((" - ", " \u2014 ", ": ", "\uff1a", " -- ", "", " ")):
        lst.write(
            f"resources/books/old/s{i}.yaml",
            f"title: S{i}\nurl: https://s{i}.example.org/\nauthors: [A]\n"
            f"description: One for the tests.\nseparator: {yamldoc_quote(separator)}\n"
            "topics: [calculus]\n",
        )
    result = run("validate", "--root", str(lst.root))
    assert "[markdown-inline]" not in result.out, result.out


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("`Calculus`", None),
        ("*Calc*ulus", None),
        ("Algebra", "must say the title's words"),
        ("Calc](https://evil.example.org/) [ulus", "only the title's words"),
        ("<b>Calculus</b>", "only the title's words"),
        ("![Calculus](https://x.example.org/i.png)", "only the title's words"),
    ],
)
def test_a_title_s_markdown_says_its_words_and_stays_in_its_link(
    make_list, run, written, why
) -> None:
    """The README writes title_markdown as the link's text: from a pull request it could show
    other words than the title that the duplicate search reads, or end the link early."""
    found = inline_findings(make_list(), run, "title_markdown", written)
    if why is None:
        assert found == []
    else:
        assert len(found) == 1 and why in found[0], found
        assert found[0].startswith("resources/books/calc.yaml:4:")


def test_a_title_s_brackets_may_not_use_the_readme_s_definitions(make_list, run) -> None:
    """A reviewer's case: beside a ``[v3]: ...`` definition in the list's own text,
    title_markdown "[v3] Plugin" made "[v3]" a link of its own to the definition's address,
    and the entry's URL no link at all; without one, the brackets are words."""
    lst = make_list()
    lst.write(
        "resources/books/calc.yaml",
        "title: '[v3] Calculus'\nurl: https://calc.example.org/\nauthors: [A]\n"
        "title_markdown: '[v3] Calculus'\ndescription: A book for the tests.\n"
        "topics: [calculus]\n",
    )

    def found() -> list[str]:
        result = run("validate", "--root", str(lst.root))
        return rule_lines(result.out, "markdown-inline")

    assert found() == []
    index = lst.root / "resources" / "index.yaml"
    index.write_text(index.read_text() + "closing: '[v3]: https://evil.example.org/'\n")
    (problem,) = found()
    assert "title_markdown" in problem


def test_a_lead_and_marks_may_not_take_the_title_link_into_one_span(make_list, run) -> None:
    """A reviewer's case: a lead of one backtick and marks of another, each fine alone, made
    the README's title link one code span, the entry's URL no link at all."""
    lst = make_list()

    def found(lead: str, marks: str) -> list[str]:
        lst.write(
            "resources/books/calc.yaml",
            "title: Calculus\nurl: https://calc.example.org/\nauthors: [A]\n"
            f"lead: {yamldoc_quote(lead)}\nmarks: {yamldoc_quote(marks)}\n"
            "description: A book for the tests.\ntopics: [calculus]\n",
        )
        return rule_lines(run("validate", "--root", str(lst.root)).out, "markdown-inline")

    assert found("`MIT`", "`Go`") == []
    (problem,) = found("`", "`")
    assert "one span" in problem and ":5:" in problem


def inline_findings(lst, run, field: str, written: str) -> list[str]:
    """markdown-inline's findings for one entry whose ``field`` is ``written``."""
    lst.write(
        "resources/books/calc.yaml",
        "title: Calculus\nurl: https://calc.example.org/\nauthors: [A]\n"
        f"{field}: {yamldoc_quote(written)}\n"
        "description: A book for the tests.\ntopics: [calculus]\n",
    )
    result = run("validate", "--root", str(lst.root))
    return rule_lines(result.out, "markdown-inline")


@pytest.mark.parametrize(
    ("field", "text", "begins"),
    [
        ("description_below", "<Details Hidden by this entry.", "raw HTML block"),
        ("description_below", "# Contributing to this list!", "a heading"),
        ("lead", "<Details", "raw HTML block"),
        ("lead", "<pre", "raw HTML block"),
        ("details", "## Contributing", "a heading"),
        ("details", "> Note: this list is deprecated.", "a quote"),
        ("heading", "<Details Old", "raw HTML block"),
    ],
)
def test_text_written_where_a_line_starts_is_a_line_of_words(
    make_list, run, field, text, begins
) -> None:
    """A reviewer's cases: a lead, a point of details, a description below its line and an
    item section's heading start a line of the README. Checked as inline Markdown only,
    '<Details' there opened an HTML block that folded the rest of the section away, and
    '# Contributing' made a heading that took the real one's anchor."""
    quoted = yamldoc_quote(text)
    heading = quoted if field == "heading" else "Old"
    lst = make_list(ITEM_SECTION_INDEX.format(fields=f"heading: {heading}"))
    lst.write("listsmith.yaml", "render:\n  descriptions: markdown\n")
    lst.entry("books/old/a.yaml")
    fields = {
        "description_below": f"description: {quoted}\ndescription_below: true\n",
        "lead": f"lead: {quoted}\ndescription: A book for the tests.\n",
        "details": f"details: [{quoted}]\ndescription: A book for the tests.\n",
        "heading": "description: A book for the tests.\n",
    }[field]
    lst.write(
        "resources/books/old/b.yaml",
        f"title: Bee\nurl: https://bee.example.org/\nauthors: [A]\n{fields}topics: [calculus]\n",
    )
    result = run("validate", "--root", str(lst.root))
    found = rule_lines(result.out, "markdown-inline")
    assert len(found) == 1 and begins in found[0], result.out
    # Not where the text runs on after the title: a description on the line is inline.
    if field == "description_below" and not text.startswith("#"):
        b = lst.root / "resources/books/old/b.yaml"
        b.write_text(b.read_text().replace("description_below: true\n", ""))
        again = run("validate", "--root", str(lst.root))
        assert "starts a line of the README" not in again.out


@pytest.mark.parametrize(
    ("heading", "taken"),
    [
        ("### Old books", False),
        ("### Contributing", True),  # the README's own "## Contributing"
        ("#### **Books**", True),  # the section "Books" the item sits in
        ("## Test List", True),  # the list's title
    ],
)
def test_an_item_that_is_a_heading_may_not_take_another_heading_s_anchor(
    make_list, run, heading, taken
) -> None:
    """An imported list's "- ### Arrays" stays a heading inside its item (its table of
    contents links to it). From a pull request, one whose anchor is another heading's would
    take that heading's links: refused then, and only then."""
    lst = make_list(ITEM_SECTION_INDEX.format(fields=f"heading: {yamldoc_quote(heading)}"))
    lst.entry("books/old/a.yaml")
    result = run("validate", "--root", str(lst.root))
    found = rule_lines(result.out, "markdown-inline")
    assert (found != []) is taken, result.out
    if taken:
        assert "anchor" in found[0]


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        # The line's separator and words follow the heading: "- ### Videos".
        ('heading: "### Vid"\n        separator: ""\n        description: eos', "nothing else"),
        ('heading: "###"\n        separator: " "\n        description: Books', "nothing else"),
        ('heading: "### Vid"\n        joiner: ", "', "nothing else"),
        # An explicit anchor in raw HTML, which GitHub honours.
        ("heading: '### <a name=\"books\"></a>Old'", "html"),
    ],
)
def test_an_item_heading_s_line_is_the_heading_alone(make_list, run, fields, why) -> None:
    """A reviewer's cases: the README writes an item section's separator, description and
    joined links on its heading's line, so "### Vid" + "eos" was the heading "Videos" and
    took the Videos section's anchor while check passed; raw HTML set an anchor of its own."""
    lst = make_list(ITEM_SECTION_INDEX.format(fields=fields))
    lst.entry("books/old/a.yaml")
    found = rule_lines(run("validate", "--root", str(lst.root)).out, "markdown-inline")
    assert len(found) == 1 and why in found[0], found


def test_an_item_heading_may_not_take_a_repeated_heading_s_numbered_anchor(make_list, run) -> None:
    """Two sections titled Tools get #tools and #tools-1 (GitHub numbers repeats): an item
    heading "### Tools 1" before the second would take #tools-1 (a reviewer's case)."""
    index = ITEM_SECTION_INDEX.replace(
        "      - id: old\n", "      - id: tools\n        title: Tools\n      - id: old\n"
    ).replace(
        "topics:",
        "  - id: videos\n    title: Videos\n    sections:\n"
        "      - id: tools\n        title: Tools\ntopics:",
    )
    lst = make_list(index.format(fields='heading: "### Tools 1"'))
    lst.entry("books/old/a.yaml")
    found = rule_lines(run("validate", "--root", str(lst.root)).out, "markdown-inline")
    assert len(found) == 1 and "#tools-1" in found[0], found


# Look-alike hosts and titles: a warning that names the odd letter.


def lookalike_findings(make_list, run, title: str, url: str) -> list[str]:
    lst = make_list()
    lst.entry("books/real.yaml", title="Calculus", url="https://mathpop.com/")
    lst.entry("books/fake.yaml", title=title, url=url)
    result = run("validate", "--root", str(lst.root))
    return rule_lines(result.out, "lookalike")


def test_a_cyrillic_letter_in_a_host_is_named(make_list, run) -> None:
    found = lookalike_findings(make_list, run, "Other", "https://m\u0430thpop.com/")
    assert found == [
        "resources/books/fake.yaml:2:6: warning: host m\u0430thpop.com mixes Cyrillic and "
        "Latin: '\u0430' U+0430 CYRILLIC SMALL LETTER A looks like 'a' [lookalike]"
    ]


def test_a_punycode_host_is_read_and_named(make_list, run) -> None:
    found = lookalike_findings(make_list, run, "Other", "https://xn--mthpop-2nf.com/")
    assert len(found) == 1 and "CYRILLIC SMALL LETTER A looks like 'a'" in found[0]


def test_a_mixed_script_title_is_named(make_list, run) -> None:
    found = lookalike_findings(make_list, run, "\u0421\u0430lculus", "https://other.example.org/")
    assert len(found) == 1 and found[0].startswith("resources/books/fake.yaml:1:8: warning:")
    assert (
        "mixes Cyrillic and Latin: '\u0421' U+0421 CYRILLIC CAPITAL LETTER ES looks like 'C'"
        in (found[0])
    )


def test_an_internationalised_host_is_pointed_out(make_list, run) -> None:
    found = lookalike_findings(make_list, run, "Other", "https://m\u00fcnchen.example/")
    assert len(found) == 1 and "(xn--mnchen-3ya.example) is an internationalised domain" in found[0]


@pytest.mark.parametrize(
    "title",
    [
        "\u041b\u0438\u043d\u0435\u0439\u043d\u0430\u044f "
        "\u0430\u043b\u0433\u0435\u0431\u0440\u0430",
        "\u7dda\u5f62\u4ee3\u6570\u5165\u9580",
        "Python\u3067\u5b66\u3076\u7dda\u5f62\u4ee3\u6570",
        "\u041a\u0443\u0440\u0441 Python",
        "\u0391\u03bd\u03ac\u03bb\u03c5\u03c3\u03b7 and Analysis",
        "\u00b5Task",  # the micro sign belongs to no script
    ],
)
def test_titles_in_one_script_a_word_are_fine(make_list, run, title: str) -> None:
    assert lookalike_findings(make_list, run, title, "https://other.example.org/") == []


UNSHOWN_CLOSERS = {
    # An item section's footer is not in the README at all.
    "item-footer": """\
title: Test List
intro: A list used by the tests.
sections:
  - id: books
    title: Books
    description: "<details>\\n<summary>More</summary>\\n"
    sections:
      - id: old
        title: Old
        style: item
        footer: "</details>"
  - id: videos
    title: Videos
topics:
  - id: calculus
    title: Calculus
""",
    # With a closing text, the README shows neither contributing nor license.
    "unshown-contributing": INDEX.replace(
        "intro: A list used by the tests.\n",
        'intro: "<details>\\n<summary>More</summary>\\n"\n'
        'closing: "## License\\n\\nCC0"\n'
        'contributing: "</details>"\n',
    ),
    # A bold line of its own is a block: an element it opens runs on.
    "bold-line": """\
title: Test List
intro: A list used by the tests.
sections:
  - id: books
    title: Books
    sections:
      - id: old
        title: Old
        style: bold
        heading: "<details>"
  - id: videos
    title: Videos
topics:
  - id: calculus
    title: Calculus
""",
}


@pytest.mark.parametrize("case", sorted(UNSHOWN_CLOSERS))
def test_only_a_text_the_readme_shows_closes_an_element(make_list, run, case: str) -> None:
    lst = make_list(UNSHOWN_CLOSERS[case])
    lst.entry("books/old/a.yaml")
    lst.entry("videos/b.yaml")
    result = run("validate", "--root", str(lst.root))
    found = rule_lines(result.out, "markdown-closed")
    assert len(found) == 1 and "<details>" in found[0], result.out


@pytest.mark.parametrize(
    ("field", "written", "why"),
    [
        # awesome-flutter's marker for its own tooling: it shows nothing, and it closes.
        ("marks", "<!-- stargazers:dooboolab/flutter_calendar_carousel-->", None),
        ("marks", "`⚠` <!--bitsdojo/bitsdojo_window-->", None),
        ("marks", "<!-- hidden", "an HTML comment left open"),
        ("marks", "<!-- a -> b", "an HTML comment left open"),
        ("lead", "`MIT` <!-- the rest", "an HTML comment left open"),
        ("marks", "<!-- x --> <b>y</b>", "can't hold html"),
        ("description", "Words <!-- x --> here.", "can't hold html"),  # only marks may
    ],
)
def test_marks_may_hold_a_comment_that_closes(make_list, run, field, written, why) -> None:
    """The import keeps awesome-flutter's ``<!-- stargazers:owner/repo -->`` after a title
    link as the entry's marks; from a pull request, a comment left open there would hide
    the README's rest from a browser or another renderer."""
    lst = make_list()
    lst.write("listsmith.yaml", "render:\n  descriptions: markdown\n")
    found = inline_findings(lst, run, field, written)
    if why is None:
        assert found == []
    else:
        assert len(found) == 1 and why in found[0], found

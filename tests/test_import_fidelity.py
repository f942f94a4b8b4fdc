"""An imported list renders back the way its author wrote it (issue #18, items 1-4 and 9).

Each README here is small and made of the shapes real lists use (they are in
tests/fixtures/lists at full size); importing it and rendering the README again must give
back every line, byte for byte, apart from listsmith's own mark.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from listsmith import render
from listsmith.importer import parse, write
from listsmith.importer.styles import GENERATED_MARK
from listsmith.project import load_project
from listsmith.validate import validate

from .conftest import FIXTURES, REPO
from .fidelity import compare
from .judges import awesome_lint, counts


def rendered(tmp_path: Path, source: str) -> str:
    write(parse(source), tmp_path / "list", force=False)
    return render.readme(load_project(tmp_path / "list"))


def without_mark(text: str) -> str:
    """The README less listsmith's mark and the blank line that parts it from what follows."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(GENERATED_MARK))
    del lines[at : at + (2 if at + 1 < len(lines) and not lines[at + 1] else 1)]
    return "\n".join(lines).strip("\n")


ICONS = (FIXTURES / "import" / "icons.md").read_text(encoding="utf-8")
"""Icons and badges after entries, reference-style, a crate link before the separator, a
relative link, a closing group of one link, and lines that list links among words."""


def test_icons_badges_crates_and_link_lines_come_back_as_written(tmp_path: Path) -> None:
    result = parse(ICONS)
    assert result.skipped == []
    atom = result.entries[0]
    assert atom.description == (
        "A text editor. [![Open-Source Software][OSS Icon]](https://github.com/atom/atom) "
        "![Freeware][Freeware Icon]"
    )
    assert result.entries[1].marks == "[[crate](https://crates.io/crates/crate)]"
    assert result.settings.bullet == "*"
    assert without_mark(rendered(tmp_path, ICONS)) == ICONS.rstrip("\n")


TWO_H1S = textwrap.dedent(
    """\
    # Awesome Go

    A list.

    ## Contents

    - [Audio](#audio)

    ## Audio

    ### Players

    - [A](https://a.example.org) — An audio player.

    # Resources

    ### Books

    - [B](https://b.example.org) — A book.

    ## Licensing

    - [C](https://c.example.org) — A licence picker, see [the licence](#license).

    ## Zeta

    - [D](https://d.example.org) — Last category.

    ## Contributing

    Read [the guide](CONTRIBUTING.md).

    ## License

    [CC0](LICENSE)
    """
)


def test_heading_levels_and_the_closing_sections_are_the_list_s(tmp_path: Path) -> None:
    result = parse(TWO_H1S)
    titles = [s.title for s in result.walk()]
    assert "Licensing" in titles  # a category, not the licence
    assert result.closing is not None and result.closing.startswith("## Contributing")
    assert result.settings.separator == " \u2014 "
    text = without_mark(rendered(tmp_path, TWO_H1S))
    assert text == TWO_H1S.rstrip("\n")
    assert "[the licence](#license)" in text and "\n## License\n" in text


def test_a_title_in_html_keeps_the_mark_out_of_awesome_lint_s_way(tmp_path: Path) -> None:
    source = textwrap.dedent(
        """\
        <div align="center">
          <img width="500" src="media/logo.svg" alt="Awesome Node.js">
        </div>

        > Delightful packages.

        ## Packages

        - [a](https://a.example.org) - Does a.
        """
    )
    text = rendered(tmp_path, source)
    assert text.startswith('<div align="center">')  # awesome-heading looks at the first node
    assert text.rstrip("\n").endswith("-->") and GENERATED_MARK in text
    assert without_mark(text).rstrip("\n") == source.rstrip("\n")
    assert parse(text).settings.generated  # read back as listsmith's own README
    assert parse(text).title == "Awesome Node.js"


def test_the_default_contributing_sentence_does_not_link_twice(tmp_path: Path) -> None:
    root = tmp_path / "l"
    (root / "resources" / "a").mkdir(parents=True)
    (root / "schema.json").write_text((REPO / "schema.json").read_text(encoding="utf-8"))
    (root / "resources" / "index.yaml").write_text(
        "title: T\nintro: 'Read [CONTRIBUTING.md](CONTRIBUTING.md) first.'\n"
        "sections:\n  - {id: a, title: A}\n",
        encoding="utf-8",
    )
    text = render.readme(load_project(root))
    assert text.count("](CONTRIBUTING.md)") == 1  # awesome-lint's double-link


def _init(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "listsmith", "init", ".", "--install", "pip install x", *extra],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def lossy(tmp_path: Path) -> Path:
    folder = tmp_path / "lossy"
    folder.mkdir()
    (folder / "README.md").write_text(
        "# Awesome Lossy\n\n## Tools\n\n"
        "- [A](https://a.example.org) - Does <kbd>a</kbd>, see [b](javascript:alert(1)).\n"
        "- [B](https://b.example.org) - Does b.\n",
        encoding="utf-8",
    )
    return folder


def test_init_refuses_to_lose_a_link_and_writes_nothing(lossy: Path) -> None:
    done = _init(lossy)
    assert done.returncode == 1, done.stderr
    assert "README.md:5:1: error: not imported: javascript:alert(1)" in done.stdout
    assert "[import-loss]" in done.stdout and "--accept-loss" in done.stderr
    assert sorted(p.name for p in lossy.iterdir()) == ["README.md"]


def test_init_with_accept_loss_warns_and_writes(lossy: Path) -> None:
    done = _init(lossy, "--accept-loss")
    assert done.returncode == 0, done.stderr
    assert "README.md:5:1: warning: not imported: javascript:alert(1)" in done.stdout
    assert (lossy / "resources" / "index.yaml").is_file()
    # The field table's examples are this list's own entries, not the maths list's.
    contributing = (lossy / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "https://a.example.org" in contributing
    assert "3Blue1Brown" not in contributing and "Linear Algebra" not in contributing
    schema = json.loads((lossy / "schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["title"]["examples"] == ["A"]
    assert "examples" not in schema["properties"]["authors"]


def test_a_sentence_followed_by_icons_ends_where_its_words_do(tmp_path: Path) -> None:
    from listsmith.validate import validate

    write(parse(ICONS), tmp_path / "list", force=False)
    found = {
        (p.path.rsplit("/", 1)[-1], p.message)
        for p in validate(load_project(tmp_path / "list"))
        if p.rule == "description-style"
    }
    assert not [f for f in found if f[0] in ("atom.yaml", "vim.yaml")]  # end with icons
    assert ("clog.yaml", "description should start with a capital letter") in found


NAVIGATION_THEN_CONTENTS = """\
# Things

An intro.

* [Contributing Guide](CONTRIBUTING.md)
* [Website](https://things.example.org/)

## Contents

- [Tools](#tools)

## Tools

* [Hammer](https://hammer.example.org/) - Drives nails.
"""


def test_an_intro_s_navigation_list_does_not_hide_the_table_of_contents(tmp_path: Path) -> None:
    """The intro's list of links to the repository's files is navigation wherever the
    import asks where entries begin: the Contents heading after it is no section."""
    result = parse(NAVIGATION_THEN_CONTENTS)
    assert [s.title for s in result.walk()] == ["Tools"]
    assert without_mark(rendered(tmp_path, NAVIGATION_THEN_CONTENTS)) == (
        NAVIGATION_THEN_CONTENTS.rstrip("\n")
    )


NO_SEPARATOR = """\
# Things

Tools.

## Tools

- [Alpha](https://a.example.org/).
- [Beta](https://b.example.org/), a comma and then its words.
- [Gamma](https://g.example.org/) - Normal one.
- [Delta](https://d.example.org/) - Normal two.
- [Epsilon](https://e.example.org/) - Normal three.
"""


def test_words_joined_to_the_link_with_no_separator_stay_joined(tmp_path: Path) -> None:
    """A line whose words follow its link at once ("." or ", ...") gets no " - " between."""
    assert without_mark(rendered(tmp_path, NO_SEPARATOR)) == NO_SEPARATOR.rstrip("\n")


DETAILS = """\
# Things

Tools.

## Languages

<details>
<summary>

### Arabic

</summary>

- [Alpha](https://a.example.org/) - A thing.

</details>
"""


def test_sub_sections_inside_one_details_block_come_back_and_render(tmp_path: Path) -> None:
    """awesome-nlp folds each language's section into a <details>: its pieces land in
    several sections' texts, which together close what they open."""
    assert without_mark(rendered(tmp_path, DETAILS)) == DETAILS.rstrip("\n")
    done = subprocess.run(
        [sys.executable, "-m", "listsmith", "render", "--check", "--root", str(tmp_path / "list")],
        capture_output=True,
        text=True,
    )
    assert "markdown-closed" not in done.stdout + done.stderr


ANCHORED_LABELS = """\
# Things

Tools.

## Libraries

* <a id="go">**Go**</a> | [Back to Top](#things)
  * [Alpha](https://a.example.org/) - A thing.
* <a id="python">**Python** - Python libraries</a> | [Back to Top](#things)
  * [Beta](https://b.example.org/) - B thing.
* <a id="rust">**Rust**</a>
  * [Gamma](https://g.example.org/) - G thing.
"""


def test_a_label_s_html_anchor_stays_for_the_table_of_contents(tmp_path: Path) -> None:
    """awesome-nlp names each language with an <a id> its table of contents links to."""
    result = parse(ANCHORED_LABELS)
    assert [label.title for label in result.sections[0].labels] == ["Go", "Python", "Rust"]
    assert without_mark(rendered(tmp_path, ANCHORED_LABELS)) == ANCHORED_LABELS.rstrip("\n")


BETWEEN_LISTS = """\
# Things

Tools.

## Embeddings

Static:

- [Alpha](https://a.example.org/) - A thing.

Contextual:

- [Beta](https://b.example.org/) - B thing.

<a name="credits"></a>

- [Gamma](https://g.example.org/) - G thing.

## Other

- [Delta](https://d.example.org/) - D thing.
"""


def test_a_line_between_two_lists_stays_between_them(tmp_path: Path) -> None:
    """awesome-nlp names lists inside a section ("Contextual:"); awesome-machine-learning puts
    an anchor before one. Each heads the list after it, not the section's end."""
    result = parse(BETWEEN_LISTS)
    groups = result.sections[0].sections
    assert [(g.title, g.style) for g in groups] == [("Contextual:", "bold"), ("credits", "bold")]
    assert without_mark(rendered(tmp_path, BETWEEN_LISTS)) == BETWEEN_LISTS.rstrip("\n")


MORE_LINKS = """\
# Things

Tools.

## Embeddings

- [Alpha](https://a.example.org/) - A thing.
- [word2vec](https://w.example/p.pdf) - [implementation](https://w.example/c) - [blog](https://w.example/b)
- [Gamma](https://g.example.org/) and [Delta](https://h.example.org/)
- [GTE](https://d.example/), [BGE](https://e.example/), and [Stella](https://f.example/) - Models.
- [Epsilon](https://e2.example.org/) - E thing.
"""


def test_an_entry_line_that_goes_on_with_more_links_stays_one_line(tmp_path: Path) -> None:
    """awesome-nlp's paper, implementation and blog on one line: one entry, as written; no
    entry titled "implementation", no line of its own for it."""
    result = parse(MORE_LINKS)
    assert [e.title for e in result.entries] == ["Alpha", "word2vec", "Gamma", "GTE", "Epsilon"]
    assert without_mark(rendered(tmp_path, MORE_LINKS)) == MORE_LINKS.rstrip("\n")


MIXED_BULLETS = """\
# Things

Tools.

## Old

* [Alpha](https://a.example.org/) - A thing.
* [Beta](https://b.example.org/) - B thing.

## New

- [Gamma](https://g.example.org/) - G thing.
- [Delta](https://d.example.org/) - D thing.
- [Epsilon](https://e.example.org/) - E thing.
"""


def test_a_section_written_with_another_bullet_keeps_it(tmp_path: Path) -> None:
    """awesome-nlp's older sections use "*", its newer ones "-"; awesome-lint counts each
    list's marker, so a rewritten one is a finding the original didn't have."""
    result = parse(MIXED_BULLETS)
    assert result.settings.bullet == "-"
    assert [s.bullet for s in result.sections] == ["*", ""]
    assert without_mark(rendered(tmp_path, MIXED_BULLETS)) == MIXED_BULLETS.rstrip("\n")


REFERENCE_TITLES = """\
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> Tools.

## Contents

- [Networks](#networks)

## Networks

- [Calico][calico] - A layer 3 network.
- [OpenShift][openshift] - A platform built on [Kubernetes][kubernetes].
- [Weave][] - Another network.
- [Flannel](https://flannel.example.org/) - One more network.

## Contributing

Read the [guide][guide].

[calico]: https://calico.example.org/
[guide]: https://guide.example.org/
[kubernetes]: https://kubernetes.example.org/
[openshift]: https://openshift.example.org/
[weave]: https://weave.example.org/
"""


def test_a_definition_only_titles_used_goes_with_their_reference(tmp_path: Path) -> None:
    """awesome-docker's [Calico][calico]: the README shows an entry's title link inline, so a
    definition nothing else uses would be left unused (awesome-lint's no-unused-definitions);
    one a description or the closing text still uses stays where it was."""
    readme = rendered(tmp_path, REFERENCE_TITLES)
    assert "- [Calico](https://calico.example.org/) - A layer 3 network." in readme
    assert "- [Weave](https://weave.example.org/) - Another network." in readme
    kept = [line for line in readme.splitlines() if line.startswith("[") and "]: " in line]
    assert kept == [
        "[guide]: https://guide.example.org/",
        "[kubernetes]: https://kubernetes.example.org/",
    ]
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    assert "no-unused-definitions" not in counts(awesome_lint(tmp_path / "README.md"))


PARAGRAPHS = """\
# Things

Tools.

## Tools

- [Alpha](https://a.example.org/)

  Alpha does things, see [docs](https://a.example.org/docs).

- [Beta](https://b.example.org/)

  Beta does things.
"""


@pytest.mark.parametrize("links", [True, False])
def test_a_description_in_a_paragraph_of_its_own_is_kept(tmp_path: Path, links: bool) -> None:
    """awesome-indie writes some descriptions under the title, a paragraph of their own: they
    stay there (it used to join them to the title's line), whether the list's descriptions
    are Markdown or words."""
    source = (
        PARAGRAPHS if links else PARAGRAPHS.replace(", see [docs](https://a.example.org/docs)", "")
    )
    assert without_mark(rendered(tmp_path, source)) == source.rstrip("\n")


BOLD_TITLES = """\
# Things

Tools.

## Tools

- **[Alpha](https://a.example.org/)** Alpha does things.
- **[Beta](https://b.example.org/)** Beta does things.
- **[Gamma](https://g.example.org/)** - Gamma does things.
- _[Delta](https://d.example.org/)_ - Delta, in italics.
- [Epsilon](https://e.example.org/) - Epsilon, plain.
"""


def test_a_title_in_bold_stays_bold_with_its_line_s_own_separator(tmp_path: Path) -> None:
    """awesome-indie's **[r/Entrepreneur](...)** - ...: the bold (or italics) around the
    title link is the entry's `emphasis`, and the separator each line has stays, the
    list's or not."""
    readme = rendered(tmp_path, BOLD_TITLES)
    assert without_mark(readme) == BOLD_TITLES.rstrip("\n")
    found = {e.title: e.emphasis for e in parse(BOLD_TITLES).entries}
    assert found == {"Alpha": "**", "Beta": "**", "Gamma": "**", "Delta": "_", "Epsilon": ""}


def test_emphasis_around_all_of_a_title_s_words_shows_around_its_link(tmp_path: Path) -> None:
    """awesome-vue's [**easy-vue**](...) looks as **[easy-vue](...)** does; emphasis on some
    words only stays where it is (title_markdown)."""
    source = BOLD_TITLES.replace(
        "- [Epsilon]", "- [**Zeta**](https://z.example.org/) - Z.\n- [Epsilon]"
    )
    source = source.replace("- [Epsilon](", "- [**Epsi**lon](")
    found = {e.title: e.emphasis for e in parse(source).entries}
    assert found["Zeta"] == "**" and found["Epsilon"] == ""
    readme = rendered(tmp_path, source)
    assert "- **[Zeta](https://z.example.org/)** - Z.\n- [**Epsi**lon](https://e.example.org/)" in (
        readme
    )


INTRO_LIST = """\
# Things

Tools.

- [Icepy](https://icepy.example.org/) translated this list.

## Tools

- [Alpha](https://a.example.org/) - Alpha does things.
"""


def test_a_list_before_the_first_section_stays_in_the_intro(tmp_path: Path) -> None:
    """awesome-indie's translators' note: no heading of listsmith's making above it, which
    would hold every section after it."""
    result = parse(INTRO_LIST)
    assert [s.title for s in result.sections] == ["Tools"]
    assert "[Icepy](https://icepy.example.org/) translated this list." in result.intro
    assert without_mark(rendered(tmp_path, INTRO_LIST)) == INTRO_LIST.rstrip("\n")


LICENCE_TAGS = """\
# Things

Tools.

## Sorting

- [pdqsort](https://p.example.org/) - Pattern-defeating quicksort. [zlib]
- [Timsort](https://t.example.org/) - A templated stable sorting function. [MIT]
- [Grail](https://g.example.org/) - In-place merge sort.
"""


@pytest.mark.parametrize(("source", "warns"), [(LICENCE_TAGS, True), (NO_SEPARATOR, False)])
def test_a_list_whose_descriptions_are_not_sentences_is_only_warned(
    tmp_path: Path, run, source: str, warns: bool
) -> None:
    """awesome-cpp ends each description with its licence ("... [MIT]"): the list's own style,
    which a contributor's new entry may follow without failing the check."""
    write(parse(source), tmp_path / "list", force=False)
    config = (tmp_path / "list" / "listsmith.yaml").read_text(encoding="utf-8")
    assert ("description-style: {level: warning}" in config) is warns
    if warns:
        args = ["--section", "sorting", "--title", "New", "--url", "https://n.example.org/"]
        added = run(
            "new",
            "--root",
            str(tmp_path / "list"),
            *args,
            "--description",
            "A stable merge sort in place. [MIT]",
        )
        assert added.code == 0 and "warning: description should end" in added.out, added.out


MENTIONED_ELSEWHERE = """\
# Things

Tools. This line is prose
[weave]: not a definition, a paragraph goes on.

## Networks

- [Calico][calico] - Networking. Also see [calico]: the fork.
- [Straße][Straße] - A road.
- [Gasse][] - An alley, [straße][] nearby.
- [Weave][weave] - Another.
- [Flannel][flannel] - One more.

[calico]: https://calico.example.org/
[Straße]: https://strasse.example.org/
[gasse]: https://gasse.example.org/
[weave]: https://weave.example.org/
[flannel]:
  https://flannel.example.org/
  "Flannel"
"""


def test_a_definition_mentioned_anywhere_else_stays(tmp_path: Path) -> None:
    """A reviewer's cases: a shortcut use in prose, a label that folds (Straße, STRASSE),
    a paragraph line that looks like a definition, and a definition over three lines (all
    three go, when only a title used it)."""
    readme = rendered(tmp_path, MENTIONED_ELSEWHERE)
    for kept in (
        "[calico]: https://calico.example.org/",
        "[Straße]: https://strasse.example.org/",
        "[weave]: not a definition, a paragraph goes on.",
    ):
        assert kept in readme
    for gone in (
        "[gasse]: https://gasse.example.org/",
        "[flannel]:",
        "https://flannel.example.org/\n",
    ):
        assert gone not in readme
    assert '"Flannel"' not in readme
    assert "- [Flannel](https://flannel.example.org/) - One more." in readme


POINTS = """\
# Clouds

Free tiers.

## Providers

* [Google Cloud](https://cloud.google.com/) - A cloud.
  * App Engine - 28 instance hours a day
  * Compute
    * Two small VMs
    * Reclaimed when [deemed idle](https://docs.example.org/idle)
  * [Colab](https://colab.research.google.com/) - Notebooks.
* [Amazon Web Services](https://aws.amazon.com/) - Another cloud.
  * Lambda - 1 million requests a month
"""


def test_sub_items_without_a_link_stay_under_their_entry(tmp_path: Path) -> None:
    """free-for-dev lists what each cloud gives free as link-less sub-items (some with their
    own); they were moved to the section's top level, as labels of their own."""
    result = parse(POINTS)
    assert result.skipped == []
    google = result.entries[0]
    assert [point.data(markdown=True) for point in google.details] == [
        "App Engine - 28 instance hours a day",
        {
            "text": "Compute",
            "details": [
                "Two small VMs",
                "Reclaimed when [deemed idle](https://docs.example.org/idle)",
            ],
        },
    ]
    assert [child.title for child in google.children] == ["Colab"]
    assert without_mark(rendered(tmp_path, POINTS)) == POINTS.rstrip("\n")


def test_points_are_checked_like_the_description_they_sit_beside(tmp_path: Path) -> None:
    """A point is Markdown from a pull request, shown as the description is: raw HTML in
    one, even nested, is refused, and an unclosed comment too."""
    write(parse(POINTS), tmp_path / "list", force=False)
    entry = next((tmp_path / "list" / "resources").rglob("google-cloud.yaml"))
    text = entry.read_text(encoding="utf-8")
    text = text.replace("Two small VMs", "'<img src=x onerror=alert(1)>'")
    text = text.replace("App Engine - 28 instance hours a day", "'<!-- hidden'")
    entry.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "listsmith", "check", "--no-sync", "--root", str(tmp_path / "list")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    found = done.stdout + done.stderr
    assert "html" in found and "[markdown-inline]" in found
    assert "[markdown-closed]" in found


MASTHEAD = """\
<div align="center"><img src="./assets/head.jpg" alt="Logo"></div>

# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> Things worth a look.

## Tools

- [Alpha](https://a.example.org/) - The first tool.
"""


def test_a_logo_above_the_title_stays_above_it(tmp_path: Path) -> None:
    """awesome-datascience's header image, awesome-shell's ASCII-art banner: what comes
    before the title heading is the list's `masthead`, shown above it, not moved into the
    intro below it; a README rendered so reads back the same."""
    readme = rendered(tmp_path, MASTHEAD)
    assert without_mark(readme) == MASTHEAD.rstrip("\n")
    again = parse(readme)
    assert again.masthead == '<div align="center"><img src="./assets/head.jpg" alt="Logo"></div>'
    assert again.intro == "> Things worth a look."


DESCRIPTION_BELOW = """\
# Indie

Money from code.

## Communities

- **[IndieHackers](https://www.indiehackers.com/)**

  Learn from businesses that make money.

- **[MegaMaker Club](https://megamaker.co/)** [$]

  A paid community, run by [Justin Jackson](https://twitter.com/mijustin).

- **[Talk](https://www.youtube.com/watch?v=0CD)** by [David](https://twitter.com/dhh)

  Bootstrapping as the better way.

- **[r/SideProject](https://www.reddit.com/r/SideProject/)** - Quite active.
- **[FounderCafe](https://www.foundercafe.com/)** - Invite only.

  And run by two founders.
"""


def test_a_description_written_as_its_own_paragraph_stays_one(tmp_path: Path) -> None:
    """awesome-indie writes most descriptions as a paragraph under the title line; what the
    line holds after the title (``[$]``, ``by [Author](...)``) stays on it. A line with its
    own separator and description keeps the paragraph after it, on its line."""
    entries = {e.title: e for e in parse(DESCRIPTION_BELOW).entries}
    assert entries["MegaMaker Club"].marks == "[$]"
    assert entries["Talk"].marks == "by [David](https://twitter.com/dhh)"
    assert [e.description_below for e in entries.values()] == [True, True, True, False, False]
    readme = without_mark(rendered(tmp_path, DESCRIPTION_BELOW))
    expected = DESCRIPTION_BELOW.replace(
        "Invite only.\n\n  And run by two founders.", "Invite only. And run by two founders."
    )
    assert readme == expected.rstrip("\n")


CODE_TITLES = """\
# Electron

Apps.

## Community

- [`@electronjs` on Twitter](https://twitter.com/electronjs)
- [`@electron_ru` on Telegram](https://telegram.me/electron_ru) *(Russian)*
- [Some **bold** words](https://example.org/bold) - Partly bold.
- [Plain](https://example.org/plain) - Plain words.
"""


def test_code_and_emphasis_in_a_title_s_words_stay(tmp_path: Path) -> None:
    """awesome-electron's [`@electronjs` on Twitter](...): the title is words, and the way the
    link writes them is the entry's title_markdown."""
    found = {e.title: e.title_markdown for e in parse(CODE_TITLES).entries}
    assert found == {
        "@electronjs on Twitter": "`@electronjs` on Twitter",
        "@electron_ru on Telegram": "`@electron_ru` on Telegram",
        "Some bold words": "Some **bold** words",
        "Plain": "",
    }
    assert without_mark(rendered(tmp_path, CODE_TITLES)) == CODE_TITLES.rstrip("\n")


STRUCK = """\
# Things

Tools.

## Tools

- ~~[Gone](https://g.example.org/)~~ - No longer maintained.
- [~~Old~~ New](https://n.example.org/) - Renamed.
- [Perian](https://p.example.org/) - (**Unmaintained**) ~~Plays every format~~.
- [Tilde](https://t.example.org/) - About ~5 MB, from ~200 ms to ~40 ms.
"""


def test_strikethrough_stays_struck_through(tmp_path: Path) -> None:
    """GitHub shows ~~words~~ struck through (awesome-mac's unmaintained apps). The import read
    GFM's strikethrough as words, so a title's tildes came back escaped (\\~\\~Old\\~\\~) and
    shown as written, and a list of plain descriptions did the same to theirs. A struck title
    link is its entry's emphasis, struck words in a title its title_markdown, and a lone
    tilde, which strikes nothing, stays as written."""
    found = {e.title: (e.emphasis, e.title_markdown) for e in parse(STRUCK).entries}
    assert found["Gone"] == ("~~", "") and found["Old New"] == ("", "~~Old~~ New")
    assert without_mark(rendered(tmp_path, STRUCK)) == STRUCK.rstrip("\n")
    plain = STRUCK.replace("(**Unmaintained**) ", "")  # no description holds markup now
    assert without_mark(rendered(tmp_path / "plain", plain)) == plain.rstrip("\n")


def test_a_whole_line_struck_through_is_an_entry_not_a_heading(tmp_path: Path) -> None:
    """~~[X](...) - words.~~ made an item section titled "~~" once strikethrough was read;
    it is an entry, struck through as the list showed it."""
    source = "# T\n\nx.\n\n## A\n\n- ~~[X](https://x.example.org/) - Old.~~\n"
    source += "- [P](https://p.example.org/) - Plain.\n"
    (entry, _) = parse(source).entries
    assert (entry.title, entry.emphasis, entry.description) == ("X", "~~", "~~Old.~~")
    readme = rendered(tmp_path, source)
    assert "- ~~[X](https://x.example.org/)~~ - ~~Old.~~\n" in readme


def test_a_malformed_web_address_is_named_as_one() -> None:
    """awesome-dotnet's [FreeSql](https:/github.com/...) was reported as "a https: link, and
    an entry's URL is http(s)", which reads as nonsense."""
    source = (
        "# T\n\nx.\n\n## A\n\n- [FreeSql](https:/github.com/dotnetcore/FreeSql) - An ORM.\n"
        "- [Dapper](https://github.com/DapperLib/Dapper) - A micro ORM.\n"
    )
    (skipped,) = parse(source).skipped
    assert skipped.url == "https:/github.com/dotnetcore/FreeSql"
    assert skipped.why == (
        'a malformed web address (it needs // after the colon); its item, "FreeSql - An ORM.", '
        "is left out"
    )


TOOLING_COMMENTS = """\
# Flutter

Widgets.

## Calendar

- [Calendar Carousel Widget](https://github.com/dooboolab/flutter_calendar_carousel) \
<!-- stargazers:dooboolab/flutter_calendar_carousel--> - Calendar carousel by \
[dooboolab](https://github.com/dooboolab).
- [Fleather](https://github.com/fleather-editor/fleather) \
<!--stargazersfleather-editor/fleather--> - Soft & gentle rich text editor.
- [bitsdojo_window](https://github.com/bitsdojo/bitsdojo_window) <!--bitsdojo/bitsdojo_window-->
- [Table Calendar](https://github.com/aleksanderwozniak/table_calendar) - A calendar.
"""


def test_a_comment_after_the_title_link_stays_and_so_does_the_separator(tmp_path: Path) -> None:
    """awesome-flutter's ``[Fleather](...) <!--stargazers...--> - Soft & gentle...`` came back
    as ``[Fleather](...) Soft & gentle...``: the comment (the maintainers' own tooling's
    marker) and the `` - `` were lost. The comment is one of the line's marks, shown where
    it was; check passes the list, the page shows no comment, and the separator is the
    list's."""
    found = parse(TOOLING_COMMENTS)
    assert found.skipped == []
    carousel, fleather, window, _ = found.entries
    assert carousel.marks == "<!-- stargazers:dooboolab/flutter_calendar_carousel-->"
    assert carousel.description == "Calendar carousel by [dooboolab](https://github.com/dooboolab)."
    assert (fleather.marks, fleather.description) == (
        "<!--stargazersfleather-editor/fleather-->",
        "Soft & gentle rich text editor.",
    )
    assert (window.marks, window.description) == ("<!--bitsdojo/bitsdojo_window-->", "")
    assert without_mark(rendered(tmp_path, TOOLING_COMMENTS)) == TOOLING_COMMENTS.rstrip("\n")
    project = load_project(tmp_path / "list")
    assert [str(p) for p in validate(project) if p.level.value == "error"] == []
    config = tmp_path / "list" / "listsmith.yaml"
    config.write_text(config.read_text().replace("  targets:\n", "  targets:\n    page: true\n"))
    (page,) = render.outputs(load_project(tmp_path / "list"), {"page"})
    shown = page.wanted.decode("utf-8")
    assert "Fleather" in shown and "stargazers" not in shown and "&lt;!--" not in shown


KEPT_CONTENTS = """\
# Awesome Elixir

Libraries.

- [Awesome Elixir](#awesome-elixir)
  - [Actors](#actors)
  - [Audio](#audio)
  - [Caching](#caching)

## Actors

- [Akin](https://akin.example.org/) - Actors.

## Audio

- [Membrane](https://membrane.example.org/) - Audio.

## Caching

- [Cachex](https://cachex.example.org/) - Caching.
"""


def test_a_section_missing_from_a_kept_table_of_contents_is_named(tmp_path: Path) -> None:
    """awesome-elixir's table of contents has no heading and nests under a link to the
    title: the import keeps it as written, and a section added later was in no one's sight."""
    root = tmp_path / "list"
    write(parse(KEPT_CONTENTS), root, force=False)
    check = [sys.executable, "-m", "listsmith", "check", "--no-sync", "--root", str(root)]
    assert "contents-kept" not in subprocess.run(check, capture_output=True, text=True).stdout
    index = root / "resources" / "index.yaml"
    text = index.read_text(encoding="utf-8")
    index.write_text(
        text.replace("sections:\n", "sections:\n  - id: agents\n    title: Agents\n", 1)
    )
    (root / "resources" / "agents").mkdir()
    (root / "resources" / "agents" / "jido.yaml").write_text(
        "title: Jido\nurl: https://jido.example.org/\ndescription: Agents for Elixir.\n"
    )
    done = subprocess.run(check, capture_output=True, text=True)
    found = [line for line in done.stdout.splitlines() if line.endswith("[contents-kept]")]
    assert len(found) == 1 and "section 'Agents' is missing" in found[0], done.stdout
    assert done.returncode == 0  # a warning
    # A heading written as more than its title is linked by the words it shows.
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("title: Agents\n", "title: Agents\n    heading: Audio\n", 1))
    again = subprocess.run(check, capture_output=True, text=True)
    assert "section 'Audio' is missing" in again.stdout and "'Agents'" not in again.stdout


ARROWS_AND_ANCHORS = """\
# iOS

Apps.

## Code

- [Storyboard -> SwiftUI Converter](https://swiftify.com/#/converter/storyboard2swiftui/) - \
Storyboard -> SwiftUI Converter converts .storyboard and .xib to SwiftUI.
- [a > b](https://ab.example.org/) - Compares.

## SDK

- [Stripe](https://github.com/stripe/stripe-ios) Stripe bindings for iOS and macOS.
- [Venmo](#payments)

## Payments

- [Braintree](https://github.com/braintree/braintree_ios) - Payments.
"""


def test_an_arrow_in_a_title_comes_back_as_written(tmp_path: Path) -> None:
    """awesome-ios's [Storyboard -> SwiftUI Converter](...) came back as
    [Storyboard -&gt; SwiftUI Converter](...): the title is kept as its words, and the
    README writes a ">" that opens nothing as it is (``markdown.escape``)."""
    source = ARROWS_AND_ANCHORS.split("\n## SDK")[0] + "\n"
    titles = [e.title for e in parse(source).entries]
    assert titles == ["Storyboard -> SwiftUI Converter", "a > b"]
    assert without_mark(rendered(tmp_path, source)) == source.rstrip("\n")


def test_an_item_that_only_links_to_a_heading_comes_back_as_written(tmp_path: Path) -> None:
    """awesome-ios's ``- [Venmo](#payments)`` (an item that points to another section) came
    back as ``- Venmo - [Venmo](#payments)``: its words were read as a label's name and
    the whole line as its description."""
    assert without_mark(rendered(tmp_path, ARROWS_AND_ANCHORS)) == ARROWS_AND_ANCHORS.rstrip("\n")


ICONS_IN_TITLES = """\
# T

x.

## A

- [<img src="https://i.example.org/a.png">](https://a.example.org/) [Alpha](https://al.ex/) - A.
- [<img src="https://i.example.org/g.png"> Gamma](https://g.example.org/) - G tool.
- [![icon](https://i.example.org/d.png) Delta](https://d.example.org/) - D tool.
"""


def test_an_icon_inside_a_title_link_is_reported_not_dropped() -> None:
    """A link around an <img> alone is a logo (it was read as the entry, titled with its
    URL); an icon beside a title's words shows nowhere once the title is words, so the
    import says so (it went without a word)."""
    result = parse(ICONS_IN_TITLES)
    assert [(e.title, e.url) for e in result.entries] == [
        ("Alpha", "https://al.ex/"),
        ("Gamma", "https://g.example.org/"),
        ("Delta", "https://d.example.org/"),
    ]
    assert sorted(s.url for s in result.skipped) == [
        "https://a.example.org/",
        "https://i.example.org/a.png",
        "https://i.example.org/d.png",
        "https://i.example.org/g.png",
    ]


@pytest.mark.parametrize(
    ("line", "emphasis", "description"),
    [
        ("- **[X](https://x.example.org/) - all bold.**", "**", "**all bold.**"),
        ("- **[X](https://x.example.org/) (beta)**", "**", "**(beta)**"),
        ("- ***[X](https://x.example.org/)***", "", ""),
        ("- _[X](https://x.example.org/) - italic all._", "_", "_italic all._"),
        ("- *[X](https://x.example.org/) - 5 * 3 tool.*", "*", "*5 * 3 tool.*"),
        ("- _[X](https://x.example.org/) - snake_case tool._", "_", "_snake_case tool._"),
        (
            "- ~~[X](https://x.example.org/) - Dead.~~ See [Y](https://y.example.org/).",
            "~~",
            "~~Dead.~~ See [Y](https://y.example.org/).",
        ),
    ],
)
def test_emphasis_over_a_whole_line_stays_around_the_title_and_the_description(
    line: str, emphasis: str, description: str
) -> None:
    """A reviewer's cases: emphasis opened before the title link and closed after its words
    left its closing marker in the description ("all bold.**"), and then it was dropped,
    which took the strikethrough off ashishb's 23 dead links. One marker goes around the
    title and around the description now, which shows the same; two are dropped."""
    source = f"# T\n\nx.\n\n## A\n\n{line}\n- [P](https://p.example.org/) - Plain.\n"
    (entry, *_) = parse(source).entries
    assert (entry.title, entry.emphasis, entry.description) == ("X", emphasis, description)


def test_a_line_separator_character_in_a_line_duplicates_nothing(tmp_path: Path) -> None:
    """awesome-android's U+2028 at a line's end: the import numbered lines as Python splits
    them, one more than markdown-it, and every heading after it came back twice."""
    source = (
        "# T\n\nx.\n\n## A\n\n- [A](https://a.example.org/) - A thing.\u2028\n\n"
        "## Resources\n\nSome intro.\n\n- [B](https://b.example.org/) - B thing.\n"
    )
    readme = without_mark(rendered(tmp_path, source))
    assert readme == source.replace("\u2028", "").rstrip("\n")


EMOJI_LEADS = """\
# Magic

Tools.

## Fonts

- :free: [Littera](https://l.example.org/) - Bitmap font generator.
- :moneybag: [Max](https://m.example.org/)
- :free: :tada: [Other](https://o.example.org/) - Other tool.
- [Plain](https://p.example.org/) - Plain tool.
"""


def test_an_emoji_shortcode_before_the_title_link_leads_its_entry(tmp_path: Path) -> None:
    """magictools marks each tool :free: or :moneybag: before its link: such an item was read
    as a group titled "free" (one without a description split in two), and 229 of its 340
    tools were no entries. The shortcodes are the entry's lead, as code spans before a link."""
    found = {e.title: e.lead for e in parse(EMOJI_LEADS).entries}
    assert found == {
        "Littera": ":free:",
        "Max": ":moneybag:",
        "Other": ":free: :tada:",
        "Plain": "",
    }
    assert without_mark(rendered(tmp_path, EMOJI_LEADS)) == EMOJI_LEADS.rstrip("\n")


def test_words_left_out_with_no_url_are_reported_too() -> None:
    """awesome-haskell: an item whose link has no address ([Frameworks]()) went with its
    words, and a heading inside a list item went without a word: the ledger counted URLs
    only. Both are reported now, by their words, so init asks for --accept-loss."""
    source = (
        "# T\n\nx.\n\n## Web\n\n* [Servers](https://s.example.org/) - Resources.\n"
        "* [Frameworks]() - Official website resources.\n"
        "* [H-99](https://h.example.org/) - Problems.\n\n    ### Web Tutorials\n"
        "    * [Spock](https://spock.example.org/) - Spock.\n"
    )
    skipped = {(s.line, s.url, s.why) for s in parse(source).skipped}
    assert skipped == {
        (
            8,
            '"Frameworks - Official website resources."',
            "a link to no address, and an entry needs a URL",
        ),
        (11, '"Web Tutorials"', "a block inside a list item, which an entry can't hold"),
    }


NUMBERED = (
    "# Deep\n\nBooks.\n\n## Books\n\n"
    + "".join(
        f"{n}. [Book {n}](https://b{n}.example.org/) - Book number {n}.\n" for n in range(1, 11)
    )
    + "    - [Code](https://code.example.org/) - The tenth book's code.\n"
    + "\n## Tools\n\n- [Torch](https://t.example.org/) - A tool.\n"
)


def test_a_numbered_list_stays_numbered(tmp_path: Path) -> None:
    """awesome-deep-learning numbers its books (1., 2., ...): read as bullets, 494 lines came
    back as a list without numbers. The section keeps its marker; each item gets its number,
    and what is under an item is indented past it (four spaces under "10."), in bullets."""
    imported = parse(NUMBERED)
    assert imported.settings.bullet == "1."
    readme = without_mark(rendered(tmp_path, NUMBERED))
    assert readme == NUMBERED.rstrip("\n")
    html = MarkdownIt("commonmark").render(readme)
    assert html.count("<ol>") == 1 and html.count("<li>") == 12
    assert "<ol>" in html.split("Book 10")[0] and '<ul>\n<li><a href="https://code' in html


GROUP_LABELS = """\
# Ruby

Gems.

## Auth

- [Warden](https://w.example.org/) - Rack auth.
- OAuth:
  - [Doorkeeper](https://d.example.org/) - OAuth2 provider.
- *Architecture*
  - [Arch](https://a.example.org/) - A note.
- **Bold** group
  - [B](https://b.example.org/) - B tool.
- It can manage:
  - Any `git` repository.
"""


def test_a_group_s_name_keeps_the_markdown_it_was_written_in(tmp_path: Path) -> None:
    """zsh-plugins' "- OAuth:" and awesome-ruby's "- *Architecture*" came back as "- OAuth" and
    "- Architecture": the name was kept as words, and the colon and emphasis went."""
    assert without_mark(rendered(tmp_path, GROUP_LABELS)) == GROUP_LABELS.rstrip("\n")


def test_a_code_block_inside_an_entry_is_reported_by_its_code() -> None:
    """best-of-ml-python writes each project's install command in a code block under it:
    1,153 of them went without a word (the ledger read words of inline text only)."""
    source = (
        "# T\n\nx.\n\n## A\n\n- [Alpha](https://a.example.org/) - Install with:\n\n"
        "  ```\n  pip install alpha\n  ```\n- [Beta](https://b.example.org/) - Beta.\n"
    )
    (skipped,) = parse(source).skipped
    assert (skipped.line, skipped.url) == (9, '"pip install alpha"')


DETAILS = """\
# Title

Tools.

## Section

<details><summary><b>Alpha</b> - A tool.</summary>

- [GitHub](https://github.com/a/alpha)
- [PyPI](https://pypi.org/project/alpha)

</details>
<details><summary><b>Beta</b> - Another.</summary>

- [GitHub](https://github.com/b/beta)

</details>
"""


def test_a_list_after_text_in_its_section_stays_in_place(tmp_path: Path) -> None:
    """best-of-ml-python wraps each project's links in a <details>: every list of a section
    joined the first as entries and the HTML moved after them, so Beta's link sat in
    Alpha's <details> and 418 of 477 came out empty. A list that text separates from the
    section's entries stays as written, where it was."""
    imported = parse(DETAILS)
    assert [e.title for e in imported.entries] == ["GitHub", "PyPI"]
    (note,) = imported.notes  # said, with the line of the list kept as written
    assert note[0] == 15 and note[1].startswith("a list after text in its section stays there")
    assert without_mark(rendered(tmp_path, DETAILS)) == DETAILS.rstrip("\n")


ANCHORS = """\
# ML

Tutorials.

## Validation

- [Hold-out](https://h.example.org/) - Hold-out validation.

<a name="cross" />

- [Cross Validation](https://c.example.org/) - Cross validation.

<a id="boot"></a>

- [Bootstrap](https://b.example.org/) - Resampling.
"""


def test_an_anchor_between_two_lists_opens_a_group_where_it_stands(tmp_path: Path) -> None:
    """ujjwalkarn's "<a name="cross" />" anchors between the lists of a section (what its
    contents link to) were moved after the section's entries. Each opens a group whose
    heading is the anchor as written, so the entries stay entries and the anchor stays put."""
    imported = parse(ANCHORS)
    assert len(imported.entries) == 3
    assert [s.heading for s in imported.walk()][1:] == ['<a name="cross" />', '<a id="boot"></a>']
    assert without_mark(rendered(tmp_path, ANCHORS)) == ANCHORS.rstrip("\n")


PODCASTS = """\
# Podcasts

Shows.

## Section

* Podcast One ([Site](https://one.example.org/) | [iTunes](https://itunes.example.org/one))
  * **Description**: A talk show.
  * **Host**: Bob @[bob](https://twitter.example.org/bob)
* [Podcast Two](https://two.example.org/)
"""


def test_a_group_s_bold_name_and_its_words_stay_as_written(tmp_path: Path) -> None:
    """awesome-podcasts' "**Host**: Bob @[bob](...)" under a show came back as
    "Host - Bob @ [bob](...)": the name lost its bold and colon, and joining the words to
    the link put a space after the @."""
    assert without_mark(rendered(tmp_path, PODCASTS)) == PODCASTS.rstrip("\n")


def test_entries_under_the_title_alone_get_no_heading_of_listsmith_s_making(
    tmp_path: Path,
) -> None:
    """herrbischoff's and bayandin's lists sit right under the title: the README gained a
    "## Resources" heading the list never had. Their section shows no line of its own."""
    source = (
        "# Title\n\nIntro text.\n\n- [One](https://one.example.org/) - One.\n"
        "- [Two](https://two.example.org/) - Two.\n\nClosing text.\n"
    )
    (section,) = parse(source).sections
    assert (section.title, section.style) == ("Resources", "none")
    assert without_mark(rendered(tmp_path, source)) == source.rstrip("\n")


LOOSE = """\
# Pods

Shows.

## Tech

- [One](https://one.example.org/) - First show.

- [Two](https://two.example.org/) - Second show.
  - [Sub](https://sub.example.org/) - Its sub.

- [Three](https://three.example.org/) - Third show.

## Tight

- [Four](https://four.example.org/) - Fourth show.
- [Five](https://five.example.org/) - Fifth show.
"""


def test_a_list_whose_items_stand_apart_stays_spaced_out(tmp_path: Path) -> None:
    """awesome-podcasts spaces each show a blank line from the next, which GitHub shows as a
    loose list (each item a paragraph): the README packed them tight. The section is
    loose, and a tight one beside it stays tight."""
    assert [s.loose for s in parse(LOOSE).walk()] == [True, False]
    assert without_mark(rendered(tmp_path, LOOSE)) == LOOSE.rstrip("\n")


AMONG = """\
# Apps

Open apps.

## TV

- [Player](https://player.example.org/) - Plays things.
  - [App Store](https://apps.example.org/player)
  - `2023` `swift`
  - ☆`73`
- [Reader](https://reader.example.org/) - Reads things.
  - Early note.
  - [Plugin](https://plugin.example.org/) - Its plugin.
  - Late note.
    - Under the late note.
  - [Theme](https://theme.example.org/) - Its theme.
- [Viewer](https://viewer.example.org/) - Views things.
  - Only a note.
"""


def test_points_among_sub_entries_stay_where_they_were(tmp_path: Path) -> None:
    """open-source-ios-apps lists an app's App Store link, then its year and stars (396
    entries): the README showed every point before the sub-entries, reordering them. A
    point now names the sub-entry it follows, and one before them all names none."""
    (section,) = parse(AMONG).sections
    player, reader, viewer = section.items
    assert [p.text for p in viewer.details] == ["Only a note."]
    assert [p.follows for p in player.details] == [1, 1]
    assert [p.follows for p in reader.details] == [0, 1]
    assert [p.follows for p in viewer.details] == [0]
    assert without_mark(rendered(tmp_path, AMONG)) == AMONG.rstrip("\n")
    written = yaml.safe_load((tmp_path / "list" / "resources" / "tv" / "reader.yaml").read_text())
    assert written["details"] == [
        "Early note.",
        {"text": "Late note.", "after": "plugin", "details": ["Under the late note."]},
    ]


LABEL_LINES = """\
# Notes

Things.

## Articles

- Compare it [here](https://a.example.org/1), [here](https://b.example.org/2) and [here](https://c.example.org/3)
- **Guido**: [`The schedule is inhumane.`](https://t.example.org/1)
- Read: [*One*](https://one.example.org/), [Two](https://two.example.org/)
"""


def test_a_line_of_words_and_links_comes_back_as_written(tmp_path: Path) -> None:
    """Two lines a trial found restructured without a word: awesome-dotnet-core's links
    joined by ", " then " and " became a group of three entries, its joiners gone; 996.ICU's
    "**Guido**: [`quote`](...)" a group "Guido" over a link that lost its code span. Links
    joined one way are still entries on their line, their titles' Markdown kept."""
    found = parse(LABEL_LINES)
    assert [e.title_markdown for e in found.entries] == [
        "`The schedule is inhumane.`",
        "*One*",
        "",
    ]
    assert without_mark(rendered(tmp_path, LABEL_LINES)) == LABEL_LINES.rstrip("\n")


def test_a_second_paragraph_joining_the_description_is_said() -> None:
    """open-source-mac-os-apps writes an app's languages and website as paragraphs under its
    line (275 of them): they join the description, on the line, and init says so."""
    source = (
        "# T\n\n## S\n\n- [A](https://a.example.org/) - An app.\n\n"
        "  **Website:** [a.example.org](https://a.example.org/)\n\n"
        "- [B](https://b.example.org/)\n\n  Its words, below its line.\n"
        "  - A point.\n\n    Its next paragraph.\n"
    )
    found = parse(source)
    assert found.entries[0].description == (
        "An app. **Website:** [a.example.org](https://a.example.org/)"
    )
    assert [p.text for p in found.entries[1].details] == ["A point. Its next paragraph."]
    assert [line for line, _ in found.notes] == [5, 12]


STEPS = """\
# Tools

Things.

## Scripts

- [Taze](https://taze.example.org/) - Keeps dependencies fresh.
- How to make executable scripts:
  1. Install [ts-node](https://ts-node.example.org/).
  2. Make it executable: `chmod +x script.ts`
- Other ways:
  - [Bun](https://bun.example.org/)
"""


def test_a_numbered_list_under_a_group_stays_numbered(tmp_path: Path) -> None:
    """awesome-typescript's steps under "How to make executable scripts:" came back as
    bullets: the group's own list now keeps its numbers (its section's bullet), and a
    bulleted one beside it stays bulleted."""
    bullets = {s.title: s.bullet for s in parse(STEPS).walk() if s.style == "item"}
    assert (bullets["How to make executable scripts"], bullets["Other ways"]) == ("1.", "")
    assert without_mark(rendered(tmp_path, STEPS)) == STEPS.rstrip("\n")


def test_a_heading_that_is_a_logo_alone_keeps_it(tmp_path: Path) -> None:
    """papers-we-love opens with "## ![Papers We Love](...svg)": the section came back as
    "## …", its logo reported lost. It is named by the logo's alt text and stays as written."""
    source = (
        "## ![Papers We Love](https://pwl.example.org/logo.svg)\n\nA directory of papers.\n\n"
        "## Papers\n\n- [A Paper](https://a.example.org/p.pdf) - About things.\n"
    )
    found = parse(source)
    assert [s.title for s in found.sections] == ["Papers We Love", "Papers"]
    assert found.skipped == []
    assert without_mark(rendered(tmp_path, source)) == source.rstrip("\n")


def test_a_list_with_a_blank_line_between_some_items_is_loose_throughout(
    tmp_path: Path,
) -> None:
    """GitHub shows a list loose, every item spaced out, when any two of its items stand a
    blank line apart (CommonMark's loose list): awesome-react-components (14 such items),
    awesome-dotnet-core (31) came back tight, and awesome-nlp kept 13 of 59. The README spaces out
    every item: the same list on GitHub."""
    source = LOOSE.replace(
        "Third show.\n\n## Tight",
        "Third show.\n- [Tail](https://tail.example.org/) - Fourth show.\n\n## Tight",
    )
    source = source.replace("First show.\n\n- [Two]", "First show.\n- [Two]")
    out = without_mark(rendered(tmp_path, source))
    md = MarkdownIt("commonmark")

    def spaced(text: str) -> list[bool]:
        tokens = md.parse(text)
        return [
            not tokens[i + 1].hidden
            for i, t in enumerate(tokens)
            if t.type == "list_item_open"
            and t.level == 1
            and tokens[i + 1].type == "paragraph_open"
        ]

    assert spaced(out) == spaced(source) == [True] * 4 + [False] * 2


IOS_APPS = (FIXTURES / "import" / "open-source-ios-apps.md").read_text(encoding="utf-8")
"""The Apple TV section of https://github.com/dkhamsing/open-source-ios-apps (README.md at
ca2102f, CC0; open-source-ios-apps.SOURCE.md says which lines)."""


def test_open_source_ios_apps_comes_back_in_its_order_with_its_links(tmp_path: Path) -> None:
    """A real list init refused outright (a point's raw HTML link) and, once past that,
    reordered: each app lists an App Store link (a sub-entry) or a screenshot's HTML link,
    then its year and languages, then its stars. Every link is kept, every app's sub-items
    stay in order, and the lines that differ are the HTML links, now Markdown, and spacing."""
    found = parse(IOS_APPS)
    assert found.skipped == []
    out = without_mark(rendered(tmp_path, IOS_APPS))
    fidelity = compare(IOS_APPS, out)
    assert fidelity.kept_share == 1.0 and fidelity.headings_kept
    assert [line for line in fidelity.differing if "<a href=" not in line] == []
    rendered_lines = [line.strip() for line in out.splitlines()]
    for app in ("iCook TV", "Moonlight Game Streaming"):
        at = next(i for i, line in enumerate(rendered_lines) if f"[{app}]" in line)
        store, year, stars = rendered_lines[at + 1 : at + 4]
        assert " App Store`](https://apps.apple.com/" in store  # its `\uf8ff` Apple logo
        assert "[`Screenshot 1`](https://" in store
        assert year.startswith("- `20") and stars.startswith("- ☆`")


TASKS = """\
# Study plan

Watch these.

## Big-O

- [ ] [Skiena (video)](https://skiena.example.org/)
- [x] [Cheat sheet](https://cheat.example.org/) -- A page of it.
- [ ] size() - number of items
- [ ] Practice
  - [ ] [Arrays](https://arrays.example.org/)
"""


def test_task_list_checkboxes_stay_checkboxes(tmp_path: Path) -> None:
    """coding-interview-university's 461 "- [ ] ..." items showed "\\[ \\]" as text, and an
    entry after a box became a group titled "[ ]" over it; awesome-computer-vision's "--"
    separator came back doubled ("-- -- Beta"). A box leads its entry (``lead``) or stays
    before a group's words, and "--" is the separator it was."""
    entries = {e.title: e for e in parse(TASKS).entries}
    assert entries["Skiena (video)"].lead == "[ ]"
    assert (entries["Cheat sheet"].separator, entries["Cheat sheet"].description) == (
        " -- ",
        "A page of it.",
    )
    assert without_mark(rendered(tmp_path, TASKS)) == TASKS.rstrip("\n")


PAPERS = """\
# Papers

Most cited papers.

## Training

- **Training very deep networks** (2015), R. Srivastava et al. [[pdf]](https://a.example.org/1.pdf)
- **Adam: A method for stochastic optimization** (2014), D. Kingma [[pdf]](https://a.example.org/2.pdf)
- [[Review] Analyzing Algorithms](https://review.example.org/) - A review.
"""


def test_a_paper_line_comes_back_as_written(tmp_path: Path) -> None:
    """awesome-deep-learning-papers' 206 papers: "**Title** (2015), Authors [[pdf]](...)"
    lost its bold and its [pdf] link went under it (a link's "[pdf]" came back escaped, so
    the line no longer read as written), and a title holding ": " was split inside its bold,
    which GitHub then showed as "**". Both come back as written."""
    labels = [s for s in parse(PAPERS).walk() if s.style == "item"]
    assert [s.title for s in labels] == [
        "Training very deep networks (2015), R. Srivastava et al.",
        "Adam: A method for stochastic optimization (2014), D. Kingma",
    ]
    assert without_mark(rendered(tmp_path, PAPERS)) == PAPERS.rstrip("\n")


VITE = """\
# Vite

Plugins.

## Vue

- ![v3] [plugin-vue](https://github.com/vitejs/vite-plugin-vue) - Official Vue 3 support.
- ![Vue 2](https://img.shields.io/badge/-v2-42b883) [plugin-vue2](https://v2.example.org/) - Vue 2.

[v3]: https://img.shields.io/badge/-v3-35495e
"""


def test_a_picture_before_an_entry_s_link_leads_it(tmp_path: Path) -> None:
    """awesome-vite marks 31 plugins with a version badge before the link ("![v3] [name]"):
    init refused them (each badge "an image in a list item"), and with --accept-loss the
    badges went and their definitions were left unused. A picture there is the lead."""
    found = parse(VITE)
    assert found.skipped == []
    assert [e.lead for e in found.entries] == [
        "![v3]",
        "![Vue 2](https://img.shields.io/badge/-v2-42b883)",
    ]
    assert without_mark(rendered(tmp_path, VITE)) == VITE.rstrip("\n")


HEADED = """\
# Courses

Video courses.

## Machine Learning

- #### **Intro**
  - [A](https://a.example.org/)
  - [B](https://b.example.org/)

- #### **Deep**
  - [C](https://c.example.org/)

## Data Structures

- ### Arrays
  - [ ] [Arrays (video)](https://arrays.example.org/)
- ### Linked Lists
  - [Lists](https://lists.example.org/)
"""


def test_an_item_that_is_a_heading_stays_one_over_its_entries(tmp_path: Path) -> None:
    """coding-interview-university's "- ### Arrays" (58 of them, which its table of contents
    links to) and cs-video-courses' "- #### **Intro**" (21) were left out, reported, and their
    entries read in their place, spaced out by the blank lines between the groups. Each is
    a group whose line is the heading as written, and the lists keep their spacing."""
    found = parse(HEADED)
    assert found.skipped == []
    groups = [s for s in found.walk() if s.style == "item"]
    assert [(s.title, s.heading) for s in groups] == [
        ("Intro", "#### **Intro**"),
        ("Deep", "#### **Deep**"),
        ("Arrays", "### Arrays"),
        ("Linked Lists", "### Linked Lists"),
    ]
    assert without_mark(rendered(tmp_path, HEADED)) == HEADED.rstrip("\n")
    assert validate(load_project(tmp_path / "list")) == []


def test_a_separator_with_nothing_after_it_stays(tmp_path: Path) -> None:
    """coding-interview-university's "[Cards (1200)](...):" and awesome-computer-vision's
    "[NeuralTalk](...) -" lost their ":" and " -": with no description after it, the line's
    separator was not kept. It is the entry's own, written as it was."""
    source = (
        "# Study\n\nCards.\n\n## Flash cards\n\n- [Cards](https://a.example.org/cards.db):\n"
        "- [Net](https://n.example.org/) -\n- [Plain](https://p.example.org/)\n"
        "- [Full](https://f.example.org/) - With words.\n"
    )
    assert without_mark(rendered(tmp_path, source)) == source.rstrip("\n")

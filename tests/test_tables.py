"""Tables are a section style (issue #18, item 5): rows are entries, rendered back as the table.

public-apis keeps 1,700 APIs in Markdown tables (API, Description, Auth, HTTPS, CORS). Its
README is imported and rendered again; every table row must come back with the same cells
in the same order, compared the way GitHub shows them (a cell's inline Markdown rendered,
whitespace collapsed: a space before a pipe or inside a link's parentheses, the length of
the delimiter row, ``&`` written as ``&amp;`` show the same). Small lists check the edges.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from listsmith import problem_ids, render
from listsmith.cli import main
from listsmith.importer import parse, write
from listsmith.links.collector import collect
from listsmith.project import load_project
from listsmith.validate import validate

from .fidelity import compare
from .fixtures.lists.refresh_baselines import LISTS
from .judges import awesome_lint_many, counts

PUBLIC_APIS = LISTS / "public-apis-public-apis" / "README.md"
FIXTURES = Path(__file__).parent / "fixtures" / "import"
_GFM = MarkdownIt("commonmark").enable("table")
_SPACE = re.compile(r"\s+")


def table_rows(text: str) -> list[list[str]]:
    """Every row of every table, as its cells show: inline Markdown rendered to HTML,
    whitespace collapsed (also just inside a link's text)."""
    rows: list[list[str]] = []
    cells: list[str] | None = None
    for token in _GFM.parse(text):
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline" and cells is not None:
            shown = _SPACE.sub(" ", _GFM.renderInline(token.content)).strip()
            cells.append(re.sub(r" ?(</?a[^>]*>) ?", r"\1", shown))
        elif token.type == "tr_close" and cells is not None:
            rows.append(cells)
            cells = None
    return rows


def table_links(text: str) -> Counter[str]:
    """The addresses linked from table cells, counted."""
    found: Counter[str] = Counter()
    inside = False
    for token in _GFM.parse(text):
        inside = token.type == "table_open" or (inside and token.type != "table_close")
        if inside and token.type == "inline":
            found.update(
                str(c.attrs["href"]) for c in token.children or [] if c.type == "link_open"
            )
    return found


@functools.cache
def _public_apis(root: Path) -> str:
    write(parse(PUBLIC_APIS.read_text(encoding="utf-8")), root, force=False)
    text = render.readme(load_project(root))
    (root / "README.md").write_text(text, encoding="utf-8")
    return text


@pytest.fixture(scope="module")
def public_apis(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("public-apis") / "list"
    return root, _public_apis(root)


def test_public_apis_rows_are_entries(public_apis: tuple[Path, str]) -> None:
    root, _ = public_apis
    source = PUBLIC_APIS.read_text(encoding="utf-8")
    project = load_project(root)
    tables = [s for s in project.index.sections if s.data.get("columns")]
    in_tables = [e for e in project.entries if e.section in {s.path for s in tables}]
    # Every table of APIs, each row with its link: all rows but the headers and the
    # APILayer table, whose "Call this API" cells are images (kept as text, as written).
    headers = len(re.findall(r"^\|?:?-{3,}", source, re.M))
    assert len(tables) == headers - 1 == 51
    assert len(in_tables) == len(table_rows(source)) - headers - 11
    animals = next(s for s in tables if s.title == "Animals")
    assert animals.data["columns"][:3] == [
        {"field": "title", "header": "API", "align": "left"},
        {"field": "description", "header": "Description", "align": "left"},
        {"field": "auth", "header": "Auth", "align": "left"},
    ]
    adopt = next(e for e in in_tables if e.slug == "adoptapet")
    assert json.loads(json.dumps(adopt.data)) == {
        "title": "AdoptAPet",
        "url": "https://www.adoptapet.com/public/apis/pet_list.html",
        "description": "Resource to help get pets adopted",
        "auth": "`apiKey`",
        "https": "Yes",
        "cors": "Yes",
    }
    # The columns are fields the list's schema declares, so the entries hold up.
    errors = [p for p in problem_ids.blocking(validate(project)) if p.rule == "schema"]
    assert errors == []


def test_public_apis_tables_come_back_row_by_row(public_apis: tuple[Path, str]) -> None:
    _, rendered = public_apis
    source = PUBLIC_APIS.read_text(encoding="utf-8")
    before, after = table_rows(source), table_rows(rendered)
    # markdown-it, like GitHub, reads as many cells as the header has (one row has an
    # extra empty one) and the rows in order: the same rows come back in the same order.
    assert len(after) == len(before)
    differing = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    # One description holds raw HTML (``<SmartAPI>``, which GitHub doesn't show): the
    # markdown-inline rule refuses HTML in a description, so the import leaves it out.
    assert len(differing) == 1
    ((was, now),) = differing
    assert was[0] == now[0] == '<a href="https://smartapi.angelbroking.com/">SmartAPI</a>'
    assert was[1].replace("<SmartAPI> ", "") == now[1]


def test_public_apis_keeps_every_link_of_its_tables(public_apis: tuple[Path, str]) -> None:
    _, rendered = public_apis
    source = PUBLIC_APIS.read_text(encoding="utf-8")
    links = table_links(source)
    assert sum(links.values()) == 1706 + 11  # a link a row, and the APILayer table's buttons
    assert table_links(rendered) == links


def test_awesome_lint_finds_no_more_than_in_the_source(
    public_apis: tuple[Path, str], tmp_path: Path
) -> None:
    root, _ = public_apis
    source = tmp_path / "source" / "README.md"
    source.parent.mkdir()
    source.write_text(PUBLIC_APIS.read_text(encoding="utf-8"), encoding="utf-8")
    found = awesome_lint_many([source, root / "README.md"])
    before, after = counts(found[source]), counts(found[root / "README.md"])
    assert {rule: n for rule, n in after.items() if n > before.get(rule, 0)} == {}
    # The tables are written whole: outer pipes, padded cells, lined-up pipes. What is left
    # is in the APILayer table, kept as the source wrote it (its cells hold images).
    assert (before["table-pipes"], after.get("table-pipes", 0)) == (52, 0)
    assert before["table-pipe-alignment"] > 7000 > 100 > after["table-pipe-alignment"]


def test_links_dupes_and_the_page_see_rows(public_apis: tuple[Path, str]) -> None:
    root, _ = public_apis
    project = load_project(root)
    urls = collect(project)
    assert "https://http.cat/" in urls and "https://catfact.ninja/" in urls
    # Rows are entries to the duplicate rules too: public-apis lists some APIs twice.
    twice = [p for p in validate(project) if p.rule == "duplicate-url"]
    assert twice
    config = root / "listsmith.yaml"
    config.write_text(config.read_text().replace("  targets:\n", "  targets:\n    page: true\n"))
    (page,) = render.outputs(load_project(root), {"page"})
    html = page.wanted.decode("utf-8")
    assert 'data-s="http cat cat for every http status no yes yes"' in html  # and its cells


def test_new_adds_a_row_in_its_place(
    public_apis: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "list"
    shutil.copytree(public_apis[0], root)
    animals = next(s.path for s in load_project(root).index.sections if s.title == "Animals")
    code = main(
        [
            "new",
            "--root",
            str(root),
            "--section",
            animals,
            "--title",
            "Bunnies",
            "--url",
            "https://bunnies.example.org/",
            "--description",
            "Random bunny pictures.",
            "--set",
            "auth=No",
            "--set",
            "https=Yes",
            "--set",
            "cors=Unknown",
        ]
    )
    assert code == 0, capsys.readouterr()
    rows = table_rows(render.readme(load_project(root)))
    at = rows.index(
        [
            '<a href="https://bunnies.example.org/">Bunnies</a>',
            "Random bunny pictures.",
            "No",
            "Yes",
            "Unknown",
        ]
    )
    assert rows[at - 1][0].endswith(">Axolotl</a>")
    assert rows[at + 1][0].endswith(">Cat Facts</a>")


SMALL = """\
# Small

## Tools

Some tools.

| Name | Description | Licence | Stars |
|---|:---:|---:|:--|
| [Alpha](https://a.example.org/) | The first, with a \\| pipe. | `MIT` | 3 |
| [Beta](https://b.example.org/) | Second. | | 10 |

## Text

| Name | Note |
|---|---|
| Gamma | No link here. |

## Pictures

| Name | Badge |
|---|---|
| [Delta](https://d.example.org/) | <img src="https://d.example.org/b.svg"> |
"""


def test_a_small_table_round_trips_and_others_stay_text(tmp_path: Path) -> None:
    write(parse(SMALL), tmp_path, force=False)
    project = load_project(tmp_path)
    by_section = Counter(e.section for e in project.entries)
    assert by_section == Counter({"tools": 2})
    tools = project.section("tools")
    assert tools is not None
    assert [c["field"] for c in tools.data["columns"]] == [
        "title",
        "description",
        "licence",
        "stars",
    ]
    alpha = next(e for e in project.entries if e.slug == "alpha")
    assert alpha.data["description"] == "The first, with a | pipe."
    rendered = render.readme(project)
    # The same table, its pipes lined up as awesome-lint asks.
    assert (
        "| Name                            |        Description         | Licence | Stars |\n"
        "| ------------------------------- | :------------------------: | ------: | :---- |\n"
        "| [Alpha](https://a.example.org/) | The first, with a \\| pipe. |   `MIT` | 3     |\n"
        "| [Beta](https://b.example.org/)  |          Second.           |         | 10    |\n"
    ) in rendered
    # A table without links, or with an image in a cell, is the section's text, as written.
    assert "| Gamma | No link here. |" in rendered
    assert '| [Delta](https://d.example.org/) | <img src="https://d.example.org/b.svg"> |' in (
        rendered
    )
    assert table_rows(rendered) == table_rows(SMALL)


def test_a_cell_beyond_the_description_is_checked_like_one(tmp_path: Path) -> None:
    write(parse(SMALL), tmp_path, force=False)
    beta = tmp_path / "resources" / "tools" / "beta.yaml"
    beta.write_text(beta.read_text() + 'licence: "<b>MIT</b>"\n', encoding="utf-8")
    found = [p for p in validate(load_project(tmp_path)) if p.rule == "table-cells"]
    assert [(p.path, p.line) for p in found] == [("resources/tools/beta.yaml", 6)]
    assert found[0].message == "a table cell can't hold html ('<b>')"


def test_sub_items_are_rows_and_a_label_section_is_refused(tmp_path: Path) -> None:
    write(parse(SMALL), tmp_path, force=False)
    gamma = tmp_path / "resources" / "tools" / "gamma.yaml"
    gamma.write_text(
        "title: Gamma\nurl: https://g.example.org/\ndescription: Under Alpha.\nparent: alpha\n",
        encoding="utf-8",
    )
    rows = [r[0] for r in table_rows(render.readme(load_project(tmp_path)))]
    assert rows[1:4] == [
        '<a href="https://a.example.org/">Alpha</a>',
        '<a href="https://g.example.org/">Gamma</a>',
        '<a href="https://b.example.org/">Beta</a>',
    ]
    index = tmp_path / "resources" / "index.yaml"
    text = index.read_text(encoding="utf-8").replace(
        "    order:\n",
        "    sections:\n      - id: linux\n        title: Linux\n        style: item\n    order:\n",
        1,
    )
    index.write_text(text, encoding="utf-8")
    found = [p for p in validate(load_project(tmp_path)) if p.rule == "section-style"]
    assert len(found) == 1 and "table section" in found[0].message


def test_the_page_shows_a_rows_other_cells_and_searches_them(tmp_path: Path) -> None:
    """Bug: the page showed a table row as its title and description only, so public-apis'
    Auth, HTTPS and CORS were lost there and a search for "apiKey" found nothing."""
    write(parse(SMALL), tmp_path, force=False)
    settings = tmp_path / "listsmith.yaml"
    targets = settings.read_text().replace("  targets:\n", "  targets:\n    page: true\n")
    settings.write_text(targets)
    (page,) = render.outputs(load_project(tmp_path), {"page"})
    html = page.wanted.decode("utf-8")
    alpha = html[html.index('id="tools/alpha"') :].split("</li>", 1)[0]
    assert 'data-s="alpha the first, with a | pipe. `mit` 3"' in alpha
    assert '<span class="header">Licence</span> <code>MIT</code>' in alpha
    assert '<span class="header">Stars</span> 3' in alpha
    beta = html[html.index('id="tools/beta"') :].split("</li>", 1)[0]
    assert "Licence" not in beta  # an empty cell is left out


THUMBNAILS = """\
# Pictures

## Infographics

| Preview | Description |
|---|---|
| [<img src="https://i.example.org/a.png" width="150" />](https://i.example.org/a-full.png) \
| [Key differences](https://k.example.org/) |
| [<img src="https://i.example.org/b.png" width="150" alt="B" />](https://i.example.org/b.png) \
| Data Science ~~Venn~~ Euler Diagram |
"""


@pytest.mark.parametrize(
    "first",
    [
        '[<img src="https://i.example.org/c.png" width="150" />](https://c.example.org/)',
        '[<img src="https://i.example.org/c.png" width="16"> Gamma](https://c.example.org/)',
        "[![logo](https://i.example.org/c.png) Gamma](https://c.example.org/)",
    ],
    ids=["thumbnail", "html-icon-and-words", "markdown-icon-and-words"],
)
def test_a_linked_image_in_the_first_cell_keeps_the_table_as_written(
    tmp_path: Path, first: str
) -> None:
    """Bug (awesome-datascience's Infographics): a row whose first cell is a link around an
    ``<img width="150">`` became an entry titled by nothing ("entry", "entry-2", ...), and the
    thumbnail went with no ``import-loss`` reported. The title cell shows only the link's
    words, so a link holding an image, with or without words, can't come back from an entry:
    the table stays the section's text, as GitHub showed it."""
    source = THUMBNAILS + f"| {first} | Gamma's words |\n"
    result = parse(source)
    assert result.skipped == []
    assert result.entries == []
    write(result, tmp_path, force=False)
    rendered = render.readme(load_project(tmp_path))
    for line in source.splitlines()[4:]:
        assert line in rendered
    assert table_rows(rendered) == table_rows(source)


AWESOME_DATASCIENCE = (FIXTURES / "datascience-tables.md").read_text(encoding="utf-8")
"""Two tables of https://github.com/academic/awesome-datascience (README.md at 837e0f3, MIT
licence, "Copyright (c) 2014-2020 Academic.IO"), rows cut: one of links, one of thumbnails."""


def test_awesome_datascience_thumbnails_come_back_and_its_links_are_entries(
    tmp_path: Path,
) -> None:
    result = parse(AWESOME_DATASCIENCE)
    assert result.skipped == []
    assert [e.title for e in result.entries] == [
        "The Data Science Lifecycle Process",
        "Data Science Lifecycle Template Repo",
    ]
    write(result, tmp_path, force=False)
    rendered = render.readme(load_project(tmp_path))
    found = compare(AWESOME_DATASCIENCE, rendered)
    assert (found.differing, found.added, dict(found.missing)) == ([], [], {})
    assert rendered.count('width="150"') == AWESOME_DATASCIENCE.count('width="150"') == 5


def test_code_and_emphasis_in_a_title_link_come_back(tmp_path: Path) -> None:
    """Bug: the title cell wrote the title's plain words, so ``[`jq` **fast**](...)`` came
    back as ``[jq fast](...)``, its code span and bold gone with nothing reported."""
    source = (
        "# Small\n\n## Tools\n\n| Name | Description |\n|---|---|\n"
        "| [`jq` **fast**](https://j.example.org/) | JSON. |\n"
        "| [Plain](https://p.example.org/) | Words. |\n"
    )
    result = parse(source)
    assert [(e.title, e.title_markdown) for e in result.entries] == [
        ("jq fast", "`jq` **fast**"),
        ("Plain", ""),
    ]
    write(result, tmp_path, force=False)
    project = load_project(tmp_path)
    assert [p for p in validate(project) if p.rule == "markdown-inline"] == []
    rendered = render.readme(project)
    assert "| [`jq` **fast**](https://j.example.org/) | JSON.       |" in rendered
    assert table_rows(rendered) == table_rows(source)

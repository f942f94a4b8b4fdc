"""The page target: the whole list in static HTML, escaped, and searchable in a real browser.

The browser tests share one headless Chromium (tests/browser.py) for the module and read its
console after each one: a script error, a failed load or a Content-Security-Policy refusal
fails the test that caused it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from listsmith import config_schema
from listsmith.project import load_project
from listsmith.render import check_settings, outputs
from listsmith.targets import html
from listsmith.targets.page import POLICY, SCRIPT, STYLE, searchable
from listsmith.targets.site import Publication

from . import browser
from .conftest import REPO, ListDir

INDEX = """\
title: Test List
intro: |
  A list used by the tests. <script>alert("intro")</script>

  See [the guide](CONTRIBUTING.md), ![a badge](docs/badge.png) and [the site](https://example.org/).
sections:
  - id: books
    title: Books
    description: Read these *slowly*.
    sections:
      - id: proofs
        title: Proofs
  - id: videos
    title: Videos
  - id: tools
    title: Tools
    sections:
      - id: linux
        title: Linux
        style: item
  - id: next
    title: Coming next
    description: Nothing here yet; suggest something.
topics:
  - id: calculus
    title: Calculus
  - id: linear-algebra
    title: Linear algebra
contributing: Add one YAML file under `resources/`.
license: Published under the MIT License.
"""

ENTRIES = {
    "books/calculus.yaml": {
        "title": "Calculus",
        "url": "https://example.org/spivak",
        "authors": ["Michael Spivak"],
        "description": "A rigorous first course built up from the real numbers.",
        "topics": ["calculus"],
        "level": "advanced",
        "free": False,
    },
    "books/linear-algebra-done-right.yaml": {
        "title": "Linear Algebra Done Right",
        "url": "https://example.org/axler",
        "authors": ["Sheldon Axler"],
        "description": "Vector spaces and linear maps, determinants last.",
        "topics": ["linear-algebra"],
        "level": "advanced",
    },
    "books/proofs/book-of-proof.yaml": {
        "title": "Book of Proof",
        "url": "https://example.org/hammack",
        "authors": ["Richard Hammack"],
        "description": "How to read and write proofs, from sets to cardinality.",
        "topics": ["linear-algebra"],
        "level": "beginner",
    },
    "videos/essence-of-calculus.yaml": {
        "title": "Essence of Calculus",
        "url": "https://example.org/3b1b",
        "authors": ["3Blue1Brown"],
        "description": "Animated lessons on derivatives and integrals.",
        "topics": ["calculus"],
        "level": "beginner",
        "links": [{"label": "full course", "url": "https://example.org/3b1b/all"}],
    },
    "videos/vectors-in-motion.yaml": {
        "title": "Vectors in Motion",
        "url": "https://example.org/zoe",
        "authors": ["Zoë Élan"],
        "description": "Short films on bases and change of coordinates.",
        "topics": ["linear-algebra"],
        "level": "intermediate",
        "free": False,
    },
    "tools/sage.yaml": {
        "title": "Sage",
        "url": "https://example.org/sage",
        "authors": ["The Sage developers"],
        "description": "A computer algebra system built on Python.",
        "topics": ["calculus"],
        "tags": ["GPL", "Python"],
    },
    "tools/sage-cell.yaml": {
        "title": "Sage Cell",
        "url": "https://example.org/sage/cell",
        "authors": ["The Sage developers"],
        "description": "Run one notebook cell in the browser, nothing to install.",
        "topics": ["calculus"],
        "parent": "sage",
    },
    "tools/linux/octave.yaml": {
        "title": "Octave",
        "url": "https://example.org/octave",
        "authors": ["John W. Eaton"],
        "description": "Numerical computing with a language much like MATLAB.",
        "topics": ["linear-algebra"],
        "level": "intermediate",
    },
}
ALL = {Path(rel).stem for rel in ENTRIES}


def make_page_list(root: Path, changes: dict[str, dict[str, Any]] | None = None) -> ListDir:
    """The list above at ``root``; ``changes`` adds or replaces entries by path."""
    (root / "resources").mkdir(parents=True)
    shutil.copy(REPO / "schema.json", root / "schema.json")
    lst = ListDir(root)
    lst.write("resources/index.yaml", INDEX)
    for rel, data in {**ENTRIES, **(changes or {})}.items():
        lst.write(f"resources/{rel}", json.dumps(data, ensure_ascii=False))
    lst.write("listsmith.yaml", "render:\n  targets:\n    page: true\n    feed: true\n")
    return lst


def render(root: Path, target: str = "page") -> str:
    (output,) = outputs(load_project(root), {target})
    return output.wanted.decode("utf-8")


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes, in document order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def having(self, cls: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if cls in (a.get("class") or "").split()]

    def by_id(self, id_: str) -> tuple[str, dict[str, str | None]]:
        return next(t for t in self.tags if t[1].get("id") == id_)


# --- the static page -------------------------------------------------------------------------


def test_page_and_feed_are_off_unless_the_list_turns_them_on(tmp_path: Path) -> None:
    lst = make_page_list(tmp_path / "list")
    lst.write("listsmith.yaml", "")
    assert [o.path for o in outputs(load_project(lst.root))] == ["README.md"]


def test_without_javascript_every_entry_is_there_and_the_controls_are_hidden(
    tmp_path: Path,
) -> None:
    page = Elements(render(make_page_list(tmp_path / "list").root))
    entries = page.having("entry")
    assert [e["id"] for e in entries] == [
        "books/calculus",
        "books/linear-algebra-done-right",
        "books/proofs/book-of-proof",
        "videos/essence-of-calculus",
        "videos/vectors-in-motion",
        "tools/sage",
        "tools/sage-cell",
        "tools/linux/octave",
    ]
    assert not any("hidden" in e for e in entries)
    assert "hidden" in page.by_id("filters")[1]
    assert "hidden" in page.having("theme")[0]
    # Every heading level follows from nesting: h1 the list, h2 sections, h3 sub-sections.
    headings = [(tag, attrs.get("id")) for tag, attrs in page.tags if re.fullmatch(r"h\d", tag)]
    assert headings == [
        ("h1", None),
        ("h2", "s-books"),
        ("h3", "s-books/proofs"),
        ("h2", "s-videos"),
        ("h2", "s-tools"),
        ("h2", "s-next"),
    ]
    # The list-item section is a labelled group inside its parent's list, not a heading.
    assert page.by_id("s-tools/linux")[0] == "p"


def test_long_sections_come_in_short_lists_the_browser_lays_out_on_demand(
    tmp_path: Path,
) -> None:
    lst = make_page_list(tmp_path / "list")
    for i in range(200):
        lst.entry(f"videos/extra-{i:03}.yaml")
    page = Elements(render(lst.root))
    lists = [a for tag, a in page.tags if tag == "ul" and "chunk" in (a.get("class") or "")]
    # One list each for books, books/proofs, tools and tools/linux; videos' 202 in lists of 20.
    assert len(lists) == 4 + 11
    assert "many" in page.by_id("list")[1]["class"].split()  # 208 entries: skip what's off screen
    short = Elements(render(make_page_list(tmp_path / "short").root))
    assert "many" not in short.by_id("list")[1]["class"].split()


def test_entries_carry_what_the_script_filters_by(tmp_path: Path) -> None:
    page = Elements(render(make_page_list(tmp_path / "list").root))
    found = {e["id"]: e for e in page.having("entry")}
    calculus = found["books/calculus"]
    assert calculus["data-s"] == (
        "calculus michael spivak a rigorous first course built up from the real numbers."
    )
    assert (calculus["data-t"], calculus["data-l"], calculus["data-p"]) == (
        "calculus",
        "advanced",
        "paid",
    )
    assert found["videos/vectors-in-motion"]["data-s"].startswith("vectors in motion zoe elan")
    assert found["tools/sage"]["data-s"].endswith("python. gpl python")
    assert "data-p" not in found["tools/sage"] and "data-l" not in found["tools/sage"]
    assert searchable("  Ça  Ñandú\tÅngström ") == "ca nandu angstrom"


def test_filters_offer_what_the_data_holds(tmp_path: Path) -> None:
    text = render(make_page_list(tmp_path / "list").root)
    page = Elements(text)
    selects = [a["id"] for tag, a in page.tags if tag == "select"]
    assert selects == ["theme", "section", "topic", "level", "price"]
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', text)
    assert ("books/proofs", "\u2003Proofs") in options  # sub-sections are indented
    assert ("tools/linux", "\u2003Linux") in options
    levels = [v for v, _ in options if v in ("beginner", "intermediate", "advanced")]
    assert levels == ["beginner", "intermediate", "advanced"]  # the schema's order


def test_filters_with_nothing_to_tell_apart_are_left_out(tmp_path: Path) -> None:
    lst = make_page_list(tmp_path / "list")
    for rel in ENTRIES:
        if not rel.startswith("videos/"):
            (lst.root / "resources" / rel).unlink()
    free = {**ENTRIES["videos/vectors-in-motion.yaml"], "free": True}
    lst.write("resources/videos/vectors-in-motion.yaml", json.dumps(free))
    selects = [a["id"] for tag, a in Elements(render(lst.root)).tags if tag == "select"]
    assert selects == ["theme", "section", "topic", "level"]  # all free: no price filter


def test_fields_the_schema_leaves_out_do_not_show(tmp_path: Path) -> None:
    lst = make_page_list(tmp_path / "list")
    schema = json.loads((REPO / "schema.json").read_text())
    schema["required"] = ["title", "url"]
    (lst.root / "schema.json").write_text(json.dumps(schema))
    lst.write("resources/videos/bare.yaml", "title: Bare\nurl: https://example.org/bare\n")
    page = Elements(render(lst.root))
    (bare,) = [e for e in page.having("entry") if e["id"] == "videos/bare"]
    assert bare["data-s"] == "bare"
    assert not {"data-t", "data-l", "data-p"} & set(bare)
    text = render(lst.root)
    start = text.index('id="videos/bare"')
    item = text[start : text.index("</li>", start)]
    assert "by " not in item and 'class="facts"' not in item and 'class="desc"' not in item


def test_everything_from_the_data_is_escaped(tmp_path: Path) -> None:
    hostile = {
        **ENTRIES["books/calculus.yaml"],
        "title": 'Calculus <img src=x onerror="alert(1)">',
        "description": 'Ends the attribute " and a <script>alert(2)</script> tag.',
        "url": "javascript:alert(3)",
        "authors": ["<b>Bold</b>"],
    }
    text = render(make_page_list(tmp_path / "list", {"books/calculus.yaml": hostile}).root)
    body = text[text.index("<body>") :]
    assert "<img" not in body and "<b>" not in body and "javascript:" not in body
    assert "alert(2)</script>" not in body
    assert "Calculus &lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in body
    assert 'data-s="calculus &lt;img src=x onerror=&#34;alert(1)&#34;&gt; &lt;b&gt;bold' in body
    # A link that isn't to the web is no link: the title stays, as text.
    assert '<span class="name">Calculus &lt;img' in body


def test_points_under_an_entry_are_a_nested_list_escaped_like_descriptions(
    tmp_path: Path,
) -> None:
    details = ["Free tier <b>1 GB</b>", {"text": "Compute", "details": ["Two *small* VMs"]}]
    changed = {**ENTRIES["books/calculus.yaml"], "details": details}
    text = render(make_page_list(tmp_path / "list", {"books/calculus.yaml": changed}).root)
    body = text[text.index('id="books/calculus"') :]
    # Plain descriptions: a point's markup is words too, and its own points nest under it.
    assert '<ul class="details">\n<li>Free tier &lt;b&gt;1 GB&lt;/b&gt;</li>' in body
    assert '<li>Compute<ul class="details">\n<li>Two *small* VMs</li>' in body


def test_points_and_sub_entries_keep_the_readme_s_order(tmp_path: Path) -> None:
    """A point that follows a sub-entry (``after``) came before it on the page while the
    README showed it after: each run of points and of sub-entries is a list, in order."""
    details = ["Before.", {"text": "After.", "after": "kid"}]
    changed = {**ENTRIES["books/calculus.yaml"], "details": details}
    kid = {**ENTRIES["books/calculus.yaml"], "title": "Kid", "parent": "calculus"}
    lst = make_page_list(tmp_path / "list", {"books/calculus.yaml": changed, "books/kid.yaml": kid})
    body = render(lst.root)
    body = body[body.index('id="books/calculus"') :]
    before, kid_at, after = (body.index(x) for x in ("Before.", 'id="books/kid"', "After."))
    assert before < kid_at < after
    assert body.count('<ul class="details">') == 2


def test_the_lists_markdown_is_html_without_scripts_or_links_into_the_repository(
    tmp_path: Path,
) -> None:
    text = render(make_page_list(tmp_path / "list").root)
    # The list's own HTML goes through the sanitizer: a script goes, with what it held.
    assert "<p>A list used by the tests. </p>" in text and 'alert("intro")' not in text
    assert "See the guide, a badge and " in text  # relative link and image: their text
    assert '<a href="https://example.org/" rel="noopener noreferrer">the site</a>' in text
    assert "<p>Read these <em>slowly</em>.</p>" in text
    assert "<code>resources/</code>" in text


def test_markdown_descriptions_when_the_list_says_so(tmp_path: Path) -> None:
    marked = {
        **ENTRIES["books/calculus.yaml"],
        "description": "See `dx` and [notes](https://n.org/).",
    }
    lst = make_page_list(tmp_path / "list", {"books/calculus.yaml": marked})
    assert "See `dx` and [notes](https://n.org/)." in render(lst.root)
    lst.write("listsmith.yaml", "render:\n  descriptions: markdown\n  targets: {page: true}\n")
    assert 'See <code>dx</code> and <a href="https://n.org/">notes</a>.' in render(lst.root)


def test_an_entrys_icons_and_badges_show_beside_its_name(tmp_path: Path) -> None:
    """``marks`` and ``lead`` (kept by the import from lines such as ``* `MIT` - [name](url)
    [![crate](badge)](crate)``) are Markdown on the page too, in text mode as well, with raw
    HTML off and no script address."""
    badged = {
        **ENTRIES["books/calculus.yaml"],
        "lead": "`MIT` -",
        "marks": "[![crate](https://img.example.org/c.svg)](https://crates.example.org/c) "
        "[x](javascript:alert(1)) <b>raw</b>",
    }
    text = render(make_page_list(tmp_path / "list", {"books/calculus.yaml": badged}).root)
    assert '<span class="lead"><code>MIT</code> -</span> <span class="name">' in text
    assert (
        '<span class="marks"><a href="https://crates.example.org/c"><img '
        'src="https://img.example.org/c.svg" alt="crate" /></a>'
    ) in text
    assert 'href="javascript:' not in text and "<b>raw</b>" not in text
    dated = {**badged, "added": "2024-05-01"}  # the feed lists entries by when they came
    lst = make_page_list(tmp_path / "feed", {"books/calculus.yaml": dated})
    lst.write("listsmith.yaml", "render:\n  descriptions: markdown\n  targets: {feed: true}\n")
    feed = render(lst.root, "feed")  # the feed shows them too (before, it dropped them)
    assert "&lt;code&gt;MIT&lt;/code&gt; - &lt;a href=&#34;https://crates.example.org/c" in feed
    assert "href=&#34;javascript:" not in feed and "&lt;b&gt;raw" not in feed  # words only


@pytest.mark.parametrize(
    ("marks", "shown"),
    [
        ("<!-- stargazers:dooboolab/flutter_calendar_carousel-->", ""),
        ("`⚠` <!--x--> <b>raw</b>", "<code>⚠</code> &lt;b&gt;raw&lt;/b&gt;"),
        ("`<!-- code -->`", "<code>&lt;!-- code --&gt;</code>"),
        ("<!-- open *x*", "&lt;!-- open <em>x</em>"),
    ],
)
def test_a_comment_in_marks_shows_nothing_as_on_github(marks: str, shown: str) -> None:
    """awesome-flutter's ``<!-- stargazers:owner/repo -->`` after a title link, which the
    import keeps as marks: GitHub shows nothing for it, and so do the page and the feed
    (they showed it as text); other raw HTML still shows as text."""
    assert " ".join(str(html.inline(marks)).split()) == shown  # as a browser spaces it


def test_only_the_pages_own_style_and_script_may_run(tmp_path: Path) -> None:
    text = render(make_page_list(tmp_path / "list").root)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert policy and policy.group(1).replace("&#39;", "'") == POLICY
    assert "script-src 'sha256-" in POLICY and "'unsafe-inline'" not in POLICY
    assert text.count("<script>") == 1 and f"<script>{SCRIPT}</script>" in text
    assert f"<style>{STYLE}</style>" in text
    assert " style=" not in text  # the policy would block inline style attributes
    assert "http" not in SCRIPT + STYLE  # nothing fetched from anywhere


def test_page_links_the_feed_and_the_readme_links_the_page_when_published(
    tmp_path: Path,
) -> None:
    lst = make_page_list(tmp_path / "list")
    assert 'href="feed.xml"' in render(lst.root)
    assert "its web page" not in render(lst.root, "readme")
    lst.write(
        "listsmith.yaml",
        "render:\n  site_url: https://owner.github.io/list/\n"
        "  targets:\n    page: {path: docs/index.html}\n    feed: {path: docs/new.xml}\n",
    )
    assert 'href="new.xml"' in render(lst.root)
    readme = render(lst.root, "readme")
    assert "Search and filter the list on [its web page](https://owner.github.io/list/)." in readme


def test_the_site_links_and_addresses_only_what_it_publishes() -> None:
    url = "https://owner.github.io/list/"
    paths = {"readme": "README.md", "page": "site/index.html", "feed": "site/feed.xml"}
    published = Publication(url, paths)
    assert published.address("page") == url  # an index.html by its folder
    assert published.address("feed") == url + "feed.xml"
    assert published.address("readme") is None  # outside the page's folder
    assert published.relative("site/index.html", "feed") == "feed.xml"
    assert published.relative("README.md", "page") == "site/index.html"
    assert Publication(None, paths).address("page") is None
    assert Publication(url, {"feed": "site/feed.xml"}).address("page") is None  # the page is off
    assert Publication(url, {"feed": "site/feed.xml"}).address("feed") == url + "feed.xml"
    assert (
        Publication(url, {"page": "index.html", "feed": "feed.xml"}).address("feed")
        == url + "feed.xml"
    )


def test_site_url_must_be_an_address_ending_in_a_slash(tmp_path: Path) -> None:
    lst = make_page_list(tmp_path / "list")
    lst.write("listsmith.yaml", "render:\n  site_url: javascript:alert(1)//\n")
    values, _, problems = check_settings(load_project(lst.root))
    assert values["site_url"] is None
    assert [(p.line, p.message) for p in problems] == [
        (
            2,
            "render.site_url must be an http(s) address ending in /, like "
            "https://owner.github.io/list/",
        )
    ]


def test_render_writes_the_site_folder_but_never_through_a_symlink(
    tmp_path: Path, run: Callable[..., Any]
) -> None:
    lst = make_page_list(tmp_path / "list")
    result = run("render", "--root", str(lst.root))
    assert result.code == 0, result.err
    assert (lst.root / "site" / "index.html").read_text() == render(lst.root)
    assert run("render", "--check", "--root", str(lst.root)).code == 0
    (lst.root / "site" / "index.html").write_text("stale")
    stale = run("render", "--check", "--root", str(lst.root))
    assert stale.code == 1 and "site/index.html is out of date" in stale.out
    shutil.rmtree(lst.root / "site")
    (tmp_path / "elsewhere").mkdir()
    (lst.root / "site").symlink_to(tmp_path / "elsewhere")
    refused = run("render", "--root", str(lst.root))
    assert refused.code == 2 and "site is a symlink or not a folder" in refused.err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_output_is_the_same_bytes_in_every_process(tmp_path: Path) -> None:
    """No clock, no set order: Python's hash seed changes from run to run, the files don't."""
    root = make_page_list(tmp_path / "list").root
    made = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "listsmith", "render", "--root", str(root)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        made.append([(root / "site" / name).read_bytes() for name in ("index.html", "feed.xml")])
        shutil.rmtree(root / "site")
    assert made[0] == made[1]


def test_bundled_site_is_in_sync_with_the_data() -> None:
    project = load_project(REPO)
    for output in outputs(project):
        assert not output.stale, f"{output.path} is stale: run `listsmith render`"
    assert {o.path for o in outputs(project)} >= {"site/index.html", "site/feed.xml"}


def test_schema_json_declares_every_target_option() -> None:
    for path in (REPO / "schema.json", REPO / "tools" / "listsmith" / "scaffold" / "schema.json"):
        declared = json.loads(path.read_text(encoding="utf-8"))["$defs"]["config"]
        assert declared == config_schema.build(), path


# --- in a real browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test list's page and the bundled list's, served on 127.0.0.1."""
    browser.require()
    root = make_page_list(tmp_path_factory.mktemp("page") / "list").root
    folder = root / "site"
    folder.mkdir()
    (folder / "index.html").write_text(render(root), encoding="utf-8")
    shutil.copytree(REPO / "site", folder / "bundled")
    with browser.serve(folder) as address:
        yield address


@pytest.fixture(scope="module")
def session(site: str) -> Iterator[Any]:
    with browser.chromium() as driver:
        yield driver


@pytest.fixture
def page(session: Any, site: str) -> Iterator[Any]:
    """The test list's page, freshly loaded; the test fails on anything logged as an error."""
    session.set_window_size(1200, 900)
    session.get(f"{site}/index.html")
    yield session
    assert browser.console_errors(session) == []


def visible(driver: Any) -> set[str]:
    """Slugs of the entries a reader can see."""
    return set(
        driver.execute_script(
            "return [...document.querySelectorAll('.entry')]"
            ".filter((e) => e.checkVisibility()).map((e) => e.id.split('/').pop())"
        )
    )


def wait_for_status(driver: Any, text: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    status = driver.find_element("id", "status")
    WebDriverWait(driver, 5).until(lambda _: status.text == text, f"status never read {text!r}")


def choose(driver: Any, name: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", name)).select_by_value(value)


def count(driver: Any, section: str) -> str:
    return driver.find_element("id", f"s-{section}").find_element("class name", "count").text


def test_search_as_you_type(page: Any) -> None:
    assert page.find_element("id", "filters").is_displayed()
    assert visible(page) == ALL and page.find_element("id", "status").text == "8 resources"
    assert page.find_element("id", "s-next").is_displayed()  # a section of text alone
    search = page.find_element("id", "q")
    search.send_keys("calc")
    wait_for_status(page, "2 of 8 resources")
    assert visible(page) == {"calculus", "essence-of-calculus"}
    assert count(page, "books") == "1 of 3" and count(page, "videos") == "1 of 2"
    search.send_keys("ulus spivak")  # every word must match, in any field
    wait_for_status(page, "1 of 8 resources")
    assert visible(page) == {"calculus"}
    assert not page.find_element("id", "s-videos").is_displayed()  # an emptied section hides
    assert not page.find_element("id", "s-next").is_displayed()
    search.clear()
    search.send_keys("ZOE elan")  # case and accents don't matter
    wait_for_status(page, "1 of 8 resources")
    assert visible(page) == {"vectors-in-motion"}


def test_a_matching_sub_item_keeps_its_parent_in_sight(page: Any) -> None:
    page.find_element("id", "q").send_keys("notebook cell")
    wait_for_status(page, "1 of 8 resources")
    assert visible(page) == {"sage", "sage-cell"}
    parent = page.find_element("id", "tools/sage")
    assert "context" in parent.get_attribute("class").split()  # shown dimmed, not counted
    assert count(page, "tools") == "1 of 3"


def test_filters_combine_and_an_empty_result_says_so(page: Any) -> None:
    choose(page, "topic", "linear-algebra")
    wait_for_status(page, "4 of 8 resources")
    choose(page, "level", "advanced")
    wait_for_status(page, "1 of 8 resources")
    assert visible(page) == {"linear-algebra-done-right"}
    choose(page, "section", "books/proofs")  # a sub-section on its own
    wait_for_status(page, "0 of 8 resources")
    assert visible(page) == set() and page.find_element("id", "empty").is_displayed()
    page.find_element("id", "clear").click()
    wait_for_status(page, "8 resources")
    assert visible(page) == ALL and not page.find_element("id", "empty").is_displayed()
    choose(page, "section", "books")  # a section takes its sub-sections along
    choose(page, "price", "free")
    wait_for_status(page, "2 of 8 resources")
    assert visible(page) == {"linear-algebra-done-right", "book-of-proof"}
    choose(page, "section", "tools/linux")  # a list-item section
    wait_for_status(page, "1 of 8 resources")
    assert visible(page) == {"octave"}


def test_a_deep_link_keeps_the_query_across_a_reload(page: Any, site: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    page.find_element("id", "q").send_keys("essence")
    choose(page, "topic", "calculus")
    wait_for_status(page, "1 of 8 resources")
    WebDriverWait(page, 5).until(lambda d: "topic=calculus" in d.current_url)
    assert page.current_url == f"{site}/index.html?q=essence&topic=calculus"
    page.refresh()
    wait_for_status(page, "1 of 8 resources")
    assert page.find_element("id", "q").get_attribute("value") == "essence"
    assert visible(page) == {"essence-of-calculus"}
    page.get(f"{site}/index.html?level=beginner&section=nothing-like-it")
    wait_for_status(page, "2 of 8 resources")  # an unknown choice is ignored
    assert visible(page) == {"book-of-proof", "essence-of-calculus"}


def test_keyboard_reaches_the_search_and_the_theme_persists(page: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    page.find_element("tag name", "body").send_keys("/")
    assert page.switch_to.active_element.get_attribute("id") == "q"
    page.switch_to.active_element.send_keys("proof", Keys.TAB)
    assert page.switch_to.active_element.get_attribute("id") == "section"  # labelled, in order
    label = page.find_element("css selector", "label[for=section]").text
    assert label == "Section"
    background = "return getComputedStyle(document.body).backgroundColor"
    choose(page, "theme", "dark")
    dark = page.execute_script(background)
    choose(page, "theme", "light")
    assert page.execute_script(background) == "rgb(255, 255, 255)" != dark
    choose(page, "theme", "dark")
    page.refresh()
    assert page.execute_script(background) == dark
    choose(page, "theme", "")


def test_on_a_phone_nothing_scrolls_sideways(page: Any) -> None:
    page.set_window_size(390, 844)
    page.refresh()
    assert page.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    assert page.find_element("id", "q").is_displayed()


def test_without_javascript_the_whole_list_reads(page: Any, site: str) -> None:
    page.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        page.get(f"{site}/index.html?q=nothing")
        assert visible(page) == ALL
        assert not page.find_element("id", "filters").is_displayed()
    finally:
        page.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_screenshot_of_the_bundled_lists_page(page: Any, site: str, tmp_path: Path) -> None:
    """docs/page.png, shown in the README, was taken this way (at 1200x900)."""
    page.get(f"{site}/bundled/index.html")
    wait_for_status(page, "14 resources")
    shot = tmp_path / "page.png"
    assert page.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

"""The list's own HTML on the page: rendered through an allow-list, never escaped into text,
never run; and the search box on the first screen however long the intro (issue #18, item 8).

The real list here is sindresorhus/awesome (tests/fixtures/lists), whose README opens with a
centred logo, a sponsor block of <div>, <sup>, <br>, <h2>, <picture> and <a><img></a>, and
HTML comments: on the page it used to fill the first screens as escaped tags.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from listsmith.importer import parse, write
from listsmith.targets import html

from . import browser
from .conftest import FIXTURES, REPO
from .test_page import ENTRIES, INDEX, make_page_list, render
from .test_page import session as session  # one Chromium for the module, on this site

SINDRESORHUS = FIXTURES / "lists" / "sindresorhus-awesome" / "README.md"

XSS = """\
<img src="https://x.invalid/a.png" onerror="document.title='pwned'">
<a href="javascript:document.title='pwned'">click</a>
<a href=" JaVaScRiPt:document.title='pwned'">spaced</a>
<div onmouseover="document.title='pwned'" style="position:fixed;inset:0">cover</div>
<svg onload="document.title='pwned'"><script>document.title='pwned'</script></svg>
<iframe srcdoc="<script>parent.document.title='pwned'</script>"></iframe>
<math><mtext><table><mglyph><style><img src=x onerror="document.title='pwned'">
<form action="https://x.invalid/"><input name="q"></form>
<base href="https://x.invalid/"><meta http-equiv="refresh" content="0;url=https://x.invalid/">
<style>body { display: none }</style><!-- <script>document.title='pwned'</script> -->
<noscript><p title="</noscript><img src=x onerror=document.title='pwned'>"></noscript>
"""


def page_of_sindresorhus(root: Path) -> Path:
    """sindresorhus/awesome imported at ``root``, its page rendered into ``root/site``."""
    write(parse(SINDRESORHUS.read_text(encoding="utf-8")), root, force=False)
    config = root / "listsmith.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  targets:\n", "  targets:\n    page: true\n"
    )
    config.write_text(text, encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text(render(root), encoding="utf-8")
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """sindresorhus/awesome's page, a page whose intro is an XSS attempt, and the bundled
    list's, served on 127.0.0.1."""
    browser.require()
    place = tmp_path_factory.mktemp("html-intro")
    folder = page_of_sindresorhus(place / "awesome")
    xss = make_page_list(place / "xss").root
    index = xss / "resources" / "index.yaml"
    intro = "".join(f"  {line}\n" for line in XSS.splitlines())
    index.write_text(INDEX.replace("intro: |\n", "intro: |\n" + intro, 1), encoding="utf-8")
    (folder / "xss.html").write_text(render(xss), encoding="utf-8")
    shutil.copy(REPO / "site" / "index.html", folder / "bundled.html")
    with browser.serve(folder) as address:
        yield address


def search_box(driver: Any) -> dict[str, float]:
    return driver.execute_script(
        "const r = document.getElementById('q').getBoundingClientRect();"
        "return {top: r.top + scrollY, bottom: r.bottom + scrollY, screen: innerHeight}"
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
@pytest.mark.parametrize("page", ["index.html", "bundled.html"])
def test_the_search_box_is_on_the_first_screen(
    session: Any, site: str, page: str, width: int, height: int
) -> None:
    session.set_window_size(width, height)
    session.get(f"{site}/{page}")
    box = search_box(session)
    assert session.find_element("id", "q").is_displayed()
    assert box["bottom"] <= box["screen"], box
    print(f"{page} at {width}x{height}: the search box's top is at {box['top']:.0f}px")


def test_the_intros_html_renders_as_elements_not_text(session: Any, site: str) -> None:
    session.set_window_size(1280, 800)
    session.get(f"{site}/index.html")
    intro = session.find_element("css selector", "details.intro")
    session.execute_script("arguments[0].open = true", intro)
    text = intro.text
    assert "<div" not in text and "<img" not in text and "<sup" not in text and "<!--" not in text
    assert "Check out my macOS app" in text  # a <sub> of the sponsor block, as text
    link = intro.find_element("css selector", 'a[href="https://sindresorhus.com/supercharge"]')
    assert link.text == "Supercharge" and link.find_element("xpath", "..").tag_name == "h2"
    logo = intro.find_elements("css selector", "img[src^='https://sindresorhus.com/assets/']")
    assert logo and logo[0].find_element("xpath", "ancestor::a")  # <a><img></a>, as elements
    centred = intro.find_element("css selector", "div[align=center]")
    assert centred.value_of_css_property("text-align") in ("center", "-webkit-center")
    assert "<!--" not in session.page_source.split('class="intro"', 1)[1]  # comments dropped


def test_an_xss_attempt_in_the_intro_is_neutralised(session: Any, site: str) -> None:
    session.set_window_size(1280, 800)
    session.get(f"{site}/xss.html")
    title = session.title
    intro = session.find_element("css selector", ".intro")
    session.execute_script("arguments[0].open = true", intro)
    intro.find_element("link text", "click").click()  # a link that was javascript: is no link
    assert session.title == title == "Test List"
    found = session.execute_script(
        "const intro = document.querySelector('.intro');"
        "return {"
        " scripts: document.scripts.length,"
        " tags: [...intro.querySelectorAll('script,style,iframe,svg,math,form,input,base,meta,"
        "noscript')].map((e) => e.tagName),"
        " handlers: [...intro.querySelectorAll('*')].flatMap((e) => [...e.attributes])"
        "   .map((a) => a.name).filter((n) => n.startsWith('on') || n === 'style'),"
        " hrefs: [...intro.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),"
        "}"
    )
    assert found == {"scripts": 1, "tags": [], "handlers": [], "hrefs": []}
    assert intro.is_displayed() and "cover" in intro.text


def test_the_readme_contents_is_not_repeated_on_the_page() -> None:
    intro = (
        "A list of things.\n\n## Table of contents\n\n- [Software](#software)\n"
        "  - [Analytics](#analytics)\n- [List of Licenses](#list-of-licenses)\n\n"
        "## Sponsors\n\n[Someone](https://example.org/)\n\n"
        "- [One](#one)\n- [Two](#two)\n- [Three](#three)\n\nSee [Contributing](#contributing).\n"
    )
    shown = html.intro(intro)
    assert "Table of contents" not in shown and "Analytics" not in shown and "Two" not in shown
    assert "<h2>Sponsors</h2>" in shown and 'href="https://example.org/"' in shown
    assert "See Contributing." in shown  # one in-page link is prose, not a contents


def test_a_short_intro_stays_above_the_search_box_and_a_long_one_folds(tmp_path: Path) -> None:
    short = render(make_page_list(tmp_path / "short").root)
    assert short.index('class="text intro"') < short.index('id="q"')
    assert 'class="intro"' not in short
    long = make_page_list(
        tmp_path / "long", {"books/calculus.yaml": ENTRIES["books/calculus.yaml"]}
    )
    index = long.root / "resources" / "index.yaml"
    intro = json.dumps("A paragraph. " * 80)
    index.write_text(re.sub(r"intro: \|\n(  .*\n|\n)+", f"intro: {intro}\n", INDEX), "utf-8")
    text = render(long.root)
    assert text.index('id="q"') < text.index('<details class="intro">') < text.index("A paragraph")

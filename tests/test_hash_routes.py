"""A single-page app's routes (``#/converter/objc2swift/``) are pages of their own: two
entries may link two routes of one site, and the duplicate rule still finds one route
linked twice (awesome-ios links swiftify.com's converters this way)."""

from __future__ import annotations

from listsmith import rules
from listsmith.project import load_project

from .test_contributor import new_args

SITE = "https://swiftify.com/"
OBJC = "https://swiftify.com/#/converter/objc2swift/"
STORYBOARD = "https://swiftify.com/#/converter/storyboard2swiftui/"


def duplicates(lst) -> list[tuple[str, str]]:
    return [(p.path, p.rule) for p in rules.run(load_project(lst.root), ("duplicates",))]


def test_new_takes_a_route_of_a_site_whose_other_routes_are_listed(make_list, run) -> None:
    lst = make_list()
    lst.entry("videos/site.yaml", url=SITE)
    lst.entry("videos/storyboard.yaml", url=STORYBOARD)
    result = run("new", "--root", str(lst.root), *new_args(url=OBJC))
    assert result.code == 0, result.out + result.err
    assert "same resource" not in result.out
    assert duplicates(lst) == []


def test_one_route_linked_twice_is_a_duplicate(make_list, run) -> None:
    lst = make_list()
    lst.entry("videos/objc.yaml", url="http://www.swiftify.com#/converter/objc2swift")
    result = run("new", "--root", str(lst.root), *new_args(url=OBJC))
    assert result.code == 1
    assert (
        "error: this entry is the same resource as resources/videos/objc.yaml:2 "
        "(both are https://swiftify.com/#/converter/objc2swift)"
    ) in result.out


def test_an_anchor_on_a_page_is_still_the_page(make_list) -> None:
    lst = make_list()
    lst.entry("videos/page.yaml", url="https://example.org/guide")
    lst.entry("books/anchor.yaml", url="https://example.org/guide#installation")
    assert duplicates(lst) == [("resources/videos/page.yaml", "duplicate-url")]

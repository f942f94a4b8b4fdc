"""`listsmith dupes`: the same resource twice, however it is spelled."""

from __future__ import annotations

import json

from listsmith import rules
from listsmith.dupes import comparable_words, signature
from listsmith.links import history
from listsmith.links.history import Record
from listsmith.problems import Level
from listsmith.project import load_project


def entry(lst, rel: str, title: str, url: str, authors: str = "[Someone]", extra: str = "") -> None:
    lst.write(
        f"resources/{rel}",
        f"""\
title: {title}
url: {url}
authors: {authors}
description: A description that is long enough to pass.
topics: [calculus]
{extra}""",
    )


def find(project):
    """The duplicate rules' problems, stamped with their ids and levels as `check` shows them."""
    return sorted(rules.run(project, ("duplicates",)))


def found(lst):
    return [(p.path, p.line, p.col, p.level, p.rule) for p in find(load_project(lst.root))]


def test_same_video_spelled_two_ways_is_one_error(make_list) -> None:
    lst = make_list()
    entry(lst, "videos/softmax.yaml", "Softmax", "https://www.youtube.com/watch?v=ytbYRIN0N4g")
    entry(lst, "books/softmax-again.yaml", "Softmax again", "https://youtu.be/ytbYRIN0N4g?t=3")
    problems = find(load_project(lst.root))
    assert [(p.path, p.line, p.col, p.level, p.rule) for p in problems] == [
        ("resources/videos/softmax.yaml", 2, 6, Level.ERROR, "duplicate-url"),
    ]
    assert problems[0].message == (
        "this entry is the same resource as resources/books/softmax-again.yaml:2 (both are "
        "https://youtube.com/watch?v=ytbYRIN0N4g); reported here because this entry comes last "
        "by path; if they are different resources, add distinct_from to one of them"
    )


def test_a_group_is_one_problem_at_the_entry_added_last(make_list) -> None:
    lst = make_list()
    url = "https://example.org/same"
    entry(lst, "books/zeta.yaml", "Zeta", url, extra="added: '2021-01-01'")
    entry(lst, "books/new.yaml", "New", url + "/", extra="added: '2024-05-01'")
    entry(lst, "videos/old.yaml", "Old", "http://www.example.org/same", extra="added: '2019-09-09'")
    problems = find(load_project(lst.root))
    assert [(p.path, p.rule) for p in problems] == [("resources/books/new.yaml", "duplicate-url")]
    assert problems[0].message.startswith(
        "this entry is the same resource as resources/books/zeta.yaml:2, "
        "resources/videos/old.yaml:2 (all are https://example.org/same); reported here because "
        "this entry was added last (2024-05-01)"
    )


def test_a_pair_found_by_url_is_not_repeated_by_title(make_list) -> None:
    lst = make_list()
    entry(lst, "books/a.yaml", "Calculus", "https://example.org/calculus")
    entry(lst, "videos/b.yaml", "Calculus", "https://example.org/calculus/")
    assert [(path, rule) for path, _, _, _, rule in found(lst)] == [
        ("resources/videos/b.yaml", "duplicate-url")
    ]


def test_different_videos_and_repos_of_one_owner_are_not_duplicates(make_list) -> None:
    lst = make_list()
    entry(lst, "videos/a.yaml", "Video A", "https://youtu.be/aircAruvnKk")
    entry(lst, "videos/b.yaml", "Video B", "https://youtu.be/IHZwWFHWa-w")
    entry(lst, "videos/c.yaml", "Playlist", "https://www.youtube.com/playlist?list=PLZHQ")
    entry(lst, "videos/d.yaml", "A video in it", "https://www.youtube.com/watch?v=x1&list=PLZHQ")
    entry(lst, "books/e.yaml", "Book", "https://github.com/probml/pml-book")
    entry(lst, "books/f.yaml", "Code", "https://github.com/probml/pyprobml")
    assert found(lst) == []


def test_secondary_link_that_is_another_main_url(make_list) -> None:
    lst = make_list()
    entry(
        lst,
        "books/course.yaml",
        "Single Variable Calculus",
        "https://ocw.mit.edu/courses/18-01sc-single-variable-calculus-fall-2010/",
    )
    entry(
        lst,
        "videos/highlights.yaml",
        "Highlights of Calculus",
        "https://ocw.mit.edu/courses/res-18-005/",
        extra="links:\n  - label: full course\n"
        "    url: http://ocw.mit.edu/courses/18-01sc-single-variable-calculus-fall-2010",
    )
    problems = find(load_project(lst.root))
    assert [(p.path, p.line, p.rule) for p in problems] == [
        ("resources/videos/highlights.yaml", 8, "duplicate-url"),
    ]
    assert problems[0].message.startswith(
        "links[0].url is the same resource as resources/books/course.yaml:2"
    )
    assert "reported here because this link repeats another entry's main URL" in (
        problems[0].message
    )


def test_two_entries_may_share_a_secondary_link(make_list) -> None:
    lst = make_list()
    pdf = "links:\n  - label: publisher\n    url: https://publisher.example.org/catalogue"
    entry(lst, "books/one.yaml", "One", "https://one.example.org/", extra=pdf)
    entry(lst, "books/two.yaml", "Two", "https://two.example.org/", extra=pdf)
    assert found(lst) == []


def test_same_title_is_a_warning_unless_the_authors_differ(make_list) -> None:
    lst = make_list()
    entry(lst, "books/calculus.yaml", "Calculus", "https://a.example.org/", "[Michael Spivak]")
    entry(
        lst, "books/calculus-strang.yaml", "CALCULUS.", "https://b.example.org/", "[Gilbert Strang]"
    )
    assert found(lst) == []  # two books called Calculus by different authors are fine
    entry(lst, "videos/calculus.yaml", "Calculus", "https://c.example.org/", "[Michael Spivak]")
    assert found(lst) == [
        ("resources/videos/calculus.yaml", 1, 8, Level.WARNING, "duplicate-title"),
    ]


def test_titles_without_authors(make_list) -> None:
    lst = make_list()
    entry(lst, "books/a.yaml", "Tutorials", "https://a.example.org/", "[]")
    entry(lst, "books/b.yaml", "Tutorials", "https://b.example.org/", "[]")
    # Sub-items are named in their parent's context: two "Education" links are not alike.
    entry(lst, "books/ruby.yaml", "Ruby", "https://ruby.example.org/", "[]")
    entry(lst, "books/python.yaml", "Python", "https://python.example.org/", "[]")
    entry(lst, "books/r.yaml", "Education", "https://r.example.org/", "[]", "parent: ruby")
    entry(lst, "books/p.yaml", "Education", "https://p.example.org/", "[]", "parent: python")
    # Repositories of different owners that share a name are different projects.
    entry(lst, "books/e.yaml", "errors", "https://github.com/pkg/errors", "[]")
    entry(lst, "books/f.yaml", "errors", "https://github.com/juju/errors", "[]")
    # A near-identical title is no evidence without an author in common.
    entry(lst, "books/c.yaml", "Linear Algebra Done Right", "https://c.example.org/", "[]")
    entry(lst, "books/d.yaml", "Linear Algebra Done Right!", "https://d.example.org/", "[Ed]")
    assert [(path, rule) for path, _, _, _, rule in found(lst)] == [
        ("resources/books/b.yaml", "duplicate-title"),
        ("resources/books/d.yaml", "duplicate-title"),
    ]


def test_similar_titles_by_the_same_author(make_list) -> None:
    lst = make_list()
    entry(
        lst,
        "books/a.yaml",
        "Pattern Recognition and Machine Learning",
        "https://a.example.org/",
        "[Christopher Bishop]",
    )
    entry(
        lst,
        "books/b.yaml",
        "Pattern Recognition & Machine-Learning (Bishop)",
        "https://b.example.org/",
        "[Christopher M. Bishop, christopher bishop]",
    )
    entry(lst, "books/c.yaml", "Mathematical Notation", "https://c.example.org/", "[Ed S]")
    entry(
        lst, "books/d.yaml", "'Mathematical Notation: A Guide'", "https://d.example.org/", "[Ed S]"
    )
    entry(lst, "books/e.yaml", "Deep Learning Volume 1", "https://e.example.org/", "[Ann]")
    entry(lst, "books/f.yaml", "Deep Learning Volume 2", "https://f.example.org/", "[Ann]")
    entry(lst, "books/g.yaml", "Linear Algebra Done Right", "https://g.example.org/", "[Bob]")
    entry(lst, "books/h.yaml", "Linear Algebra Done Wrong", "https://h.example.org/", "[Cy]")
    assert found(lst) == [
        ("resources/books/b.yaml", 1, 8, Level.WARNING, "similar-title"),
        ("resources/books/d.yaml", 1, 8, Level.WARNING, "similar-title"),
    ]


def test_folding_and_signatures() -> None:
    assert comparable_words("Éléments   d'Algèbre!") == "elements d algebre"
    assert comparable_words("Rock & Roll") == comparable_words("rock and roll")
    assert signature(comparable_words("The Art of Computer Programming")) == signature(
        comparable_words("Computer Programming, Art")
    )


def test_distinct_from_allows_one_pair_only(make_list) -> None:
    lst = make_list()
    url = "https://example.org/same"
    entry(lst, "books/first.yaml", "First", url, extra="distinct_from: [books/second]")
    entry(lst, "books/second.yaml", "Second", url)
    entry(lst, "books/third.yaml", "Third", url)
    problems = find(load_project(lst.root))
    assert [(p.path, p.rule) for p in problems] == [("resources/books/third.yaml", "duplicate-url")]
    assert "first.yaml:2, resources/books/second.yaml:2" in problems[0].message
    # Were the allowed pair's entry the one to carry it, the other pair is still told.
    old = "added: '2020-01-01'"
    entry(lst, "books/first.yaml", "First", url, extra=f"distinct_from: [books/second]\n{old}")
    entry(lst, "books/third.yaml", "Third", url, extra=old)
    entry(lst, "books/second.yaml", "Second", url, extra="added: '2030-01-01'")
    problems = find(load_project(lst.root))
    assert [(p.path, p.rule) for p in problems] == [
        ("resources/books/second.yaml", "duplicate-url"),
        ("resources/books/third.yaml", "duplicate-url"),
    ]
    assert "first.yaml" not in problems[0].message
    assert "first.yaml" in problems[1].message and "second.yaml" not in problems[1].message


def test_an_entry_without_a_date_in_a_dated_list_carries_the_duplicate(make_list) -> None:
    """A contributor's hand-written file has no `added`: it was taken for the oldest, and
    plain `check` blamed the entry already on the list (awesome-ios's HanekeSwift). In a
    list whose entries mostly have no date, a dated one is the newest, as before."""
    lst = make_list()
    url = "https://example.org/same"
    entry(lst, "books/aaa-new.yaml", "New", url)
    entry(lst, "books/old.yaml", "Old", url, extra="added: '2019-10-28'")
    entry(lst, "books/other.yaml", "Other", "https://example.org/o", extra="added: '2020-01-02'")
    (problem,) = find(load_project(lst.root))
    assert problem.path == "resources/books/aaa-new.yaml"
    assert "no added date, unlike the others, so it counts as the newest" in problem.message
    entry(lst, "books/other.yaml", "Other", "https://example.org/o")
    (problem,) = find(load_project(lst.root))
    assert problem.path == "resources/books/old.yaml"


def test_duplicates_after_redirects_use_the_link_history(make_list, run) -> None:
    lst = make_list()
    entry(lst, "books/old.yaml", "Old address", "https://old.example.org/book")
    entry(lst, "books/new.yaml", "New address", "https://new.example.org/book/")
    assert run("dupes", "--root", str(lst.root)).code == 0  # no history yet: skipped quietly
    history.save(
        lst.root / ".listsmith" / "links.json",
        {
            "https://old.example.org/book": Record(
                "redirected",
                "moved permanently (301)",
                "2026-01-05T00:00:00+00:00",
                final_url="https://new.example.org/book",
                new_url="https://new.example.org/book",
            ),
        },
    )
    result = run("dupes", "--root", str(lst.root))
    assert result.code == 1
    assert (
        "resources/books/old.yaml:2:6: error: this entry is the same resource as "
        "resources/books/new.yaml:2 (both end at https://new.example.org/book after "
        "redirects)"
    ) in result.out
    lst.write("elsewhere.json", "{broken")
    result = run("dupes", "--root", str(lst.root), "--history", str(lst.root / "elsewhere.json"))
    assert result.code == 0
    assert "elsewhere.json:1:1: warning: link history can't be read" in result.out


def test_cli_exit_codes_json_and_check(make_list, run) -> None:
    lst = make_list()
    entry(lst, "books/a.yaml", "Same", "https://a.example.org/")
    entry(lst, "videos/b.yaml", "Same", "https://b.example.org/")
    result = run("dupes", "--root", str(lst.root), "--format", "json")
    assert result.code == 0  # title warnings only
    assert json.loads(result.out)["summary"] == {"errors": 0, "warnings": 1, "notes": 0, "files": 3}
    entry(lst, "videos/c.yaml", "Other", "https://A.example.org")
    result = run("check", "--root", str(lst.root))
    assert result.code == 1
    assert "resources/videos/c.yaml:2:6: error: this entry is the same resource as" in result.out


def test_distinct_from_must_name_an_entry(make_list, run) -> None:
    lst = make_list()
    entry(
        lst,
        "books/a.yaml",
        "A",
        "https://a.example.org/",
        extra="distinct_from: [books/missing, books/a]",
    )
    entry(lst, "videos/b.yaml", "B", "https://b.example.org/")
    result = run("validate", "--root", str(lst.root))
    assert "resources/books/a.yaml:6:17: error: no entry books/missing" in result.out
    assert "resources/books/a.yaml:6:32: error: an entry can't name itself" in result.out

"""The feed target: valid Atom (RFC 4287), newest entries first, the same bytes every run."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from listsmith.project import load_project
from listsmith.render import check_settings

from .conftest import REPO
from .test_page import ENTRIES, make_page_list, render

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
DATES = {
    "books/calculus.yaml": "2024-01-15",
    "books/proofs/book-of-proof.yaml": "2024-03-01",
    "videos/essence-of-calculus.yaml": "2023-12-31",
    "tools/sage-cell.yaml": "2024-03-01",
    "tools/linux/octave.yaml": "2022-06-30",
}


def dated_list(root: Path, dates: dict[str, str] = DATES) -> Path:
    """The page tests' list with ``added`` dates on some entries."""
    return make_page_list(
        root, {rel: {**ENTRIES[rel], "added": day} for rel, day in dates.items()}
    ).root


def parse(text: str) -> ET.Element:
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    return feed


def one(element: ET.Element, name: str) -> ET.Element:
    found = element.findall(f"{ATOM}{name}")
    assert len(found) == 1, f"{element.tag} has {len(found)} {name}"
    return found[0]


def check_atom(feed: ET.Element) -> list[ET.Element]:
    """RFC 4287's required elements and date format; returns the entries."""
    for name in ("id", "title", "updated"):
        assert one(feed, name).text
    assert RFC3339.fullmatch(one(feed, "updated").text or "")
    assert one(one(feed, "author"), "name").text  # so entries need no author of their own
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert one(entry, name).text
        for name in ("updated", "published"):
            stamp = one(entry, name).text or ""
            assert RFC3339.fullmatch(stamp)
            datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        links = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert len(links) == 1 and links[0].get("href", "").startswith("https://")
    ids = [one(e, "id").text for e in entries] + [one(feed, "id").text]
    assert len(set(ids)) == len(ids)
    return entries


def titles(entries: list[ET.Element]) -> list[str]:
    return [one(e, "title").text or "" for e in entries]


def test_feed_is_atom_with_the_newest_entries_first(tmp_path: Path) -> None:
    feed = parse(render(dated_list(tmp_path / "list"), "feed"))
    entries = check_atom(feed)
    # Newest first; a tie (two on 2024-03-01) by title; undated entries are not there.
    assert titles(entries) == [
        "Book of Proof",
        "Sage Cell",
        "Calculus",
        "Essence of Calculus",
        "Octave",
    ]
    assert one(feed, "updated").text == "2024-03-01T00:00:00Z"
    calculus = entries[2]
    assert one(calculus, "updated").text == "2024-01-15T00:00:00Z"
    assert one(calculus, "link").get("href") == "https://example.org/spivak"
    assert one(one(calculus, "author"), "name").text == "Michael Spivak"
    assert [(c.get("term"), c.get("label")) for c in calculus.findall(f"{ATOM}category")] == [
        ("calculus", "Calculus")
    ]
    assert one(calculus, "summary").text == ENTRIES["books/calculus.yaml"]["description"]


def test_limit_keeps_the_newest(tmp_path: Path) -> None:
    root = dated_list(tmp_path / "list")
    (root / "listsmith.yaml").write_text("render:\n  targets:\n    feed: {limit: 2}\n")
    assert titles(check_atom(parse(render(root, "feed")))) == ["Book of Proof", "Sage Cell"]
    (root / "listsmith.yaml").write_text("render:\n  targets:\n    feed: {limit: 0}\n")
    _, _, problems = check_settings(load_project(root))
    assert [(p.line, p.message) for p in problems] == [
        (3, "render.targets.feed.limit must be at least 1")
    ]


def test_a_list_without_dates_has_a_valid_empty_feed(tmp_path: Path) -> None:
    feed = parse(render(make_page_list(tmp_path / "list").root, "feed"))
    assert check_atom(feed) == []
    assert one(feed, "updated").text == "1970-01-01T00:00:00Z"  # no clock: the same every run


def test_ids_stay_put_and_the_site_address_gives_links(tmp_path: Path) -> None:
    root = dated_list(tmp_path / "list")
    first = parse(render(root, "feed"))
    assert (one(first, "id").text or "").startswith("urn:uuid:")
    assert first.findall(f"{ATOM}link") == []  # no address: no links to the page or itself
    later = dated_list(tmp_path / "later", {**DATES, "books/calculus.yaml": "2025-05-05"})
    ids = {titles([e])[0]: one(e, "id").text for e in check_atom(first)}
    moved = {titles([e])[0]: one(e, "id").text for e in check_atom(parse(render(later, "feed")))}
    assert moved == ids  # an entry's id is its place in the list, not its date or order
    (root / "listsmith.yaml").write_text(
        "render:\n  site_url: https://owner.github.io/list/\n"
        "  targets:\n    page: true\n    feed: true\n"
    )
    feed = parse(render(root, "feed"))
    assert one(feed, "id").text == "https://owner.github.io/list/"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://owner.github.io/list/",
        "self": "https://owner.github.io/list/feed.xml",
    }


def test_text_is_escaped_and_characters_xml_cannot_hold_are_dropped(tmp_path: Path) -> None:
    odd = {
        **ENTRIES["books/calculus.yaml"],
        "title": 'Calculus & "Analysis" <vol. 1>\x0b',
        "added": "2024-01-15",
    }
    root = make_page_list(tmp_path / "list", {"books/calculus.yaml": odd}).root
    (entry,) = check_atom(parse(render(root, "feed")))
    assert one(entry, "title").text == 'Calculus & "Analysis" <vol. 1>'


def test_markdown_descriptions_are_escaped_html(tmp_path: Path) -> None:
    marked = {**ENTRIES["books/calculus.yaml"], "description": "See `dx`.", "added": "2024-01-15"}
    root = make_page_list(tmp_path / "list", {"books/calculus.yaml": marked}).root
    settings = "render:\n  descriptions: markdown\n  targets: {feed: true}\n"
    (root / "listsmith.yaml").write_text(settings)
    text = render(root, "feed")
    assert '<summary type="html">See &lt;code&gt;dx&lt;/code&gt;.</summary>' in text
    (entry,) = check_atom(parse(text))
    assert one(entry, "summary").text == "See <code>dx</code>."


def test_bundled_feed_is_valid() -> None:
    check_atom(parse((REPO / "site" / "feed.xml").read_text(encoding="utf-8")))

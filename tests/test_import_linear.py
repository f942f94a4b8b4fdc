"""The import takes time in proportion to its input, on READMEs built to be slow too, and
refuses one larger than its documented cap.

The title search in raw HTML used backtracking regexes that were quadratic on ``<h1>`` or
``<img a`` repeated (89 s for 256 KiB). Its replacement must find exactly what those
regexes found (checked against them on generated HTML), and handle input four times as
large as the size the old code already needed minutes for. bench/bench_import_crafted.py
prints the times.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from listsmith import importer
from listsmith.importer import headings, source

# The regexes the import used before, kept here only as the reference for what to find.
OLD_TAG = re.compile(r"<[^>]*>")
OLD_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
OLD_IMG_ALT = re.compile(r"<img\b[^>]*?\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


def old_title(text: str) -> str:
    found = OLD_H1.search(text)
    if found:
        title = " ".join(html.unescape(OLD_TAG.sub(" ", found.group(1))).split())
        if title:
            return title
    for match in OLD_IMG_ALT.finditer(text):
        alt = " ".join(html.unescape(match.group(1) or match.group(2) or "").split())
        if alt:
            return alt
    return ""


PIECES = ["<h1", "<H1", "<h10", ">", "</h1", "</h1 >", "<img", "<IMG", " alt", "alt", "=", " "]
PIECES += ['"', "'", "x", "y z", "<b>", "<", "\n", "&amp;", "data-alt"]
html_ish = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(html_ish)
def test_the_title_search_finds_what_the_regexes_found(text: str) -> None:
    assert headings.html_title(text) == old_title(text)
    assert headings._untagged(text) == OLD_TAG.sub(" ", text)
    wanted = [
        m.group(1) if m.group(1) is not None else m.group(2) for m in OLD_IMG_ALT.finditer(text)
    ]
    assert list(headings._img_alts(text)) == wanted


CRAFTED = {
    "h1 repeated": ("", "<h1>", ""),
    "h1 without >": ("", "<h1 ", ""),
    "unclosed tags in a title": ("<h1>", "<", "</h1>"),
    "img without >": ("<div>\n", "<img a", ""),
}


def test_crafted_input_four_times_larger_is_handled() -> None:
    """256 KiB took the old search minutes; 1 MiB would take it half an hour or more."""
    for prefix, piece, suffix in CRAFTED.values():
        for size in (256 * 1024, 1024 * 1024):
            imported = importer.parse(prefix + piece * (size // len(piece)) + suffix)
            assert imported.title and not imported.entries


def test_a_readme_over_the_cap_is_refused(run, tmp_path: Path) -> None:
    big = tmp_path / "README.md"
    big.write_bytes(b"# Big\n\n" + b" " * source.MAX_BYTES)
    result = run("import", str(big), "--into", str(tmp_path / "out"))
    assert result.code == 2
    assert f"{big}:1:1: error: is larger than 8 MiB" in result.err
    assert not (tmp_path / "out").exists()
    assert "8 MiB" in (Path(__file__).parent.parent / "docs" / "getting-started.md").read_text()

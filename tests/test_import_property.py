"""For any awesome-style README: every URL is imported (in an entry or kept text) or reported.

Hypothesis writes READMEs from the pieces real lists are made of (entries with descriptions,
inline links, tags and "(Source Code)" groups, labels with sub-items, lines of several links,
badges, images, bare URLs, links that are no web address, HTML, paragraphs, headings and bold
group lines). Every URL it writes is unique, so a URL found in the written data and a URL in
the report are each one occurrence: each URL must be in exactly one of the two.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listsmith.importer import parse
from listsmith.importer.writer import Layout

SUFFIXES = ("", "/", "_", "?", "/a_b", "?q=1&r=2")
"""Link destinations end in anything, ``_`` and ``?`` included."""
BARE_SUFFIXES = ("", "/", "/x_y")
SEPARATORS = ("-", "\u2013", ":")
"""Between an entry's link and its description: a hyphen, an en dash, a colon."""
"""A bare URL's trailing ``_`` or ``?`` is not part of it for GitHub, so none is generated."""


@dataclass
class Doc:
    """A README being written and every URL in it."""

    counter: itertools.count = field(default_factory=itertools.count)
    urls: list[str] = field(default_factory=list)

    def url(self, suffix: str = "", scheme: str = "https") -> str:
        n = next(self.counter)
        found = f"{scheme}://u{n}.example.org/p{n}{suffix}"
        self.urls.append(found)
        return found

    def other(self, kind: str) -> str:
        """A destination that is no web address."""
        n = next(self.counter)
        found = {"js": f"javascript:go({n})", "file": f"file:///tmp/f{n}", "rel": f"docs/d{n}.md"}
        self.urls.append(found[kind])
        return found[kind]


@st.composite
def entry_line(draw: st.DrawFn, doc: Doc) -> str:
    line = f"[Tool {draw(st.integers(0, 99))}]({doc.url(draw(st.sampled_from(SUFFIXES)))})"
    if draw(st.booleans()):
        line += f" `{draw(st.sampled_from(['⚠', 'beta']))}`"
    if draw(st.booleans()):
        words = "Does things"
        if draw(st.booleans()):
            words += f" with [a friend]({doc.url(draw(st.sampled_from(SUFFIXES)))})"
        if draw(st.booleans()):
            words += f" and {doc.url(draw(st.sampled_from(BARE_SUFFIXES)))} too"
        if draw(st.booleans()):
            words += f" ([bad]({doc.other(draw(st.sampled_from(['js', 'file', 'rel'])))}))"
        line += f" {draw(st.sampled_from(SEPARATORS))} {words}."
    if draw(st.booleans()):
        line += f" ([Demo]({doc.url()}), [Source Code]({doc.url('_')}))"
    if draw(st.booleans()):
        line += f" [![stars]({doc.url()})]({doc.url()})"
    if draw(st.booleans()):
        line += " `MIT` `Go`"
    return line


@st.composite
def item(draw: st.DrawFn, doc: Doc, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["entry", "entry", "label", "several", "odd", "bare", "image"]))
    pad = "  " * depth
    if kind == "entry":
        text = pad + "- " + draw(entry_line(doc))
        if depth < 2 and draw(st.booleans()):
            text += "\n" + draw(item(doc, depth + 1))
        return text
    if kind == "label":
        subs = draw(st.lists(item(doc, depth + 1), min_size=0, max_size=2)) if depth < 2 else []
        label = f"{pad}- Label {draw(st.integers(0, 9))}"
        if draw(st.booleans()):
            label += f" ![icon]({doc.url()})"
        if draw(st.booleans()):
            label += f" - Its own ![picture]({doc.url()}) and [a link]({doc.url('_')})."
        return "\n".join([label, *subs])
    if kind == "several":
        return f"{pad}- Mirrors: [A]({doc.url()}), [B]({doc.url('?')})"
    if kind == "odd":
        return f"{pad}- [Odd]({doc.other(draw(st.sampled_from(['js', 'file', 'rel'])))}) - Odd."
    if kind == "bare":
        return f"{pad}- See {doc.url(draw(st.sampled_from(BARE_SUFFIXES)))} for it."
    return f"{pad}- ![logo]({doc.url()})"


@st.composite
def block(draw: st.DrawFn, doc: Doc) -> str:
    kind = draw(st.sampled_from(["list", "list", "heading", "sub", "bold", "text", "html"]))
    if kind == "list":
        return "\n".join(draw(st.lists(item(doc), min_size=1, max_size=4)))
    if kind == "heading":
        return f"## Section {draw(st.integers(0, 9))}"
    if kind == "sub":
        return f"### Part {draw(st.integers(0, 9))}"
    if kind == "bold":
        return f"**Group {draw(st.integers(0, 9))}**"
    if kind == "text":
        return f"Read [this]({doc.url('_')}) or {doc.url()} first."
    return f'<p align="center"><a href="{doc.url()}"><img src="{doc.url("?")}"></a></p>'


@st.composite
def readme(draw: st.DrawFn) -> tuple[str, list[str]]:
    doc = Doc()
    parts = [f"# Awesome Things [![badge]({doc.url()})]({doc.url()})", f"Intro [x]({doc.url()})."]
    parts += draw(st.lists(block(doc), min_size=1, max_size=12))
    if draw(st.booleans()):
        parts += ["## Contributing", f"See [the guide]({doc.url()})."]
    return "\n\n".join(parts) + "\n", doc.urls


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(readme())
def test_every_url_is_imported_or_reported_once(case: tuple[str, list[str]]) -> None:
    source, urls = case
    imported = parse(source)
    layout = Layout(imported)
    kept = json.dumps([layout.index, layout.entries], ensure_ascii=False)
    reported = [skipped.url for skipped in imported.skipped]
    assert len(reported) == len(set(reported))
    assert set(reported) <= set(urls), "the report names only URLs of the source"
    for url in urls:
        assert (url in kept) != (url in reported), (url, url in kept, source)

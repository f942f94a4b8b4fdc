"""Descriptions written in Markdown, and marks, stay inline: text, code, emphasis, links, images.

Descriptions and the points of ``details`` only for lists whose
``render.descriptions`` is ``markdown`` (many imported lists link related projects
inside descriptions); an entry's ``marks`` (the badges and icons after its title link)
and ``lead`` (code spans before it) always, as they are always Markdown. A separator
(an entry's, an item section's, its joiner) is written as it is, so it may hold no
Markdown or HTML at all.
Images and badges are allowed where lists put them (an icon saying "open source",
a CI badge); raw HTML is refused, and so is a link or image with a scheme other
than http(s) (``javascript:``, ``data:``): a description is a line of a list, and it
comes from a pull request. A link relative to the README (``editor-plugin.md#vim``) is
allowed: it names a file of the list's own repository.
Marks and a lead may hold an HTML comment that closes, which shows nothing
(awesome-flutter's ``<!-- stargazers:owner/repo -->``, its tooling's marker); a ``<!--``
left open there is refused, as ``markdown-closed`` refuses one in a description: it could
hide the rest of the README.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt

from listsmith import heading_anchors, markdown
from listsmith.problems import Level
from listsmith.project import Project, Section
from listsmith.render_options import render_options
from listsmith.rules.base import Finding, RuleContext, at

ID = "markdown-inline"
LEVEL = Level.ERROR
KIND = "reference"
ASKS = (
    "With `render.descriptions: markdown`, descriptions hold only inline text, code, emphasis "
    "and http(s) links."
)
BLOCKING = True
CONFIGURABLE = False

_ALLOWED = frozenset(
    {
        "text",
        "text_special",
        "softbreak",
        "code_inline",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "s_open",
        "s_close",
        "link_open",
        "link_close",
        "image",
    }
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def allowed_address(url: str) -> bool:
    """http(s), or relative to the README: no scheme, not from the site's root (``/etc``)
    or another host (``//host``)."""
    url = url.strip()
    if url.lower().startswith(("https://", "http://")):
        return True
    return not _SCHEME.match(url) and not url.startswith(("/", "\\"))


_md = MarkdownIt("commonmark").enable("strikethrough")


def problem(text: str, marks: bool = False) -> str | None:
    """What in ``text`` is not allowed, or None. ``marks``: the text is an entry's marks or
    lead, which may hold HTML comments that close (and no ``<!--`` that doesn't)."""
    for token in _md.parseInline(" ".join(text.split())):
        for child in token.children or []:
            if marks and child.type == "text" and "<!--" in child.content:
                return "an HTML comment left open could hide the rest of the README"
            if marks and child.type == "html_inline" and child.content.startswith("<!--"):
                continue  # closed: markdown-it ends a comment where a browser does, or later
            if child.type not in _ALLOWED:
                kind = child.type.replace("_inline", "").replace("_", " ")
                return f"a description can't hold {kind} ({child.content or child.markup!r})"
            for attr, what in (("href", "a link"), ("src", "an image")):
                address = child.attrs.get(attr)
                if address is not None and not allowed_address(str(address)):
                    return f"{what} in a description must be http(s) or relative, not {address!r}"
    return None


_MARKUP = frozenset("<>&[]()`*_~\\!")
"""Characters that make Markdown or HTML: a separator holding one would turn the words
beside it into a tag, a link or emphasis."""


def joining_problem(text: str) -> str | None:
    """What is wrong with a separator or joiner, which the README writes as it is."""
    found = "".join(sorted(set(text) & _MARKUP))
    if found:
        return f"a separator is words and punctuation, not Markdown or HTML ({found!r})"
    return None


def title_problem(written: str, title: str, env: dict[str, Any] | None = None) -> str | None:
    """What is wrong with ``title_markdown``: the README writes it as the link's text, so it
    holds code and emphasis only, stays inside the link, and says the title's words.
    ``env``: the README's link reference definitions, which brackets in it could use
    (``[v3] Plugin`` beside a ``[v3]: ...`` would be a link of its own)."""
    link = _md.parseInline(f"[{' '.join(written.split())}](https://title.invalid/)", env or {})
    found = link[0].children or [] if link else []
    inner = found[1:-1]
    if (
        len(found) < 2
        or found[0].type != "link_open"
        or found[-1].type != "link_close"
        or any(t.type not in markdown.TITLE_MARKUP for t in inner)
    ):
        return "title_markdown holds only the title's words, code spans and emphasis"
    if " ".join(markdown.words(inner).split()) != " ".join(title.split()):
        return f"title_markdown must say the title's words ({title!r})"
    return None


def line_start_problem(text: str) -> str | None:
    """What ``text`` would begin, written where a line (a list item's content) starts: an
    HTML block that never closes, a heading, a quote, a list. Inline Markdown is judged
    by :func:`problem`; this is the block it opens. An entry's lead, a point of its
    details, a description below its line and an item section's heading start one."""
    blocks = [t.type for t in _md.parse(" ".join(text.split())) if t.nesting >= 0]
    if blocks == ["paragraph_open", "inline"]:
        return None
    kind = next((b for b in blocks if b not in ("paragraph_open", "inline")), "")
    shown = _BLOCKS.get(kind, "block of its own")
    return f"this text starts a line of the README, where it would begin {shown}: make it words"


_SPANNING = (
    "the lead and the marks together would take the title link into one span (a code "
    "span or emphasis opened in one and closed in the other)"
)


def _link_stays(lead: str, marks: str) -> bool:
    """Whether the title link is still a link on the line the README writes, the lead before
    it and the marks after: each is fine alone, but a backtick in both (a reviewer's case)
    made the link a code span."""
    line = f"{lead} [title](https://title.invalid/) {marks}"
    children = next((t.children or [] for t in _md.parse(line) if t.type == "inline"), [])
    return any(
        t.type == "link_open" and t.attrs.get("href") == "https://title.invalid/" for t in children
    )


def _own_texts(project: Project) -> list[object]:
    """The list's own Markdown texts the README shows (its intro, its sections' texts...),
    which may hold headings and link reference definitions."""
    index = project.index.data
    texts = [index.get(key) for key in ("intro", "masthead", "contributing", "license", "closing")]
    for section in project.index.sections:
        texts += [section.data.get("description"), section.data.get("footer")]
    return texts


def _definitions(project: Project) -> dict[str, Any]:
    """markdown-it's env holding the link reference definitions of the list's own texts,
    which the README keeps where they were."""
    env: dict[str, Any] = {}
    _md.parse("\n\n".join(t for t in _own_texts(project) if isinstance(t, str)), env)
    return env


def _heading_alone(text: str) -> bool:
    """Whether ``text`` is one ATX heading and nothing else (``### Arrays``)."""
    return [t.type for t in _md.parse(text) if t.nesting >= 0] == ["heading_open", "inline"]


def _item_heading_problem(section: Section, shown: Counter[str]) -> str | None:
    """What is wrong with an item section whose line is a heading (coding-interview-
    university's "- ### Arrays"): the line must be the heading alone (a separator, words or
    links after it would be the heading's words too), and its anchor its own among the
    headings ``shown`` (:mod:`listsmith.heading_anchors`)."""
    data = section.data
    if data.get("description") or data.get("joiner") is not None or data.get("separator"):
        return (
            "an item that is a heading holds nothing else on its line (no separator, "
            "description or joiner): they would be the heading's words"
        )
    heading = str(data["heading"])
    inline = problem(heading.lstrip("#").strip())  # the heading's words: no raw HTML
    if inline:
        return inline
    anchor = heading_anchors.taken(heading, shown)
    if anchor is not None:
        return (
            f"this heading's anchor (#{anchor}) is another heading's too: the README's links "
            "to that one could lead here; give it other words"
        )
    return None


def _headings(project: Project) -> Iterator[str]:
    """The text of every heading the README may show."""
    index = project.index.data
    yield from (str(index.get(key) or "") for key in ("title", "heading"))
    yield from heading_anchors.README_HEADINGS
    for section in project.index.sections:
        heading = section.data.get("heading")
        if section.style == "item" and isinstance(heading, str) and heading:
            yield heading
        elif section.style == "heading":
            yield section.title
            if isinstance(heading, str) and heading:
                yield heading
    yield from heading_anchors.in_texts(_own_texts(project))


_BLOCKS = {
    "html_block": "a raw HTML block (it can hide what follows)",
    "heading_open": "a heading",
    "blockquote_open": "a quote",
    "bullet_list_open": "a list",
    "ordered_list_open": "a numbered list",
    "hr": "a horizontal rule",
    "fence": "a code block",
    "code_block": "a code block",
}


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    shown: Counter[str] | None = None  # the headings' anchors, counted once when needed
    for section in project.index.sections:
        for name in ("separator", "joiner"):
            text = section.data.get(name)
            why = joining_problem(text) if isinstance(text, str) else None
            if why:
                yield at(project.index, (*section.where, name), why)
        heading = section.data.get("heading")
        if section.style == "item" and isinstance(heading, str) and heading:
            why = line_start_problem(heading)
            if why and _heading_alone(heading):
                shown = shown if shown is not None else heading_anchors.counted(_headings(project))
                why = _item_heading_problem(section, shown)
            if why:
                yield at(project.index, (*section.where, "heading"), why)
    definitions = _definitions(project)
    fields = ("lead", "marks", "description")
    if render_options(project)[0]["descriptions"] != "markdown":
        fields = ("lead", "marks")
    rich = "description" in fields
    for entry in project.entries:
        below = rich and entry.data.get("description_below") is True
        for name in fields:
            text = entry.text(name)
            why = problem(text, marks=name != "description") if text else None
            if text and not why and (name == "lead" or (below and name == "description")):
                why = line_start_problem(text)
            if why:
                yield at(entry, (name,), why)
        separator = entry.text("separator")
        why = joining_problem(separator) if separator else None
        if why:
            yield at(entry, ("separator",), why)
        lead, marks = entry.text("lead"), entry.text("marks")
        if lead and marks and not _link_stays(lead, marks):
            yield at(entry, ("marks",), _SPANNING)
        written = entry.text("title_markdown")
        why = title_problem(written, entry.text("title") or "", definitions) if written else None
        if why:
            yield at(entry, ("title_markdown",), why)
        if rich and "details" in entry.data:
            for where, text in entry.points():
                why = problem(text) or line_start_problem(text)
                if why:
                    yield at(entry, where, why)

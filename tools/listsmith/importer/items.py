"""List items become entries, sub-items and label sections; one reader a list, whatever its style.

A list item that starts with a link is an entry; what follows the link is
read by the list's :class:`Style` (:mod:`~listsmith.importer.styles`: an
awesome-style line, or one listsmith rendered). Its own indented sub-items
become entries with ``parent``. An item that starts with words, not a link
("Linux", "Agent Skills", "Dynamic DNS: [A](...), [B](...)") is a label: a
section shown as a list item (``style: item``), holding its sub-items or the
links its line lists, each one an entry.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from markdown_it.token import Token

from listsmith import markdown
from listsmith.importer import rawline, tokens
from listsmith.importer.inline import inline_only
from listsmith.importer.ledger import Ledger, urls
from listsmith.importer.model import ImportedDetail, ImportedEntry, ImportedSection, Item
from listsmith.rules.markdown_inline import title_problem

_LIST_OPEN = ("bullet_list_open", "ordered_list_open")
_LABEL_TRIM = " \t:-\u2013\u2014|"
WEB = ("http://", "https://")


@dataclass
class ListItem:
    """One item of a Markdown list: its first paragraph, what else it holds, its lists."""

    line: int
    """1-based line the item starts on."""
    inline: Token | None = None
    rest: list[list[Token]] = field(default_factory=list)
    sublists: list[list[ListItem]] = field(default_factory=list)
    numbered: str = ""
    """``1.`` or ``1)`` when its lists are numbered lists, each with that delimiter."""


def list_items(stream: list[Token]) -> list[ListItem]:
    """The items of the list whose tokens are ``stream`` (it starts with the list's opening)."""
    items, _ = _read_list(stream, 0)
    return items


def _read_list(stream: list[Token], i: int) -> tuple[list[ListItem], int]:
    items: list[ListItem] = []
    i += 1
    while i < len(stream) and stream[i].type not in ("bullet_list_close", "ordered_list_close"):
        item = ListItem((stream[i].map or (0, 0))[0] + 1)
        i += 1
        while i < len(stream) and stream[i].type != "list_item_close":
            if stream[i].type in _LIST_OPEN:
                ordered = stream[i].type == "ordered_list_open"
                marker = f"1{stream[i].markup}" if ordered else ""
                item.numbered = marker if not item.sublists or item.numbered == marker else ""
                sub, i = _read_list(stream, i)
                item.sublists.append(sub)
                continue
            depth, j = stream[i].nesting, i + 1
            while depth > 0 and j < len(stream):
                depth += stream[j].nesting
                j += 1
            block = stream[i:j]
            first = item.inline is None and not item.rest and not item.sublists
            if first and stream[i].type == "paragraph_open" and len(block) > 1:
                item.inline = block[1]
            else:
                item.rest.append(block)
            i = j
        items.append(item)
        i += 1
    return items, i + 1


def has_web_link(stream: Sequence[Token]) -> bool:
    """Whether a block holds any http(s) link: a list without one is text, not entries."""
    return any(
        child.type == "link_open" and str(child.attrs.get("href", "")).startswith(WEB)
        for token in stream
        if token.type == "inline"
        for child in token.children or []
    )


def entry_list(stream: Sequence[Token]) -> bool:
    """Whether a list is one of entries: it has a web link, and no item starts with a link
    of another kind (an intro's ``* [Contributing Guide](CONTRIBUTING.md)`` is navigation)."""
    if not has_web_link(stream):
        return False
    for item in list_items(list(stream)):
        head = _head(item.inline.children or []) if item.inline is not None else None
        if head is not None and not head.link.href.startswith(WEB):
            return False
    return True


class Style(Protocol):
    """How one kind of README writes what follows an entry's link."""

    def read(self, entry: ImportedEntry, tail: list[Token], ledger: Ledger) -> list[ImportedEntry]:
        """Fill ``entry`` from the tokens after its link; return further entries the line
        lists (several resources on one line), in order."""


@dataclass
class _Head:
    """The start of an item that begins with a link: the link, and what came before it."""

    link: tokens.Link
    tags: list[str]
    """Code spans before the link (``- `MIT` - [MIT License](...)``)."""
    badges: list[Token]
    """Image-only links (and images inside emphasis) before the link: logos, not resources;
    a bare image there is the entry's lead, as written."""
    tail: list[Token]
    led: bool = False
    """Code spans, emoji shortcodes, a checkbox or a picture come before the link: the
    entry's ``lead``."""
    wrap: str = ""
    """The marker of emphasis or strikethrough opened before the link and closed after its
    words (``~~[X](...) - Dead.~~``): the title and the description each get it."""


_PICTURES = ("image", "html_inline", "link_open")
"""What a label's name can't show as words: a picture, raw HTML, a link."""
_OPENERS = ("em_open", "strong_open", "s_open")
_CLOSERS = ("em_close", "strong_close", "s_close")


def _head(children: list[Token]) -> _Head | None:
    """The item's main link when nothing but code spans, badges and emphasis precede it."""
    tags: list[str] = []
    badges: list[Token] = []
    opened: list[str] = []
    led = False
    i = 0
    while i < len(children):
        token = children[i]
        if tokens.is_space(token) or token.type in _OPENERS:
            if token.type in _OPENERS:
                opened.append(token.markup)
        elif token.type == "code_inline" and not opened:
            tags.append(token.content.strip())
            led = True
        elif token.type == "text" and tags and not token.content.strip(_LABEL_TRIM):
            pass  # the separator after leading code spans
        elif token.type == "text" and not opened and rawline.shortcodes(token.content):
            led = True  # magictools' "- :free: [Littera](...)": GitHub shows an emoji
        elif token.type == "text" and i == 0 and rawline.task_box(token.content) == token.content:
            led = True  # coding-interview-university's "- [ ] [Skiena](...)": a checkbox
        elif token.type == "image" and not opened:
            led = True  # a picture before the link (awesome-vite's "![v3]"): the entry's lead
        elif token.type == "image":
            badges.append(token)
        elif token.type == "link_open":
            link = next(tokens.links(children[i:]))
            if link.badge:
                badges += children[i : i + link.end + 1]
                i += link.end + 1
                continue
            if link.anchor:
                return None
            link = tokens.Link(link.href, i, i + link.end, link.text)
            tail = [t for t in children[link.end + 1 :] if t.type != "text" or t.content]
            # The emphasis opened before the link closes right after it (its own), or after
            # the words: one marker goes around the title and around the description
            # (``~~[X](...) - Dead.~~``, a dead entry, shows struck through still); two or
            # more at the line's end are dropped, the words staying.
            while opened and tail and tail[0].type in _CLOSERS:
                tail, opened = tail[1:], opened[:-1]
            closes = [t.markup for t in tail if t.type in _CLOSERS]
            if len(opened) == 1 and closes == opened:
                return _Head(link, tags, badges, tail, led, opened[0])
            while opened and tail and tail[-1].type in _CLOSERS:
                tail, opened = tail[:-1], opened[:-1]
            return _Head(link, tags, badges, tail, led)
        else:
            return None
        i += 1
    return None


class _Recorder:
    """A stand-in ledger for tokens read again from the raw line: it notes what a style
    leaves out, for the real ledger to report against the document's own tokens."""

    def __init__(self) -> None:
        self.skipped: list[tuple[str, str]] = []

    def settle(self, tokens: Sequence[Token]) -> None:
        pass

    def skip(self, found: Sequence[Token], why: str) -> None:
        self.skipped += [(url, why) for _, _, url in urls(found)]


_GROUP_UNDER_ENTRY = (
    "a group of links under the entry {!r} is shown after that entry, at its level: an "
    "entry holds points and entries, not groups"
)


_PARAGRAPH_JOINED = (
    "the item's next paragraph joins its first, on its line: an entry's description and a "
    "point are one paragraph each"
)


class ListReader:
    """Reads the lists of one document into entries and label sections."""

    def __init__(
        self,
        style: Style,
        ledger: Ledger,
        dates: dict[int, str],
        env: dict[str, Any],
        notes: list[tuple[int, str]],
    ) -> None:
        self.style = style
        self.ledger = ledger
        self.notes = notes
        """(line, what) the import tells the maintainer of, though nothing is lost."""
        self.headed: list[tuple[ImportedSection, int]] = []
        """Groups whose line is a heading (``- ### Arrays``), with their lines."""
        self.dates = dates
        self.env = env
        """markdown-it's env of the document: its link reference definitions."""
        self.section = ImportedSection("")
        """The section whose list is being read."""
        self.title_references: list[str] = []
        """Entries' title links written as references (``[Calico][calico]``), as written:
        the README shows those links inline."""

    def read(self, items: list[ListItem], section: ImportedSection) -> None:
        self.section = section
        for item in items:
            self._item(item, section.items, None)

    def _item(self, item: ListItem, out: list[Item], parent: ImportedEntry | None) -> None:
        children = item.inline.children or [] if item.inline is not None else []
        head = _head(children) if children else None
        if head is not None and head.link.href.startswith(WEB):
            entries = self._entry(item, head)
            (parent.children if parent else out).extend(entries)
            more = self._more_text(item, "an entry")
            first = entries[0]
            if more and len(entries) == 1:
                _below(first)
            if more and first.description and not first.description_below:
                self.notes.append((item.line, _PARAGRAPH_JOINED))
            first.description = _joined(first.description, tokens.to_markdown(more))
            # The words too: a list whose descriptions are plain text renders those.
            first.plain = _joined(first.plain, tokens.plain(more))
            first.markup = first.markup or tokens.has_markup(more)
            for sub in item.sublists:
                for child in sub:
                    point = self._detail(child) if _linkless(child) else None
                    if point is None:
                        self._item(child, out, first)
                    else:
                        point.follows = len(first.children)
                        first.details.append(point)
                        first.markup = first.markup or point.markup
            return
        if head is not None:
            scheme = head.link.href.split(":", 1)[0] if ":" in head.link.href else ""
            if scheme.lower() in ("http", "https"):  # awesome-dotnet's https:/github.com/...
                why = "a malformed web address (it needs // after the colon)"
            elif scheme:
                why = f"a {scheme}: link, and an entry's URL is http(s)"
            elif head.link.href:
                why = "a relative link, and an entry's URL is an absolute http(s) URL"
            else:  # [Frameworks]() went with its words, and the ledger counts no empty URL
                why = "a link to no address, and an entry needs a URL"
                self.ledger.lost(item.line, tokens.plain(children), why)
            words = " ".join(tokens.plain(children).split())
            shown = words if len(words) <= 60 else words[:59] + "…"
            self.ledger.skip(
                [item.inline] if item.inline else [], f'{why}; its item, "{shown}", is left out'
            )
            for block in item.rest:
                self.ledger.skip(block, why)
            for sub in item.sublists:
                for child in sub:
                    self._item(child, out, parent)
            return
        label = self._label(item, children)
        if label is None:
            for sub in item.sublists:
                for child in sub:
                    self._item(child, out, parent)
            return
        if parent is not None:
            self.notes.append((item.line, _GROUP_UNDER_ENTRY.format(parent.title)))
        label.bullet = item.numbered  # awesome-typescript's steps under "How to...:"
        out.append(label)
        for sub in item.sublists:
            for child in sub:
                self._item(child, label.items, None)

    def _headed(self, item: ListItem) -> ImportedSection | None:
        """An item that is a heading alone over its sub-items (coding-interview-university's
        "- ### Arrays", cs-video-courses' "- #### **Intro**"): a group whose line is the
        heading as written, which its table of contents links to. None for any other."""
        if item.inline is not None or len(item.rest) != 1 or not item.sublists:
            return None
        block = item.rest[0]
        if block[0].type != "heading_open" or len(block) != 3:
            return None
        inline = block[1]
        title = tokens.plain(inline.children or []).strip()
        if not title:
            return None
        self.ledger.settle(block)
        label = ImportedSection(title, style="item")
        label.heading = f"{block[0].markup} {' '.join(inline.content.split())}"
        self.headed.append((label, item.line))
        return label

    def _detail(self, item: ListItem) -> _Point | None:
        """A link-less sub-item of an entry, with its own sub-items: a point under it."""
        if item.inline is None:
            return None
        written = item.inline.children or []
        children = inline_only(written, self.ledger)  # what it leaves out, the report names
        self.ledger.settle(written)
        more = self._more_text(item, "a point under an entry")
        if more:
            self.notes.append((item.line, _PARAGRAPH_JOINED))
        point = _Point(
            _joined(tokens.to_markdown(children), tokens.to_markdown(more)),
            _joined(tokens.plain(children), tokens.plain(more)),
            markup=tokens.has_markup(children) or tokens.has_markup(more),
        )
        for sub in item.sublists:
            for child in sub:
                inner = self._detail(child)
                if inner is not None:
                    point.details.append(inner)
                    point.markup = point.markup or inner.markup
        return point

    def _entry(self, item: ListItem, head: _Head) -> list[ImportedEntry]:
        link = head.link
        title = tokens.plain(link.text) or link.href
        entry = ImportedEntry(title, link.href, tags=list(head.tags), emphasis=_inner(link.text))
        # A title is words: an icon inside its link shows nowhere now, and is said so.
        pictures = [t for t in link.text if t.type in ("image", "html_inline")]
        self.ledger.skip(
            pictures, "an image or HTML inside a title link, whose words are the title"
        )
        if not entry.emphasis:
            entry.title_markdown = _title_markdown(link.text, self.env)
        self.ledger.skip(head.badges, "an image in a list item, not a resource")
        inline = item.inline.children or [] if item.inline else []
        self.ledger.settle(inline[link.start : link.end + 1])
        tail = self._tail(head.tail)
        found = None
        if item.inline is not None and tail is head.tail and not head.badges:
            written = " ".join(item.inline.content.split())
            at = rawline.lead_end(written) if head.led else 0
            used = rawline.reference_link(written[at:]) if at >= 0 else None
            if used is not None:
                self.title_references.append(used)
            found = rawline.shape(written[at:]) if at >= 0 else None
            if found is not None and at:
                entry.lead, entry.tags = written[:at].strip(), []
                self.ledger.settle(inline[: link.start])  # a picture's address, kept there
        if found is None:
            more = self.style.read(entry, tail, self.ledger)
        else:
            more = self._read_shaped(entry, found, tail)
        if head.wrap and not entry.emphasis and head.wrap in entry.description:
            entry.emphasis = head.wrap
            entry.description = head.wrap + entry.description
            entry.markup = True
        return self._dated([entry, *more], item.line)

    def _read_shaped(
        self, entry: ImportedEntry, found: rawline.Shape, tail: list[Token]
    ) -> list[ImportedEntry]:
        """Read what follows the link from the line as written: the marks stay marks, the
        style reads the rest, and a description that runs to the line's end keeps its
        spelling (reference-style images and links included)."""
        entry.marks, entry.emphasis = found.marks, found.emphasis or entry.emphasis
        lead = found.separator.strip()
        if not found.marks:  # the tokens after the link are the separator and the rest
            after = tail
            more = self.style.read(entry, tail, self.ledger)
        else:
            # Read again without the marks; the separator as the style knows it, so code
            # spans after it are words of the description, not tags.
            after = tokens.inline(f"{lead} {found.rest}" if lead else found.rest, self.env)
            recorder = _Recorder()
            more = self.style.read(entry, after, recorder)  # type: ignore[arg-type]
            for url, why in recorder.skipped:
                self.ledger.skip_url(tail, url, why)
            self.ledger.settle(tail)
        if more:
            return more
        if not found.rest:
            if lead:  # "[Cards](...):", a separator with nothing after it: kept
                entry.separator = found.separator
            return more
        entry.separator = found.separator
        written = tokens.to_markdown(after).removeprefix(lead).strip()
        if written == entry.description:
            entry.description = found.rest  # nothing was taken off its end: as written
        return more

    def _tail(self, tail: list[Token]) -> list[Token]:
        """An item's line less a "back to top" line that runs on from it (a lazy continuation
        line in Markdown): that is the section's closing navigation, so it goes there."""
        breaks = [i for i, t in enumerate(tail) if t.type in ("softbreak", "hardbreak")]
        if not breaks or not tokens.is_navigation(tail[breaks[-1] + 1 :]):
            return tail
        after = tail[breaks[-1] + 1 :]
        self.section.footer = "\n\n".join(
            filter(None, (self.section.footer, tokens.to_markdown(after)))
        )
        self.ledger.settle(after)
        return tail[: breaks[-1]]

    def _more_text(self, item: ListItem, holder: str, entry_text: bool = True) -> list[Token]:
        """The inline tokens of the paragraphs after an item's first one, a space between
        each two, to join its description (as an entry's text may hold them, unless
        ``entry_text`` is False: a label's words go to the list's index); any other block
        (code, a quote) can't, and the report says so."""
        found: list[Token] = []
        for block in item.rest:
            if block[0].type == "paragraph_open" and len(block) > 1:
                if found:
                    found.append(Token("text", "", 0, content=" "))
                words = block[1].children or []
                found += inline_only(words, self.ledger) if entry_text else words
                self.ledger.settle(block)
            else:
                self.ledger.skip_block(
                    block, f"a block inside a list item, which {holder} can't hold"
                )
        return found

    def _dated(self, entries: list[ImportedEntry], line: int) -> list[ImportedEntry]:
        """Entries of one source line, with the date that line joined the list."""
        for entry in entries:
            entry.added = self.dates.get(line, "")
        return entries

    def _label(self, item: ListItem, children: list[Token]) -> ImportedSection | None:
        """A list item of words: a section shown as an item, with the links its line lists."""
        headed = self._headed(item)
        if headed is not None:
            return headed
        if item.inline is None:
            for block in item.rest:
                self.ledger.skip_block(block, "a list item without text of its own")
            if not item.rest and not item.sublists:  # awesome-awesome's stray "* "
                self.notes.append((item.line, "an empty list item is left out"))
            return None
        named, description, cut = _split_label(children)
        title = tokens.plain(tokens.inline(named)).strip(_LABEL_TRIM)
        rest = children[cut:]
        if not (title or description or rest or item.sublists):
            return None
        label = ImportedSection(title or tokens.plain(children) or "…", style="item")
        several = link_run(rest) if not description and not item.sublists else None
        # Links joined two ways ("[a](...), [b](...) and [c](...)") are not one joiner's
        # list: the line is words, links and all (awesome-dotnet-core's "Compare it here...").
        joiner = _joiner(rest, several) if several is not None else None
        if joiner is None:
            several = None
        written = " ".join(item.inline.content.split())
        shown: str | None
        if several is not None and joiner is not None:
            label.items += self._dated(link_entries(several, self.env), item.line)
            label.joiner = joiner
            shown = _listed(label)
        elif not title:
            # A line that starts with a link to a heading of the page (awesome-ios's
            # "[Venmo](#payments)") has no name of its own: it stays as written.
            label.heading, shown = written, ""
        else:
            label.description = _after_name(children, named) if description else ""
            label.description = label.description or " ".join(
                filter(None, (description, tokens.to_markdown(rest)))
            )
            shown = label.description
        # A name holding raw HTML (awesome-nlp's ``<a id="python">**Python**</a>``, the anchor
        # its table of contents links to) is kept as written: the label's heading.
        if any(t.type == "html_inline" for t in children[:cut]):
            label.heading = named.strip() if shown else written
        name = label.heading or label.title
        # The label's own separator (": ", a space, a full-width colon), when the line reads
        # back exactly.
        if shown and written.startswith(name) and written.endswith(shown):
            label.separator = written[len(name) : len(written) - len(shown)]
        elif shown and written.startswith(named.strip()) and written.endswith(shown):
            # A name in bold or code before its words (rShetty's "**Host**: Bob"): as written.
            label.heading = named.strip()
            label.separator = written[len(label.heading) : len(written) - len(shown)]
        elif not shown and not several and not any(t.type in _PICTURES for t in children):
            # The line is all name, in Markdown of words (zsh-plugins' "OAuth:", awesome-ruby's
            # "*Architecture*"): the name was kept as words, less its colon and emphasis.
            label.heading = written if name != written else label.heading
        elif shown or name != written:  # unless the line is all name, as written
            label.heading = ""
            label.joiner = None
            # A label's name is words: an image or raw HTML in it shows nowhere, unless the
            # line is kept as written (then it is in the separator, where it was).
            dropped = [
                t
                for t in children[:cut]
                if t.type in ("image", "html_inline") and tokens.to_markdown([t]) in named
            ]
            self.ledger.skip(dropped, "an image in the name of a list item, which is words")
        box = rawline.task_box(label.title)
        if box and not label.heading:
            # A task list item of words ("[ ] size() - number of items"): its checkbox, which
            # the title's escaping would show as "[ ]" text, stays a checkbox.
            label.heading = box + markdown.escape(label.title[len(box) :])
        self.ledger.settle(children)
        more = tokens.to_markdown(self._more_text(item, "a label", entry_text=False))
        label.description = _joined(label.description, more)
        return label


@dataclass
class _Point(ImportedDetail):
    markup: bool = False
    """Its Markdown holds more than words (as ``ImportedEntry.markup``)."""


def _below(entry: ImportedEntry) -> None:
    """An entry whose description is a paragraph of its own under its line (awesome-indie):
    words on the line after the title link and a space (``by [Author](...)``, ``[$]``) stay
    there, with its marks; the paragraph is the description."""
    if entry.description:
        if entry.separator is None or entry.separator.strip():
            return  # a line with a separator has its description: the paragraph joins it
        entry.marks = _joined(entry.marks, entry.description)
        entry.description = entry.plain = ""
        entry.separator = None
    entry.description_below = True


def _inner(text: list[Token]) -> str:
    """The emphasis around all of a link's words (awesome-vue's ``[**easy-vue**](...)``), which
    shows as emphasis around the link: the title is words, so it is kept as the entry's
    ``emphasis``; "" for none."""
    text = [t for t in text if t.type != "text" or t.content]  # markdown-it's empty ends
    if len(text) < 3 or text[0].type not in _OPENERS:
        return ""
    depth = 0
    for i, token in enumerate(text):
        depth += token.nesting
        if depth == 0:
            return text[0].markup if i == len(text) - 1 else ""
    return ""


def _linkless(item: ListItem) -> bool:
    """Whether an item and every item under it start with words, not a link: such a
    sub-item of an entry is a point about it, not a resource or a group of them."""
    children = item.inline.children or [] if item.inline is not None else []
    if not children or _head(children) is not None:
        return False
    return all(_linkless(child) for sub in item.sublists for child in sub)


def _joined(*texts: str) -> str:
    return " ".join(filter(None, texts))


def _joiner(rest: list[Token], links: list[tokens.Link]) -> str | None:
    """What joins the links of a line that lists them, when it is the same between each two
    and nothing follows the last; None otherwise."""
    between = {
        "".join(t.content for t in rest[a.end + 1 : b.start]) for a, b in itertools.pairwise(links)
    }
    if rest[links[-1].end + 1 :] or links[0].start != 0 or len(between) > 1:
        return None
    return between.pop() if between else ", "


def _listed(label: ImportedSection) -> str:
    """A label's entries as the README writes them on its line."""
    joiner = label.joiner or ", "
    return joiner.join(
        f"[{e.title_markdown or markdown.escape(e.title)}]({markdown.link_url(e.url)})"
        for e in label.items
        if isinstance(e, ImportedEntry)
    )


_LABEL_SEPARATOR = re.compile(r"\s[-\u2013\u2014](?:\s|$)|:(?:\s|$)")


def _after_name(children: list[Token], named: str) -> str:
    """A label's words after its name and separator, links included, spaced as written
    ("Bob @[bob](...)", where joining the words and the link put a space after the @);
    "" when the line does not read back so."""
    whole = tokens.to_markdown(children)
    if not whole.startswith(named):
        return ""
    separator = _LABEL_SEPARATOR.match(whole, len(named))
    return whole[separator.end() :] if separator else ""


def _split_label(children: list[Token]) -> tuple[str, str, int]:
    """A label's name and the text after its " - " or ": " (both Markdown), and where its
    first link is: "MySQL - [awesome-mysql](...)" is "MySQL", "" and 1."""
    cut = next((i for i, t in enumerate(children) if t.type == "link_open"), len(children))
    head = tokens.to_markdown(children[:cut])
    marks = _emphasis_count(head)
    found = next(
        (
            m
            for m in _LABEL_SEPARATOR.finditer(head)
            if head[: m.start()].count("`") % 2 == 0
            # not inside emphasis: awesome-deep-learning-papers' "**Adam: A method...**"
            and _emphasis_count(head[: m.start()]) + _emphasis_count(head[m.end() :]) == marks
        ),
        None,
    )
    title, description = (head[: found.start()], head[found.end() :]) if found else (head, "")
    return title, description.strip(), cut


def _emphasis_count(markdown_text: str) -> int:
    """How many emphasis, strong and strikethrough spans ``markdown_text`` opens."""
    return sum(t.type in _OPENERS for t in tokens.inline(markdown_text))


def link_entries(links: list[tokens.Link], env: dict[str, Any]) -> list[ImportedEntry]:
    """One entry a link, named by its words (or its address when it has none), with their
    Markdown when they hold code or emphasis (996.ICU's ``[`The schedule...`](...)``)."""
    return [
        ImportedEntry(
            tokens.plain(link.text) or link.href,
            link.href,
            title_markdown=_title_markdown(link.text, env),
        )
        for link in links
    ]


def _title_markdown(text: list[Token], env: dict[str, Any]) -> str:
    """A title link's words as Markdown when they hold code or emphasis a title may keep, or
    brackets the link holds as written (awesome-deep-learning-papers' ``[[pdf]](...)``, which
    escaped would no longer match its line); "" when they are plain words (or hold what a
    title can't, as markdown-inline judges it beside the README's definitions, ``env``)."""
    if not markdown.TITLE_MARKUP.issuperset(t.type for t in text):
        return ""
    written = tokens.to_markdown(text).strip()
    # Brackets written bare (no escape in the words at all) are kept as written.
    bracketed = any(c in written for c in "[]") and "\\" not in written
    if not (tokens.has_markup(text) or bracketed):
        return ""
    return "" if title_problem(written, tokens.plain(text), env) else written


_JOINER = re.compile(r"^[\s,;/|\u00b7&]*(?:(?:and|or)[\s,;/|\u00b7&]*)?$")


def link_run(children: list[Token]) -> list[tokens.Link] | None:
    """The links of a run of nothing but web links joined by commas, "and", "or" or a
    separator (``: [Afraid.org](...), [Pagekite](...)``); None for anything else."""
    found = list(tokens.links(children))
    if not found or any(link.badge or not link.href.startswith(WEB) for link in found):
        return None
    covered = {i for link in found for i in range(link.start, link.end + 1)}
    for i, token in enumerate(children):
        if i in covered:
            continue
        if token.type != "text" and not tokens.is_space(token):
            return None
        if token.type == "text" and not _JOINER.match(token.content.strip(_LABEL_TRIM)):
            return None
    return found

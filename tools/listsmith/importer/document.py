"""The shape of a README: title, intro, table of contents, the tree of sections, closing text.

Walks the top-level blocks once. Headings nest by level (awesome-go's
category and subcategory, its second ``# Resources``); a bold line that
groups the headings or the list after it is a ``style: bold`` section
(awesome-python's ``**AI & ML**``); lists with web links go to
:class:`~listsmith.importer.items.ListReader`; everything else is the
list's own Markdown and is kept verbatim, from the source lines: the intro
(HTML and badges included), a section's text before its items
(``description``) and after them (``footer``), the Contributing text and all
that follows it, the licence. A table of contents the README target would
write the same is left to it (:attr:`Settings.contents` keeps its heading);
any other is kept as written, at the end of the intro.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from listsmith import heading_anchors, markdown
from listsmith.importer import contents, headings, styles, tokens
from listsmith.importer.headings import HeadingKind
from listsmith.importer.items import ListReader, entry_list, has_web_link, list_items
from listsmith.importer.ledger import Ledger
from listsmith.importer.model import Imported, ImportedSection
from listsmith.importer.tables import is_resource_table, read_table
from listsmith.importer.tokens import Block, BlockKind

_LINE_BREAK = re.compile(r"\r\n?|\n")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)|[ \t]+#+[ \t]*$")

_KEPT_LIST = (
    "a list after text in its section stays there as written, not as entries: read as "
    "entries, it would join the section's and the text would move after them"
)
_HEADING_AS_WORDS = (
    "a list item that is a heading is shown as words: its anchor is another heading's, whose "
    "links it would take"
)
IMPLICIT = "Resources"
"""The title of the section given to entries that sit under no heading."""


@dataclass
class _Open:
    """A section whose sub-sections may still follow; bold groups sit half a level down."""

    level: float
    section: ImportedSection


@dataclass
class _Text:
    """A section's own text blocks (indices into the document's blocks)."""

    description: list[int] = field(default_factory=list)
    footer: list[int] = field(default_factory=list)
    listed: bool = False
    """An item list was read, so more text goes after the items."""


class Reader:
    """Reads one README into an :class:`Imported`."""

    def __init__(self, source: str, dates: Mapping[int, str]) -> None:
        # Lines as markdown-it numbers them (it breaks at CR LF, CR and LF only): Python's
        # splitlines() also breaks at U+2028 and the like, and every line after one was
        # off by one (awesome-android's headings came back twice).
        self.lines = (
            _LINE_BREAK.split(source.removesuffix("\n").removesuffix("\r")) if source else []
        )
        stream, env = tokens.parse(source)
        self.blocks = tokens.with_gaps(tokens.blocks(stream), self.lines)
        self.ledger = Ledger(stream, env, self.lines)
        # listsmith marks its README right after the title heading (READMEs it rendered
        # earlier: on the first line), or on the last when the list's title is the intro's HTML:
        # awesome-lint reads the heading, or that HTML, only as the document's first block.
        self.start = 1 if self.blocks and _is_mark(self.blocks[0]) else 0
        last = len(self.blocks) - 1
        title = next((i for i, b in enumerate(self.blocks) if b.kind is BlockKind.HEADING), 0)
        marks = [i for i in (title + 1, last) if 0 < i <= last and _is_mark(self.blocks[i])]
        if not self.start and marks:
            del self.blocks[marks[0]]
        self.generated = bool(self.start or marks)
        style = styles.Generated() if self.generated else styles.Awesome()
        self.result = Imported()
        self.lists = ListReader(style, self.ledger, dict(dates), env, self.result.notes)
        self.result.settings.generated = self.generated
        self.result.settings.emphasis = _emphasis(stream)
        self.texts: dict[int, tuple[ImportedSection, _Text]] = {}
        self.env = env
        self.title_definitions: set[int] = set()
        """Lines of the definitions the README no longer needs (:meth:`_title_definitions`)."""
        self.bullets: dict[int, tuple[ImportedSection, Counter[str]]] = {}
        """The markers of each section's own entry lists (their top-level items)."""
        self.stack: list[_Open] = []
        self.mode = HeadingKind.SECTION
        self.preamble: list[int] = []
        """Text between the table of contents and the first section: it joins the intro."""
        self.toc: list[int] = []
        """The blocks of the table of contents, heading first."""
        self.toc_tree: contents.Tree = []
        self.last_heading = -1
        """The last heading before the closing sections (not the table of contents'), or -1."""

    def read(self) -> Imported:
        start = self.start
        title_at = self._title(start)
        after_title = start if title_at is None else title_at + 1
        toc = self._find_contents(after_title)
        body = self._body_start(after_title, toc)
        # A logo or banner above the title heading stays above it.
        masthead = list(range(start, title_at)) if title_at is not None else []
        intro = list(range(after_title, body))
        if intro and self._summary(self.blocks[intro[-1]].children):
            self.result.settings.summary = True  # no table of contents: it follows the intro
            intro.pop()
        i = body
        closing = self._closing_start(body, toc)
        headings = (j for j in range(body, closing) if j != toc and self._is_heading(j))
        self.last_heading = max(headings, default=-1)
        while i < closing:
            block = self.blocks[i]
            if i == toc:
                i = self._contents(i)
                continue
            if block.kind is BlockKind.HEADING:
                self._heading(i)
            elif self.mode is HeadingKind.SECTION:
                self._section_block(i)
            else:
                self.result.topics += styles.topic_titles(block.tokens)
            i += 1
        self.result.masthead = self._keep(masthead)
        self._finish(intro, list(range(closing, len(self.blocks))))
        return self.result

    def _closing_start(self, body: int, toc: int | None) -> int:
        """Where the closing sections begin: the first of the Contributing and License
        headings that end the document (with their sub-headings). One named so elsewhere (a
        category "Licensing" between others) is a section."""
        start: tuple[int, int] | None = None
        for i in range(body, len(self.blocks)):
            block = self.blocks[i]
            if block.kind is not BlockKind.HEADING or i == toc:
                continue
            title = tokens.plain(block.children)
            kind = headings.kind(title, self.generated)
            closing = kind in (HeadingKind.CONTRIBUTING, HeadingKind.LICENSE)
            if closing and start is None:
                start = (i, block.level)
            elif start is not None and not closing and kind is not HeadingKind.TOPICS:
                start = None if block.level <= start[1] else start
        return start[0] if start is not None else len(self.blocks)

    # -- the top: title, intro, table of contents -------------------------------------------

    def _title(self, start: int) -> int | None:
        """Read the title; return the index of its heading, or None when it is in HTML."""
        first = next(
            (i for i in range(start, len(self.blocks)) if self.blocks[i].kind is BlockKind.HEADING),
            None,
        )
        if first is not None and self.blocks[first].level == 1:
            self._title_heading(self.blocks[first])
            return first
        before = self.blocks[start:first]
        raw = "\n".join(b.tokens[0].content for b in before if b.kind is BlockKind.HTML)
        self.result.title = headings.html_title(raw)
        self.result.heading = ""  # the title is in the intro's HTML: no heading of its own
        return None

    def _title_heading(self, block: Block) -> None:
        """The name and its homepage link; a heading with more in it (badges beside the
        name, an image for a name) is kept as written, on its line."""
        found = headings.title(block.children)
        html = " ".join(t.content for t in block.children if t.type == "html_inline")
        self.result.title = found.name or headings.html_title(html)
        if found.homepage is not None:
            self.result.homepage = found.homepage.href
        line = self.lines[block.start] if block.start < len(self.lines) else ""
        written = _ATX.sub("", line).strip()
        if block.tokens[0].markup == "=" and block.end - block.start == 2:  # Setext, one line
            self.result.settings.title_underline = self.lines[block.end - 1].strip()
        if not found.badges and not found.links and written == self._default_heading():
            if found.homepage is not None:
                link = found.homepage
                self.ledger.settle(block.children[link.start : link.end + 1])
            return
        self.result.heading = written
        self.ledger.settle(block.tokens)
        self.ledger.keep_lines(block.start, block.end)

    def _default_heading(self) -> str:
        """The title heading the README target writes from the title and homepage."""
        name = markdown.escape(self.result.title)
        homepage = self.result.homepage
        return f"[{name}]({markdown.link_url(homepage)})" if homepage else name

    def _summary(self, children: list[Token]) -> bool:
        """The line a listsmith README says how many entries it holds in."""
        return self.generated and styles.is_summary(children)

    def _next_heading(self, i: int) -> int:
        j = i + 1
        while j < len(self.blocks) and self.blocks[j].kind is not BlockKind.HEADING:
            j += 1
        return j

    def _find_contents(self, start: int) -> int | None:
        """The heading of the table of contents, if one comes before the first entries."""
        for i in range(start, len(self.blocks)):
            block = self.blocks[i]
            if block.kind is BlockKind.LIST and entry_list(block.tokens):
                return None  # entries begin before any table of contents
            heading = block.kind is BlockKind.HEADING and (block.level > 1 or i > start)
            body = self.blocks[i + 1 : self._next_heading(i)] if heading else []
            if heading and contents.is_table(body, self._summary):
                return i
        return None

    def _body_start(self, start: int, toc: int | None) -> int:
        """Where the intro ends: at the table of contents, else at the first heading or list
        of entries."""
        if toc is not None:
            return toc
        found = next(
            (
                i
                for i in range(start, len(self.blocks))
                if self.blocks[i].kind is BlockKind.HEADING
                or (self.blocks[i].kind is BlockKind.LIST and entry_list(self.blocks[i].tokens))
            ),
            None,
        )
        if found is not None:
            return found
        # No heading and no list: a table of resources under the title is the list
        # (TopDeepLearning's 2,230 rows); text before it stays the intro.
        return next(
            (
                i
                for i in range(start, len(self.blocks))
                if self.blocks[i].kind is BlockKind.PARAGRAPH
                and is_resource_table(self.lines[self.blocks[i].start : self.blocks[i].end])
            ),
            len(self.blocks),
        )

    def _contents(self, i: int) -> int:
        """Note the table of contents: its heading, its entries' tree, and (in a listsmith
        README) whether it counts entries. Whether it is kept or rendered anew is decided
        once the sections are known. Returns where the document goes on."""
        end = self._next_heading(i)
        for j in range(i + 1, end):
            block = self.blocks[j]
            if block.kind is BlockKind.PARAGRAPH and self._summary(block.children):
                end = j  # the summary line after it is read as the text it is
                break
            if block.kind is BlockKind.LIST:
                self.toc_tree += contents.tree(list_items(block.tokens))
                if self.generated:
                    self.result.settings.contents_counts = styles.counts_entries(block.tokens)
        self.toc = list(range(i, end))
        return end

    # -- sections -------------------------------------------------------------------------------

    def _open(self, section: ImportedSection, level: float) -> ImportedSection:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1].section if self.stack else None
        (parent.sections if parent else self.result.sections).append(section)
        self.stack.append(_Open(level, section))
        return section

    def _heading(self, i: int) -> None:
        block = self.blocks[i]
        title = tokens.plain(block.children)
        if headings.kind(title, self.generated) is HeadingKind.TOPICS:
            self.mode = HeadingKind.TOPICS
            self.result.settings.topics_index = True
            return
        self.mode = HeadingKind.SECTION
        # A heading that is a logo alone (papers-we-love's "## ![Papers We Love](...svg)") is
        # named by its words, the images' alt text; it stays as written, on its line.
        title = title or " ".join(
            tokens.plain(t.children or []) for t in block.children if t.type == "image"
        )
        section = ImportedSection(title.strip() or "…", level=block.level)
        written = _ATX.sub("", self.lines[block.start] if block.start < len(self.lines) else "")
        if title and written.strip() != markdown.escape(title) and block.end == block.start + 1:
            section.heading = written.strip()  # a badge beside the words: kept on the line
            self.ledger.settle(block.tokens)
        else:
            self.ledger.skip(block.tokens, "a link in a heading, which a section title can't hold")
        self._open(section, block.level)

    def _is_heading(self, i: int) -> bool:
        return self.blocks[i].kind is BlockKind.HEADING

    def _text(self, section: ImportedSection) -> _Text:
        found = self.texts.get(id(section))
        if found is None:
            found = (section, _Text())
            self.texts[id(section)] = found
        return found[1]

    def _section_block(self, i: int) -> None:
        block = self.blocks[i]
        current = self.stack[-1].section if self.stack else None
        # A paragraph, or an anchor alone (ujjwalkarn's "<a name="cross" />" between two
        # lists: moved after them, it sent the contents' links to the wrong place).
        anchor = block.kind is BlockKind.HTML and self._anchor_alone(block)
        level = self._group_level(i) if block.kind is BlockKind.PARAGRAPH or anchor else None
        if level is not None:
            written = "\n".join(self.lines[block.start : block.end]).strip()
            title = tokens.plain(block.children).strip() or _anchor(written)
            section = ImportedSection(title, style="bold")
            if written != f"**{markdown.escape(title)}**":
                section.heading = written  # in italics, or spelled otherwise: as written
                self.ledger.settle(block.tokens)
            self._open(section, level)
            return
        if block.kind is BlockKind.LIST and has_web_link(block.tokens):
            if current is None and i < self.last_heading:
                # Before the first section, with sections to come: the intro's own list
                # (awesome-indie's "[Icepy](...) translated this list."), kept as written.
                # A heading of listsmith's making would hold every section after it.
                self.preamble.append(i)
                return
            if current is None:
                # Shown with no heading: the source had none above these entries.
                current = self._open(ImportedSection(IMPLICIT, style="none"), 1)
            if self._text(current).footer:
                # Text stands between this list and the section's entries (an anchor, a
                # <details>, a paragraph): read as entries, the list would join them and the
                # text move after it (best-of-ml-python's 477 <details> came out empty, their
                # links under other projects). It stays as written, in its place.
                self._text(current).footer.append(i)
                self.result.notes.append((block.start + 1, _KEPT_LIST))
                return
            self._text(current).listed = True
            # A list with a blank line between any two of its items (awesome-podcasts: all;
            # awesome-react-components: some) is loose, and GitHub spaces out every item:
            # so does the README. A blank line after an item with a paragraph under it
            # (description_below) is the README's anyway, around that paragraph.
            current.loose = current.loose or _spaced_apart(block.tokens, self.lines)
            self.bullets.setdefault(id(current), (current, Counter()))[1].update(
                t.markup for t in block.tokens if t.type == "list_item_open" and t.level == 1
            )
            self.lists.read(list_items(block.tokens), current)
            return
        if current is not None and block.kind is BlockKind.PARAGRAPH and self._table(i, current):
            return
        if current is None and block.kind is BlockKind.PARAGRAPH and i > self.last_heading:
            # A table of resources under the title alone (TopDeepLearning's 2,230 rows): its
            # entries, shown with no heading, as a list there is.
            implicit = ImportedSection(IMPLICIT, style="none")
            if self._table(i, implicit):
                self._open(implicit, 1)
                return
        if current is None:
            if self._summary(block.children):
                self.result.settings.summary = True
            else:
                self.preamble.append(i)
            return
        text = self._text(current)
        (text.footer if text.listed else text.description).append(i)

    def _table(self, i: int, section: ImportedSection) -> bool:
        """Read a table of resources into ``section``, its first list (see
        :mod:`~listsmith.importer.tables`); False when the block is text."""
        block = self.blocks[i]
        lines = self.lines[block.start : block.end]
        found = None if section.items else read_table(lines, self.ledger)
        if found is None:
            return False
        section.columns, section.items = found[0], list(found[1])
        self.ledger.settle(block.tokens)  # after the reader reported what it left out
        self._text(section).listed = True
        return True

    def _group_level(self, i: int) -> float | None:
        """Where a bold line alone opens a group: half a level above the headings it names
        (awesome-python's ``**AI & ML**``), or half a level below the current section when
        it names the list after it, as does a line between two lists. None when it is just
        text."""
        block = self.blocks[i]
        marker = tokens.emphasised(block.children)
        if i + 1 >= len(self.blocks):
            return None
        after = self.blocks[i + 1]
        if after.kind is BlockKind.LIST and has_web_link(after.tokens):
            # An italic line, or any one line without links, is a group only between lists
            # (awesome-go's _Interaction_, awesome-nlp's "Contextual:", an <a name> anchor):
            # the README must show it there, not after the section's items. Before the
            # first list, it is the section's description.
            current = self.stack[-1].section if self.stack else None
            between = current is not None and self._text(current).listed
            if marker == "strong_open" or (between and (marker or self._label_line(block))):
                return int(self.stack[-1].level) + 0.5 if self.stack else 1.5
            return None
        if after.kind is not BlockKind.HEADING or marker != "strong_open":
            return None
        inside = any(o.section.style == "heading" and o.level < after.level for o in self.stack)
        return after.level - 0.5 if inside else None

    def _anchor_alone(self, block: Block) -> bool:
        """An HTML block that is one line holding an anchor and nothing to read."""
        line = self.lines[block.start] if block.end - block.start == 1 else ""
        return bool(_anchor(line)) and not _TAG_OR_SPACE.sub("", line)

    def _label_line(self, block: Block) -> bool:
        """One line of words or an anchor, without a link: it names the list after it."""
        if block.end - block.start != 1 or has_web_link(block.tokens):
            return False
        children = block.children
        return not any(t.type == "link_open" for t in children) and bool(
            tokens.plain(children).strip() or _anchor(self.lines[block.start])
        )

    def _line_style(self) -> None:
        """The bullet and the separator most of the list's entry lines use: the list's own,
        which the README renders every line with (an entry that differs keeps its own
        separator)."""
        settings = self.result.settings
        markers: Counter[str] = Counter()
        for block in self.blocks:
            if block.kind is BlockKind.LIST and has_web_link(block.tokens):
                markers.update(t.markup for t in block.tokens if t.type == "list_item_open")
        settings.bullet = _bullet(markers, "-")
        # A section written with another bullet keeps it (awesome-nlp's older sections use
        # "*", its newer ones "-").
        for section, own in self.bullets.values():
            bullet = _bullet(own, settings.bullet)
            section.bullet = bullet if bullet != settings.bullet else ""
        separators = Counter(
            e.separator for e in self.result.entries if e.separator is not None and e.description
        )
        settings.separator = _most(separators, " - ")

    # -- the end ----------------------------------------------------------------------------------

    def _keep(self, indices: list[int]) -> str:
        """Blocks as the source wrote them: each run of neighbouring blocks from its first
        line to its last, runs a blank line apart; less the definitions only entries' titles
        used (:meth:`_title_definitions`)."""
        runs: list[list[int]] = []
        for i in indices:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        texts = []
        for run in runs:
            start, end = self.blocks[run[0]].start, self.blocks[run[-1]].end
            for i in run:
                self.ledger.settle(self.blocks[i].tokens)
            self.ledger.keep_lines(start, end)
            numbered = enumerate(self.lines[start:end], start)
            lines = [line for n, line in numbered if n not in self.title_definitions]
            texts.append("\n".join(lines).strip("\n"))
        return "\n\n".join(t for t in texts if t.strip())

    def _contents_as_rendered(self, result: Imported) -> bool:
        """Whether the README target writes this table of contents as the source does: the
        same tree, under a level-2 heading of plain words, in the list's bullets."""
        heading = self.blocks[self.toc[0]]
        words = tokens.plain(heading.children)
        plain = self.lines[heading.start].strip() == "## " + words
        lists = [self.blocks[i] for i in self.toc if self.blocks[i].kind is BlockKind.LIST]
        bullets = {t.markup for b in lists for t in b.tokens if t.type == "list_item_open"}
        return (
            plain
            and bullets <= {result.settings.bullet}
            and contents.rendered(result.sections) == self.toc_tree
        )

    def _title_definitions(self) -> set[int]:
        """The lines of the definitions that only entries' titles used: the README shows
        those links inline, and a definition nothing uses is what awesome-lint's
        ``no-unused-definitions`` refuses (awesome-docker's ``[Calico][calico]``). A label
        mentioned anywhere else, in brackets (a link, an image, prose, code), keeps its
        definition: counting mentions can only keep one too many."""
        references = self.env.get("references") or {}
        defining = {n for ref in references.values() for n in range(*ref["map"])}
        elsewhere = "\n".join(line for n, line in enumerate(self.lines) if n not in defining)
        everywhere, in_titles = (
            _mentions(elsewhere),
            _mentions("\n".join(self.lists.title_references)),
        )
        return {
            n
            for key, ref in references.items()
            if in_titles[key] and everywhere[key] <= in_titles[key]
            for n in range(*ref["map"])
        }

    def _finish(self, intro: list[int], closing: list[int]) -> None:
        result = self.result
        self.title_definitions = self._title_definitions()
        toc: list[int] = []
        self._line_style()
        if self.toc and self._contents_as_rendered(result):
            result.settings.contents = tokens.plain(self.blocks[self.toc[0]].children)
        else:
            toc = self.toc  # the README target can't write it as it is: keep it as written
        parts = [self._keep(intro + toc), self._keep(self.preamble)]
        result.intro = "\n\n".join(p for p in parts if p)
        for section, text in self.texts.values():
            section.description = "\n\n".join(
                p for p in (section.description, self._keep(text.description)) if p
            )
            section.footer = "\n\n".join(p for p in (section.footer, self._keep(text.footer)) if p)
        # A list without closing sections gets none: the README's own Contributing section
        # would be a heading and a link the list never had.
        result.closing = self._keep(closing)
        if self.generated and result.closing == styles.default_closing():
            result.closing = None
        if not result.title:
            result.title = "Imported list"
        self._headings_apart()
        result.skipped = self.ledger.finish()

    def _headings_apart(self) -> None:
        """A group whose heading's anchor another heading has (cs-video-courses' "####
        Software Engineering" under its "## Software Engineering", an item "### License"
        before the closing "## License") would take that heading's links, which
        markdown-inline refuses: its name is shown as words, and said."""
        result = self.result
        shown = [result.title, result.heading or "", *heading_anchors.README_HEADINGS]
        texts: list[object] = [result.intro, result.masthead, result.closing]
        for section in result.walk():
            if section.style == "heading":
                shown += [section.title, section.heading]
            texts += [section.description, section.footer]
        shown += heading_anchors.in_texts(texts)
        counts = heading_anchors.counted(
            [*shown, *(label.heading for label, _ in self.lists.headed)]
        )
        for label, line in self.lists.headed:
            if heading_anchors.taken(label.heading, counts) is not None:
                label.heading = ""
                self.result.notes.append((line, _HEADING_AS_WORDS))


def _is_mark(block: Block) -> bool:
    """The HTML comment that marks a README listsmith rendered."""
    return block.kind is BlockKind.HTML and block.tokens[0].content.lstrip().startswith(
        styles.GENERATED_MARK
    )


_BRACKETED = re.compile(r"\[([^\[\]]+)\]")


def _mentions(text: str) -> Counter[str]:
    """How often each reference label is written in brackets in ``text``, labels matched
    as CommonMark matches them (case folded, runs of spaces as one)."""
    return Counter(normalizeReference(found) for found in _BRACKETED.findall(text))


_ANCHOR = re.compile(r"""<a\s[^>]*?\b(?:name|id)\s*=\s*["']?([^"'\s>]+)""", re.I)


_TAG_OR_SPACE = re.compile(r"<[^>]*>|\s")


def _anchor(line: str) -> str:
    """The name of an ``<a name="...">`` or ``<a id="...">`` anchor on the line, or ""."""
    found = _ANCHOR.search(line)
    return found.group(1) if found else ""


def _spaced_apart(stream: list[Token], lines: list[str]) -> bool:
    """Whether a blank line stands between two of the list's own items that the README
    writes as they were: each opening with words or a heading of its own (an item that
    opens with anything else goes, and its sub-items are read in its place), the first
    without a paragraph under them (awesome-indie's description below its line: the README
    spaces that out itself)."""
    items: list[tuple[int, bool, int]] = []  # (first line, words first, paragraphs)
    after_opening = False
    for token in stream:
        if token.type == "list_item_open" and token.level == 1 and token.map:
            items.append((token.map[0], False, 0))
            after_opening = True
            continue
        if token.type in ("paragraph_open", "heading_open") and token.level == 2 and items:
            start, worded, count = items[-1]
            paragraph = token.type == "paragraph_open"
            items[-1] = (start, worded or after_opening, count + paragraph)
        after_opening = False
    return any(
        not lines[start - 1].strip() and worded and before_worded and count <= 1
        for (_, before_worded, count), (start, worded, _) in itertools.pairwise(items)
    )


def _bullet(markers: Counter[str], default: str) -> str:
    """The marker most of ``markers`` (list items' markup) are: a bullet, or an ordered list's
    ``1.`` or ``1)`` (awesome-deep-learning numbers its books; read as bullets, its 494
    numbered lines came back as a list without numbers)."""
    named: Counter[str] = Counter()
    for markup, count in markers.items():
        named[f"1{markup}" if markup in (".", ")") else markup] += count
    return _most(+named, default)


def _most(found: Counter[str], default: str) -> str:
    return found.most_common(1)[0][0] if found else default


def _emphasis(stream: list[Token]) -> str:
    """The emphasis marker the source uses first (awesome-lint wants one throughout)."""
    for token in stream:
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "em_open":
                    return child.markup
    return "*"

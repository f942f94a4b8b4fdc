"""Read one YAML file into plain data plus the position of every key and value.

Why not ``yaml.safe_load``: it silently keeps the last of two duplicate keys,
expands aliases (alias bombs), forgets where each value came from, and turns
``title: no`` into ``False`` without a word. Contributors need each of those
reported at its line, so we compose the node tree with PyYAML (its C parser
where available) and build the data ourselves while walking it.

The subset we accept is deliberately small: mappings, sequences and scalars,
no tags, no anchors, no aliases, no merge keys, one document.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from listsmith.problems import Level, Problem

try:  # The C loader is 5-10x faster; fall back where libyaml is missing.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_BYTES = 64 * 1024
"""Entries are a few hundred bytes; anything this large is a mistake or an attack."""
MAX_DEPTH = 32
"""Entries nest two or three levels; 500 nested brackets in 1 KB must not exhaust the stack."""

Path = tuple[str | int, ...]
"""Where a value sits in a document: mapping keys and sequence indices."""

_TAG = "tag:yaml.org,2002:"
_BOOL, _INT, _FLOAT, _NULL = (_TAG + t for t in ("bool", "int", "float", "null"))
_MERGE = _TAG + "merge"


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader with its tag resolution cut to what it does for SafeLoader.

    The composer asks ``resolve`` for the tag of every node and calls the path-resolver
    hooks around each: ~13 Python calls per entry file, a third of the time a small
    file takes to compose. SafeLoader has no path resolvers and no wildcard implicit
    resolvers (a test keeps it so), so a plain scalar is matched against the resolvers
    of its first character only, and every other node gets its kind's default tag:
    the tags are PyYAML's own, found without the general machinery.
    """

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        """No path resolvers: nothing to track on the way down."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track on the way up."""


_constructor = SafeConstructor()
_KINDS = {_BOOL: "a boolean", _INT: "a number", _FLOAT: "a number", _NULL: "null (no value)"}
"""Tags of plain scalars YAML types as something other than text, and what to call them."""

# Characters that change how text reads without showing themselves: every
# Default_Ignorable_Code_Point (zero-width characters, fillers such as U+3164,
# variation selectors, the TAG block that spells a hidden sentence), every format
# (Cf) character (bidirectional overrides and isolates turn "txt.exe" around), and
# controls (a double-quoted "\e" is ESC). The ranges are Unicode 15.1's; a test
# checks them against the running Python's Cf characters.
_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"  # Default_Ignorable
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f"  # the other format characters
)
_BLANK_OR_BREAK = "\u2028\u2029\u2800"
"""Not invisible by Unicode's lists, but a line break or a blank in what must be one line
of visible text: the line and paragraph separators, and the blank Braille pattern."""
_EMOJI = "\u2600-\u27bf\U0001f000-\U0001faff"
_VARIANT_BASE = (
    "#*0-9\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2"
    "\u25aa-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_TAG_FLAG = (
    "\U0001f3f4\U000e0067\U000e0062"
    "(?:\U000e0065\U000e006e\U000e0067|\U000e0073\U000e0063\U000e0074|\U000e0077\U000e006c\U000e0073)"
    "\U000e007f"
)
_ARABIC = "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u0750-\u077f\u08a0-\u08c9"


def _viramas() -> str:
    """The viramas (combining class 9) of the Indic and related scripts."""
    return "".join(
        chr(c)
        for block in ((0x0900, 0x1DFF), (0xA800, 0xABFF), (0x10A00, 0x11FFF))
        for c in range(*block)
        if unicodedata.combining(chr(c)) == 9
    )


def _allowed() -> str:
    """The only invisible characters text may hold, each where writing needs it:

    - U+FE0F (VS16, emoji style) or U+FE0E (VS15, text style), once, right after a
      character that has both styles (``❤️`` is U+2764 U+FE0F; keycaps such as ``1️⃣``);
    - U+200D (zero-width joiner) between two emoji, as in a family or ``🏳️‍🌈``;
    - the TAG characters of the three subdivision flags Unicode recommends (England,
      Scotland, Wales: U+1F3F4, then g b e n g, g b s c t or g b w l s, then CANCEL TAG);
    - the joiners real scripts need, where IDNA's CONTEXTJ rules (RFC 5892) allow them:
      U+200C or U+200D after a virama (Hindi, Malayalam, Sinhala...), and U+200C (zero-width
      non-joiner) between two Arabic-script letters (Persian writes it inside words).

    Anything else is refused: a second selector in a row, VS1 to VS14 and VS17 to VS256
    (runs of them can carry any bytes after one emoji; CJK ideographic variation
    sequences are refused with them), and TAG characters spelling anything but those
    flags (they can spell a whole sentence that shows nowhere but reaches the README).
    """
    return (
        f"{_TAG_FLAG}|(?<=[{_VARIANT_BASE}])[\ufe0e\ufe0f]"
        f"|(?<=[{_EMOJI}\ufe0f])\u200d(?=[{_EMOJI}])"
        f"|(?<=[{_viramas()}])[\u200c\u200d]|(?<=[{_ARABIC}])\u200c(?=[{_ARABIC}])"
    )


@functools.cache
def _hidden(one_line: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A plain class search for the characters text may not hold (``one_line``: line
    breaks and blanks too), and the walk that tells an allowed joiner from a hidden one.

    The search comes first: most text holds none of these, and the walk costs four
    times as much. Both are compiled when text first needs a closer look: a list of
    printable ASCII never does, and compiling them took ~4 ms of every run's start.
    """
    refused = _INVISIBLE + (_BLANK_OR_BREAK if one_line else "")
    return re.compile(f"[{refused}]"), re.compile(f"(?:{_allowed()})|(?P<hidden>[{refused}])")


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """Each invisible character the ``characters`` check refuses in any field (a joiner
    left dangling after an emoji, a zero-width space), as (offset in ``text``, character).
    Line breaks and blanks are not among them: the check refuses those only in a one-line
    field."""
    search, walk = _hidden(False)
    if not search.search(text):
        return []
    return [
        (m.start(), char)
        for m in walk.finditer(text)
        if (char := m.group("hidden")) and char != "\r"  # a line break, CR LF's or alone
    ]


def character_name(char: str) -> str:
    """``U+200D (zero width joiner)``: a character no one can see, named."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character').lower()})"


MULTILINE = frozenset(
    {"description", "footer", "masthead", "intro", "contributing", "license", "closing"}
)
"""Fields whose text may span lines (Markdown); any other string is one line."""


@dataclass(frozen=True)
class Scalar:
    """What a plain (unquoted) scalar looked like before YAML typed it.

    Kept only for scalars YAML turned into something other than a string, so
    that a schema type error can say "`no` was read as a boolean; quote it".
    """

    text: str
    kind: str


@dataclass
class Document:
    """Plain data of one file and the node tree it came from.

    Positions are worked out from the nodes only when a problem needs one: a
    clean entry (nearly all of them) never pays for a table of positions.
    """

    data: Any
    root: Node | None = None

    def _walk(self, path: Path) -> tuple[list[Node], Node | None]:
        """The nodes along ``path`` as far as it goes, and the key node of its last step."""
        found: list[Node] = [self.root] if self.root is not None else []
        key: Node | None = None
        for part in path:
            node = found[-1] if found else None
            child = None
            if isinstance(node, MappingNode) and isinstance(part, str):
                # The first of duplicate keys is the one the data keeps.
                pair = next((kv for kv in node.value if kv[0].value == part), None)
                key, child = pair if pair else (None, None)
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                key, child = None, node.value[part] if 0 <= part < len(node.value) else None
            if child is None:
                return found, key
            found.append(child)
        return found, key

    def position(self, path: Path) -> tuple[int, int]:
        """Best position for ``path``: its value, else its key, else its closest parent."""
        nodes, key = self._walk(path)
        if len(nodes) == len(path) + 1:
            return _pos(nodes[-1].start_mark)
        if key is not None and len(nodes) == len(path):
            return _pos(key.start_mark)
        return _pos(nodes[-1].start_mark) if nodes else (1, 1)

    def key_position(self, path: Path) -> tuple[int, int]:
        """Position of the key itself, which is where "unknown field" belongs."""
        nodes, key = self._walk(path)
        if key is not None and len(nodes) >= len(path):
            return _pos(key.start_mark)
        return self.position(path)

    def typed(self, path: Path) -> Scalar | None:
        """How a scalar YAML typed (a boolean, a number, null) was written, if it was one."""
        nodes, _ = self._walk(path)
        node = nodes[-1] if len(nodes) == len(path) + 1 else None
        if isinstance(node, ScalarNode) and node.tag in _KINDS:
            return Scalar(node.value, _KINDS[node.tag])
        return None


class _Reject(Exception):
    """Raised inside the walk for the first problem that makes the tree unusable."""

    def __init__(self, node: Node, message: str, rule: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.rule = rule


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def load(path: str, raw: bytes, limit: int = MAX_BYTES) -> tuple[Document | None, list[Problem]]:
    """Parse ``raw`` (the bytes of ``path``, at most ``limit``) into a :class:`Document`.

    Returns ``(None, problems)`` when the file can't be used at all; problems
    found while building an otherwise usable document (duplicate keys) come
    back alongside it, so one run reports as much as it can.
    """

    def problem(line: int, col: int, message: str, rule: str) -> Problem:
        return Problem(path, line, col, Level.ERROR, message, rule)

    if len(raw) > limit:
        return None, [
            problem(
                1,
                1,
                f"file is larger than {limit // 1024} KiB"
                + ("; an entry is a few hundred bytes of text" if limit == MAX_BYTES else ""),
                "file-size",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, as editors do: "Café \xff" is at column 6, not 7.
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        return None, [
            problem(
                line,
                col,
                f"not UTF-8: byte 0x{raw[exc.start]:02x} can't be decoded; save the file as UTF-8",
                "encoding",
            )
        ]
    text = text.removeprefix("\ufeff")

    # Anchors, aliases and tags are rare in real entries, so the event scan that
    # finds them only runs when one of their marker characters appears at all.
    if any(c in text for c in "&*!"):
        found = _scan_forbidden(path, text)
        if found:
            return None, found

    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context:
            started = exc.context_mark
            where = f" (line {started.line + 1})" if started and started is not mark else ""
            what = f"{exc.context}{where}: {what}"
        return None, [problem(line, col, f"YAML syntax error: {what}", "syntax")]
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, at its place
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        return None, [
            problem(
                line,
                col,
                f"YAML can't hold the character U+{exc.character:04X} here; remove it",
                "syntax",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [problem(1, 1, f"YAML syntax error: {' '.join(str(exc).split())}", "syntax")]
    finally:
        loader.dispose()

    if root is None:
        return None, [problem(1, 1, "file is empty; an entry is a mapping of fields", "empty")]
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        line, col = _pos(root.start_mark)
        return None, [
            problem(
                line,
                col,
                f"file holds {kind}; it must be a mapping of fields such as `title: ...`",
                "not-a-mapping",
            )
        ]

    doc = Document(data=None, root=root)
    problems: list[Problem] = []
    try:
        doc.data = _build(root, "", 0, problems, path)
    except _Reject as rej:
        line, col = _pos(rej.node.start_mark)
        return None, [*problems, problem(line, col, rej.message, rej.rule)]
    return doc, problems


def _scan_forbidden(path: str, text: str) -> list[Problem]:
    """Report every anchor, alias and explicit tag, from the parser's events."""
    found: list[Problem] = []

    def refuse(event: Any, message: str, rule: str) -> None:
        line, col = _pos(event.start_mark)
        found.append(Problem(path, line, col, Level.ERROR, message, rule))

    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                refuse(
                    event, f"alias *{event.anchor} is not allowed: write the value out", "anchor"
                )
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                refuse(event, f"anchor &{anchor} is not allowed: entries are plain data", "anchor")
            tag = getattr(event, "tag", None)
            if tag not in (None, "!"):
                refuse(
                    event,
                    f"tag {_short_tag(tag)} is not allowed: remove it (and quote "
                    "the value if it must stay text)",
                    "tag",
                )
    except yaml.YAMLError:
        return found  # the composer reports the syntax error with full context
    finally:
        loader.dispose()
    return found


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _build(node: Node, key: str, depth: int, problems: list[Problem], file: str) -> Any:
    """Turn a node into plain data; ``key`` is the nearest mapping key above it."""
    if depth > MAX_DEPTH:
        raise _Reject(node, f"values nested more than {MAX_DEPTH} levels deep", "syntax")
    if isinstance(node, ScalarNode):
        if node.tag in _KINDS:
            return _typed(node)
        # Text; dates stay text too (JSON Schema has no date type), and whatever explicit
        # tag is left after the event scan refused them (`=`) is text.
        value = node.value
        if not (value.isascii() and value.isprintable()):
            _characters(value, node, key, problems, file)  # the rare case: look closer
        return value
    if isinstance(node, SequenceNode):
        return [_build(item, key, depth + 1, problems, file) for item in node.value]
    if isinstance(node, MappingNode):
        return _mapping(node, depth, problems, file)
    raise _Reject(node, "unsupported YAML node", "syntax")  # pragma: no cover


def _mapping(node: MappingNode, depth: int, problems: list[Problem], file: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise _Reject(key_node, "a key must be a plain name, not a list or mapping", "syntax")
        if key_node.tag == _MERGE:
            raise _Reject(
                key_node, "merge keys (<<) are not allowed: write the fields out", "anchor"
            )
        # The key's text is used as written: `on:` stays "on", never True.
        key = key_node.value
        if key in result:
            problems.append(_duplicate(node, key_node, file))
            continue
        result[key] = _build(value_node, key, depth + 1, problems, file)
    return result


def _duplicate(node: MappingNode, again: ScalarNode, file: str) -> Problem:
    """The second (or later) ``again`` of a key in ``node``: where the data keeps the
    first, whose line is looked up here rather than recorded for every key."""
    first = next(key for key, _ in node.value if key.value == again.value)
    line, col = _pos(again.start_mark)
    return Problem(
        file,
        line,
        col,
        Level.ERROR,
        f"duplicate key '{again.value}' (first at line {first.start_mark.line + 1}); "
        "YAML would silently keep only the last one",
        "duplicate-key",
    )


def _characters(value: str, node: Node, key: str, problems: list[Problem], file: str) -> None:
    """Refuse text that hides what it says, or breaks a one-line field across lines.

    Only called for text that is not printable ASCII: the common case, no control
    character, no line break, nothing hidden, is told apart by the caller in two calls.
    """
    line, col = _pos(node.start_mark)

    def refuse(message: str) -> None:
        problems.append(Problem(file, line, col, Level.ERROR, message, "characters"))

    search, walk = _hidden(key not in MULTILINE)
    hidden = (
        next((m for m in walk.finditer(value) if m.group("hidden")), None)
        if search.search(value)
        else None
    )
    if hidden:
        char = hidden.group("hidden")
        if char in _BLANK_OR_BREAK:
            refuse(f"'{key}' holds {character_name(char)}; it must be one line of text")
        else:
            refuse(
                f"invisible character {character_name(char)} in the text: "
                "it changes how the text reads without showing; remove it"
            )
    if "\n" in value and key not in MULTILINE:
        refuse(f"'{key}' holds a line break; it must be one line")


def _typed(node: ScalarNode) -> Any:
    """A plain scalar YAML types as a boolean, a number or null, as that value."""
    tag = node.tag
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _constructor.construct_yaml_bool(node)
    if tag == _INT:
        return _constructor.construct_yaml_int(node)
    return _constructor.construct_yaml_float(node)

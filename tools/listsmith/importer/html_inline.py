"""Raw HTML in a description, said in Markdown where Markdown has the words for it.

A description holds Markdown and never raw HTML (an entry comes from a pull
request, and the page and feed must not carry its markup). Lists do write a
little inline HTML: ``<kbd>⌘ Right Command</kbd>`` (awesome-mac),
``<b>``/``<i>`` for emphasis, ``<br>``. Those have Markdown twins, so the
import keeps what they mean: ``<kbd>``, ``<code>``, ``<samp>`` and ``<tt>``
around plain words become a code span, ``<b>``/``<strong>`` strong emphasis and
``<i>``/``<em>`` emphasis where their marks read back as emphasis (see
:func:`reads_back`), ``<br>`` a line break (a space on one line), and ``<a href>``
around words or code a link to its web address (open-source-ios-apps links each
app's screenshots so). A tag GitHub
shows as text (``<style>``, ``<script>``: its tagfilter) stays as that text,
its ``<`` escaped (:func:`as_text`). Any other tag (``<sup>``, ``<span>``,
``<audio>``, an unknown ``<chrono>`` GitHub's sanitizer removes) is left out and
its words stay.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from markdown_it.token import Token

from listsmith.importer import tokens

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>", re.DOTALL)
CODE = frozenset({"kbd", "code", "samp", "tt"})
EMPHASIS = {"b": ("strong", "**"), "strong": ("strong", "**"), "i": ("em", "*"), "em": ("em", "*")}
MARKS = frozenset({"strong_open", "strong_close", "em_open", "em_close"})
WORDS = frozenset({"text", "text_special"})
_ATTRIBUTE = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
"""One attribute of a tag, read in order from the tag's name on, so that a value
(``title=" href=..."``) is never read as an attribute."""
_BRACKETS = re.compile(r"[\[\]\\]")
_TICKS = re.compile(r"`+")
_SPACE = re.compile(r"\s+")
_SPECIAL = re.compile(r"([\\`*_\[\]<&~!|])")
"""What could start Markdown in the words of a tag kept as text: each is backslash-escaped."""


def tag(token: Token) -> tuple[str, bool] | None:
    """(name, closing) of an ``html_inline`` token that is one tag, else None."""
    if token.type != "html_inline":
        return None
    found = _TAG.fullmatch(token.content.strip())
    return (found.group(2).lower(), found.group(1) == "/") if found else None


def _closing(
    children: Sequence[Token], start: int, name: str, between: frozenset[str] = WORDS
) -> int | None:
    """The index of ``</name>`` after ``start``, with nothing but ``between`` (words) between."""
    for i in range(start + 1, len(children)):
        if tag(children[i]) == (name, True):
            return i
        if children[i].type not in between:
            return None
    return None


def _web_address(opening: str) -> str | None:
    """The http(s) address of an ``<a>`` tag's first ``href``, entities decoded, as a
    browser reads it (only ASCII whitespace around it is not part of it); None for any
    other."""
    at = opening.find("<") + 2  # past "<a"
    while (found := _ATTRIBUTE.match(opening, at)) is not None:
        at = found.end()
        if found.group(1).lower() != "href":
            continue
        value = next((g for g in found.groups()[1:] if g is not None), "")
        href = html.unescape(value).strip(" \t\n\r\f")
        web = href.lower().startswith(("https://", "http://")) and href.isprintable()
        return href if web else None
    return None


def _code(words: str) -> Token:
    """A code span of ``words``, its fence one backtick longer than any run inside."""
    token = Token("code_inline", "code", 0)
    token.content = words
    token.markup = "`" * (max(map(len, _TICKS.findall(words)), default=0) + 1)
    return token


def _mark(kind: str, markup: str, nesting: int) -> Token:
    token = Token(f"{kind}_{'open' if nesting > 0 else 'close'}", kind, nesting)
    token.markup = markup
    return token


def convert(children: Sequence[Token], start: int) -> tuple[list[Token], int] | None:
    """The Markdown tokens for the tag at ``children[start]`` and what it encloses, and
    the index after them; None when the tag has no Markdown twin here."""
    found = tag(children[start])
    if found is None or found[1]:
        return None
    name = found[0]
    if name == "br":
        return [Token("softbreak", "br", 0)], start + 1
    if name == "a":
        return _anchor(children, start)
    end = _closing(children, start, name)
    if end is None or end == start + 1:
        return None
    inner = list(children[start + 1 : end])
    if name in CODE:
        return [_code("".join(t.content for t in inner))], end + 1
    if name in EMPHASIS:  # whether its marks open and close there: the caller asks reads_back
        kind, markup = EMPHASIS[name]
        return [_mark(kind, markup, 1), *inner, _mark(kind, markup, -1)], end + 1
    return None


def _anchor(children: Sequence[Token], start: int) -> tuple[list[Token], int] | None:
    """``<a href="https://...">words or code</a>`` as the Markdown link GitHub shows it as."""
    href = _web_address(children[start].content)
    end = _closing(children, start, "a", WORDS | {"code_inline"})
    if href is None or end is None or end == start + 1:
        return None
    if any(t.type in WORDS and _BRACKETS.search(t.content) for t in children[start + 1 : end]):
        return None  # "click](https://elsewhere)" would end the link's words early
    opening = Token("link_open", "a", 1, attrs={"href": href})
    return [opening, *children[start + 1 : end], Token("link_close", "a", -1)], end + 1


def as_text(token: Token) -> list[Token] | None:
    """A tag GitHub shows as text (:func:`tokens.shown_as_text`) as that text: Markdown with
    its ``<`` and anything that could start Markdown escaped (``\\<style>``), which reads
    the same on GitHub and holds no raw HTML; None for any other token."""
    if not tokens.shown_as_text(token):
        return None
    words = _SPACE.sub(" ", token.content)
    found = tokens.inline(_SPECIAL.sub(r"\\\1", words))
    if any(t.type not in WORDS for t in found) or tokens.plain(found) != words:
        return None  # it would not read back as the same words: left out, as before
    return found


def reads_back(kept: Sequence[Token]) -> bool:
    """Whether ``kept``, written as Markdown, reads back as the same tokens. Emphasis marks
    open and close only beside the right characters (``a**(x)**b`` and ``**x****y**``
    show their asterisks, ``*x**`` closes early), which depends on all around them:
    asking the parser is the one sure test."""
    return _shape(tokens.inline(tokens.to_markdown(kept))) == _shape(kept)


def _shape(children: Sequence[Token]) -> list[str | tuple[str, str]]:
    """The tokens as a reader meets them: runs of words (spaces collapsed, as written
    back) between the other tokens, each by its type and what it holds."""
    shape: list[str | tuple[str, str]] = []
    for token in children:
        if token.type in WORDS or token.type == "softbreak":
            words = " " if token.type == "softbreak" else token.content
            if shape and isinstance(shape[-1], str):
                shape[-1] += words
            else:
                shape.append(words)
        else:
            shape.append((token.type, token.content))
    shape = [_SPACE.sub(" ", s) if isinstance(s, str) else s for s in shape]
    if shape and isinstance(shape[0], str):
        shape[0] = shape[0].lstrip()
    if shape and isinstance(shape[-1], str):
        shape[-1] = shape[-1].rstrip()
    return [s for s in shape if s != ""]

"""The list's Markdown as HTML for the page and the feed.

The intro and section texts are Markdown by design, and so are descriptions
when ``render.descriptions`` is ``markdown``. Descriptions are turned into
HTML with raw HTML off (a ``<script>`` in one shows as text). The list's own
texts (intro, sections, contributing, licence) hold the HTML a README may:
a centred logo, badges in links, ``<sup>``, ``<br>``, comments. Escaping it
would fill the page's first screens with tags, so it is rendered, through
nh3 (the ammonia sanitizer): an allow-list of tags and attributes, comments
dropped, no script, style, event handler or ``javascript:`` URL, and images
only from https (what the page's Content-Security-Policy loads). Relative
links and images are kept as their text: they point into the repository,
next to README.md, while the page is published from another folder and
address.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

_md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_md_html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_TAGS = {
    *("p", "br", "hr", "div", "span", "center", "blockquote", "pre", "code", "kbd", "samp"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd"),
    *("a", "img", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small"),
    *("sub", "sup", "abbr", "q", "cite", "details", "summary", "figure", "figcaption"),
    *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
}
_ATTRIBUTES = {
    "*": {"title", "align"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
}


def _web_only(tag: str, attribute: str, value: str) -> str | None:
    """Links only to the web (and mail), images only from https: a relative address points
    into the repository, which the published page is not beside."""
    if attribute == "href":
        return value if re.match(r"(?i)(https?:|mailto:)", value.strip()) else None
    if attribute == "src":
        return value if re.match(r"(?i)https:", value.strip()) else None
    return value


_cleaner = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    attribute_filter=_web_only,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_NO_SOURCE = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')
_ALT = re.compile(r'\salt="([^"]*)"')
_SPACE = re.compile(r"\s+")
_WEB = re.compile(r"https?://", re.IGNORECASE)


def href(url: str) -> str:
    """``url`` when it is a web address a reader can follow, else "" (no link at all)."""
    url = url.strip()
    return url if _WEB.match(url) else ""


def _absolute(url: str) -> bool:
    try:
        return bool(urlsplit(url).scheme)
    except ValueError:
        return False


def _unlink(tokens: Sequence[Token]) -> list[Token]:
    """Inline tokens with relative links reduced to their text, relative images to their alt."""
    kept: list[Token] = []
    dropped: list[bool] = []
    for token in tokens:
        if token.type == "link_open":
            dropped.append(not _absolute(str(token.attrGet("href") or "")))
            if dropped[-1]:
                continue
        elif token.type == "link_close":
            if dropped.pop():
                continue
        elif token.type == "image" and not _absolute(str(token.attrGet("src") or "")):
            alt = _md.renderer.renderInlineAsText(token.children or [], _md.options, {})
            token = Token("text", "", 0, content=alt)
        kept.append(token)
    return kept


def _render(tokens: list[Token]) -> Markup:
    for token in tokens:
        if token.type == "inline" and token.children is not None:
            token.children = _unlink(token.children)
    return Markup(_md.renderer.render(tokens, _md.options, {}))


def block(text: str) -> Markup:
    """The list's own Markdown text (the intro, a section's description), HTML and all, as
    sanitized HTML blocks."""
    return sanitize(_render(_md_html.parse(text)))


def intro(text: str) -> Markup:
    """The intro, as :func:`block`, without the README's table of contents: the page lists
    its sections itself, and a copy of them would push the list off the first screens."""
    return sanitize(_render(_without_contents(_md_html.parse(text))))


def sanitize(markup: str) -> Markup:
    """HTML through the allow-list; an image left without a source shows its alt text."""
    clean = _cleaner.clean(markup)
    return Markup(_NO_SOURCE.sub(_alt_text, clean))


def _alt_text(image: re.Match[str]) -> str:
    # The serializer escapes only & and " in attribute values: < and > are escaped here.
    alt = _ALT.search(image[0])
    return str(escape(htmllib.unescape(alt[1]))) if alt else ""


_HREF = re.compile(r"""(?i)\b(?:href|src)\s*=\s*["']?([^"'\s>]*)""")


def _addresses(tokens: Sequence[Token]) -> list[str]:
    """Every link and image address in ``tokens``, Markdown or HTML."""
    found = []
    for token in tokens:
        for child in [token, *(token.children or [])]:
            if child.type == "link_open":
                found.append(str(child.attrGet("href") or ""))
            elif child.type == "image":
                found.append(str(child.attrGet("src") or ""))
            elif child.type in ("html_block", "html_inline"):
                found += _HREF.findall(child.content)
    return found


def _is_contents(tokens: Sequence[Token]) -> bool:
    """A table of contents: links, at least three, every one to a heading of the page."""
    found = _addresses(tokens)
    return len(found) >= 3 and all(address.startswith("#") for address in found)


def _closing(tokens: Sequence[Token], start: int) -> int:
    """The index after the block that opens at ``start`` (a heading's: up to the next
    heading of its level or higher; a list's: past its closing token)."""
    opening = tokens[start]
    for i in range(start + 1, len(tokens)):
        token = tokens[i]
        if opening.type == "heading_open":
            if token.type == "heading_open" and token.level == 0 and token.tag <= opening.tag:
                return i
        elif token.level == 0 and token.type == opening.type.replace("_open", "_close"):
            return i + 1
    return len(tokens)


def _without_contents(tokens: list[Token]) -> list[Token]:
    """``tokens`` without a heading and its part that only link within the README, nor a
    list that does."""
    kept: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.level == 0 and token.type in ("heading_open", "bullet_list_open"):
            end = _closing(tokens, i)
            body = tokens[i + 3 : end] if token.type == "heading_open" else tokens[i:end]
            if _is_contents(body):
                i = end
                continue
        kept.append(token)
        i += 1
    return kept


def inline(text: str) -> Markup:
    """A one-line Markdown description (or an entry's marks) as inline HTML: raw HTML shows
    as text, and an HTML comment (awesome-flutter's ``<!-- stargazers:owner/repo -->``
    marker) as nothing, as on GitHub."""
    found = _md_html.parseInline(_SPACE.sub(" ", text).strip())
    for token in found:
        token.children = [
            Token("text", "", 0, content=child.content) if child.type == "html_inline" else child
            for child in token.children or []
            if child.type != "html_inline" or not child.content.startswith("<!--")
        ]
    return _render(found)


def plain(text: str) -> str:
    """A plain-text description on one line; autoescape makes it safe."""
    return _SPACE.sub(" ", text).strip()

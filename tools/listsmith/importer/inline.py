"""What of a line's inline Markdown an entry's text (its description, its points) may hold.

The ``markdown-inline`` rule keeps an entry's text to text, code, emphasis, web links
and images: an entry comes from a pull request, and the page and feed must not carry
its markup. A README holds more; the import says it in what an entry may hold, or
leaves it out and says so (the ledger).
"""

from __future__ import annotations

from markdown_it.token import Token

from listsmith.importer import html_inline, tokens
from listsmith.importer.ledger import Ledger, html_urls
from listsmith.rules.markdown_inline import allowed_address


def inline_only(children: list[Token], ledger: Ledger) -> list[Token]:
    """A description's tokens as a description may hold them (the ``markdown-inline``
    rule): text, code, emphasis, web links, and images and badges where the author put
    them. A link of another kind keeps its words; raw HTML becomes its Markdown twin
    (``html_inline``), or the text GitHub shows for it (a ``<style>`` its tagfilter shows
    as written), or is left out, its words kept; the report names each address
    dropped."""
    kept: list[Token] = []
    marks: set[int] = set()  # the emphasis tags became, by id
    links = {link.start: link for link in tokens.links(children)}
    i = 0
    while i < len(children):
        token = children[i]
        link = links.get(i)
        if link is not None and not allowed_address(link.href):
            ledger.skip([token], "a link in a description that is not http(s); its words stay")
            kept += link.text
            i = link.end + 1
            continue
        shown = html_inline.as_text(token)
        if shown is not None:  # the words GitHub shows, and any address in them, stay
            ledger.settle([token])
            kept += shown
            i += 1
            continue
        twin = html_inline.convert(children, i) if token.type == "html_inline" else None
        if twin is not None and not _made_image(kept, twin[0]):
            said, i = twin
            _touching(kept, said[0])
            _other_addresses(token, said[0], ledger)
            kept += said
            marks |= {id(t) for t in said if t.type in html_inline.MARKS}
            continue
        if token.type == "html_inline":
            ledger.skip([token], "raw HTML in a description, which holds Markdown")
        else:
            _touching(kept, token)
            kept.append(token)
        i += 1
    if marks and not html_inline.reads_back(kept):  # the words stay, as for any other tag
        kept = [t for t in kept if id(t) not in marks]
    return kept


def _made_image(kept: list[Token], said: list[Token]) -> bool:
    """Whether a link made of HTML would follow a "!" and so read as an image."""
    last = kept[-1] if kept else None
    return (
        said[0].type == "link_open"
        and last is not None
        and last.type == "text"
        and last.content.endswith("!")
    )


def _other_addresses(tag: Token, made: Token, ledger: Ledger) -> None:
    """An HTML link keeps its one address: any other in its tag (a second ``href``, a
    ``data-href``) is reported left out, so imported and reported stay everything."""
    if made.type != "link_open":
        return
    kept = str(made.attrs.get("href", ""))
    for url in html_urls(tag.content):
        if url == kept:
            kept = ""  # the first spelled so is the link's own
        else:
            ledger.skip_url([tag], url, "an address in an HTML link's other attributes")


def _touching(kept: list[Token], token: Token) -> None:
    """Two code spans that would touch (``<kbd>⌘</kbd><kbd>K</kbd>``) get a space between:
    `` `⌘``K` `` would read as one span."""
    if token.type == "code_inline" and kept and kept[-1].type == "code_inline":
        kept.append(Token("text", "", 0, content=" "))

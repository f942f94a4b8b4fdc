"""Hosts and titles that look like others: mixed scripts and internationalised domains.

``mathpop.com`` spelled with a Cyrillic a (U+0430) is another site than the one
a reviewer reads in the diff, and a title spelled with Cyrillic or Greek
letters among Latin ones dodges the duplicate search while looking the same.
So this warns on every internationalised host (IDN, written in Unicode or as
``xn--``) and on any word of a host or title that mixes scripts, naming each
letter that stands out and what it looks like.

A word may mix scripts the way real writing does, which Unicode's Technical
Standard #39 calls "highly restrictive": Latin with Han and the Japanese kana,
with Han and Bopomofo, or with Han and Hangul (``Python入門`` is fine). A title
wholly in Cyrillic, Greek or Chinese has one script a word and never warns.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "lookalike"
LEVEL = Level.WARNING
ASKS = (
    "No host or title word mixes scripts that look alike (a Cyrillic `а` in a Latin word), and "  # noqa: RUF001
    "every internationalised (IDN) host is pointed out."
)

_LOOKS_LIKE = dict(
    zip(
        "аеорсухѕіјԁһӏԛԝАВЕКМНОРСТХУІЈЅԚԜҮ"  # Cyrillic
        "αοριυνκΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"  # Greek
        "օսհոզ",  # Armenian  # noqa: RUF001
        "aeopcyxsijdhlqwABEKMHOPCTXYIJSQWYaopiuvkABEZHIKMNOPTYXouhnq",
        strict=True,
    )
)
"""Letters of other scripts that pass for Latin ones in most fonts: the common cases of
Unicode's confusables data."""
_MIXES_OK = (
    frozenset({"Latin", "Han", "Hiragana", "Katakana"}),
    frozenset({"Latin", "Han", "Bopomofo"}),
    frozenset({"Latin", "Han", "Hangul"}),
)
_WORD = re.compile(r"[^\W\d_]+")
"""Runs of letters: digits, punctuation, spaces and hyphens separate words."""


_COMMON = frozenset({"MICRO", "FEMININE", "MASCULINE", "MODIFIER"})
"""First words of letters Unicode gives no script (Common): ``µ`` in ``µTask`` is the
micro sign, written that way on purpose, and mixes with anything."""


def _script(char: str) -> str:
    """A letter's script, from its Unicode name (``CYRILLIC SMALL LETTER A``). Other
    letters outside every script's block (``MATHEMATICAL BOLD SMALL A``, ``KELVIN SIGN``)
    look like Latin ones, so they get a name of their own and count as a mix with Latin."""
    words = unicodedata.name(char, "UNKNOWN").split()
    first = words[1] if words[0] in ("FULLWIDTH", "HALFWIDTH") and len(words) > 1 else words[0]
    if first in _COMMON:
        return "Common"
    return "Han" if first == "CJK" else first.capitalize()


_TWINS = {(_script(other), latin): other for other, latin in _LOOKS_LIKE.items()}
"""(script, Latin letter) -> that script's letter it passes for, for Latin in a Cyrillic
word."""


def _letter(char: str, main: str) -> str:
    described = f"'{char}' U+{ord(char):04X} {unicodedata.name(char, '?')}"
    if char in _LOOKS_LIKE:
        return f"{described} looks like '{_LOOKS_LIKE[char]}'"
    twin = _TWINS.get((main, char))
    return f"{described} looks like {main} '{twin}'" if twin else described


def mixed(word: str) -> str | None:
    """How ``word`` mixes scripts where it shouldn't, or None: "Cyrillic and Latin: ..."."""
    scripts = Counter(_script(c) for c in word)
    scripts.pop("Common", None)
    if len(scripts) < 2 or any(set(scripts) <= ok for ok in _MIXES_OK):
        return None
    main = scripts.most_common(1)[0][0]
    odd = [c for c in dict.fromkeys(word) if _script(c) not in (main, "Common")]
    others = " and ".join(dict.fromkeys(_script(c) for c in odd))
    return f"{others} and {main}: " + "; ".join(_letter(c, main) for c in odd)


def _in_text(text: str) -> str | None:
    if text.isascii():
        return None  # every ASCII letter is Latin: nothing to mix (most titles and hosts)
    return next((found for word in _WORD.findall(text) if (found := mixed(word))), None)


def host_problem(url: str) -> str | None:
    """Why ``url``'s host may not be the site it looks like, or None."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    labels, idn = [], False
    for label in host.split("."):
        if label.startswith("xn--"):
            idn = True
            with contextlib.suppress(UnicodeError):  # not punycode: shown as written
                label = label.encode("ascii").decode("idna")
        idn = idn or not label.isascii()
        labels.append(label)
    shown = ".".join(labels)
    found = _in_text(shown)
    if found:
        return f"host {shown} mixes {found}"
    if idn:
        try:
            spelled = f" ({shown.encode('idna').decode('ascii')})"
        except UnicodeError:
            spelled = ""
        return (
            f"host {shown}{spelled} is an internationalised domain name: make sure it is the "
            "site meant and not one that looks like it"
        )
    return None


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    for entry in project.entries:
        title = entry.text("title")
        found = _in_text(title) if title else None
        if found:
            yield at(entry, ("title",), f"title '{title}' mixes {found}")
        for path, url in entry.urls():
            why = host_problem(url)
            if why:
                yield at(entry, path, why)
    index = project.index
    titled = [(s.where, s.data.get("title")) for s in index.sections]
    topics = index.data.get("topics")
    if isinstance(topics, list):
        titled += [
            (("topics", i), t.get("title")) for i, t in enumerate(topics) if isinstance(t, dict)
        ]
    for where, title in titled:
        found = _in_text(title) if isinstance(title, str) else None
        if found:
            yield at(index, (*where, "title"), f"title '{title}' mixes {found}")

"""site/feed.xml: an Atom feed (RFC 4287) of the entries added most recently, newest first.

An entry's date is its ``added`` field, which ``listsmith new`` sets (and
an import writes where the source's history dates an item). Entries
without one are not in the feed. Dates are not read from git at render
time: a shallow clone (actions/checkout's default) would date every file
by its one commit, and the output would depend on how the list was cloned.

The file must come out the same on every run, so ``render --check`` can
vouch for a committed copy: nothing reads the clock. The feed's ``updated``
is its newest entry's date (the Unix epoch for a feed with no dated entry,
which is still a valid, empty feed), and ids are fixed by the data: the
feed's is ``render.site_url`` (else the list's homepage, else a name-based
UUID of its title), an entry's a name-based UUID of that id and the entry's
``section/slug``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from listsmith.settings import Option
from listsmith.targets import html
from listsmith.targets.base import Target
from listsmith.view import EntryView, ListView

EPOCH = "1970-01-01T00:00:00Z"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 can't hold at all, escaped or not."""


@dataclass(frozen=True)
class Item:
    id: str
    updated: str
    """RFC 3339, as Atom wants it: the entry's date at midnight UTC."""
    entry: EntryView


def timestamp(day: str | None) -> str | None:
    """A ``YYYY-MM-DD`` date as an RFC 3339 timestamp, or None when it isn't one."""
    if day is None or not _DAY.fullmatch(day):
        return None
    try:
        return date.fromisoformat(day).isoformat() + "T00:00:00Z"
    except ValueError:  # 2024-02-30
        return None


class Feed(Target):
    NAME = "feed"
    DESCRIPTION = "An Atom feed of the entries added most recently, newest first."
    PATH = "site/feed.xml"
    TEMPLATE = "listsmith/feed.xml.j2"
    AUTOESCAPE = True
    OPTIONS: ClassVar[dict[str, Option]] = {
        "limit": Option(50, (int,), "How many of the newest entries the feed holds.", minimum=1),
    }

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"inline": html.inline, "href": html.href}

    def context(self, view: ListView) -> dict[str, Any]:
        the_site = self.shared.site
        feed_id = the_site.url or html.href(view.homepage or "") or _uuid(f"title:{view.title}")
        dated = []
        for entry in view.walk():
            when = timestamp(entry.added)
            # The page's rule: only a web address is a link. An Atom entry needs its
            # link (it has no content), so an entry without one is left out.
            if when is not None and html.href(entry.url):
                dated.append(Item(_uuid(f"{feed_id}#{entry.ref}"), when, entry))
        dated.sort(key=lambda i: (i.entry.title.casefold(), i.entry.ref))
        dated.sort(key=lambda i: i.updated, reverse=True)
        return {
            **super().context(view),
            "id": feed_id,
            "title": view.title,
            "updated": dated[0].updated if dated else EPOCH,
            "items": dated[: self.options["limit"]],
            "page": the_site.address("page"),
            "self_url": the_site.address(self.NAME),
            "markdown": self.shared.descriptions == "markdown",
        }

    def finish(self, text: str) -> str:
        return _NOT_XML.sub("", text)


def _uuid(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

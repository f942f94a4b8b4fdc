"""Plain http links work but leak what readers visit; most sites serve https today.

The schema already refuses anything that is not an absolute http(s) URL
(javascript:, data:, relative paths); this rule only warns about http.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level
from listsmith.rules.base import Finding, RuleContext, at

ID = "url-https"
LEVEL = Level.WARNING
ASKS = "Prefer `https://` links."


def check(context: RuleContext) -> Iterator[Finding]:
    for entry in context.project.entries:
        for path, url in entry.urls():
            if url.lower().startswith("http://"):
                yield at(entry, path, f"{url} uses http; use https if the site serves it")

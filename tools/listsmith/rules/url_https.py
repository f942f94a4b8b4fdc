"""Plain http links work but leak what readers visit; most sites serve https today.

The schema already refuses anything that is not an absolute http(s) URL
(javascript:, data:, relative paths); this rule only warns about http.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Entry, Project
from listsmith.rules.base import at

ID = "url-https"
LEVEL = Level.WARNING


def urls(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every URL of an entry with where it sits: the main url, then each secondary link."""
    url = entry.text("url")
    if url:
        yield ("url",), url
    links = entry.data.get("links")
    if isinstance(links, list):
        for i, link in enumerate(links):
            if isinstance(link, dict) and isinstance(link.get("url"), str):
                yield ("links", i, "url"), link["url"]


def check(project: Project) -> Iterator[Problem]:
    for entry in project.entries:
        for path, url in urls(entry):
            if url.lower().startswith("http://"):
                yield at(
                    entry, path, LEVEL, f"{url} uses http; use https if the site serves it", ID
                )

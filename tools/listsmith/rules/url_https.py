"""Plain http links work but leak what readers visit; most sites serve https today.

The schema already refuses anything that is not an absolute http(s) URL
(javascript:, data:, relative paths); this rule only warns about http.
"""

from __future__ import annotations

from collections.abc import Iterator

from listsmith.problems import Level, Problem
from listsmith.project import Project
from listsmith.rules.base import at

ID = "url-https"
LEVEL = Level.WARNING


def check(project: Project) -> Iterator[Problem]:
    for entry in project.entries:
        for path, url in entry.urls():
            if url.lower().startswith("http://"):
                yield at(
                    entry, path, LEVEL, f"{url} uses http; use https if the site serves it", ID
                )

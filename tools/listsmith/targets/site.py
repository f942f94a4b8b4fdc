"""Where the generated files sit and are published, so targets can link one another.

The page links the feed, the feed links the page and itself, the README
links the page. Each link exists only when the other target is on, and an
absolute one only when the list sets ``render.site_url``: the address at
which the page's folder (``site/`` by default) is published, GitHub Pages'
``https://<owner>.github.io/<repo>/`` say.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

PAGE = "page"
DEFAULT_FOLDER = "site"
"""The page's folder when the page target is off (its default path's folder)."""


@dataclass(frozen=True)
class Publication:
    url: str | None
    """``render.site_url``, ending in ``/``; None when the list doesn't set one."""
    paths: Mapping[str, str]
    """Output path of every target the list turns on, by target name."""

    @property
    def folder(self) -> str:
        """The published folder: the page's, relative to the list's root ("" for the root)."""
        page = self.paths.get(PAGE)
        return posixpath.dirname(page) if page is not None else DEFAULT_FOLDER

    def relative(self, source: str, target: str) -> str | None:
        """A link from the file at ``source`` to ``target``'s file, or None when it's off."""
        path = self.paths.get(target)
        if path is None:
            return None
        return posixpath.relpath(path, posixpath.dirname(source) or ".")

    def address(self, target: str) -> str | None:
        """Where ``target``'s file is published, or None (no address, target off, or its
        file outside the published folder). An ``index.html`` is addressed by its folder."""
        path = self.paths.get(target)
        if self.url is None or path is None:
            return None
        rel = posixpath.relpath(path, self.folder or ".")
        if rel == ".." or rel.startswith("../"):
            return None
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.url + rel

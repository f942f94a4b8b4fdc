"""What every render target is: a file, a template, an escaping, options.

A target subclass names itself (``NAME``, the key in listsmith.yaml's
``render.targets``), its built-in template, whether its template escapes
HTML by default, the filters it gives templates and any options of its own
(declared like a rule's, see :mod:`listsmith.settings`). :meth:`context`
turns the target-neutral :class:`~listsmith.view.ListView` into what its
template needs (GitHub anchors for Markdown, say); :meth:`render` does the
rest. best-of-generator's ``generators/`` and hecat's ``exporters/`` follow
the same shape.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from listsmith.project import Project
from listsmith.settings import Option
from listsmith.targets.site import Publication
from listsmith.view import ListView

PROTECTED = (".git", ".github", "resources", "templates", "listsmith.yaml", "schema.json")
"""Where no target may write: the repository's machinery and the list's own data."""


def path_problem(path: str) -> str | None:
    """Why ``path`` can't be a target's output, or None when it can."""
    parts = path.split("/")
    if (
        not path
        or path.startswith("/")
        or "\\" in path
        or posixpath.normpath(path) != path
        or ".." in parts
    ):
        return "must be a plain relative path inside the list, like README.md or site/index.html"
    if parts[0] in PROTECTED:
        return f"can't be under {parts[0]}: that is the list's data or the repository's machinery"
    return None


@dataclass(frozen=True)
class Shared:
    """What every target reads from listsmith.yaml's ``render`` block, checked once
    (``render.check_settings``): trusted values come from the base branch there."""

    descriptions: str
    """text or markdown: how entries' descriptions are read."""
    site: Publication
    """Where the targets' files are and are published, to link one another."""


COMMON_OPTIONS = {
    "template": Option(
        None,
        (str,),
        "A template in the list's templates/ folder to render with instead of the built-in one.",
    ),
}


class Target:
    """One generated file."""

    NAME: ClassVar[str]
    DESCRIPTION: ClassVar[str]
    PATH: ClassVar[str]
    """Default output path, relative to the list's root."""
    TEMPLATE: ClassVar[str]
    AUTOESCAPE: ClassVar[bool] = False
    OPTIONS: ClassVar[dict[str, Option]] = {}
    """Options of this target beyond ``path`` and ``template``."""

    def __init__(self, project: Project, options: dict[str, Any], shared: Shared) -> None:
        self.project = project
        self.options = options
        self.shared = shared

    @classmethod
    def declared(cls) -> dict[str, Option]:
        """Every option of the target, ``path`` first."""
        path = Option(
            cls.PATH,
            (str,),
            "Where the file is written, relative to the list's root.",
            trusted=True,
        )
        return {"path": path, **COMMON_OPTIONS, **cls.OPTIONS}

    @property
    def path(self) -> str:
        return str(self.options["path"])

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {}

    def context(self, view: ListView) -> dict[str, Any]:
        return {"list": view, "options": self.options}

    def finish(self, text: str) -> str:
        """Last touches on the rendered text (line endings, say)."""
        return text

    def render(self, view: ListView) -> str:
        # jinja2 is loaded here, by the first render: validating, checking without the
        # sync check and the link check read the targets' settings, never a template.
        from listsmith import templating

        custom = self.options.get("template")
        # The list's templates folder is only in play, sandboxed, when the list names one.
        root = self.project.root if custom else None
        env = templating.environment(root, self.AUTOESCAPE, self.filters())
        return self.finish(templating.render(env, custom or self.TEMPLATE, self.context(view)))

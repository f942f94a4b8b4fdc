"""The render block's own options (``order``, ``descriptions``, ``site_url``), declared once.

They live apart from :mod:`listsmith.render`, which imports every render
target, because a rule reads them too (``markdown-inline`` checks
descriptions only when they are Markdown).
"""

from __future__ import annotations

from typing import Any

from listsmith import view
from listsmith.problems import Problem
from listsmith.project import Project
from listsmith.settings import Option, check_block

OPTIONS = {
    "order": Option(
        view.DEFAULT_ORDER,
        (str,),
        "How a section orders its entries unless it says otherwise: title, or a field name "
        "(added, or -added for newest first).",
    ),
    "descriptions": Option(
        "text",
        (str,),
        "text: descriptions are plain text and shown exactly as written; markdown: they may "
        "hold inline Markdown (links, code, emphasis), as many imported lists do.",
        choices=("text", "markdown"),
        # It decides how contributors' text reaches the README: a pull request can't loosen it.
        trusted=True,
    ),
    "site_url": Option(
        None,
        (str,),
        "The address the page's folder (site/ by default) is published at, ending in /. "
        "The README then links to the page, and the feed uses it for its links and id.",
        example="https://owner.github.io/list/",
    ),
}


def render_options(project: Project) -> tuple[dict[str, Any], list[Problem]]:
    """The render block's own options (all but ``targets``), checked: with ``--base`` the
    trusted ones (``descriptions``) come from the base branch."""
    config = project.config
    given = {k: v for k, v in config.block("render").items() if k != "targets"}
    return check_block(config, ("render",), OPTIONS, given or None)

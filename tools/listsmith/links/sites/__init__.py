"""The site checks, by name. Add a site: one module here and one line in SITES.

The core never names a site: it asks each registered one whether it applies
to a URL, and hands it a SiteContext built from the settings it declares.
"""

from __future__ import annotations

from typing import Any

from listsmith.links.sites.base import Answer, ByHTTP, SiteCheck, SiteContext
from listsmith.links.sites.github import GitHub
from listsmith.links.sites.gitlab import GitLab
from listsmith.links.sites.youtube import YouTube
from listsmith.settings import Option

SITES: tuple[type[SiteCheck], ...] = (YouTube, GitHub, GitLab)
REGISTRY: dict[str, type[SiteCheck]] = {site.name: site for site in SITES}

__all__ = ["REGISTRY", "SITES", "Answer", "ByHTTP", "SiteCheck", "SiteContext", "declared"]


def declared() -> dict[str, Option]:
    """Every site's settings under their run-wide names (``github_api``, ``gitlab_hosts``)."""
    return {
        f"{site.name}_{name}": option for site in SITES for name, option in site.settings.items()
    }


def own_settings(site: type[SiteCheck], values: dict[str, Any]) -> dict[str, Any]:
    """The settings of ``site`` from the run-wide ones, by their short names."""
    return {name: values[f"{site.name}_{name}"] for name in site.settings}

"""Checks for sites whose plain HTTP answer does not tell the truth.

A removed YouTube video still answers 200 (a page saying it is gone); a
GitHub repository that moved answers 301 from its web page but its API knows
the new name and whether it is archived. Each check is one small class with
``applies(url)`` and ``check(url, checker)``; returning None hands the URL
back to the plain HTTP check (used when an API is rate-limited).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlencode, urlsplit

from listsmith.canonical import canonical
from listsmith.links.status import Result, Status

if TYPE_CHECKING:
    from listsmith.links.checker import Checker
    from listsmith.links.config import Options


class SiteCheck(Protocol):
    """A check for one kind of site; None from ``check`` means "ask plain HTTP"."""

    def applies(self, url: str) -> bool: ...

    def check(self, url: str, checker: Checker) -> Result | None: ...


class YouTube:
    """Asks YouTube's oEmbed endpoint, which answers 404 for removed videos and playlists."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def applies(self, url: str) -> bool:
        return canonical(url).startswith(
            ("https://youtube.com/watch?v=", "https://youtube.com/playlist?list=")
        )

    def check(self, url: str, checker: Checker) -> Result | None:
        target = canonical(url).replace("https://youtube.com/", "https://www.youtube.com/")
        query = urlencode({"url": target, "format": "json"})
        response = checker.fetch("GET", f"{self.endpoint}?{query}")
        kind = "playlist" if "playlist?list=" in target else "video"
        if 200 <= response.status < 300:
            return Result(url, Status.OK, f"YouTube {kind} is available", response.status)
        if response.status in (400, 404):
            return Result(
                url, Status.BROKEN, f"YouTube {kind} was removed or never existed", response.status
            )
        if response.status in (401, 403):
            return Result(
                url,
                Status.BLOCKED,
                f"YouTube {kind} is private or can't be embedded; check it by hand",
                response.status,
            )
        return None


class GitHub:
    """Asks the GitHub API: deleted, renamed and archived repositories."""

    def __init__(self, api: str, token: str | None) -> None:
        self.api = api.rstrip("/")
        self.token = token

    def applies(self, url: str) -> bool:
        parts = urlsplit(canonical(url))
        return parts.hostname == "github.com" and parts.path.count("/") == 2

    def check(self, url: str, checker: Checker) -> Result | None:
        repo = urlsplit(canonical(url)).path.strip("/")
        headers = {"Accept": "application/vnd.github+json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        response = checker.fetch("GET", f"{self.api}/repos/{repo}", headers, sample=256 * 1024)
        if response.status == 404:
            return Result(
                url, Status.BROKEN, "GitHub repository not found (deleted, or private)", 404
            )
        if not 200 <= response.status < 300:
            return None  # rate limited or down: the plain check still says something
        try:
            data = json.loads(response.body)
            full_name, html_url = data["full_name"], data["html_url"]
        except (ValueError, KeyError, TypeError):
            return None
        note = "the repository is archived (read-only)" if data.get("archived") else ""
        if full_name.lower() != repo.lower():
            result = Result(
                url,
                Status.REDIRECTED,
                f"repository moved to {full_name}",
                response.status,
                html_url,
                html_url,
                note,
            )
        else:
            result = Result(url, Status.OK, "GitHub repository exists", response.status, note=note)
        return result


def default_sites(options: Options) -> list[SiteCheck]:
    return [YouTube(options.youtube_oembed), GitHub(options.github_api, options.github_token)]

"""YouTube: a removed video still answers 200, so ask the oEmbed endpoint instead."""

from __future__ import annotations

from urllib.parse import urlencode

from listsmith.canonical import canonical
from listsmith.links.sites.base import ByHTTP, Setting, Site, Verdict
from listsmith.links.status import Result, Status


class YouTube(Site):
    """oEmbed answers 404 for removed videos and playlists, 401 for private ones."""

    name = "youtube"
    settings = (
        Setting(
            "oembed",
            "https://www.youtube.com/oembed",
            "YouTube's oEmbed endpoint, asked whether a video or playlist still exists.",
            trusted=True,
        ),
    )

    def applies(self, url: str) -> bool:
        return canonical(url).startswith(
            ("https://youtube.com/watch?v=", "https://youtube.com/playlist?list=")
        )

    def check(self, url: str) -> Verdict:
        target = canonical(url).replace("https://youtube.com/", "https://www.youtube.com/")
        query = urlencode({"url": target, "format": "json"})
        response = self.fetch("GET", f"{self.setting['oembed']}?{query}", sample=64 * 1024)
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
        return ByHTTP()

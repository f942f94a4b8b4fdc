"""YouTube: a removed video still answers 200, so ask the oEmbed endpoint instead."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlencode

from listsmith.canonical import canonical
from listsmith.links.sites.base import Answer, ByHTTP, SiteCheck
from listsmith.links.status import Status, Verdict
from listsmith.settings import Option


class YouTube(SiteCheck):
    """oEmbed says what the watch page hides (it answers 200 for any video id).

    How it answers, from https://oembed.com/ (section 2.3.4) and what YouTube does:
    200 the video or playlist can be shown; 400 or 404 there is no such video (removed,
    or the id never existed); 401 the owner switched embedding off, and the video still
    plays on YouTube: ok; 403 the video is private, which only its owner's invitees can
    watch (https://support.google.com/youtube/answer/157177): a reader of the list sees
    "Video unavailable", so it is broken. 429 and 5xx are no verdict about the video:
    reported as such (and retried), never settled by the watch page, which says 200.
    """

    name = "youtube"
    settings: ClassVar[dict[str, Option]] = {
        "oembed": Option(
            "https://www.youtube.com/oembed",
            (str,),
            "YouTube's oEmbed endpoint, asked whether a video or playlist still exists.",
            trusted=True,
        ),
    }

    def applies(self, url: str) -> bool:
        if "youtu" not in url.lower():  # every host of the rule says so: no parse needed
            return False
        return canonical(url).startswith(
            ("https://youtube.com/watch?v=", "https://youtube.com/playlist?list=")
        )

    async def check(self, url: str) -> Answer:
        target = canonical(url).replace("https://youtube.com/", "https://www.youtube.com/")
        query = urlencode({"url": target, "format": "json"})
        response = await self.fetch("GET", f"{self.setting['oembed']}?{query}", sample=64 * 1024)
        kind = "playlist" if "playlist?list=" in target else "video"
        status = response.status
        if 200 <= status < 300:
            return Verdict(url, Status.OK, f"YouTube {kind} is available", status)
        if status in (400, 404):
            return Verdict(
                url, Status.BROKEN, f"YouTube {kind} was removed or never existed", status
            )
        if status == 401:
            return Verdict(
                url, Status.OK, f"YouTube {kind} is available", status,
                note="its owner does not allow embedding it",
            )  # fmt: skip
        if status == 403:
            return Verdict(url, Status.BROKEN, f"YouTube {kind} is private", status)
        if status == 429:
            limited = "YouTube's oEmbed is rate limiting (429)"
            retry_after = response.headers.get("retry-after")
            return Verdict(url, Status.BLOCKED, limited, 429, retry_after=retry_after)
        if status >= 500:
            return Verdict(url, Status.ERROR, f"YouTube's oEmbed answered {status}", status)
        return ByHTTP()

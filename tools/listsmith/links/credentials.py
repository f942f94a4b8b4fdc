"""A site's token, sent to that site's API origin and nowhere else (issue #12).

The token is attached by the checker to each hop whose origin (scheme, host,
port) is the API's, so a redirect to another host is followed without it, and
a site cannot send it to its web pages by mistake. It goes only over https,
unless the API is on a loopback address (a test's or benchmark's fake). Its
repr never shows it, so no log, exception or report can.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from listsmith.canonical import DEFAULT_PORTS
from listsmith.project import CouldNotRun


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or DEFAULT_PORTS.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Credential:
    """An Authorization header bound to one origin."""

    def __init__(self, api: str, header: str, source: str) -> None:
        self.origin = origin(api)
        scheme, host, _ = self.origin
        if scheme != "https" and not (scheme == "http" and _loopback(host)):
            raise CouldNotRun(
                f"{source} is sent only over https, and the API is configured as {api}"
            )
        self._header = header

    def __repr__(self) -> str:
        return f"Credential(origin={self.origin!r})"

    def for_url(self, url: str) -> dict[str, str]:
        """The header to send to ``url``: only to the API's own origin."""
        return {"Authorization": self._header} if origin(url) == self.origin else {}

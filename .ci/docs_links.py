"""Check the links of the built documentation with listsmith's own link checker.

Usage: ``python .ci/docs_links.py build/docs [--external]``.

The built site is served on 127.0.0.1 and every page's links are collected:
relative links (another page, an image, an ``#anchor`` on a page) become
addresses on that server and are checked with ``anchors: fail``, so a link to a
page or a heading that doesn't exist is an error. That needs no network, so CI
runs it on every push. With ``--external`` the links to other sites are checked
too (the weekly run): a broken one is an error, a blocked or slow one a warning,
as in a list's own link check. Problems are printed as
``path:line:col: level: message [rule]``; exits 1 when any is an error.
"""

from __future__ import annotations

import functools
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from listsmith.links.config import Options
from listsmith.links.run import check_urls
from listsmith.links.status import Status
from listsmith.problems import Level, Problem
from listsmith.report import line

RULE = "docs-link"
SKIPPED = ("search/", "assets/", "404.html")
"""The theme's own pages and files, not the documentation's text."""


class Links(HTMLParser):
    """Every ``href`` and ``src`` of a page, with its line."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (tag, name) in (("a", "href"), ("img", "src")):
                self.found.append((value, self.getpos()[0]))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Requests are the checker's business; the report says what failed."""


def collect(site: Path, base: str) -> dict[str, list[tuple[str, int]]]:
    """URL -> (page, line) for every link of every page, relative ones made absolute."""
    found: dict[str, list[tuple[str, int]]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(SKIPPED):
            continue
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        address = f"{base}/{rel}"
        for href, number in parser.found:
            if urlsplit(href).scheme not in ("", "http", "https"):
                continue  # mailto:, data: and the like
            url = urljoin(address, href)
            if urldefrag(url)[1] == "":
                url = urldefrag(url)[0]
            found.setdefault(url, []).append((rel, number))
    return found


def main(argv: list[str]) -> int:
    site = Path(argv[0])
    external = "--external" in argv[1:]
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        found = collect(site, base)
        wanted = [url for url in found if url.startswith(base + "/") or external]
        options = Options(allow_private=False, private_allow=("127.0.0.1",), anchors="fail")
        results = check_urls(wanted, options)
    finally:
        server.shutdown()
    problems = []
    for url, result in results.items():
        local = url.startswith(base + "/")
        if result.status is Status.OK:
            continue
        failed = result.status in (Status.BROKEN, Status.MISSING_ANCHOR) or local
        shown = url.removeprefix(base + "/") if local else url
        for page, number in found[url]:
            problems.append(
                Problem(
                    f"{site.as_posix()}/{page}",
                    number,
                    1,
                    Level.ERROR if failed else Level.WARNING,
                    f"{shown} is {result.status.value}: {result.reason or result.note or ''}",
                    RULE,
                )
            )
    for problem in sorted(problems):
        print(line(problem))
    checked = f"{len(wanted)} links checked ({'with' if external else 'without'} external ones)"
    print(f"{len(problems)} problems, {checked}", file=sys.stderr)
    return 1 if any(p.level is Level.ERROR for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

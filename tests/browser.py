"""A real browser for the page's tests and bench: Debian's headless Chromium, driven by selenium.

Chromium and its ChromeDriver come from Debian's packages (`apt-get install chromium
chromium-driver`; `.ci/run` installs them when missing), and selenium is pointed at that
chromedriver, so Selenium Manager never downloads a browser or a driver. Pages are served
from a local `http.server` on 127.0.0.1, so a reload keeps its query string as a reader's
would. Without Chromium a test that asks for it is skipped, unless `LISTSMITH_REQUIRE_JUDGES=1`
(as CI sets), when it fails instead (see tests/judges.py).
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "chromium"
CHROMEDRIVER = "chromedriver"
# As root in a sandbox, with no network but the package registries: no sandbox of Chromium's
# own, and none of the background connections (updates, sync, QUIC) a closed network refuses.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def missing() -> str | None:
    """Why there is no browser to drive here, or None when there is."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(program) is None:
            return f"{program} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def available() -> bool:
    return missing() is None


def require() -> None:
    """Skip the calling test without a browser, or fail it when the judges are required."""
    why = missing()
    if why is not None:
        from tests.judges import _unavailable

        _unavailable(why)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean; a failing request shows as a console error instead."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1; yields the base address (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator[Any]:
    """A headless Chromium session with a fresh profile, its console log kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="listsmith-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(shutil.which(CHROMIUM))
        for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(str(shutil.which(CHROMEDRIVER))), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def console_errors(driver: Any) -> list[str]:
    """Errors the page logged since the last call: script errors, failed loads, CSP refusals."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]

"""A URL's parts, parsed once for the run however many layers ask.

The engine asks for a URL's host when it queues the check (``turns``), and the
transport asks for its scheme, host and port when it sends it. ``urlsplit`` keeps
only its last 128 URLs, and a run queues every URL before the first is sent, so
each was parsed twice: 4 µs of the engine's 50 µs of CPU per URL (link
benchmark, fake instant transport).
"""

from __future__ import annotations

import functools
from urllib.parse import SplitResult, urlsplit


@functools.lru_cache(maxsize=8192)
def split(url: str) -> SplitResult:
    """``urlsplit(url)``, remembered for a run's worth of URLs; raises what it raises."""
    return urlsplit(url)

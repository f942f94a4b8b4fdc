"""What a check asks of one HTTP exchange, and what it gets back, whichever check asked.

Kept apart from the transport so that site checks and the archive lookup can
ask and read answers (and be fed canned ones in tests) without importing the
checker or the HTTP stack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from listsmith.links.credentials import Credential
from listsmith.links.page import Question, Reading
from listsmith.links.status import Verdict

SAMPLE_BYTES = 16 * 1024
"""Bytes of an error page read to recognise a bot challenge; the rest is never read."""


@dataclass(frozen=True)
class Request:
    """What to ask, and what to read of the answer."""

    method: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | None = None
    sample: int = SAMPLE_BYTES
    """Body bytes read of an answer nobody asked a question of (an API's, an error page)."""
    credential: Credential | None = None
    """Sent to each hop on its origin, and only there."""
    question: Question | None = None
    """A 2xx HTML answer is read for it (``Response.page``)."""


@dataclass(frozen=True)
class Response:
    """What a check needs from one final HTTP answer."""

    status: int
    url: str
    headers: dict[str, str]
    """Names in lower case."""
    body: bytes
    chain: tuple[tuple[str, int], ...] = ()
    """(url, status) of every redirect followed to get here."""
    page: Reading | None = None
    """What was read of a 2xx HTML page, when the check asked a question of it."""


class Unanswered(Exception):
    """No HTTP answer: refused by the guard, no such host, a loop, a timeout, a reset.

    ``verdict`` is what this means for the URL being checked; ``transient``
    says whether trying again might help.
    """

    def __init__(self, verdict: Verdict, transient: bool) -> None:
        super().__init__(verdict.reason)
        self.verdict = verdict
        self.transient = transient

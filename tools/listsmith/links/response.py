"""What one HTTP exchange gives back to a check, whichever check asked.

Kept apart from the checker so that site checks can read answers (and be fed
canned ones in tests) without importing the checker or the HTTP stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from listsmith.links.page import Reading
from listsmith.links.status import Result


@dataclass
class Response:
    """What a check needs from one final HTTP answer."""

    status: int
    url: str
    headers: dict[str, str]
    """Names in lower case."""
    body: bytes
    chain: list[tuple[str, int]] = field(default_factory=list)
    """(url, status) of every redirect followed to get here."""
    page: Reading | None = None
    """What was read of a 2xx HTML page, when the check asked a question of it."""


class Unanswered(Exception):
    """No HTTP answer: refused by the guard, no such host, a loop, a timeout, a reset.

    ``result`` is the verdict this gives the URL being checked; ``transient``
    says whether trying again might help.
    """

    def __init__(self, result: Result, transient: bool) -> None:
        super().__init__(result.reason)
        self.result = result
        self.transient = transient

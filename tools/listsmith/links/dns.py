"""Name lookups that tell a resolver's "try again" from "no such host".

``getaddrinfo`` fails with EAI_AGAIN when the DNS server did not answer in
time or answered SERVFAIL: a temporary failure that says nothing about the
name (glibc's getaddrinfo(3): "The name server returned a temporary failure
indication. Try again later."). CI runners see it in bursts. Only EAI_NONAME
(and its kin) means the host does not exist. So a "try again" is tried again,
with a pause; a name that keeps getting it fails with EAI_AGAIN still, and the
guard's Unresolvable says it is temporary: its links are reported as an error
to look at again, never as broken.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import Any

TRIES = 3
PAUSE = 1.0
"""Seconds before the second try; doubled before each next one."""


class PatientLookup:
    """``socket.getaddrinfo`` with EAI_AGAIN retried; the guard's lookup function."""

    def __init__(
        self,
        lookup: Callable[..., list[tuple[Any, ...]]] = socket.getaddrinfo,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._lookup = lookup
        self._sleep = sleep

    def __call__(self, host: str, port: int, **options: Any) -> list[tuple[Any, ...]]:
        for attempt in range(TRIES):
            try:
                return self._lookup(host, port, **options)
            except socket.gaierror as exc:
                if exc.errno != socket.EAI_AGAIN or attempt == TRIES - 1:
                    raise
                self._sleep(PAUSE * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

"""Which check starts next: checks wait by host, and a few workers take them in turn.

One task per URL, all started at once, had nearly every check park on its host's
place in the transport's gate (2,000 URLs on 40 hosts, two places each: 1,920 parked),
and each park and wake-up cost a future, a callback and a turn of the loop: about a
third of the engine's own CPU on the link benchmark. Here a check starts only when its
host has room, so it seldom waits in the gate; the gate still decides every request
(a redirect to another host, a site's API, a pause a host asked for).

The next check is the next host's in turn, round-robin over the hosts with checks
waiting and room, so the first requests spread across hosts and one busy host never
holds up the others. A host's room counts its checks under way, not its requests: twice
its request places, so that a check waiting out a backoff (which holds no place of the
gate's) does not keep the host's next check from starting.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from listsmith.links.urls import split

T = TypeVar("T")


def host_of(url: str) -> str:
    try:
        return split(url).hostname or ""
    except ValueError:  # "https://[x/": the check reports it; here it just has no host
        return ""


class Turns(Generic[T]):
    """Checks waiting to start, by host. ``take`` gives the next one whose host has room,
    ``done`` gives the room back; once ``close``d and empty, ``take`` gives None."""

    def __init__(self, room: Callable[[str], int]) -> None:
        self._room = room
        self._waiting: dict[str, deque[T]] = {}
        self._under_way: dict[str, int] = {}
        self._ready: deque[str] = deque()
        """Hosts with checks waiting and room, in turn; each at most once."""
        self._idle: deque[asyncio.Future[None]] = deque()
        self._open = True

    def add(self, items: Iterable[tuple[str, T]]) -> None:
        """Queue ``(url, item)`` pairs, each behind its host's earlier ones."""
        for url, item in items:
            host = host_of(url)
            queue = self._waiting.get(host)
            if queue is None:
                queue = self._waiting[host] = deque()
                if self._has_room(host):
                    self._ready.append(host)
            queue.append(item)
        self._wake(len(self._idle))  # each takes what has room, or goes idle again

    def close(self) -> None:
        """Nothing more will be added: workers stop once the queues are empty."""
        self._open = False
        self._wake(len(self._idle))

    async def take(self) -> tuple[str, T] | None:
        """The next check and its host, waiting until one has room; None when closed
        and nothing is left to start."""
        while not self._ready:
            if not self._open and not self._waiting:
                return None
            idle = asyncio.get_running_loop().create_future()
            self._idle.append(idle)
            try:
                await idle
            except asyncio.CancelledError:
                if idle in self._idle:
                    self._idle.remove(idle)
                raise
        host = self._ready.popleft()
        queue = self._waiting[host]
        item = queue.popleft()
        self._under_way[host] = self._under_way.get(host, 0) + 1
        if not queue:
            del self._waiting[host]
            if not self._waiting and not self._open:
                self._wake(len(self._idle))  # the last check: idle workers may stop
        elif self._has_room(host):
            self._ready.append(host)  # behind the other hosts: its next check waits its turn
            self._wake(1)
        return host, item

    def done(self, host: str) -> None:
        """A check of ``host`` ended: its room goes to the host's next check."""
        self._under_way[host] -= 1
        if host in self._waiting and self._under_way[host] == self._room(host) - 1:
            self._ready.append(host)  # it had no room, so it was not in turn
            self._wake(1)

    def _has_room(self, host: str) -> bool:
        return self._under_way.get(host, 0) < self._room(host)

    def _wake(self, count: int) -> None:
        while count > 0 and self._idle:
            idle = self._idle.popleft()
            if not idle.done():
                idle.set_result(None)
                count -= 1

"""Keep the checker off private networks, and notice when there is no network at all.

Pull requests bring untrusted URLs into CI. Without this guard a URL such as
http://169.254.169.254/ (a cloud metadata service) or http://10.0.0.5/admin
would make the runner probe its own network. Every host a connection is
opened to, redirects included, is refused if any of its addresses is private,
loopback, link-local or otherwise not public.

A name is resolved once per run, and connections go to the addresses that
were judged (see ``http``), not to what a second lookup returns: otherwise a
DNS server answering a public address to the guard and a private one to the
connection (DNS rebinding) would walk straight past it.

The address is judged a second time where the socket is opened (``admit``),
because the HTTP stack never asks a resolver about a host it reads as an
address, and what it reads as one is its own business: 127.0.0.1 written in
fullwidth digits or with ideographic full stops becomes 127.0.0.1 inside yarl
(see ``listsmith.hostname``), and older releases took
``2130706433`` or ``127.1`` for loopback. Whatever the URL looked like, no
socket connects to an address this guard has not let through.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import threading
from collections.abc import Callable
from typing import Any

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Unresolvable(Exception):
    """The host name has no address (or DNS is unreachable).

    ``temporary``: the resolver's last answer was "try again" (EAI_AGAIN), which
    says nothing about the name (``dns.PatientLookup`` asks again before that).
    """

    def __init__(self, host: str, temporary: bool = False) -> None:
        super().__init__(host)
        self.temporary = temporary


class Refused(Exception):
    """The host may not be contacted; the message says why, for the report."""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv4-mapped or NAT64 address carries, if any: as private as
    the one inside it."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _not_public(address: Address) -> bool:
    """True unless the address is globally routable, and so is any IPv4 inside it.

    Judged by "is it global" rather than a list of private ranges, which
    misses carrier-grade NAT (100.64.0.0/10, where a cloud keeps its metadata
    service at 100.100.100.200), benchmarking and documentation ranges.
    """
    if isinstance(address, ipaddress.IPv6Address):
        # 6to4 and Teredo tunnel to any IPv4 address (2002:a9fe:a9fe:: reaches
        # 169.254.169.254 through a relay); both are deprecated and no site lives
        # there, so they are refused whatever they carry (as Python 3.13 judges them).
        if address.sixtofour is not None or address.teredo is not None:
            return True
        inner = _embedded(address)
        if inner is not None and _not_public(inner):
            return True
    return not address.is_global or address.is_multicast


class Guard:
    """Resolves hosts once per run and judges them."""

    def __init__(
        self,
        allow_private: bool,
        allowed: tuple[str, ...] = (),
        lookup: Callable[..., list[tuple[Any, ...]]] = socket.getaddrinfo,
    ) -> None:
        self.allow_private = allow_private
        self._allowed_hosts = {a.lower() for a in allowed if "/" not in a}
        self._allowed_networks = [
            ipaddress.ip_network(a, strict=False) for a in allowed if "/" in a
        ]
        self._cache: dict[tuple[str, int], list[Address] | Unresolvable] = {}
        self._trusted: set[Address] = set()
        """Private addresses an allowed host name resolved to: ``admit`` lets them through."""
        self._lock = threading.Lock()
        self._lookup = lookup
        self.names_resolved = 0
        self.names_failed = 0

    def resolve(self, host: str, port: int) -> list[Address]:
        key = (host, port)
        with self._lock:
            cached = self._cache.get(key)
        if cached is None:
            is_name = not is_literal(host)
            try:
                infos = self._lookup(host, port, type=socket.SOCK_STREAM)
                # In the resolver's order, which is the order to try them in.
                cached = list(
                    dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos)
                )
                if is_name:
                    self.names_resolved += 1
            except (OSError, UnicodeError, ValueError) as exc:
                again = isinstance(exc, socket.gaierror) and exc.errno == socket.EAI_AGAIN
                cached = Unresolvable(host, temporary=again)
                if is_name:
                    self.names_failed += 1
            with self._lock:
                self._cache[key] = cached
        if isinstance(cached, Unresolvable):
            raise cached
        return cached

    def known(self, host: str, port: int) -> bool:
        """Whether ``host`` was looked up already (``addresses`` then answers at once)."""
        with self._lock:
            return (host, port) in self._cache

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses a connection to ``host`` may use, in the order to try them.

        Raises Refused when any of them is not public (one private address
        is enough to reach the inside), and Unresolvable for unknown names.
        """
        addresses = self.resolve(host, port)
        if not self.allow_private and host.lower() in self._allowed_hosts:
            with self._lock:
                self._trusted.update(addresses)
            return [str(a) for a in addresses]
        for address in addresses:
            if not self._permitted(address):
                raise Refused(
                    f"{host} resolves to the non-public address {address}; "
                    "not checked (use --allow-private to check it)"
                )
        return [str(a) for a in addresses]

    def admit(self, address: str) -> None:
        """Called for each socket about to connect: raises Refused unless ``address`` is
        public, allowed, or an address an allowed host name resolved to."""
        parsed = ipaddress.ip_address(address.split("%")[0])
        if not self._permitted(parsed) and parsed not in self._trusted:
            raise Refused(
                f"the connection would go to the non-public address {parsed}; "
                "not checked (use --allow-private to check it)"
            )

    def _permitted(self, address: Address) -> bool:
        return (
            self.allow_private
            or not _not_public(address)
            or any(address in n for n in self._allowed_networks)
            or str(address) in self._allowed_hosts
        )

    @property
    def offline(self) -> bool:
        """True when names were looked up and not one resolved: no DNS, so no network."""
        return self.names_failed > 0 and self.names_resolved == 0


@functools.lru_cache(maxsize=4096)  # asked for every request; a name's answer is an exception
def is_literal(host: str) -> bool:
    """An address written as the host (HTTP clients connect to it without a lookup)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True

"""Link-check options: defaults, then the list's ``link_check`` block, then the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from listsmith.links import sites
from listsmith.project import CouldNotRun

BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@dataclass
class Options:
    concurrency: int = 32
    per_host: int = 2
    interval: float = 0.0
    """Minimum seconds between the starts of two requests to one host."""
    timeout: float = 10.0
    """Seconds for connecting and for each read."""
    deadline: float | None = None
    """Seconds for a whole exchange, redirects included; default three timeouts."""
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    max_redirects: int = 10
    user_agent: str = BROWSER_USER_AGENT
    allow_private: bool = False
    private_allow: tuple[str, ...] = ()
    """Private hosts, addresses or networks (CIDR) that may be checked anyway."""
    exclude: tuple[re.Pattern[str], ...] = ()
    accept: dict[str, frozenset[int]] = field(default_factory=dict)
    """Per host: HTTP statuses that count as working (a site known to answer 403)."""
    host_limits: dict[str, int] = field(default_factory=dict)
    rate_limit_wait: float = 60.0
    """Longest wait for an API's rate limit to lift; a longer one is reported blocked."""
    remap: tuple[tuple[str, str], ...] = ()
    """(prefix, replacement): requests for URLs under a prefix go to the replacement
    (a local fake in tests and benchmarks)."""
    site: dict[str, Any] = field(default_factory=sites.defaults)
    """The sites' declared settings, by run-wide name (``github_api``, ``gitlab_hosts``)."""

    @property
    def exchange_deadline(self) -> float:
        return self.deadline if self.deadline is not None else 3 * self.timeout

    def limit_for(self, host: str) -> int:
        return self.host_limits.get(host, self.per_host)


_SCALARS = {
    "timeout": float,
    "interval": float,
    "per_host": int,
    "retries": int,
    "user_agent": str,
}
TRUSTED = frozenset({"allow_private", "private_allow", "remap"})
"""Core settings that decide where requests go: on a pull request, read them from
the base branch only. Sites' own are marked ``trusted`` where they declare them."""


def trusted() -> frozenset[str]:
    """Every setting a pull request must not be able to change."""
    return TRUSTED | {key for key, s in sites.declared().items() if s.trusted}


def from_index(index: dict[str, Any]) -> Options:
    """Options with the list's ``link_check`` block applied (already schema-checked)."""
    block = index.get("link_check") or {}
    options = Options()
    for key, kind in _SCALARS.items():
        if key in block:
            setattr(options, key, kind(block[key]))
    try:
        options.exclude = tuple(re.compile(p) for p in block.get("exclude", []))
    except re.error as exc:
        raise CouldNotRun(
            f"index.yaml link_check.exclude: bad pattern {exc.pattern!r}: {exc}"
        ) from exc
    options.accept = {h: frozenset(codes) for h, codes in block.get("accept", {}).items()}
    options.host_limits = dict(block.get("host_limits", {}))
    options.private_allow = tuple(block.get("private_allow", []))
    for key, setting in sites.declared().items():
        if key in block:
            value = block[key]
            options.site[key] = tuple(value) if isinstance(setting.default, tuple) else value
    return options

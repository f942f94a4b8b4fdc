"""``--remap FROM TO``: send requests for URLs under one prefix to another.

For tests and benchmarks that stand a local fake in for github.com or an API.
URLs keep their own spelling everywhere a person sees them: a request goes to
the remapped address, and the addresses an answer names (redirects) are
mapped back. It decides where requests go, so it is a trusted setting.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Remap:
    pairs: tuple[tuple[str, str], ...] = ()

    def to(self, url: str) -> str:
        for source, target in self.pairs:
            if url.startswith(source):
                return target + url[len(source) :]
        return url

    def back(self, url: str) -> str:
        for source, target in self.pairs:
            if url.startswith(target):
                return source + url[len(target) :]
        return url

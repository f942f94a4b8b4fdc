"""A host that asks for a long wait (429 with a long Retry-After) is left alone."""

from __future__ import annotations

import uuid

import pytest

from listsmith.links import engine
from listsmith.links.checker import Checker
from listsmith.links.config import Options
from listsmith.links.guard import Guard
from listsmith.links.status import Status

from . import linkserver
from .linkserver import HOSTS, STATE


@pytest.fixture(scope="module")
def server():
    server = linkserver.start(HOSTS[3])
    yield f"http://{HOSTS[3]}:{server.server_address[1]}"
    server.shutdown()


def test_a_long_retry_after_is_blocked_at_once_and_the_host_left_alone(server) -> None:
    key = uuid.uuid4().hex[:8]
    first = f"{server}/rate-limited?k={key}&times=99&after=3600"
    others = [f"{server}/ok?k={key}{i}" for i in range(3)]
    checker = Checker(Options(allow_private=True, retries=2, max_retry_after=2), Guard(True))
    assert checker.check(first).status is Status.BLOCKED
    assert STATE.hits[f"{HOSTS[3]}/rate-limited?{key}"] == 1  # not tried again after 2 s
    results = []
    engine.run(checker, others, engine.Progress(3, False), results.append, sites=[])
    assert {r.status for r in results} == {Status.BLOCKED}
    assert all("asked for" in r.reason for r in results)
    assert sum(STATE.hits[f"{HOSTS[3]}/ok?{key}{i}"] for i in range(3)) == 0


def test_a_short_retry_after_pauses_the_host_then_goes_on(server) -> None:
    key = uuid.uuid4().hex[:8]
    limited = f"{server}/rate-limited?k={key}&times=1&after=1"
    checker = Checker(Options(allow_private=True, retries=1, max_retry_after=2), Guard(True))
    assert checker.check(limited).status is Status.OK
    assert checker.transport.gate.refusing(HOSTS[3]) is None

"""The order checks start in: host by host, within each host's room, and every worker stops."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from listsmith.links.turns import Turns

T = TypeVar("T")


def _run(scenario: Coroutine[Any, Any, T]) -> T:
    """A scenario's result; a worker that never stops fails it instead of hanging the run."""
    return asyncio.run(asyncio.wait_for(scenario, 10))


def _urls(hosts: int, each: int) -> list[tuple[str, str]]:
    return [(f"http://h{h}.test/{i}", f"h{h}/{i}") for i in range(each) for h in range(hosts)][::-1]


def test_hosts_take_turns_and_each_keeps_its_own_order() -> None:
    async def scenario() -> list[str]:
        turns: Turns[str] = Turns(lambda host: 10)
        turns.add(sorted(_urls(3, 3)))  # host by host: h0's three, then h1's, then h2's
        turns.close()
        taken = []
        while (next_one := await turns.take()) is not None:
            taken.append(next_one[1])
            turns.done(next_one[0])
        return taken

    taken = _run(scenario())
    assert taken[:3] == ["h0/0", "h1/0", "h2/0"]  # spread over the hosts first
    assert [t for t in taken if t.startswith("h1/")] == ["h1/0", "h1/1", "h1/2"]
    assert len(taken) == 9


def test_no_host_has_more_checks_under_way_than_its_room() -> None:
    async def scenario() -> dict[str, int]:
        turns: Turns[str] = Turns(lambda host: 1 if host == "h0.test" else 3)
        turns.add(_urls(4, 6))
        turns.close()
        now: dict[str, int] = {}
        most: dict[str, int] = {}

        async def worker() -> None:
            while (taken := await turns.take()) is not None:
                host = taken[0]
                now[host] = now.get(host, 0) + 1
                most[host] = max(most.get(host, 0), now[host])
                await asyncio.sleep(0.001)
                now[host] -= 1
                turns.done(host)

        await asyncio.gather(*(worker() for _ in range(12)))
        return most

    most = _run(scenario())
    assert most["h0.test"] == 1
    assert max(most.values()) == 3


def test_a_slow_host_does_not_hold_up_the_others() -> None:
    """Every worker could be waiting on the slow host's next turn; none is: the fast
    hosts' checks all end while the slow host's first two still run."""

    async def scenario() -> list[str]:
        turns: Turns[str] = Turns(lambda host: 2)
        turns.add([(f"http://slow.test/{i}", f"slow/{i}") for i in range(20)])
        turns.add(_urls(5, 10))
        turns.close()
        ended: list[str] = []

        async def worker() -> None:
            while (taken := await turns.take()) is not None:
                host, item = taken
                await asyncio.sleep(0.2 if host == "slow.test" else 0.001)
                ended.append(item)
                turns.done(host)

        await asyncio.gather(*(worker() for _ in range(8)))
        return ended

    ended = _run(scenario())
    first_slow = next(i for i, item in enumerate(ended) if item.startswith("slow/"))
    assert first_slow == 50  # all 50 fast checks ended before the first slow one
    assert len(ended) == 70


def test_idle_workers_stop_when_the_last_check_is_taken() -> None:
    """Workers that went idle while a full host still had checks waiting are told when
    that host's last check is taken after the queue closed (they used to wait forever)."""

    async def scenario() -> int:
        turns: Turns[str] = Turns(lambda host: 1)
        turns.add([(f"http://one.test/{i}", str(i)) for i in range(3)])
        turns.close()
        count = 0

        async def worker() -> None:
            nonlocal count
            while (taken := await turns.take()) is not None:
                await asyncio.sleep(0.001)
                count += 1
                turns.done(taken[0])

        await asyncio.gather(*(worker() for _ in range(4)))
        return count

    assert _run(scenario()) == 3


def test_checks_added_later_are_taken_and_workers_wait_for_them() -> None:
    async def scenario() -> list[str]:
        turns: Turns[str] = Turns(lambda host: 2)
        taken: list[str] = []

        async def worker() -> None:
            while (next_one := await turns.take()) is not None:
                taken.append(next_one[1])
                turns.done(next_one[0])

        async def later() -> None:
            await asyncio.sleep(0.01)  # the workers are idle by now
            turns.add([("http://a.test/1", "a1"), ("https://[bad/", "bad")])
            await asyncio.sleep(0.01)
            turns.close()

        await asyncio.gather(later(), worker(), worker())
        return taken

    assert sorted(_run(scenario())) == ["a1", "bad"]  # a URL with no host is queued too


def test_checks_added_to_idle_workers_run_side_by_side() -> None:
    """A site batch's leftovers arrive while the workers are idle (another batch still runs):
    one worker was woken a host, and a host put back in turn woke none, so the fast host's
    checks waited behind the slow host's (a reviewer's probe)."""

    async def scenario() -> list[str]:
        turns: Turns[str] = Turns(lambda host: 2)
        ended: list[str] = []

        async def worker() -> None:
            while (taken := await turns.take()) is not None:
                host, item = taken
                await asyncio.sleep(0.3 if host == "slow.test" else 0.001)
                ended.append(item)
                turns.done(host)

        async def leftovers() -> None:
            await asyncio.sleep(0.01)  # the workers are idle by now
            slow = [(f"http://slow.test/{i}", f"slow/{i}") for i in range(2)]
            turns.add(slow + [(f"http://fast.test/{i}", f"fast/{i}") for i in range(8)])
            await asyncio.sleep(0.5)  # another batch still runs
            turns.close()

        await asyncio.gather(leftovers(), *(worker() for _ in range(8)))
        return ended

    ended = _run(scenario())
    assert ended[:8] == [f"fast/{i}" for i in range(8)]  # all before the slow ones end
    assert sorted(ended[8:]) == ["slow/0", "slow/1"]

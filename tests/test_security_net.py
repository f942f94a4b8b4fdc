"""The private-address guard holds where the connection is made (issue #19, case 1).

Each test runs real servers on 127.0.0.0/8 and a check that may not reach them;
"refused" means the listening socket never accepted a connection, not only that
the report says so. These run on the lowest dependency versions too (``.ci/floors``).
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator

import pytest

from listsmith.links.checker import Checker
from listsmith.links.config import Options
from listsmith.links.guard import Guard
from listsmith.links.status import Status

from . import linkserver
from .linkserver import HOSTS
from .rawserver import RawServer


class Listener(RawServer):
    """A TCP port on 127.0.0.1 that counts the connections it accepts, and answers
    each with a 200 (so a check that got through would say "works")."""

    def serve(self, conn: socket.socket, number: int) -> None:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


@pytest.fixture
def listener() -> Iterator[Listener]:
    one = Listener()
    yield one
    one.close()


@pytest.fixture(scope="module")
def redirector() -> Iterator[linkserver.Server]:
    server = linkserver.start(HOSTS[0])
    yield server
    server.shutdown()


def check(target: str, **changes: object) -> object:
    options = Options(timeout=2.0, retries=0, allow_private=False)
    for name, value in changes.items():
        setattr(options, name, value)
    return Checker(options, Guard(options.allow_private, options.private_allow)).check(target)


DISGUISED = (
    "127.0.0.1",  # the plain address: libcurl connects to it without a lookup
    "\uff11\uff12\uff17.\uff10.\uff10.\uff11",  # fullwidth digits and dots
    "127\u30020\u30020\u30021",  # ideographic full stops
    "\u2460\u2461\u2466.0.0.1",  # circled digits
    "127\uff0e0\uff0e0\uff0e1",  # fullwidth full stops
    "2130706433",  # one number
    "127.1",  # the short form
    "0x7f.0.0.1",  # hexadecimal
)


def test_the_listener_is_reachable_when_private_addresses_are_allowed(listener) -> None:
    """The control: without the guard, each test's server would have been reached."""
    result = check(f"http://127.0.0.1:{listener.port}/", allow_private=True)
    assert result.status is Status.OK and listener.connections == 1


@pytest.mark.parametrize("host", DISGUISED)
def test_a_disguised_loopback_address_is_never_contacted(listener, host: str) -> None:
    result = check(f"http://{host}:{listener.port}/")
    assert listener.connections == 0
    assert result.status not in (Status.OK, Status.REDIRECTED), result


@pytest.mark.parametrize("host", DISGUISED)
def test_a_redirect_to_a_disguised_loopback_address_is_never_followed(
    listener, redirector, host: str
) -> None:
    to = f"http://{host}:{listener.port}/"
    first = f"http://{HOSTS[0]}:{redirector.server_address[1]}/redirect-to"
    result = check(f"{first}?k={uuid.uuid4().hex[:8]}&to={to}", private_allow=(HOSTS[0],))
    assert listener.connections == 0
    assert result.status not in (Status.OK, Status.REDIRECTED), result


def test_a_host_written_as_another_is_refused_before_any_lookup() -> None:
    """Not only addresses: a fullwidth name is reported as the name it stands for."""
    lookups: list[str] = []

    def lookup(host: str, port: int, type: int) -> list:
        lookups.append(host)
        raise OSError("no lookups here")

    options = Options(timeout=2.0, retries=0, allow_private=False)
    guard = Guard(False, lookup=lookup)
    result = Checker(options, guard).check(
        "https://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org/"
    )
    assert result.status is Status.SKIPPED and "'example.org'" in result.reason
    assert lookups == []


@pytest.mark.parametrize(
    "url",
    [
        "https://\uff11\uff16\uff19.\uff12\uff15\uff14.\uff11\uff16\uff19.\uff12\uff15\uff14/latest/meta-data/",
        "https://169\u3002254\u3002169\u3002254/latest/meta-data/",
        "https://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org/",
    ],
)
def test_check_refuses_a_host_written_as_another(make_list, run, url: str) -> None:
    lst = make_list()
    lst.entry("books/one.yaml")
    lst.entry("books/meta.yaml", url=url)
    result = run("check", "--root", str(lst.root), "--no-sync")
    assert result.code == 1
    assert "resources/books/meta.yaml:2:" in result.out and "[url-valid]" in result.out
    assert "is contacted as" in result.out


def test_check_accepts_an_international_name(make_list, run) -> None:
    lst = make_list()
    lst.entry("books/one.yaml", url="https://b\u00fccher.example/")
    result = run("check", "--root", str(lst.root), "--no-sync")
    assert "[url-valid]" not in result.out


def test_an_allowed_name_opens_no_door_to_its_address_written_as_the_host(listener) -> None:
    """Bug (found in review): a name in ``private_allow`` made its private addresses
    trusted, and a URL naming that address itself was refused once, then, the lookup
    being known, connected on any port the second time."""

    def lookup(host: str, port: int, type: int) -> list:
        address = "127.0.0.1" if host == "intranet.test" else host  # an address: itself
        return [(socket.AF_INET, type, 6, "", (address, port))]

    options = Options(timeout=2.0, retries=0, allow_private=False)
    checker = Checker(options, Guard(False, ("intranet.test",), lookup=lookup))
    assert checker.check(f"http://intranet.test:{listener.port}/").status is Status.OK
    for _ in range(2):
        result = checker.check(f"http://127.0.0.1:{listener.port}/admin")
        assert result.status is Status.SKIPPED, result
    assert listener.connections == 1  # the allowed name's request only


def test_an_international_name_is_looked_up_as_browsers_write_it(listener) -> None:
    """IDNA 2008 with UTS 46: faß.de is xn--fa-hia.de, a domain of its own; Python's
    IDNA 2003 codec would send the check to fass.de, someone else's."""
    looked_up: list[str] = []

    def lookup(host: str, port: int, type: int) -> list:
        looked_up.append(host)
        return [(socket.AF_INET, type, 6, "", ("127.0.0.1", port))]

    options = Options(timeout=2.0, retries=0, allow_private=True)
    result = Checker(options, Guard(True, lookup=lookup)).check(f"http://faß.de:{listener.port}/")
    assert result.status is Status.OK and looked_up == ["xn--fa-hia.de"]

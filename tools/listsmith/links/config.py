"""Link-check options: defaults, then listsmith.yaml's ``links`` block, then the command line.

Each setting is declared once, as a field of :class:`Options` made by
:func:`setting` from a :class:`~listsmith.settings.Option` (the sites declare
theirs as Options too): the field's default, listsmith.yaml's line-by-line
check, ``schema.json`` and the command-line flag with its help all read that
one declaration. Settings that decide where requests go
(``private_allow``, ``remap``, the APIs' addresses) or what a link is judged by
(``exclude``, ``accept``) are ``trusted``: with ``--base`` a pull request can't
change them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from listsmith import __version__
from listsmith.problems import Level, Problem
from listsmith.project import CouldNotRun, Project
from listsmith.settings import Option, check_block

USER_AGENT = f"listsmith/{__version__} (+https://pypi.org/project/listsmith/)"
"""Who is asking and where to read about it, as lychee and the W3C link checker send:
a site can tell a link check from a scraper, and an outdated browser string is what
bot filters block first."""
WAYBACK_API = "https://archive.org/wayback/available"
WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"
ANCHORS = ("report", "fail", "ignore")
FIX_BROKEN = ("replace", "link")


def _hosts_to_codes(value: Any) -> str | None:
    if all(
        isinstance(h, str)
        and isinstance(codes, list)
        and all(type(c) is int and 100 <= c <= 999 for c in codes)
        for h, codes in value.items()
    ):
        return None
    return "must map host names to lists of HTTP statuses (100-999)"


def _hosts_to_limits(value: Any) -> str | None:
    if all(isinstance(h, str) and type(n) is int and 1 <= n <= 64 for h, n in value.items()):
        return None
    return "must map host names to a number of requests in flight (1-64)"


def _patterns(value: Any) -> str | None:
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"holds a bad pattern {pattern!r}: {exc}"
    return None


def _label(value: Any) -> str | None:
    """What the schema asks of a secondary link's label, so a fix never writes a bad one."""
    if 1 <= len(value) <= 60 and value.strip() == value and value.isprintable():
        return None
    return "must be 1 to 60 printable characters, without leading or trailing spaces"


def _http_url(value: Any) -> str | None:
    return None if re.fullmatch(r"https?://[^\s/?#]+[^\s#]*", value) else "must be an http(s) URL"


def _pairs(value: Any) -> str | None:
    if all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in value
    ):
        return None
    return "must be a list of [from, to] URL prefix pairs"


def _frozen(value: Any) -> Any:
    """A settings value as the run keeps it: a list becomes a tuple (options are shared
    by concurrent checks and never change during a run)."""
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class Flag:
    """A setting the command line also takes, as ``--name-with-dashes METAVAR``.

    A tuple metavar takes that many values and may be repeated (``--remap FROM TO``);
    the flag then replaces listsmith.yaml's list instead of adding to it.
    """

    metavar: str | tuple[str, ...]


_OPTION, _FLAG, _CONVERT = "option", "flag", "convert"


def setting(
    option: Option,
    flag: Flag | None = None,
    convert: Callable[[Any], Any] = _frozen,
) -> Any:
    """A field of :class:`Options` declared by its setting: the field's default, the
    ``links`` block's check, schema.json, the command-line flag and its help all come
    from ``option``. ``convert`` turns a checked settings value into the field's value;
    ``flag=None`` means listsmith.yaml only."""
    default = convert(option.default)
    meta = {_OPTION: option, _FLAG: flag, _CONVERT: convert}
    if isinstance(default, (dict, list, set)):
        return field(default_factory=lambda: convert(option.default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class Options:
    """What a link check runs with. The fields made with :func:`setting` are
    listsmith.yaml's ``links`` block, in the order schema.json lists them; the
    others are fixed policy that tests and benchmarks may change."""

    concurrency: int = setting(
        Option(32, (int,), "Requests in flight at once.", minimum=1, maximum=1024), Flag("N")
    )
    per_host: int = setting(
        Option(2, (int,), "Requests in flight per host.", minimum=1, maximum=64), Flag("N")
    )
    interval: float = setting(
        Option(
            0.0,
            (int, float),
            "Minimum seconds between the starts of two requests to one host.",
            minimum=0,
        ),
        Flag("S"),
    )
    timeout: float = setting(
        Option(
            10.0,
            (int, float),
            "Seconds to connect, and for a read to stall (libcurl counts a stall in whole "
            "seconds); a whole exchange may take three times as long.",
            minimum=0.001,
        ),
        Flag("S"),
    )
    retries: int = setting(
        Option(
            2,
            (int,),
            "Retries for timeouts, connection errors, 429 and 5xx answers.",
            minimum=0,
            maximum=10,
        ),
        Flag("N"),
    )
    user_agent: str = setting(Option(USER_AGENT, (str,), "The User-Agent header sent."), Flag("UA"))
    rate_limit_wait: float = setting(
        Option(
            60.0,
            (int, float),
            "Longest wait, in seconds, for an API's rate limit to lift before its links are "
            "reported blocked.",
            minimum=0,
        ),
        Flag("S"),
        convert=float,
    )
    exclude: tuple[re.Pattern[str], ...] = setting(
        Option(
            [],
            (list,),
            "Regular expressions (Python syntax); a URL matching any is not checked and "
            "reported as skipped.",
            items=str,
            check=_patterns,
            example=["^https://www\\.amazon\\.com/"],
            trusted=True,  # what is never checked: a pull request can't hide its own links
        ),
        convert=lambda patterns: tuple(re.compile(p) for p in patterns),
    )
    accept: Mapping[str, frozenset[int]] = setting(
        Option(
            {},
            (dict,),
            "Per host, HTTP statuses that count as working, for a site known to refuse "
            "checkers with a status that would otherwise be reported.",
            check=_hosts_to_codes,
            example={"www.oreilly.com": [403]},
            trusted=True,  # what counts as working: a pull request can't pass its own links
        ),
        convert=lambda hosts: {host: frozenset(codes) for host, codes in hosts.items()},
    )
    host_limits: Mapping[str, int] = setting(
        Option(
            {},
            (dict,),
            "Per host, requests in flight at once instead of per_host.",
            check=_hosts_to_limits,
            example={"github.com": 1},
        ),
        convert=dict,
    )
    private_allow: tuple[str, ...] = setting(
        Option(
            [],
            (list,),
            "Hosts, addresses or networks (CIDR) on private addresses that may be checked anyway.",
            items=str,
            trusted=True,
            example=["intranet.example.org", "10.1.0.0/16"],
        )
    )
    soft_404: bool = setting(
        Option(
            True,
            (bool,),
            "Read the top of each page (a GET instead of a HEAD, at most 64 KiB) and report "
            "one that answers 200 but whose title or main heading says it does not exist as "
            "broken (a soft 404), once the site answers an address that can't exist the same "
            "way.",
        )
    )
    anchors: str = setting(
        Option(
            "report",
            (str,),
            "What a URL's #anchor missing from its page is: report (the status "
            "missing-anchor; the run still passes), fail (rot, like a broken link, after "
            "--fail-after runs) or ignore (fragments are not looked for).",
            choices=ANCHORS,
        )
    )
    fix_broken: str = setting(
        Option(
            "replace",
            (str,),
            "How `listsmith links --fix` repairs a dead link whose Wayback Machine snapshot "
            "works: replace (the URL becomes the snapshot, the old one is kept in "
            "original_url) or link (the snapshot is added as a secondary link labelled "
            "archive_label; the URL stays).",
            choices=FIX_BROKEN,
        )
    )
    archive_label: str = setting(
        Option(
            "archived copy",
            (str,),
            "The label of the secondary link an archived copy gets (fix_broken: link).",
            check=_label,
        )
    )
    wayback_api: str = setting(
        Option(
            WAYBACK_API,
            (str,),
            "The Wayback Machine's availability API, asked for a dead link's snapshot when "
            "the CDX API lists none.",
            trusted=True,
            check=_http_url,
        )
    )
    wayback_cdx: str = setting(
        Option(
            WAYBACK_CDX,
            (str,),
            "The Wayback Machine's CDX API, asked for a dead link's captures before it died.",
            trusted=True,
            check=_http_url,
        )
    )
    remap: tuple[tuple[str, str], ...] = setting(
        Option(
            [],
            (list,),
            "[from, to] URL prefixes: requests for URLs under from go to to instead (a local "
            "mirror or fake); reports still name the original URL.",
            trusted=True,
            check=_pairs,
            example=[["https://github.com/", "http://127.0.0.1:8080/"]],
        ),
        Flag(("FROM", "TO")),
        convert=lambda pairs: tuple((a, b) for a, b in pairs),
    )
    site: dict[str, Any] = field(
        default_factory=lambda: {k: _frozen(o.default) for k, o in _site_options().items()}
    )
    """The sites' declared settings, by run-wide name (``github_api``, ``gitlab_hosts``)."""
    deadline: float | None = None
    """Seconds an exchange may spend on the wire, its redirects' hops together (waiting
    for a place in the gate or for a name lookup is not counted); default three timeouts."""
    backoff: float = 0.5
    max_retry_after: float = 30.0
    max_redirects: int = 10
    allow_private: bool = False
    """Set by ``--allow-private`` alone: a list's settings never open private addresses."""

    @property
    def exchange_deadline(self) -> float:
        return self.deadline if self.deadline is not None else 3 * self.timeout

    def limit_for(self, host: str) -> int:
        return self.host_limits.get(host, self.per_host)


_SETTINGS = tuple(f for f in fields(Options) if _OPTION in f.metadata)
OPTIONS: dict[str, Option] = {f.name: f.metadata[_OPTION] for f in _SETTINGS}
"""listsmith.yaml's ``links`` settings, as the fields of Options declare them."""
FLAGS: dict[str, Flag] = {f.name: f.metadata[_FLAG] for f in _SETTINGS if f.metadata[_FLAG]}
"""The settings the command line may override, each as ``--name-with-dashes``."""


def value_of(name: str, given: Any) -> Any:
    """A checked value of the setting ``name`` as its field of Options holds it."""
    return next(f for f in _SETTINGS if f.name == name).metadata[_CONVERT](given)


def settings_only() -> list[str]:
    """The ``links`` settings no flag overrides, the sites' aside (none has a flag):
    listsmith.yaml only."""
    return [name for name in OPTIONS if name not in FLAGS]


def _site_options() -> dict[str, Option]:
    """The sites' settings, imported when a run or the schema needs them: every command
    builds the ``links`` flags from this module, and the site checks take ~40 ms to load."""
    from listsmith.links import sites

    return sites.declared()


def declared() -> dict[str, Option]:
    """Every link-check setting of listsmith.yaml's ``links`` block, the sites' included."""
    return {**OPTIONS, **_site_options()}


def check(project: Project) -> tuple[Options, list[Problem]]:
    """Options from listsmith.yaml's ``links`` block, and what is wrong with it."""
    config = project.config
    values, problems = check_block(config, ("links",), declared(), config.data.get("links"))
    options = Options()
    for name in OPTIONS:
        setattr(options, name, value_of(name, values[name]))
    for key in _site_options():
        options.site[key] = _frozen(values[key])
    return options, problems


def from_project(project: Project) -> Options:
    """The options a link check runs with; a mistake in the settings stops the run."""
    options, problems = check(project)
    errors = [p for p in problems if p.level is Level.ERROR]
    if errors:
        first = errors[0]
        raise CouldNotRun(
            f"{first.path}:{first.line}:{first.col}: {first.message} "
            f"({len(errors)} problem(s) in the links settings; `listsmith validate` lists them)"
        )
    return options

"""Link-check options: defaults, then listsmith.yaml's ``links`` block, then the command line.

Each setting is declared here (the sites declare theirs) as a
:class:`~listsmith.settings.Option`, so listsmith.yaml is checked line by line
and ``schema.json`` describes it. Settings that decide where requests go
(``private_allow``, ``remap``, the APIs' addresses) or what a link is judged by
(``exclude``, ``accept``) are ``trusted``: with ``--base`` a pull request can't
change them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from listsmith import __version__
from listsmith.links import sites
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
    user_agent: str = USER_AGENT
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
    soft_404: bool = True
    """Read the top of each page (GET, not HEAD) to catch pages that say they don't exist."""
    anchors: str = "report"
    """What a missing #anchor is: report, fail (rot, like a broken link) or ignore."""
    fix_broken: str = "replace"
    """How --fix repairs a dead link with an archived copy: replace the URL, or link the copy."""
    archive_label: str = "archived copy"
    wayback_api: str = WAYBACK_API
    wayback_cdx: str = WAYBACK_CDX

    @property
    def exchange_deadline(self) -> float:
        return self.deadline if self.deadline is not None else 3 * self.timeout

    def limit_for(self, host: str) -> int:
        return self.host_limits.get(host, self.per_host)


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


OPTIONS: dict[str, Option] = {
    "concurrency": Option(32, (int,), "Requests in flight at once.", minimum=1, maximum=1024),
    "per_host": Option(2, (int,), "Requests in flight per host.", minimum=1, maximum=64),
    "interval": Option(
        0.0,
        (int, float),
        "Minimum seconds between the starts of two requests to one host.",
        minimum=0,
    ),
    "timeout": Option(
        10.0,
        (int, float),
        "Seconds to connect and for each read; a whole exchange may take three times as long.",
        minimum=0.001,
    ),
    "retries": Option(
        2,
        (int,),
        "Retries for timeouts, connection errors, 429 and 5xx answers.",
        minimum=0,
        maximum=10,
    ),
    "user_agent": Option(USER_AGENT, (str,), "The User-Agent header sent."),
    "rate_limit_wait": Option(
        60.0,
        (int, float),
        "Longest wait, in seconds, for an API's rate limit to lift before its links are "
        "reported blocked.",
        minimum=0,
    ),
    "exclude": Option(
        [],
        (list,),
        "Regular expressions (Python syntax); a URL matching any is not checked and reported "
        "as skipped.",
        items=str,
        check=_patterns,
        example=["^https://www\\.amazon\\.com/"],
        trusted=True,  # what is never checked: a pull request can't hide its own links
    ),
    "accept": Option(
        {},
        (dict,),
        "Per host, HTTP statuses that count as working, for a site known to refuse checkers "
        "with a status that would otherwise be reported.",
        check=_hosts_to_codes,
        example={"www.oreilly.com": [403]},
        trusted=True,  # what counts as working: a pull request can't pass its own links
    ),
    "host_limits": Option(
        {},
        (dict,),
        "Per host, requests in flight at once instead of per_host.",
        check=_hosts_to_limits,
        example={"github.com": 1},
    ),
    "private_allow": Option(
        [],
        (list,),
        "Hosts, addresses or networks (CIDR) on private addresses that may be checked anyway.",
        items=str,
        trusted=True,
        example=["intranet.example.org", "10.1.0.0/16"],
    ),
    "soft_404": Option(
        True,
        (bool,),
        "Read the top of each page (a GET instead of a HEAD, at most 64 KiB) and report one "
        "that answers 200 but whose title or main heading says it does not exist as broken "
        "(a soft 404), once the site answers an address that can't exist the same way.",
    ),
    "anchors": Option(
        "report",
        (str,),
        "What a URL's #anchor missing from its page is: report (the status missing-anchor; "
        "the run still passes), fail (rot, like a broken link, after --fail-after runs) or "
        "ignore (fragments are not looked for).",
        choices=ANCHORS,
    ),
    "fix_broken": Option(
        "replace",
        (str,),
        "How `listsmith links --fix` repairs a dead link whose Wayback Machine snapshot works: "
        "replace (the URL becomes the snapshot, the old one is kept in original_url) or link "
        "(the snapshot is added as a secondary link labelled archive_label; the URL stays).",
        choices=FIX_BROKEN,
    ),
    "archive_label": Option(
        "archived copy",
        (str,),
        "The label of the secondary link an archived copy gets (fix_broken: link).",
        check=_label,
    ),
    "wayback_api": Option(
        WAYBACK_API,
        (str,),
        "The Wayback Machine's availability API, asked for a dead link's snapshot when "
        "the CDX API lists none.",
        trusted=True,
        check=_http_url,
    ),
    "wayback_cdx": Option(
        WAYBACK_CDX,
        (str,),
        "The Wayback Machine's CDX API, asked for a dead link's captures before it died.",
        trusted=True,
        check=_http_url,
    ),
    "remap": Option(
        [],
        (list,),
        "[from, to] URL prefixes: requests for URLs under from go to to instead (a local "
        "mirror or fake); reports still name the original URL.",
        trusted=True,
        check=_pairs,
        example=[["https://github.com/", "http://127.0.0.1:8080/"]],
    ),
}


def _site_option(setting: sites.Setting) -> Option:
    """A site's declared setting as an option listsmith.yaml checks like any other."""
    default = setting.default
    if isinstance(default, tuple):
        return Option(
            list(default), (list,), setting.description, items=str, trusted=setting.trusted
        )
    kind = (
        (int,) if isinstance(default, int) and not isinstance(default, bool) else (type(default),)
    )
    return Option(default, kind, setting.description, trusted=setting.trusted)


def declared() -> dict[str, Option]:
    """Every link-check setting of listsmith.yaml's ``links`` block, the sites' included."""
    return {**OPTIONS, **{key: _site_option(s) for key, s in sites.declared().items()}}


def check(project: Project) -> tuple[Options, list[Problem]]:
    """Options from listsmith.yaml's ``links`` block, and what is wrong with it."""
    config = project.config
    values, problems = check_block(config, ("links",), declared(), config.data.get("links"))
    options = Options()
    for key in (
        *("concurrency", "per_host", "interval", "timeout", "retries", "user_agent"),
        *("soft_404", "anchors", "fix_broken", "archive_label", "wayback_api", "wayback_cdx"),
    ):
        setattr(options, key, values[key])
    options.rate_limit_wait = float(values["rate_limit_wait"])
    options.exclude = tuple(re.compile(p) for p in values["exclude"])
    options.accept = {host: frozenset(codes) for host, codes in values["accept"].items()}
    options.host_limits = dict(values["host_limits"])
    options.private_allow = tuple(values["private_allow"])
    options.remap = tuple((a, b) for a, b in values["remap"])
    for key, setting in sites.declared().items():
        value = values[key]
        options.site[key] = tuple(value) if isinstance(setting.default, tuple) else value
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

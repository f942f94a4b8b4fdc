"""Every problem id listsmith reports, declared once: its level, what it blocks, who sets it.

The id is what a problem's ``[rule]`` shows. Rules declare theirs in their own
modules (:mod:`listsmith.rules.base`); the ids of reading files, of the
schema, of the settings, of generated files out of date and of link checks
are declared here. From this registry come which errors keep ``render`` from
writing (:func:`blocking`) and the table of ids in CONTRIBUTING.md
(:func:`table`); a test fails when the code reports an id it doesn't hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from listsmith import rules, yamldoc
from listsmith.links.status import Status
from listsmith.problems import Level, Problem
from listsmith.project import INDEX_MAX_BYTES
from listsmith.targets import TARGETS
from listsmith.trust import TRUST_RULE


@dataclass(frozen=True)
class ProblemId:
    """One id and what every problem carrying it shares."""

    id: str
    level: Level
    """The level it is reported at unless listsmith.yaml says otherwise."""
    blocking: bool
    """An error keeps ``render`` from writing: the README could not show the list faithfully."""
    configurable: bool
    """listsmith.yaml's ``rules`` block may turn it off or change its level."""
    asks: str
    """What it asks of the list, in one line of Markdown (CONTRIBUTING's table)."""
    options: tuple[tuple[str, Any], ...] = ()
    """A rule's own options (``level`` aside) and their defaults, from its declaration."""


def _reading(id_: str, asks: str) -> ProblemId:
    """A problem found before any rule runs: the file can't be taken as data at all."""
    return ProblemId(id_, Level.ERROR, blocking=True, configurable=False, asks=asks)


_KIB = 1024
_READING = (
    _reading("missing", "A file the list is made of is there (`resources/index.yaml` above all)."),
    _reading("unreadable", "Every file of the list can be opened and read."),
    _reading(
        "file-size",
        f"A file is at most {yamldoc.MAX_BYTES // _KIB} KiB "
        f"({INDEX_MAX_BYTES // _KIB // _KIB} MiB for `index.yaml` and `listsmith.yaml`).",
    ),
    _reading("encoding", "A file is UTF-8 text."),
    _reading("syntax", "A file is YAML, nested at most a few levels deep, with plain keys."),
    _reading("empty", "A file holds something: an entry is a mapping of fields."),
    _reading("not-a-mapping", "A file holds one mapping of fields, not a list or a lone value."),
    _reading("duplicate-key", "No key appears twice in one mapping."),
    _reading("anchor", "No anchors, aliases or merge keys (`&x`, `*x`, `<<`): data is plain."),
    _reading("tag", "No explicit tags (`!!str`, `!python/...`): data is plain."),
    _reading(
        "characters",
        "Text holds no invisible characters that change how it reads, and one-line fields "
        "hold no line break.",
    ),
    _reading("schema", "The fields above, with the right types and allowed values."),
    _reading(
        "config",
        "`listsmith.yaml` names only known rules, targets and options, with values they accept.",
    ),
)


def _reported(id_: str, level: Level, asks: str) -> ProblemId:
    """A problem about something beside the rules' data checks (a setting's trust, a
    generated file, a link, an import): it never blocks render and listsmith.yaml's
    ``rules`` block doesn't configure it."""
    return ProblemId(id_, level, blocking=False, configurable=False, asks=asks)


_TRUST = _reported(
    TRUST_RULE,
    Level.WARNING,
    "A pull request that changes a setting deciding trust runs with the base branch's "
    "value (`--base`); the warning says the change waits for a maintainer's merge.",
)


def _rule(rule_id: str) -> ProblemId:
    rule = rules.RULES[rule_id]
    options = tuple((name, option.default) for name, option in getattr(rule, "OPTIONS", {}).items())
    return ProblemId(
        rule_id,
        rule.LEVEL,
        rules.is_blocking(rule),
        rules.is_configurable(rule),
        rule.ASKS,
        options,
    )


def _sync() -> list[ProblemId]:
    """``render --check`` and ``check``: a generated file differs from what the data gives."""
    return [
        *(
            _reported(
                f"{name}-sync",
                Level.ERROR,
                f"`{target.PATH}` is what the data renders (`listsmith render` writes it).",
            )
            for name, target in TARGETS.items()
        ),
        _reported(
            "docs-sync",
            Level.ERROR,
            "The generated field table of `CONTRIBUTING.md` matches `schema.json`.",
        ),
    ]


_LINK_ASKS = {
    Status.REDIRECTED: "A link does not go through a permanent redirect (`--fix` writes the "
    "new URL).",
    Status.BROKEN: "A link still leads to its page: rot fails the run.",
    Status.MISSING_ANCHOR: "The `#anchor` of a link is on its page (an error with "
    "`links.anchors: fail`).",
    Status.BLOCKED: "A site that refuses checkers is reported for a person to look at.",
    Status.TIMEOUT: "A link answers in time, after retries.",
    Status.ERROR: "A link answers without a connection, TLS or server error, after retries.",
}
"""``listsmith links`` reports every status but ``ok`` and ``skipped`` as ``link-<status>``."""


def _links() -> list[ProblemId]:
    return [
        *(
            _reported(
                f"link-{status.value}",
                Level.ERROR if status is Status.BROKEN else Level.WARNING,
                asks,
            )
            for status, asks in _LINK_ASKS.items()
        ),
        _reported(
            "link-history",
            Level.WARNING,
            "The link history (`.listsmith/links.json`) can be read; without it, "
            "`duplicate-redirect` has nothing to compare.",
        ),
    ]


_IMPORT = _reported(
    "not-imported",
    Level.WARNING,
    "`listsmith import` carries every URL of the README into an entry or a kept text; "
    "one it could not (a `javascript:` or relative link as an entry) is named with its line.",
)
_ADOPTION = (
    _reported(
        "import-loss",
        Level.ERROR,
        "`listsmith init` keeps every link and image of the README, or names each it would "
        "lose with its line and writes nothing (a warning with `--accept-loss`).",
    ),
    _reported(
        "unwritable",
        Level.ERROR,
        "`listsmith init` can create every file it writes (never through a symlink); when one "
        "fails, it removes what it made and changes nothing.",
    ),
    _reported(
        "baseline",
        Level.WARNING,
        "`listsmith-baseline.json` can be read, and records only findings that still occur "
        "(`listsmith check --update-baseline` drops the fixed ones).",
    ),
)
PROBLEM_IDS: dict[str, ProblemId] = {
    item.id: item
    for item in (
        *_READING,
        _TRUST,
        *map(_rule, rules.RULES),
        *_sync(),
        *_links(),
        _IMPORT,
        *_ADOPTION,
    )
}


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    """Errors that keep ``render`` from writing: the list can't be shown faithfully.

    An id the registry doesn't hold counts as blocking: the safe side for a
    problem nobody has classified.
    """
    return [
        p
        for p in problems
        if p.level is Level.ERROR and (p.rule not in PROBLEM_IDS or PROBLEM_IDS[p.rule].blocking)
    ]


def table() -> str:
    """Every problem id as a Markdown table, for the documentation's Rules page."""
    rows = [
        "| id | level | blocks `render` | configurable | what it asks |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in PROBLEM_IDS.values():
        options = "".join(f" Option `{name}`: {default}." for name, default in item.options)
        rows.append(
            f"| `{item.id}` | {item.level.value} | {'yes' if item.blocking else 'no'} | "
            f"{'yes' if item.configurable else 'no'} | {item.asks}{options} |"
        )
    return "\n".join(rows)

"""One link-check run: select URLs, reuse fresh verdicts, check the rest, remember;
and with ``--fix``, repair what it judged (see ``plan`` and ``fix``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from listsmith import signals
from listsmith.links import collector, history
from listsmith.links.config import Options
from listsmith.links.status import Policy, Result, Source, Status, Verdict
from listsmith.project import CouldNotRun, Entry, Project

if TYPE_CHECKING:
    from listsmith.links.checker import Checker
    from listsmith.links.fix import Outcome
    from listsmith.links.guard import Guard


@dataclass
class Selection:
    """What this run covers and how it remembers."""

    changed_since: str | None = None
    shard: tuple[int, int] | None = None
    history: Path | None = None
    max_age: timedelta = timedelta(days=7)
    progress: bool = False
    signals: bool = False
    """Refresh signals.json: every URL is asked again (no verdict from the history),
    and the repositories' signals are written at the list's root."""


def check_links(project: Project, options: Options, selection: Selection) -> list[Result]:
    """Results for the selected URLs, in the order the list first uses them."""
    sources = collector.collect(project)
    urls = list(sources)
    if selection.changed_since is not None:
        wanted = collector.changed_since(project, selection.changed_since)
        urls = [url for url in urls if url in wanted]
    if selection.shard is not None:
        urls = [url for url in urls if collector.in_shard(url, *selection.shard)]

    records = history.load(selection.history) if selection.history else {}
    at = history.now()
    verdicts: dict[str, Verdict] = {}
    pending = []
    for url in urls:
        record = records.get(url)
        if not selection.signals and history.fresh(record, selection.max_age, at):
            verdicts[url] = history.remembered(url, record)
        else:
            pending.append(url)

    if pending:
        verdicts.update(_check(pending, options, selection))
    for url in pending:
        records[url] = history.update(records.get(url), verdicts[url], at)
    if selection.history:
        history.save(selection.history, records)
    entries = {entry.path: entry for entry in project.entries}
    asked = set(pending)  # a list's `in` made this quadratic: 20 ms at 2,000 URLs
    ordered = [
        _result(verdicts[url], records[url], url not in asked, tuple(sources[url]), entries)
        for url in urls
    ]
    if selection.signals:
        _save_signals(project, list(sources), ordered, at)
    return ordered


def _result(
    verdict: Verdict,
    record: history.Record,
    cached: bool,
    sources: tuple[Source, ...],
    entries: dict[str, Entry],
) -> Result:
    """The verdict as the run reports it: with its history, where the list uses it, and
    the archived copy every entry using a dead URL already links."""
    copy = _linked_copy(verdict.url, sources, entries) if verdict.status is Status.BROKEN else None
    return Result.of(
        verdict,
        failures=record.failures,
        first_failure=record.first_failure,
        cached=cached,
        sources=sources,
        archived_copy=copy,
    )


def _linked_copy(url: str, sources: tuple[Source, ...], entries: dict[str, Entry]) -> str | None:
    """The archived copy of a dead URL that every entry using it links, if they all do."""
    from listsmith.links import wayback  # only for a dead link: see _check

    copies = []
    for source in sources:
        entry = entries.get(source.file)
        linked = entry.urls() if entry is not None else iter(())
        copy = next((u for _, u in linked if wayback.is_copy(u, url)), None)
        if copy is None:
            return None
        copies.append(copy)
    return copies[0] if copies else None


def repair(
    project: Project,
    options: Options,
    results: list[Result],
    policy: Policy,
    redirects_only: bool = False,
) -> Outcome:
    """``--fix``: redirects and renamed repositories take their new URL, and rotten links
    their working Wayback copy (``--fix-redirects``: only the former)."""
    from listsmith.links import fix, plan, wayback

    edits = plan.redirects(results)
    if not redirects_only:
        dead = plan.needs_copy(results, policy)
        copies = wayback.find(_checker(options)[0], dead) if dead else {}
        edits += plan.dead(results, policy, copies, options.fix_broken, options.archive_label)
    return fix.apply(project, edits)


def _save_signals(project: Project, linked: list[str], results: list[Result], at: datetime) -> None:
    """Fold this run's signals into signals.json. A repository the list no longer
    links to is dropped; one this run could not ask about keeps its old data."""
    keys = {key for url in linked if (key := signals.key_for(url)) is not None}
    old = signals.load(project.root).repositories
    kept = {key: repo for key, repo in old.items() if key in keys}
    for result in results:
        key = signals.key_for(result.url)
        if result.signals is not None and key is not None:
            kept[key] = dataclasses.replace(result.signals, refreshed=at)
    signals.save(project.root, signals.Signals(dict(sorted(kept.items()))))


def check_urls(urls: list[str], options: Options) -> dict[str, Verdict]:
    """Verdicts for URLs that no list holds (the toolkit's documentation checks its own
    links with this), with no history."""
    return _check(urls, options, Selection())


def _check(urls: list[str], options: Options, selection: Selection) -> dict[str, Verdict]:
    """Ask the network. Imported here, so a run answered from the history
    alone never loads pycurl, asyncio and the checker (the slowest imports of a
    run); the archive lookup and the fixer likewise wait until they are needed."""
    from listsmith.links import engine

    checker, guard = _checker(options)
    verdicts: dict[str, Verdict] = {}
    engine.run(
        checker,
        urls,
        engine.Progress(len(urls), selection.progress),
        lambda verdict: verdicts.__setitem__(verdict.url, verdict),
        signals=selection.signals,
    )
    if guard.offline:
        raise CouldNotRun(
            f"none of the {guard.names_failed} host names could be resolved: "
            "is there a network? No link was judged"
        )
    return verdicts


def _checker(options: Options) -> tuple[Checker, Guard]:
    """A checker for this run's options, with its guard (imported only when asked for)."""
    from listsmith.links.checker import Checker
    from listsmith.links.dns import PatientLookup
    from listsmith.links.guard import Guard

    guard = Guard(options.allow_private, options.private_allow, lookup=PatientLookup())
    return Checker(options, guard), guard

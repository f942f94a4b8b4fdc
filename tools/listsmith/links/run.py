"""One link-check run: select URLs, reuse fresh verdicts, check the rest, remember."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from listsmith.links import collector, history
from listsmith.links.config import Options
from listsmith.links.status import Result
from listsmith.project import CouldNotRun, Project


@dataclass
class Selection:
    """What this run covers and how it remembers."""

    changed_since: str | None = None
    shard: tuple[int, int] | None = None
    history: Path | None = None
    max_age: timedelta = timedelta(days=7)
    progress: bool = False


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
    results: dict[str, Result] = {}
    pending = []
    for url in urls:
        record = records.get(url)
        if history.fresh(record, selection.max_age, at):
            results[url] = history.from_record(url, record)
        else:
            pending.append(url)

    if pending:
        results.update(_check(pending, options, selection.progress))
    for url in pending:
        history.update(records, results[url], at)
    if selection.history:
        history.save(selection.history, records)
    ordered = [results[url] for url in urls]
    for result in ordered:
        result.sources = sources[result.url]
    return ordered


def _check(urls: list[str], options: Options, progress: bool) -> dict[str, Result]:
    """Ask the network. Imported here, so a run answered from the history
    alone never loads requests and urllib3 (a third of its time)."""
    from listsmith.links import engine
    from listsmith.links.checker import Checker
    from listsmith.links.guard import Guard
    from listsmith.links.sites import default_sites

    guard = Guard(options.allow_private, options.private_allow)
    checker = Checker(options, guard, default_sites(options))
    results: dict[str, Result] = {}
    engine.run(
        checker,
        urls,
        engine.Progress(len(urls), progress),
        lambda result: results.__setitem__(result.url, result),
    )
    if guard.offline:
        raise CouldNotRun(
            f"none of the {guard.names_failed} host names could be resolved: "
            "is there a network? No link was judged"
        )
    return results

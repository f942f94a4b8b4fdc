"""Link results for people (a table), GitHub (annotations, markdown) and machines (JSON)."""

from __future__ import annotations

import json
from collections import Counter

from listsmith import markdown, report
from listsmith.links.status import Result, Status
from listsmith.problems import Level, Problem

ORDER = (
    Status.BROKEN,
    Status.REDIRECTED,
    Status.BLOCKED,
    Status.TIMEOUT,
    Status.ERROR,
    Status.SKIPPED,
    Status.OK,
)
FORMATS = ("text", "json", "markdown")


def rotten(result: Result, fail_after: int) -> bool:
    """Broken for enough runs in a row to be reported as rot (and fail the run)."""
    return result.status is Status.BROKEN and result.failures >= fail_after


def _worth_showing(result: Result) -> bool:
    return result.status is not Status.OK or bool(result.note)


def _detail(result: Result, fail_after: int) -> str:
    text = result.reason
    if result.note:
        text += f"; {result.note}"
    if result.status is Status.BROKEN and not rotten(result, fail_after):
        text += (
            f" (failing {result.failures} of {fail_after} runs in a row before it counts as rot)"
        )
    if result.cached:
        text += " (cached)"
    return text


def summary(results: list[Result]) -> dict[str, int]:
    counts = Counter(r.status for r in results)
    return {status.value: counts.get(status, 0) for status in ORDER}


def _summary_line(results: list[Result]) -> str:
    parts = [f"{n} {s}" for s, n in summary(results).items() if n]
    return f"{len(results)} links: " + (", ".join(parts) if parts else "none")


def text(results: list[Result], fail_after: int) -> str:
    lines: list[str] = []
    for status in ORDER:
        group = [r for r in results if r.status is status and _worth_showing(r)]
        if not group:
            continue
        lines.append(f"{status.value} ({len(group)})")
        for result in group:
            target = f" -> {result.new_url}" if result.new_url else ""
            lines.append(f"  {result.url}{target}")
            lines.append(f"      {_detail(result, fail_after)}")
            lines += [f"      {s.file}:{s.line}" for s in result.sources]
        lines.append("")
    lines.append(_summary_line(results))
    # URLs, reasons and redirect targets come from files and servers: one line each, always.
    return "\n".join(map(report.printable, lines)) + "\n"


def as_json(results: list[Result], fail_after: int) -> str:
    return (
        json.dumps(
            {
                "links": [
                    {
                        "url": r.url,
                        "status": r.status.value,
                        "http_status": r.http_status,
                        "final_url": r.final_url,
                        "new_url": r.new_url,
                        "reason": r.reason,
                        "note": r.note,
                        "failures": r.failures,
                        "rotten": rotten(r, fail_after),
                        "cached": r.cached,
                        "sources": [{"file": s.file, "line": s.line} for s in r.sources],
                    }
                    for r in results
                ],
                "summary": summary(results),
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def as_markdown(results: list[Result], fail_after: int) -> str:
    """For a job summary or the body of a "Link rot report" issue."""
    counts = summary(results)
    head = ", ".join(f"{n} {s}" for s, n in counts.items() if n and s != "ok")
    lines = [
        f"## Link check: {head or 'all links work'}",
        "",
        f"{len(results)} links checked, {counts['ok']} ok.",
        "",
    ]
    shown = [r for status in ORDER for r in results if r.status is status and _worth_showing(r)]
    if shown:
        lines += ["| status | link | where | why |", "| --- | --- | --- | --- |"]
        # This text becomes an issue body: every value from a file or a server is a code
        # span, so a redirect target can't mention @people or close #issues.
        for r in shown:
            where = "<br>".join(markdown.cell(f"{s.file}:{s.line}") for s in r.sources)
            link = markdown.cell(r.url)
            if r.new_url:
                link += f" → {markdown.cell(r.new_url)}"
            lines.append(
                f"| {r.status.value} | {link} | {where} | {markdown.cell(_detail(r, fail_after))} |"
            )
    return "\n".join(lines) + "\n"


def annotations(results: list[Result], fail_after: int) -> str:
    """Workflow commands that pin each problem link to its YAML line in the PR."""
    out = []
    for r in results:
        if not _worth_showing(r) or r.status in (Status.SKIPPED, Status.OK):
            continue
        level = Level.ERROR if rotten(r, fail_after) else Level.WARNING
        message = f"{r.url}: {r.status.value}, {_detail(r, fail_after)}"
        if r.new_url:
            message += f"; use {r.new_url}"
        out += [
            report.annotation(
                Problem(s.file, s.line, s.col, level, message, f"link-{r.status.value}")
            )
            for s in r.sources
        ]
    return "".join(line + "\n" for line in out)


def render(results: list[Result], fmt: str, fail_after: int) -> str:
    if fmt == "json":
        return as_json(results, fail_after)
    if fmt == "markdown":
        return as_markdown(results, fail_after)
    prefix = annotations(results, fail_after) if report.in_github_actions() else ""
    return prefix + text(results, fail_after)

"""Link results for people (a table), GitHub (annotations, markdown) and machines (JSON).

With ``--fix``, each also says what was fixed and why the rest was not; and
``fixes_markdown`` lists the changes for a pull request's body. Markdown
becomes an issue or pull request body, so every value from a file or a
server is set in a code span there: it can't mention people or close issues.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from listsmith import markdown, report
from listsmith.links.status import Policy, Result, Status
from listsmith.problems import Level, Problem

if TYPE_CHECKING:
    from listsmith.links.fix import Outcome

ORDER = (
    Status.BROKEN,
    Status.MISSING_ANCHOR,
    Status.REDIRECTED,
    Status.BLOCKED,
    Status.TIMEOUT,
    Status.ERROR,
    Status.SKIPPED,
    Status.OK,
)
BODY_BUDGET = markdown.BODY_LIMIT - 1_536
"""What the rows may use: room is kept for the closing line that counts the rest."""


def _capped(lines: list[str], rows: list[str], what: str) -> list[str]:
    """``lines`` and as many ``rows`` as fit in one GitHub body, then a line saying how
    many were left out, so a long report still posts instead of failing."""
    used = sum(len(line) + 1 for line in lines)
    for shown, row in enumerate(rows):
        if used + len(row) + 1 > BODY_BUDGET:
            left = len(rows) - shown
            return [
                *lines,
                *rows[:shown],
                "",
                f"…and {_plural(left, 'more ' + what)} not shown: GitHub takes at most "
                f"{markdown.BODY_LIMIT:,} characters here. "
                "`listsmith links --format json` lists all.",
            ]
        used += len(row) + 1
    return [*lines, *rows]


def _worth_showing(result: Result) -> bool:
    return result.status is not Status.OK or bool(result.note)


def _detail(result: Result, policy: Policy, outcome: Outcome | None = None) -> str:
    text = result.reason
    if result.note:
        text += f"; {result.note}"
    if result.archived_copy:
        text += "; an archived copy is linked"
    elif policy.counts(result) and not policy.rotten(result):
        text += (
            f" (failing {result.failures} of {policy.fail_after} runs in a row before it "
            "counts as rot)"
        )
    if result.cached:
        text += " (cached)"
    if outcome is not None and result.url in outcome.unfixed:
        text += f"; not fixed: {outcome.unfixed[result.url]}"
    return text


def summary(results: list[Result]) -> dict[str, int]:
    counts = Counter(r.status for r in results)
    return {status.value: counts.get(status, 0) for status in ORDER}


def _summary_line(results: list[Result], outcome: Outcome | None) -> str:
    parts = [f"{n} {s}" for s, n in summary(results).items() if n]
    line = f"{len(results)} links: " + (", ".join(parts) if parts else "none")
    if outcome is not None:
        line += f"; {len(outcome.fixed)} fixed in {len(outcome.files)} files"
    return line


def text(results: list[Result], policy: Policy, outcome: Outcome | None = None) -> str:
    lines: list[str] = []
    fixed = _fixed_to(outcome)
    for status in ORDER:
        group = [r for r in results if r.status is status and _worth_showing(r)]
        if not group:
            continue
        lines.append(f"{status.value} ({len(group)})")
        for result in group:
            target = f" -> {result.new_url}" if result.new_url else ""
            lines.append(f"  {result.url}{target}")
            lines.append(f"      {_detail(result, policy, outcome)}")
            lines += [f"      {s.file}:{s.line}" for s in result.sources]
            lines += [f"      fixed: {where} now {new}" for where, new in fixed.get(result.url, [])]
        lines.append("")
    lines.append(_summary_line(results, outcome))
    # URLs, reasons and redirect targets come from files and servers: one line each, always.
    return "\n".join(map(report.printable, lines)) + "\n"


def _fixed_to(outcome: Outcome | None) -> dict[str, list[tuple[str, str]]]:
    """URL -> (file:line, what it became) of each change made."""
    found: dict[str, list[tuple[str, str]]] = {}
    for change in outcome.changes if outcome is not None else []:
        what = f"links {change.new}" if change.added else change.new
        found.setdefault(change.url, []).append((f"{change.file}:{change.line}", what))
    return found


def as_json(results: list[Result], policy: Policy, outcome: Outcome | None = None) -> str:
    """The report for machines (the pull-request preview reads ``--json``'s file): one link,
    and one fix, a line."""
    fixed = outcome.fixed if outcome is not None else frozenset()
    unfixed = outcome.unfixed if outcome is not None else {}
    data: dict[str, object] = {
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
                "rotten": policy.rotten(r),
                "archived_copy": r.archived_copy,
                "fixed": r.url in fixed,
                "not_fixed": unfixed.get(r.url),
                "cached": r.cached,
                "sources": [{"file": s.file, "line": s.line} for s in r.sources],
            }
            for r in results
        ],
        "summary": summary(results),
    }
    if outcome is not None:
        data["fixes"] = [
            {
                "url": c.url,
                "file": c.file,
                "line": c.line,
                "new_url": c.new,
                "added_link": c.added,
                "why": c.why,
            }
            for c in outcome.changes
        ]
    return report.json_records(data)


def as_markdown(results: list[Result], policy: Policy, outcome: Outcome | None = None) -> str:
    """For a job summary or the body of a "Link rot report" issue: what is left to do,
    so links ``--fix`` fixed are counted, not listed."""
    fixed = outcome.fixed if outcome is not None else frozenset()
    left = [r for r in results if r.url not in fixed]
    counts = summary(left)
    head = ", ".join(f"{n} {s}" for s, n in counts.items() if n and s != "ok")
    lines = [f"## Link check: {head or 'all links work'}", ""]
    done = f" {len(fixed)} fixed by `listsmith links --fix`, not listed." if fixed else ""
    lines += [f"{len(results)} links checked, {counts['ok']} ok.{done}", ""]
    shown = [r for status in ORDER for r in left if r.status is status and _worth_showing(r)]
    if shown:
        lines += ["| status | link | where | why |", "| --- | --- | --- | --- |"]
        # This text becomes an issue body: every value from a file or a server is a code
        # span, so a redirect target can't mention @people or close #issues.
        rows = []
        for r in shown:
            where = "<br>".join(markdown.cell(f"{s.file}:{s.line}") for s in r.sources)
            link = markdown.cell(r.url)
            if r.new_url:
                link += f" → {markdown.cell(r.new_url)}"
            detail = markdown.cell(_detail(r, policy, outcome))
            rows.append(f"| {r.status.value} | {link} | {where} | {detail} |")
        lines = _capped(lines, rows, "link")
    return "\n".join(lines) + "\n"


def fixes_markdown(outcome: Outcome) -> str:
    """The body of the link-fix pull request: each change, where, and why."""
    if not outcome.changes:
        return "## Link fixes\n\nNothing to fix: no link was changed.\n"
    changed = _plural(len(outcome.changes), "link")
    lines = [
        "## Link fixes",
        "",
        f"`listsmith links --fix` changed {changed} in {_plural(len(outcome.files), 'file')}."
        " Each edit keeps the file's layout; a dead link replaced by its archived copy keeps "
        "its address in `original_url`, so it can be restored.",
        "",
        "| where | was | now | why |",
        "| --- | --- | --- | --- |",
    ]
    rows = []
    for change in outcome.changes:
        now = markdown.cell(change.new)
        if change.added:
            now = f"{markdown.cell(change.url)} and a link to {now}"
        rows.append(
            f"| {markdown.cell(f'{change.file}:{change.line}')} | {markdown.cell(change.url)} "
            f"| {now} | {markdown.cell(change.why)} |"
        )
    return "\n".join(_capped(lines, rows, "change")) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def annotations(results: list[Result], policy: Policy) -> str:
    """Workflow commands that pin each problem link to its YAML line in the PR."""
    out = []
    for r in results:
        if not _worth_showing(r) or r.status in (Status.SKIPPED, Status.OK):
            continue
        level = Level.ERROR if policy.rotten(r) else Level.WARNING
        message = f"{r.url}: {r.status.value}, {_detail(r, policy)}"
        if r.new_url:
            message += f"; use {r.new_url}"
        out += [
            report.annotation(
                Problem(s.file, s.line, s.col, level, message, f"link-{r.status.value}")
            )
            for s in r.sources
        ]
    return "".join(line + "\n" for line in out)


def github(results: list[Result], policy: Policy, outcome: Outcome | None = None) -> str:
    """Annotations on the pull request, then the table for the job log."""
    return annotations(results, policy) + text(results, policy, outcome)


LinkReporter = Callable[[list[Result], Policy, "Outcome | None"], str]
REPORTERS: dict[str, LinkReporter] = {
    "text": text,
    "github": github,
    "json": as_json,
    "markdown": as_markdown,
}
"""Link results in each format of :data:`listsmith.report.REPORTERS` (``--format`` offers
those names for every command); a test keeps the two registries' names the same."""


def render(results: list[Result], fmt: str, policy: Policy, outcome: Outcome | None = None) -> str:
    return REPORTERS[fmt](results, policy, outcome)

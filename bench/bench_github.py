"""GitHub at scale (issue #13): listsmith and lychee on 1,500 repositories and 500 other links.

A local fake GitHub (tests/fakegithub.py) stands in for github.com and its
APIs: web pages answer 429 past 60 requests a minute, as github.com does to
crawlers; REST keeps the anonymous (60) and token (5,000) quotas; GraphQL
answers up to 100 repositories a query. 1,500 repository links point at it
(some renamed, some archived, some deleted), and 500 other links at 50
loopback hosts answering after a latency (a few of them 404). Both tools
get the same token and reach the fake through ``--remap``.

For each tool it prints the requests sent to the fake GitHub, the wall time,
and the links reported broken that are not (false alarms) or not reported
that are (misses). Target: no false alarm, at most 20 GitHub requests, and a
shorter wall time than lychee. A third row runs listsmith without a token.

    python bench/bench_github.py [--repos 1500] [--others 500] [--hosts 50]
                                 [--latency-ms 50] [--lychee-timeout 1800] [--without-lychee]

lychee takes about 26 minutes here: github.com's 429s slow it to a request a second.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import fakegithub  # noqa: E402

from bench_links import serve, write_list  # noqa: E402

WEB, API = "127.0.3.1", "127.0.3.2"


def gone_under_gone(path: str) -> int:
    return 404 if path.startswith("/gone/") else 200


def populate(fake: fakegithub.Fake, repos: int) -> tuple[list[str], set[str]]:
    """Repository URLs, and the ones that are really broken (deleted)."""
    urls, broken = [], set()
    for i in range(repos):
        name = f"owner{i % 37}/project-{i}"
        url = f"https://github.com/{name}"
        if i % 50 == 7:  # deleted: 2 %
            broken.add(url)
        elif i % 50 == 11:  # renamed: 2 %
            fake.add(f"{name}-renamed")
            fake.rename(name, f"{name}-renamed")
        else:
            fake.add(name, archived=i % 25 == 3, pushed=f"20{15 + i % 11}-06-01T00:00:00Z")
        urls.append(url)
    return urls, broken


@dataclass
class Outcome:
    wall: float
    web: int
    api: int
    reported: set[str]
    timed_out: bool = False

    def row(self, label: str, broken: set[str]) -> str:
        false_alarms = len(self.reported - broken)
        misses = len(broken - self.reported)
        late = " (stopped at the time limit)" if self.timed_out else ""
        return (
            f"  {label:<22}{self.web + self.api:6} GitHub requests ({self.web} web, "
            f"{self.api} API)  {self.wall:7.2f} s  {false_alarms:5} false alarms  "
            f"{misses:3} missed{late}"
        )


def run_tool(command: list[str], root: Path, env: dict[str, str], timeout: float) -> tuple:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout
        )
        return time.perf_counter() - start, done.stdout, False
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        return time.perf_counter() - start, out, True


def listsmith_broken(stdout: str) -> set[str]:
    return {link["url"] for link in json.loads(stdout)["links"] if link["status"] == "broken"}


def lychee_broken(stdout: str) -> set[str]:
    """Every URL lychee reports failing, as the list spells it (it has no 'blocked':
    a 429 fails the run like a 404, and so does a timeout)."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return set()
    failing = set()
    for key in ("error_map", "fail_map", "timeout_map"):
        for entries in (data.get(key) or {}).values():
            failing |= {
                (entry.get("remap") or {}).get("original", {}).get("url", entry["url"])
                for entry in entries
            }
    return failing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repos", type=int, default=1500)
    parser.add_argument("--others", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--lychee-timeout", type=float, default=1800)
    parser.add_argument("--without-lychee", action="store_true", help="listsmith's rows only")
    args = parser.parse_args()

    latency = args.latency_ms / 1000
    pages = [serve(f"127.0.2.{i + 1}", latency, gone_under_gone) for i in range(args.hosts)]
    others = []
    other_broken = set()
    for i in range(args.others):
        server = pages[i % args.hosts]
        host, port = server.server_address[:2]
        path = f"gone/{i}" if i % 100 == 13 else f"page/{i}"
        others.append(f"http://{host}:{port}/{path}")
        if path.startswith("gone/"):
            other_broken.add(others[-1])

    def fresh_fake() -> tuple[fakegithub.Fake, list[fakegithub.Server], str, str]:
        fake = fakegithub.Fake()
        servers = [fakegithub.start(fake, WEB, "web"), fakegithub.start(fake, API, "api")]
        return fake, servers, fakegithub.base(servers[0]), fakegithub.base(servers[1])

    repo_urls, repo_broken = populate(fakegithub.Fake(), args.repos)
    broken = repo_broken | other_broken
    env = {**os.environ, "GITHUB_TOKEN": fakegithub.TOKEN}
    lychee_path = None if args.without_lychee else shutil.which("lychee")

    def measure(command_for, environ: dict[str, str], timeout: float, parse) -> Outcome:
        """One tool's run against a fake GitHub of its own (the web quota starts afresh)."""
        fake, servers, web, api = fresh_fake()
        populate(fake, args.repos)
        wall, stdout, timed_out = run_tool(command_for(web, api), root, environ, timeout)
        outcome = Outcome(
            wall, len(fake.requests_to(WEB)), len(fake.requests_to(API)), parse(stdout), timed_out
        )
        for server in servers:
            server.shutdown()
        return outcome

    def listsmith(web: str, api: str) -> list[str]:
        return [
            sys.executable, "-m", "listsmith", "links", "--allow-private", "--format", "json",
            "--remap", "https://github.com/", f"{web}/", "--remap", "https://api.github.com", api,
        ]  # fmt: skip

    def lychee(web: str, api: str) -> list[str]:
        return [
            lychee_path or "lychee", "--no-progress", "--format", "json",
            "--remap", f"https://github.com {web}", "urls.txt",
        ]  # fmt: skip

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_list(root, repo_urls + others)
        print(
            f"{len(repo_urls):,} GitHub repositories ({len(repo_broken)} deleted) and "
            f"{len(others)} other links over {args.hosts} hosts ({len(other_broken)} broken); "
            f"fake github.com: 429 past 60 page requests a minute"
        )
        ours = measure(listsmith, env, 900, listsmith_broken)
        print(ours.row("listsmith links", broken))
        anonymous = {k: v for k, v in env.items() if k != "GITHUB_TOKEN"}
        print(
            measure(listsmith, anonymous, 900, listsmith_broken).row("listsmith, no token", broken)
        )
        if lychee_path:
            theirs = measure(lychee, env, args.lychee_timeout, lychee_broken)
            print(theirs.row("lychee", broken))
            print(f"lychee / listsmith wall time: {theirs.wall / ours.wall:.0f}x (target > 1x)")
        elif not args.without_lychee:
            print("  lychee not installed: pip install -e '.[bench]' to compare")
    for server in pages:
        server.shutdown()


if __name__ == "__main__":
    main()

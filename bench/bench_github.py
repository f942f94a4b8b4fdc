"""GitHub and the Wayback Machine at scale (issues #13 and #20), on fakes written from their docs.

GitHub: 1,500 repository links (deleted, renamed and archived ones among them), deep links
(trees, blobs on a branch with a slash, issues, into renamed and deleted repositories),
profiles, gists, projects, advisories and attachments, checked by ``listsmith links`` with a
token against tests/fakegithub.py: github.com answers 429 past 60 page requests a minute,
GraphQL's heavy queries time out with 502 now and then, and the API answers a secondary
limit in a 200 body and a primary one (type RATE_LIMIT) once each. It prints the API and
page requests, the false alarms (reported broken, but working), the misses (broken but not
reported), renamed links not redirected to the right address, and links left blocked.
Targets: no false alarm, no miss, every renamed link redirected, at most 20 API requests,
fewer than 30 blocked.

Wayback: dead links whose closest capture is sometimes a captured 404 or "Page not found"
page with good older ones, fixed by ``listsmith links --fix`` against tests/fakearchive.py
(one request a second, as archive.org asks), then again with the archive answering 429
after a few requests. It prints repairs found / possible, and requests sent after the 429.

    python bench/bench_github.py [--repos 1500] [--dead 30] [--lychee]

``--lychee`` adds lychee's row on the GitHub list (about 26 minutes: github.com's 429s
slow it to a request a second).
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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import fakearchive, fakegithub  # noqa: E402

from bench_links import serve, write_list  # noqa: E402

WEB, API, GIST, DEAD_HOST = "127.0.3.1", "127.0.3.2", "127.0.3.3", "127.0.2.1"
GH = "https://github.com"


@dataclass
class World:
    """The links, and what each one truly is."""

    urls: list[str] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    moved: dict[str, str] = field(default_factory=dict)
    """renamed link -> the address it should become."""

    def add(self, url: str, *, broken: bool = False, moved: str | None = None) -> None:
        self.urls.append(url)
        if broken:
            self.broken.add(url)
        if moved is not None:
            self.moved[url] = moved


def populate(fake: fakegithub.Fake, repos: int) -> World:
    world = World()
    for i in range(repos):
        name = f"owner{i % 37}/project-{i}"
        url = f"{GH}/{name}"
        if i % 50 == 7:  # deleted: 2 %
            world.add(url, broken=True)
            if i % 100 == 7:
                world.add(f"{url}/tree/main/docs", broken=True)
        elif i % 50 == 11:  # renamed: 2 %, with a deep link in half of them
            fake.add(f"{name}-renamed")
            fake.rename(name, f"{name}-renamed")
            world.add(url, moved=f"{GH}/{name}-renamed")
            if i % 100 == 11:
                world.add(
                    f"{url}/blob/main/README.md", moved=f"{GH}/{name}-renamed/blob/main/README.md"
                )
        else:
            fake.add(name, archived=i % 25 == 3, pushed=f"20{15 + i % 11}-06-01T00:00:00Z")
            world.add(url)
            if i % 20 == 1:
                world.add(f"{url}/tree/main/src")
            if i % 40 == 2:
                world.add(f"{url}/issues/{3 + i % 40}")
            if i % 150 == 4:
                world.add(f"{url}/blob/feature/x/notes.md")  # a ref with a slash: the page says
            if i % 200 == 6:
                world.add(f"{url}/blob/main/missing/file.py", broken=True)
            if i % 300 == 8:
                world.add(f"{url}/issues/999", broken=True)
    for i in range(6):  # an account that is gone, with its repositories
        world.add(f"{GH}/vanished-{i}/tool", broken=True)
    for i in range(40):  # profiles
        world.add(f"{GH}/owner{i % 37}" if i < 36 else f"{GH}/nobody-{i}", broken=i >= 36)
    for i in range(10):
        world.add(f"https://gist.github.com/owner{i}/{'0123456789abcdef' * 2}")
    for i in range(6):
        world.add(f"{GH}/users/owner{i}/projects/{i + 1}")
        world.add(f"{GH}/advisories/GHSA-{i}abc-def{i}-ghij")
    for i in range(12):
        world.add(f"{GH}/user-attachments/assets/0b7c5ab2-1c4e-4f0e-9d7e-3c1f2a9b8e{i:02d}")
    return world


def run(command: list[str], root: Path, env: dict[str, str], timeout: float) -> tuple:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout
        )
        return time.perf_counter() - start, done.stdout, False
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        return time.perf_counter() - start, out, True


def github_rows(args: argparse.Namespace) -> None:
    def fresh() -> tuple[fakegithub.Fake, list[fakegithub.Server], World]:
        fake = fakegithub.Fake(heavy_aliases=60, flaky_every=20)
        world = populate(fake, args.repos)
        # A secondary limit in a 200 body, then a primary one typed RATE_LIMIT (githubkit#271).
        fake.at = {3: ("secondary-200", {"wait": 1}), 8: ("graphql-rate-limit", {"reset_in": 2})}
        servers = [
            fakegithub.start(fake, WEB, "web"),
            fakegithub.start(fake, API, "api"),
            fakegithub.start(fake, GIST, "web"),
        ]
        return fake, servers, world

    def listsmith(servers: list[fakegithub.Server]) -> list[str]:
        web, api, gist = (fakegithub.base(s) for s in servers)
        return [
            sys.executable, "-m", "listsmith", "links", "--allow-private", "--format", "json",
            "--remap", f"{GH}/", f"{web}/", "--remap", "https://api.github.com", api,
            "--remap", "https://gist.github.com/", f"{gist}/gist/",
        ]  # fmt: skip

    world = populate(fakegithub.Fake(), args.repos)
    print(
        f"GitHub: {len(world.urls):,} links, {args.repos:,} repositories "
        f"({len(world.broken)} broken links, {len(world.moved)} renamed); fake github.com: "
        "429 past 60 page requests a minute, 502 on heavy queries now and then, a secondary "
        "and a primary limit"
    )
    token = {**os.environ, "GITHUB_TOKEN": fakegithub.TOKEN}
    anonymous = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
    for label, env in (("listsmith links", token), ("listsmith, no token", anonymous)):
        fake, servers, world = fresh()
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_list(root, world.urls)
            wall, stdout, late = run(listsmith(servers), root, env, 900)
        links = {link["url"]: link for link in json.loads(stdout or '{"links": []}')["links"]}
        reported = {u for u, link in links.items() if link["status"] == "broken"}
        blocked = [u for u, link in links.items() if link["status"] == "blocked"]
        wrong_moves = [
            u for u, new in world.moved.items() if links.get(u, {}).get("new_url") != new
        ]
        api = len(fake.requests_to(API))
        pages = len(fake.requests_to(WEB)) + len(fake.requests_to(GIST))
        print(
            f"  {label:<22}{api:4} API requests ({len(fake.graphql_log)} GraphQL, "
            f"{sum(1 for s in fake.requests_to(API) if s.method == 'GET')} REST), {pages} pages  "
            f"{wall:6.1f} s  {len(reported - world.broken)} false alarms  "
            f"{len(world.broken - reported)} missed  {len(wrong_moves)} renamed not redirected  "
            f"{len(blocked)} blocked{' (stopped at the time limit)' if late else ''}"
        )
        for server in servers:
            server.shutdown()
    if args.lychee:
        lychee_row(args, fresh)


def lychee_row(args: argparse.Namespace, fresh) -> None:
    lychee = shutil.which("lychee")
    if lychee is None:
        print("  lychee not installed: pip install -e '.[bench]' to compare")
        return
    fake, servers, world = fresh()
    web = fakegithub.base(servers[0])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_list(root, world.urls)
        command = [
            lychee, "--no-progress", "--format", "json", "--remap", f"{GH} {web}", "urls.txt"
        ]  # fmt: skip
        env = {**os.environ, "GITHUB_TOKEN": fakegithub.TOKEN}
        wall, stdout, late = run(command, root, env, args.lychee_timeout)
    failing: set[str] = set()
    try:
        data = json.loads(stdout)
        for key in ("error_map", "fail_map", "timeout_map"):
            for entries in (data.get(key) or {}).values():
                failing |= {
                    (e.get("remap") or {}).get("original", {}).get("url", e["url"]) for e in entries
                }
    except ValueError:
        pass
    print(
        f"  {'lychee':<22}{len(fake.requests_to(API)):4} API requests, "
        f"{len(fake.requests_to(WEB))} pages  {wall:6.1f} s  "
        f"{len(failing - world.broken)} false alarms  {len(world.broken - failing)} missed"
        f"{' (stopped at the time limit)' if late else ''}"
    )
    for server in servers:
        server.shutdown()


def wayback_rows(args: argparse.Namespace) -> None:
    dead_server = serve(DEAD_HOST, 0.0, lambda path: 404)
    host, port = dead_server.server_address[:2]

    def archive_for(dead: list[str]) -> tuple[fakearchive.Archive, dict[str, str]]:
        """Captures: a third good at the closest, a third with a captured "Page not found"
        closest, a third with a captured 404 closest, all with an older good one, except
        every tenth, which has no good capture at all."""
        archive = fakearchive.Archive()
        good: dict[str, str] = {}
        for i, url in enumerate(dead):
            if i % 10 == 9:
                archive.add(url, "20240301000000", "error-page")
                continue
            good[url] = archive.add(url, "20230101000000", "page")
            if i % 3 == 1:
                archive.add(url, "20240301000000", "error-page")
            elif i % 3 == 2:
                archive.add(url, "20240301000000", "404")
        return archive, good

    dead = [f"http://{host}:{port}/gone/{i}" for i in range(args.dead)]
    print(
        f"Wayback: {len(dead)} dead links; the closest capture of two thirds is a captured 404 "
        "or 'Page not found' page, every tenth has no good capture; one request a second"
    )
    for label, limit in (("listsmith links --fix", None), ("  with a 429 after 10", 10)):
        archive, good = archive_for(dead)
        archive.limit = limit
        server = fakearchive.start(archive)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_list(root, dead)
            command = [
                sys.executable, "-m", "listsmith", "links", "--allow-private", "--retries", "0",
                "--fix", "--format", "json", *fakearchive.remap(server),
            ]  # fmt: skip
            wall, _, _ = run(command, root, dict(os.environ), 1800)
            now = {}
            for path in (root / "resources" / "pages").glob("*.yaml"):
                entry = yaml.safe_load(path.read_text())
                now[entry.get("original_url", entry["url"])] = entry["url"]
        found = sum(1 for url, copy in good.items() if now.get(url) == copy)
        wrong = sum(1 for url in dead if now.get(url) not in (url, good.get(url)))
        after = archive.api_requests - limit - 1 if limit and archive.refused else 0
        print(
            f"  {label:<22}{found:4} repairs found / {len(good)} possible  {wrong} wrong  "
            f"{archive.api_requests} API requests, {archive.refused} answered 429, "
            f"{after} sent after it  {wall:6.1f} s"
        )
        server.shutdown()
    dead_server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repos", type=int, default=1500)
    parser.add_argument("--dead", type=int, default=30)
    parser.add_argument("--lychee", action="store_true", help="add lychee's row (slow)")
    parser.add_argument("--lychee-timeout", type=float, default=1800)
    parser.add_argument("--only", choices=("github", "wayback"))
    args = parser.parse_args()
    if args.only != "wayback":
        github_rows(args)
    if args.only != "github":
        wayback_rows(args)


if __name__ == "__main__":
    main()

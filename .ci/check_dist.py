"""Check built distributions carry what an installed listsmith needs at run time.

``listsmith init`` copies the scaffold and ``render`` loads templates from the
installed package, neither of which an import test of the code would notice
missing. Usage: ``python .ci/check_dist.py DIST_FOLDER`` (the release workflow
and a test run it on freshly built files); exits 1 naming what is missing.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

NEEDED = (
    "listsmith/templates/README.md.j2",
    "listsmith/templates/page.html.j2",
    "listsmith/templates/page.css",
    "listsmith/templates/page.js",
    "listsmith/templates/feed.xml.j2",
    "listsmith/scaffold/schema.json",
    "listsmith/scaffold/CONTRIBUTING.md",
    "listsmith/scaffold/.github/PULL_REQUEST_TEMPLATE.md",
    "listsmith/scaffold/.github/ISSUE_TEMPLATE/suggest-a-resource.yml",
    "listsmith/scaffold/.github/workflows/pull-request.yml",
    "listsmith/scaffold/.github/workflows/pr-preview.yml",
    "listsmith/scaffold/.github/workflows/readme.yml",
    "listsmith/scaffold/.github/workflows/link-rot.yml",
)


def names(path: Path) -> set[str]:
    """Every file name in a wheel or sdist, without the sdist's top folder and tools/."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            return set(wheel.namelist())
    with tarfile.open(path) as sdist:
        return {name.split("/", 1)[-1].removeprefix("tools/") for name in sdist.getnames()}


def main(folder: str) -> int:
    built = sorted(Path(folder).glob("*.whl")) + sorted(Path(folder).glob("*.tar.gz"))
    if not built:
        print(f"no wheel or sdist in {folder}")
        return 1
    missing = [(path.name, need) for path in built for need in NEEDED if need not in names(path)]
    for name, need in missing:
        print(f"{name}: missing {need}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

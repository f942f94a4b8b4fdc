"""mkdocs hook: fill the docs' reference blocks from the code (listsmith.reference).

A page asks for one with a line ``<!-- listsmith:reference NAME -->``; an unknown
NAME stops the build, so a renamed block can't leave a page silently empty.
"""

from __future__ import annotations

import re
from typing import Any

from listsmith import reference

_BLOCK = re.compile(r"^<!-- listsmith:reference ([a-z-]+) -->$", re.M)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in reference.PAGES:
            raise ValueError(f"{page.file.src_path}: no reference block named {name!r}")
        return reference.PAGES[name]()

    return _BLOCK.sub(fill, markdown)

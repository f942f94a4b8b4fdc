"""Render targets by name: adding one is one module and one line here.

Each target is a :class:`~listsmith.targets.base.Target`; listsmith.yaml's
``render.targets`` turns them on by these names and sets their options.
"""

from __future__ import annotations

from listsmith.targets.base import Target
from listsmith.targets.feed import Feed
from listsmith.targets.page import Page
from listsmith.targets.readme import Readme

TARGETS: dict[str, type[Target]] = {
    Readme.NAME: Readme,
    Page.NAME: Page,
    Feed.NAME: Feed,
}

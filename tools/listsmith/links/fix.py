"""``--fix-redirects``: put each permanent redirect's new URL into the YAML, and nothing else.

The value is replaced in the file's text at the scalar's exact span, so
comments, key order, indentation and every other byte stay as they were;
the scalar keeps its quoting style when the new URL allows it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from listsmith import yamlwrite
from listsmith.fsutil import atomic_write
from listsmith.links.status import Result, Status


def _node_at(root: yaml.Node, path: tuple[str | int, ...]) -> yaml.Node | None:
    node: yaml.Node | None = root
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            return None
    return node


def fix_redirects(root: Path, results: list[Result]) -> tuple[list[str], list[str]]:
    """Rewrite every use of a permanently redirected URL.

    Returns the files changed and, with the reason, those left alone because
    the exact-position parser could not read them.
    """
    edits: dict[str, list[tuple[tuple[str | int, ...], str, str]]] = defaultdict(list)
    for result in results:
        if result.status is Status.REDIRECTED and result.new_url:
            for source in result.sources:
                edits[source.file].append((source.path, result.url, result.new_url))
    changed: list[str] = []
    skipped: list[str] = []
    for file, wanted in sorted(edits.items()):
        path = root / file
        text = path.read_bytes().decode("utf-8")
        try:
            tree = yaml.compose(text, Loader=yaml.SafeLoader)  # pure loader: exact indices
        except yaml.YAMLError as exc:
            skipped.append(f"{file}: {str(exc).splitlines()[0]}")
            continue
        spans = []
        for where, old, new in wanted:
            node = _node_at(tree, where)
            if isinstance(node, yaml.ScalarNode) and node.value == old:
                spans.append(
                    (node.start_mark.index, node.end_mark.index, yamlwrite.scalar(new, node.style))
                )
        for start, end, replacement in sorted(spans, reverse=True):
            text = text[:start] + replacement + text[end:]
        if spans:
            atomic_write(path, text.encode("utf-8"))
            changed.append(file)
    return changed, skipped

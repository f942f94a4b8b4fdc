"""Edit a YAML file's text in place, the way a person would, and nothing else.

Tools that rewrite files (``new`` appending to a curated order, ``links
--fix`` replacing a URL) must leave comments, quoting, key order and
indentation exactly as they were. So a file is never dumped again: it is
composed with PyYAML's pure-Python loader (whose marks give exact character
offsets), and only the bytes of the one node being changed are touched.
"""

from __future__ import annotations

import yaml

from listsmith import yamlwrite
from listsmith.project import YamlPath


class CannotEdit(Exception):
    """The file or the place to edit isn't what the edit expects; the message says why."""


def compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise CannotEdit(str(exc).splitlines()[0]) from exc
    if node is None:
        raise CannotEdit("the file is empty")
    return node


def node_at(root: yaml.Node, path: YamlPath) -> yaml.Node | None:
    """The node at ``path`` (mapping keys and sequence indices), or None."""
    node: yaml.Node | None = root
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            return None
    return node


def replace_scalar(text: str, root: yaml.Node, path: YamlPath, old: str, new: str) -> str:
    """``text`` with the scalar at ``path`` (which must hold ``old``) set to ``new``.

    The scalar keeps its quoting style where ``new`` allows it. A block
    scalar (``>-``, ``|``) is replaced by a quoted one on the key's line, so
    the value can't run into the next line.
    """
    node = node_at(root, path)
    if not isinstance(node, yaml.ScalarNode) or node.value != old:
        raise CannotEdit(f"{'.'.join(map(str, path))} no longer holds {old}")
    style = node.style if node.style in ("'", '"') else None
    replacement = yamlwrite.scalar(new, style)
    end = node.end_mark.index
    if node.style in ("|", ">"):
        replacement = yamlwrite.scalar(new, '"')
        # A block scalar's end mark is past its final line break: keep that break.
        if text[end - 1 : end] == "\n":
            end -= 1
    return text[: node.start_mark.index] + replacement + text[end:]


def append_to_sequence(text: str, root: yaml.Node, path: YamlPath, item: str) -> str:
    """``text`` with ``item`` added at the end of the sequence at ``path``."""
    node = node_at(root, path)
    if not isinstance(node, yaml.SequenceNode):
        raise CannotEdit(f"{'.'.join(map(str, path))} is not a list")
    value = yamlwrite.scalar(item)
    if node.flow_style:
        close = node.end_mark.index - 1  # the "]"
        sep = ", " if node.value else ""
        return text[:close].rstrip() + sep + value + text[close:]
    if not node.value:
        raise CannotEdit(f"{'.'.join(map(str, path))} is an empty block list")
    last = node.value[-1]
    column = node.value[0].start_mark.column
    dash = text.rfind("-", 0, node.value[0].start_mark.index)
    indent = " " * (dash - text.rfind("\n", 0, dash) - 1)
    gap = " " * (column - len(indent) - 1)
    end = last.end_mark.index
    if text[end - 1 : end] == "\n":  # a nested block's end mark is past its line break
        end -= 1
    line_end = text.find("\n", end)
    insert = len(text) if line_end == -1 else line_end
    return text[:insert] + f"\n{indent}-{gap}{value}" + text[insert:]

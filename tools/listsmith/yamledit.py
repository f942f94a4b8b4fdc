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


def with_lf(text: str) -> tuple[str, bool]:
    """``text`` with LF line ends to edit, and whether it had CRLF ones to give back."""
    crlf = "\r\n" in text
    return (text.replace("\r\n", "\n"), crlf) if crlf else (text, False)


def line_ends(text: str, crlf: bool) -> str:
    """An edited text with the line ends its file had (a file written on Windows)."""
    return text.replace("\n", "\r\n") if crlf else text


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
    replacement = yamlwrite.scalar(new, style, _in_flow(root, path))
    end = node.end_mark.index
    if node.style in ("|", ">"):
        replacement = yamlwrite.scalar(new, '"')
        # A block scalar's end mark is past its final line break: keep that break.
        if text[end - 1 : end] == "\n":
            end -= 1
    return text[: node.start_mark.index] + replacement + text[end:]


def _in_flow(root: yaml.Node, path: YamlPath) -> bool:
    """Whether the node at ``path`` sits inside a flow collection (``[...]``, ``{...}``)."""
    parent = node_at(root, path[:-1])
    return isinstance(parent, yaml.CollectionNode) and bool(parent.flow_style)


def insert_after(text: str, root: yaml.Node, path: YamlPath, key: str, value: str) -> str:
    """``text`` with ``key: value`` added to the mapping that holds ``path``, right after
    it: on the next line at the same indentation, or after it in a flow mapping."""
    parent = node_at(root, path[:-1])
    where = ".".join(map(str, path))
    if not isinstance(parent, yaml.MappingNode):
        raise CannotEdit(f"{where} is not in a mapping")
    if any(k.value == key for k, _ in parent.value):
        raise CannotEdit(f"{key} is there already")
    pair = next(((k, v) for k, v in parent.value if k.value == path[-1]), None)
    if pair is None:
        raise CannotEdit(f"{where} is missing")
    name, node = pair
    rendered = f"{key}: {yamlwrite.scalar(value, flow=bool(parent.flow_style))}"
    if parent.flow_style:
        end = node.end_mark.index
        return text[:end] + f", {rendered}" + text[end:]
    return _after_line(text, node, [" " * name.start_mark.column + rendered])


def append_to_sequence(text: str, root: yaml.Node, path: YamlPath, item: str) -> str:
    """``text`` with ``item`` added at the end of the sequence at ``path``."""
    node = _sequence(root, path)
    value = yamlwrite.scalar(item, flow=bool(node.flow_style))
    return _append(text, node, path, value, [value])


def insert_into_sequence(text: str, root: yaml.Node, path: YamlPath, index: int, item: str) -> str:
    """``text`` with ``item`` added before the item at ``index`` of the sequence at ``path``
    (at the end when ``index`` is past its last), in the style of the items there."""
    node = _sequence(root, path)
    value = yamlwrite.scalar(item, flow=bool(node.flow_style))
    if index >= len(node.value):
        return _append(text, node, path, value, [value])
    before = node.value[index].start_mark.index
    if node.flow_style:
        return text[:before] + value + ", " + text[before:]
    dash = text.rfind("-", 0, before)
    line = text.rfind("\n", 0, dash) + 1
    return text[:line] + text[line:before] + value + "\n" + text[line:]


def append_mapping(text: str, root: yaml.Node, path: YamlPath, item: dict[str, str]) -> str:
    """``text`` with the mapping ``item`` added at the end of the sequence at ``path``, in
    the style of the items there; a missing sequence is added as the mapping's last key."""
    pairs = [f"{k}: {yamlwrite.scalar(v)}" for k, v in item.items()]
    if node_at(root, path) is None:
        return _add_sequence(text, root, path, pairs)
    node = _sequence(root, path)
    flow = "{" + ", ".join(f"{k}: {yamlwrite.scalar(v, flow=True)}" for k, v in item.items()) + "}"
    first = node.value[0] if node.value else None
    block = isinstance(first, yaml.MappingNode) and not first.flow_style
    return _append(text, node, path, flow, pairs if block else [flow])


def _sequence(root: yaml.Node, path: YamlPath) -> yaml.SequenceNode:
    node = node_at(root, path)
    if not isinstance(node, yaml.SequenceNode):
        raise CannotEdit(f"{'.'.join(map(str, path))} is not a list")
    return node


def _append(text: str, node: yaml.SequenceNode, path: YamlPath, flow: str, lines: list[str]) -> str:
    """An item after the last of ``node``: ``flow`` in a flow sequence, else ``lines``
    as a block item, its lines after the first aligned under the first."""
    if node.flow_style:
        close = node.end_mark.index - 1  # the "]"
        sep = ", " if node.value else ""
        return text[:close].rstrip() + sep + flow + text[close:]
    if not node.value:
        raise CannotEdit(f"{'.'.join(map(str, path))} is an empty block list")
    column = node.value[0].start_mark.column
    dash = text.rfind("-", 0, node.value[0].start_mark.index)
    indent = " " * (dash - text.rfind("\n", 0, dash) - 1)
    gap = " " * (column - len(indent) - 1)
    first, *rest = lines
    return _after_line(
        text, node.value[-1], [f"{indent}-{gap}{first}", *(" " * column + r for r in rest)]
    )


def _add_sequence(text: str, root: yaml.Node, path: YamlPath, pairs: list[str]) -> str:
    """A new key ``path[-1]`` holding a one-item block list, after the mapping's last key."""
    parent = node_at(root, path[:-1])
    if not isinstance(parent, yaml.MappingNode) or parent.flow_style or not parent.value:
        raise CannotEdit(f"can't add {'.'.join(map(str, path))} here")
    indent = " " * parent.value[0][0].start_mark.column
    first, *rest = pairs
    lines = [f"{indent}{path[-1]}:", f"{indent}  - {first}", *(f"{indent}    {r}" for r in rest)]
    return _after_line(text, parent.value[-1][1], lines)


def _after_line(text: str, node: yaml.Node, lines: list[str]) -> str:
    """``lines`` inserted after the line where ``node`` ends (and its comment)."""
    end = node.end_mark.index
    if text[end - 1 : end] == "\n":  # a block node's end mark is past its line break
        end -= 1
    line_end = text.find("\n", end)
    insert = len(text) if line_end == -1 else line_end
    return text[:insert] + "".join(f"\n{line}" for line in lines) + text[insert:]

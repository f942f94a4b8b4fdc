"""Declared options, checked the way yamllint checks its rules' settings.

Whatever listsmith.yaml can set (a rule's level and options, a render
target's path, a link-check limit) is declared once, beside the code that
uses it, as an :class:`Option`: its default, the types it takes and what it
means. One checker reads a block of listsmith.yaml against the declarations,
so an unknown key, a wrong type or a value out of range is a problem at the
line that holds it, never a crash later; and ``schema.json``'s
``$defs.config`` is generated from the same declarations, so editors and
CONTRIBUTING.md say exactly what the code accepts.

An option marked ``trusted`` decides what runs, where requests and tokens go
or what the private-address guard allows. A pull request can't change it:
with ``--base REF`` (the pull-request workflow passes its base commit) its
value is read from listsmith.yaml as committed at REF, and a change to it in
the working tree is reported.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from listsmith.problems import Level, Problem
from listsmith.project import Config, YamlPath
from listsmith.trust import from_base

RULE = "config"

_TYPE_NAMES = {
    bool: ("boolean", "true or false"),
    int: ("integer", "a whole number"),
    float: ("number", "a number"),
    str: ("string", "text"),
    list: ("array", "a list"),
    dict: ("object", "a mapping"),
}


@dataclass(frozen=True)
class Option:
    """One setting: default, accepted types, meaning, and bounds."""

    default: Any
    types: tuple[type, ...]
    description: str
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    items: type | None = None
    """For a list: the type of its items."""
    trusted: bool = False
    example: Any = None
    """Shown in the schema when the default is None or empty."""
    check: Callable[[Any], str | None] | None = None
    """What the types can't say (a list of valid patterns, a mapping's values)."""

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not acceptable, or None when it is."""
        # bool is an int in Python: "level: true" must not pass as a number.
        if isinstance(value, bool) and bool not in self.types:
            return f"must be {self._want()}, not a boolean"
        if not isinstance(value, self.types):
            return f"must be {self._want()}"
        if self.choices is not None and value not in self.choices:
            return f"{value!r} is not one of: {', '.join(map(str, self.choices))}"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return f"must be at least {self.minimum:g}"
            if self.maximum is not None and value > self.maximum:
                return f"must be at most {self.maximum:g}"
        if isinstance(value, list) and self.items is not None:
            bad = [v for v in value if not isinstance(v, self.items) or isinstance(v, bool)]
            if bad:
                return f"must be a list of {_TYPE_NAMES[self.items][1]}"
        return self.check(value) if self.check is not None else None

    def _want(self) -> str:
        return " or ".join(_TYPE_NAMES[t][1] for t in self.types if t in _TYPE_NAMES)

    def schema(self) -> dict[str, Any]:
        """This option as JSON Schema, for ``$defs.config`` in schema.json."""
        names = [_TYPE_NAMES[t][0] for t in self.types if t is not int or float not in self.types]
        node: dict[str, Any] = {"type": names[0] if len(names) == 1 else names}
        if self.choices is not None:
            node = {"enum": list(self.choices)}
        if self.minimum is not None:
            node["minimum"] = self.minimum
        if self.maximum is not None:
            node["maximum"] = self.maximum
        if self.items is not None:
            node["items"] = {"type": _TYPE_NAMES[self.items][0]}
        trust = (
            " Trusted: on a pull request it is read from the base branch." if self.trusted else ""
        )
        node["description"] = self.description + trust
        if self.default is not None:
            node["default"] = self.default
        example = self.example if self.example is not None else self.default
        node["examples"] = [example]
        return node


def check_block(
    config: Config,
    where: YamlPath,
    declared: Mapping[str, Option],
    given: Any,
    rule: str = RULE,
) -> tuple[dict[str, Any], list[Problem]]:
    """``given`` (a mapping from listsmith.yaml at ``where``) against ``declared``.

    Returns every declared option's value (the default where unset or wrong)
    and the problems, each at the line of the key or value at fault. When the
    run trusts only the base branch (``config.base``), trusted options take
    the base's value, and a change to one is a problem.
    """
    values, problems = _check(config, where, declared, given, rule)
    if config.base is None:
        return values, problems
    base_values, _ = _check(config.base, where, declared, config.base.at(where), rule)
    for name, option in declared.items():
        if not option.trusted or values[name] == base_values[name]:
            continue
        problems.append(
            from_base(
                config.path,
                config.position(*where, name),
                f"{dotted((*where, name))} decides what a run trusts, so this run reads it "
                f"from the base branch ({base_values[name]!r})",
            )
        )
        values[name] = base_values[name]
    return values, problems


def _check(
    config: Config, where: YamlPath, declared: Mapping[str, Option], given: Any, rule: str
) -> tuple[dict[str, Any], list[Problem]]:
    values = {name: option.default for name, option in declared.items()}
    problems: list[Problem] = []
    if given is None:
        return values, problems
    if not isinstance(given, dict):
        problems.append(at(config, where, f"{dotted(where)} must be a mapping", rule))
        return values, problems
    for key, value in given.items():
        option = declared.get(key)
        if option is None:
            problems.append(unknown(config, (*where, key), list(declared), rule))
            continue
        why = option.problem(value)
        if why:
            problems.append(at(config, (*where, key), f"{dotted((*where, key))} {why}", rule))
        else:
            values[key] = value
    return values, problems


def unknown(config: Config, where: YamlPath, known: list[str], rule: str = RULE) -> Problem:
    """An unknown key, with the closest known one as a hint."""
    name = str(where[-1])
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    listed = f" (known: {', '.join(known)})" if len(known) <= 12 else ""
    line, col = config.doc.key_position(where) if config.doc else (1, 1)
    return Problem(
        config.path, line, col, Level.ERROR, f"unknown {dotted(where)}{hint}{listed}", rule
    )


def at(config: Config, where: YamlPath, message: str, rule: str = RULE) -> Problem:
    line, col = config.position(*where)
    return Problem(config.path, line, col, Level.ERROR, message, rule)


def dotted(where: YamlPath) -> str:
    return ".".join(str(part) for part in where) or "the file"


def block_schema(declared: Mapping[str, Option], description: str, example: Any) -> dict[str, Any]:
    """JSON Schema of a block of declared options."""
    return {
        "type": "object",
        "additionalProperties": False,
        "description": description,
        "examples": [example],
        "properties": {name: option.schema() for name, option in declared.items()},
    }

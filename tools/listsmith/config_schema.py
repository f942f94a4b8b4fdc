"""``$defs.config`` of schema.json, generated from what the code declares.

Rules, render targets and render settings each declare their options next to
the code that reads them (:mod:`listsmith.settings`); this builds the JSON
Schema editors use for listsmith.yaml from those declarations, so the schema
can never promise a setting the code ignores. A test holds schema.json's copy
equal to this.
"""

from __future__ import annotations

from typing import Any

from listsmith import render_options, rules
from listsmith.links import config as links_config
from listsmith.settings import block_schema
from listsmith.targets import TARGETS


def _rule(rule: Any) -> dict[str, Any]:
    doc = (rule.__doc__ or "").strip().split("\n")[0]
    if not rules.is_configurable(rule):
        return {
            "enum": ["enable"],
            "description": f"{doc} It keeps the README faithful to the data: always on.",
            "examples": ["enable"],
        }
    options = block_schema(rules.declared(rule), doc, {"level": "warning"})
    return {
        "oneOf": [{"enum": ["enable", "disable"]}, options],
        "description": doc,
        "examples": ["disable"],
    }


def build() -> dict[str, Any]:
    """The schema of listsmith.yaml."""
    targets = {
        name: {
            "oneOf": [
                {"type": "boolean"},
                block_schema(cls.declared(), cls.DESCRIPTION, {"path": cls.PATH}),
            ],
            "description": f"{cls.DESCRIPTION} true or a mapping turns it on; false turns it off.",
            "examples": [True],
        }
        for name, cls in TARGETS.items()
    }
    render_block = block_schema(
        render_options.OPTIONS, "How the list is rendered.", {"order": "title"}
    )
    render_block["properties"]["targets"] = {
        "type": "object",
        "additionalProperties": False,
        "description": "The files to render, by target name, with their options: readme is "
        "on unless set to false; every other target is off unless turned on.",
        "examples": [{"readme": {"contents_counts": True}}],
        "properties": targets,
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "description": "listsmith.yaml: the maintainer's settings. Content lives under resources/.",
        "examples": [{"rules": {"url-https": "disable"}}],
        "properties": {
            "rules": {
                "type": "object",
                "additionalProperties": False,
                "description": "Rules by id: enable, disable, or a mapping of level and options.",
                "examples": [{"title-period": {"level": "warning"}}],
                "properties": {rule_id: _rule(rule) for rule_id, rule in rules.RULES.items()},
            },
            "render": render_block,
            "links": block_schema(
                links_config.declared(),
                "How `listsmith links` checks: limits, exclusions, and (trusted) where requests "
                "may go. The command line overrides the limits.",
                {"timeout": 15, "exclude": ["^https://www\\.amazon\\.com/"]},
            ),
        },
    }

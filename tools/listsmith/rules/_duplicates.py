"""The one duplicate search the four duplicate rules share in a run."""

from __future__ import annotations

from listsmith.rules.base import Finding, RuleContext


def findings(context: RuleContext, rule_id: str) -> list[Finding]:
    """This rule's part of the search, which runs once for every enabled duplicate rule."""
    if "duplicates" not in context.shared:
        from listsmith import dupes

        context.shared["duplicates"] = dupes.find(
            context.project, context.final_urls, context.enabled
        )
    return context.shared["duplicates"][rule_id]

"""A fake `gh` for the link-rot workflow's tests: pull requests, issues and labels kept in
a JSON file (``GH_FAKE_STATE``), every call recorded.

It answers the commands the workflow runs, with the ``--jq`` programs it uses, as the
real gh does (a number per line, nothing for an empty result), and fails loudly on
anything else, so a workflow change that this fake doesn't know is noticed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

JQ = {
    ".[0].number // empty": lambda items: items[:1],
    'map(select(.title == "Link rot report")) | sort_by(.number) | .[].number': lambda items: (
        sorted((i for i in items if i["title"] == "Link rot report"), key=lambda i: i["number"])
    ),
}


def options(args: list[str]) -> tuple[list[str], dict[str, str]]:
    """Positional arguments and ``--name value`` options (every option here takes a value)."""
    positional, named = [], {}
    it = iter(args)
    for arg in it:
        if arg.startswith("--"):
            name, _, value = arg[2:].partition("=")
            named[name] = value if value else ("" if name == "force" else next(it))
        else:
            positional.append(arg)
    return positional, named


BODY_LIMIT = 65_536
"""GitHub refuses a longer issue or pull request body (peter-evans/create-issue-from-file#1705)."""


def body(named: dict[str, str]) -> str:
    text = Path(named["body-file"]).read_text(encoding="utf-8")
    if len(text) > BODY_LIMIT:
        sys.exit(
            'Validation Failed: {"resource":"Issue","code":"custom","field":"body",'
            '"message":"body is too long (maximum is 65536 characters)"}'
        )
    return text


def listing(items: list[dict[str, Any]], named: dict[str, str]) -> None:
    program = named["jq"]
    if program not in JQ:
        sys.exit(f"fake gh: unknown --jq program {program!r}")
    for item in JQ[program](items):
        print(item["number"])


def main(argv: list[str]) -> None:
    path = Path(os.environ["GH_FAKE_STATE"])
    state = json.loads(path.read_text())
    state["calls"].append(argv)
    kind, verb, *rest = argv
    positional, named = options(rest)
    if kind == "label" and verb == "create":
        state["labels"] = sorted({*state["labels"], positional[0]})
    elif kind in ("pr", "issue"):
        items = state["prs" if kind == "pr" else "issues"]
        if verb == "list":
            wanted = [
                i
                for i in items
                if i["state"] == named["state"].upper()
                and named.get("head", i.get("head")) == i.get("head")
                and (named.get("label") is None or named["label"] in i["labels"])
            ]
            listing(wanted, named)
        elif verb == "create":
            if kind == "pr" and not state.get("actions_create_prs", True):
                # The repository setting "Allow GitHub Actions to create and approve pull
                # requests" is off by default; the API then refuses the workflow's token.
                sys.exit(
                    "pull request create failed: GraphQL: GitHub Actions is not permitted "
                    "to create or approve pull requests (createPullRequest)"
                )
            state["next"] += 1
            item = {
                "number": state["next"],
                "title": named["title"],
                "body": body(named),
                "state": "OPEN",
                "labels": [named["label"]] if "label" in named else [],
            }
            if kind == "pr":
                item["head"] = named["head"]
            if "label" in named and named["label"] not in state["labels"]:
                sys.exit(f"fake gh: no label {named['label']}")
            items.append(item)
            print(f"https://github.com/owner/list/{kind}/{item['number']}")
        else:
            item = next(i for i in items if str(i["number"]) == positional[0])
            if verb == "edit":
                item["body"] = body(named)
                item["title"] = named.get("title", item["title"])
            elif verb == "close":
                item["state"] = "CLOSED"
                item["comment"] = named.get("comment")
            else:
                sys.exit(f"fake gh: unknown command {argv}")
    else:
        sys.exit(f"fake gh: unknown command {argv}")
    path.write_text(json.dumps(state, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])

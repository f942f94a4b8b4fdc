"""A fake `gh` for the workflows' tests: pull requests, issues, labels and comments kept in
a JSON file (``GH_FAKE_STATE``), every call recorded.

It answers the commands the workflow runs, with the ``--jq`` programs it uses, as the
real gh does (a number per line, nothing for an empty result), and fails loudly on
anything else, so a workflow change that this fake doesn't know is noticed.
"""

from __future__ import annotations

import json
import os
import re
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


# `gh api` (https://cli.github.com/manual/gh_api): the method is GET unless --method/-X says
# otherwise (POST when fields or --input are given); --input FILE is the request body;
# --paginate follows the Link header through every page, printing each page's --jq output
# in turn; an HTTP error prints "gh: <message> (HTTP <status>)" on stderr and exits 1.
# The endpoints are GitHub's REST ones the preview workflow calls
# (https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request,
# https://docs.github.com/en/rest/issues/comments): comments list 30 a page by default,
# oldest first, each with its id, body and user.login; a comment made with a workflow's
# GITHUB_TOKEN is by "github-actions[bot]".
PAGE = 30
BOT = "github-actions[bot]"
_SELECT = re.compile(
    r'\.\[\] \| select\(\.user\.login == "([^"]+)" and '
    r'\(\.body \| startswith\("([^"]+)"\)\)\) \| \.id'
)


def http_error(status: int, message: str) -> None:
    print(f"gh: {message} (HTTP {status})", file=sys.stderr)
    sys.exit(1)


def jq(program: str | None, value: Any) -> list[str]:
    """The output lines of the jq programs the preview workflow uses."""
    if program is None:
        return [json.dumps(value)]
    if program == ".head.sha":
        return [value["head"]["sha"]]
    select = _SELECT.fullmatch(program)
    if select:
        login, prefix = select.groups()
        return [
            str(c["id"])
            for c in value
            if c["user"]["login"] == login and c["body"].startswith(prefix)
        ]
    sys.exit(f"fake gh: unknown --jq program {program!r}")


def api(state: dict[str, Any], args: list[str]) -> None:
    method, program, body, paginate, endpoint = None, None, None, False, None
    it = iter(args)
    for arg in it:
        if arg in ("-X", "--method"):
            method = next(it)
        elif arg in ("-q", "--jq"):
            program = next(it)
        elif arg == "--input":
            body = json.loads(Path(next(it)).read_text(encoding="utf-8"))
        elif arg == "--paginate":
            paginate = True
        elif arg.startswith("-"):
            sys.exit(f"fake gh: unknown api option {arg}")
        else:
            endpoint = arg
    method = method or ("POST" if body is not None else "GET")
    repo = os.environ["GH_REPO"]
    pull = re.fullmatch(rf"repos/{re.escape(repo)}/pulls/(\d+)", endpoint or "")
    comments = re.fullmatch(rf"repos/{re.escape(repo)}/issues/(\d+)/comments", endpoint or "")
    comment = re.fullmatch(rf"repos/{re.escape(repo)}/issues/comments/(\d+)", endpoint or "")
    if pull and method == "GET":
        found = [p for p in state["prs"] if p["number"] == int(pull.group(1))]
        if not found:
            http_error(404, "Not Found")
        answer = {"number": found[0]["number"], "head": {"sha": found[0]["head_sha"]}}
        print("\n".join(jq(program, answer)))
    elif comments and method == "GET":
        on = [c for c in state["comments"] if c["issue"] == int(comments.group(1))]
        pages = [on[i : i + PAGE] for i in range(0, len(on), PAGE)] or [[]]
        for page in pages if paginate else pages[:1]:
            for line in jq(program, page):
                print(line)
    elif comments and method == "POST":
        if not any(p["number"] == int(comments.group(1)) for p in state["prs"]):
            http_error(404, "Not Found")
        state["next"] += 1
        made = {"id": state["next"], "issue": int(comments.group(1)), "user": {"login": BOT}}
        made["body"] = body["body"]
        state["comments"].append(made)
        print(json.dumps(made))
    elif comment and method == "PATCH":
        found = [c for c in state["comments"] if c["id"] == int(comment.group(1))]
        if not found:
            http_error(404, "Not Found")
        if found[0]["user"]["login"] != BOT:  # a token edits only its own comments
            http_error(403, "Resource not accessible by integration")
        found[0]["body"] = body["body"]
        print(json.dumps(found[0]))
    else:
        sys.exit(f"fake gh: unknown api call {method} {endpoint}")


def main(argv: list[str]) -> None:
    path = Path(os.environ["GH_FAKE_STATE"])
    state = json.loads(path.read_text())
    state["calls"].append(argv)
    if argv[0] == "api":
        api(state, argv[1:])
        path.write_text(json.dumps(state, indent=1))
        return
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

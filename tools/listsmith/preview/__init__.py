"""The pull-request preview: one comment showing what a pull request does to the list.

Two halves, on either side of the trust boundary:

- :mod:`listsmith.preview.collect` runs in the pull request's own job, which has no
  write token (it runs the fork's code). It writes plain data, ``preview.json``:
  each added or changed entry's README lines, what ``check`` found, what the link
  check of the changed URLs found, and the README diff.
- :mod:`listsmith.preview.comment` runs in a separate ``workflow_run`` job that may
  write comments but runs only the base branch's code. It reads ``preview.json``
  as untrusted text (size-capped, shape-checked, every string escaped, nothing
  executed) and turns it into the comment's body.

The pull request number in the data is only a claim: the workflow checks it
against the API (that pull request's head is the commit the run was for) before
it writes anything.
"""

from __future__ import annotations

MARKER = "<!-- listsmith-preview -->"
"""The hidden first line that identifies the preview comment, so it is updated, never
posted twice."""
FORMAT = 1
"""The version of preview.json's shape."""

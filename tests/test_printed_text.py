"""What import and init print quotes the README: escapes in it reach the terminal only as
visible ``\\uXXXX`` text, never as the sequences a terminal obeys (a window title, the
clipboard through OSC 52)."""

from __future__ import annotations

import json
import os
from pathlib import Path

TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"
# Raw HTML in a description is one of the things the import leaves out and names: the
# address it reports is the README's, escapes and all.
README = (
    f'# Things\n\n## Tools\n\n- [A](https://a.example.org/) - An <a href="https://h.example.org/'
    f'{TITLE}">a</a>.\n\n## More\n\n- [B](https://b.example.org/) - A b <a href="https://'
    f'c.example.org/{CLIPBOARD}\x9b">here</a>.\n'
)
RAW = ("\x1b", "\x07", "\x9b")


def test_import_prints_the_readme_escaped(run, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(README)
    text = run("import", str(tmp_path / "README.md"), "--into", str(tmp_path / "a"), "--no-dates")
    assert text.code == 1, text.err  # links were left out: problems found
    assert "not imported: https://h.example.org/\\u001b]0;pwned\\u0007" in text.out
    assert "\\u001b]52;c;" in text.out
    as_json = run(
        "import",
        str(tmp_path / "README.md"),
        "--into",
        str(tmp_path / "b"),
        "--no-dates",
        "--format",
        "json",
    )
    assert as_json.code == 1, as_json.err
    for result in (text, as_json):
        assert not any(c in result.out + result.err for c in RAW)
    # The JSON still says exactly what the README held.
    urls = [s["url"] for s in json.loads(as_json.out)["not_imported"]]
    assert urls == [f"https://h.example.org/{TITLE}", f"https://c.example.org/{CLIPBOARD}\x9b"]


def test_errors_quoting_a_path_or_a_link_are_escaped(run, tmp_path: Path) -> None:
    named = tmp_path / f"README{TITLE}.md"
    os.symlink(f"../{CLIPBOARD}", named)
    refused = run("import", str(named), "--into", str(tmp_path / "a"))
    assert refused.code == 2 and "is a symlink" in refused.err
    missing = run("init", str(tmp_path / f"x{TITLE}" / "y"), "--install", "pip install x")
    (tmp_path / f"file{TITLE}").write_text("")
    not_a_folder = run("init", str(tmp_path / f"file{TITLE}"), "--install", "pip install x")
    assert not_a_folder.code == 2 and "is not a folder" in not_a_folder.err
    for result in (refused, missing, not_a_folder):
        assert not any(c in result.out + result.err for c in RAW)

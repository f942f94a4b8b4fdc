"""listsmith: keep a curated, awesome-style list alive.

The list lives as one YAML file per entry under ``resources/``; this package
validates those files, renders README.md from them and reports problems in one
format that editors, terminals and GitHub Actions all understand.

The trust boundary, in one sentence: a pull request controls content (entries,
titles, texts, templates), never trust (the settings in listsmith.yaml that
decide what runs, where requests and tokens go and what the private-address
guard allows, read from the base branch with ``--base``). CONTRIBUTING.md's
"Security model" says what guards each side.
"""

__version__ = "0.1.0"

SCAFFOLD_INSTALL = "pip install listsmith"
"""How the workflows of a list made by ``listsmith init`` install listsmith."""

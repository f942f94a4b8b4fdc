"""listsmith: keep a curated, awesome-style list alive.

The list lives as one YAML file per entry under ``resources/``; this package
validates those files, renders README.md from them and reports problems in one
format that editors, terminals and GitHub Actions all understand.
"""

__version__ = "0.1.0"

SCAFFOLD_INSTALL = "pip install listsmith"
"""How the workflows of a list made by ``listsmith init`` install listsmith."""

"""jinja2 environments that treat a list's templates as content, not code.

A list may bring its own templates (``templates/`` at its root), and a pull
request may change them. So templates run in jinja2's
:class:`~jinja2.sandbox.SandboxedEnvironment` (no attribute access to
internals, no calling arbitrary methods), and they are only ever read from
the list's ``templates/`` folder: regular files, no symlinks, no ``..``, so
``.git/config`` (where a checkout keeps its token) can't be rendered into
README.md. Built-in templates come from the package and may be extended or
included by a list's own, under the name ``listsmith/<name>`` (a list's
own folder can't shadow them).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from listsmith import __version__, codecache
from listsmith.project import CouldNotRun, read_bytes

TEMPLATES = "templates"
"""The folder of a list's own templates, relative to its root."""
BUILTIN = "listsmith"
"""Built-in templates are named ``listsmith/README.md.j2`` and so on."""
MAX_TEMPLATE_BYTES = 512 * 1024
_NAME = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*")


class ListTemplates(jinja2.BaseLoader):
    """Templates from ``<root>/templates/`` and nowhere else."""

    def __init__(self, root: Path) -> None:
        self.folder = root / TEMPLATES

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if not _NAME.fullmatch(template) or ".." in template.split("/"):
            raise jinja2.TemplateNotFound(template)
        path = self.folder.parent
        for part in (TEMPLATES, *template.split("/")):
            path = path / part
            # Every component is checked, templates/ itself included: a symlinked
            # folder (``templates -> .git``) must not lead outside the list either.
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                raise jinja2.TemplateNotFound(template) from None
            if stat.S_ISLNK(mode):
                raise CouldNotRun(f"{TEMPLATES}/{template}: symlinks are not followed")
        try:
            raw = read_bytes(path, MAX_TEMPLATE_BYTES)
        except OSError as exc:
            raise CouldNotRun(f"{TEMPLATES}/{template} can't be read: {exc.strerror}") from exc
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise CouldNotRun(f"{TEMPLATES}/{template} is larger than 512 KiB")
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CouldNotRun(f"{TEMPLATES}/{template} is not UTF-8") from exc
        return source, f"{TEMPLATES}/{template}", lambda: False


def environment(
    root: Path | None, autoescape: bool, filters: Mapping[str, Callable[..., Any]]
) -> jinja2.Environment:
    """An environment for ``listsmith/...`` built-ins and, given ``root``, the list's own
    templates. Only then is it sandboxed: the sandbox checks every attribute a template
    reads (a third of rendering a large README), which the package's own templates,
    as trusted as the rest of its code, don't need."""
    loaders: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({BUILTIN: jinja2.PackageLoader("listsmith", "templates")})
    ]
    if root is not None:
        loaders.append(ListTemplates(root))
    kind = SandboxedEnvironment if root is not None else jinja2.Environment
    env = kind(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    if root is None:  # only the package's own templates: compiled code kept between runs
        env.bytecode_cache = _Compiled(env)
    # Every generated file's header names the listsmith that wrote it, so a diff after an
    # upgrade says why it changed.
    env.globals["listsmith_version"] = __version__
    return env


class _Compiled(jinja2.BytecodeCache):
    """The built-in templates' compiled code, kept by :mod:`listsmith.codecache`: compiling
    them took a third of ``check``. Never given to a sandboxed environment, whose code
    differs (its calls go through the sandbox) and whose templates a pull request writes."""

    def __init__(self, env: jinja2.Environment) -> None:
        # What the compiled code depends on besides its source (jinja2's bucket key is
        # the template's name and file, its checksum the source's).
        self._settings = repr(
            (
                jinja2.__version__,
                type(env).__name__,
                env.autoescape,
                env.trim_blocks,
                env.lstrip_blocks,
                env.keep_trailing_newline,
                # Compiled code bakes in how each filter is called (pass_context...) and
                # what it made of constants: which function it is, not just its name.
                sorted((name, _identity(f)) for name, f in env.filters.items()),
            )
        )

    def _key(self, bucket: jinja2.bccache.Bucket) -> str:
        return "\0".join((self._settings, bucket.key, bucket.checksum))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = codecache.load("template", self._key(bucket))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            codecache.store("template", self._key(bucket), bucket.code)


def _identity(function: Callable[..., Any]) -> str:
    """A filter as its compiled callers depend on it: where it is defined, its jinja2
    decorator, and its code (for a filter that changed within one listsmith version)."""
    code = getattr(function, "__code__", None)
    digest = hashlib.sha256(code.co_code).hexdigest()[:16] if code is not None else ""
    origin = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
    return f"{origin}:{getattr(function, 'jinja_pass_arg', '')}:{digest}"


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render ``name``; any template fault is a could-not-run error naming the place."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise CouldNotRun(
            f"template {exc.name} not found (a list's templates live in {TEMPLATES}/)"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or name}:{exc.lineno}"
        raise CouldNotRun(f"{where}: template error: {exc.message}") from exc
    except jinja2.exceptions.SecurityError as exc:
        raise CouldNotRun(f"{name}: the template tried something unsafe: {exc}") from exc
    except jinja2.TemplateError as exc:
        raise CouldNotRun(f"{name}: template error: {exc}") from exc
    except Exception as exc:  # a list's template is untrusted code: any fault is its own
        raise CouldNotRun(f"{name}: template failed: {type(exc).__name__}: {exc}") from exc

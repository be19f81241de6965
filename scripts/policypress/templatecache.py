"""Compiled Jinja templates, kept between builds even when `build/` is deleted.

Compiling the theme's templates and the site's own is about a third of a cold build of a small
site. Jinja can keep what it compiled (its bytecode cache); this module says where, and keys each
entry so that it can never be used for anything but the exact template it was compiled from:

- **Where.** In the virtual environment policypress runs in (`.venv/var/cache/policypress/jinja`
  in a checkout, made by `scripts/setup`): it holds the installed packages whose templates these
  are, it is never in the user's home folder, and deleting `build/` leaves it. Outside a virtual
  environment, where that folder cannot be written, or where another user owns it or may write
  to it (what is loaded from it runs), there is no shared cache (`shared()` is None); the site
  engine then keeps one in `build/.cache/templates`.
- **Never stale.** An entry's name is a hash of the template's source, the environment's
  settings that change compiled code (delimiters, extensions, how each filter and test is
  called, the gettext style and the policies read when compiling) and Jinja's version; Jinja
  itself checks the source's checksum and Python's version again when it loads one. An edited
  template is a new entry, never a changed one.
- **Bounded.** Entries are written whole (a temporary file, then a rename), so builds running at
  once share the folder safely. When it holds more than `LIMIT` entries, those this process did
  not use are removed.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

LIMIT = 400  # entries: a few times the templates of the theme and of the site's own pages
PATTERN = "%s.jinja"
# Jinja's policies read when compiling (the others, such as json.dumps_function, when rendering)
COMPILER_POLICIES = ("compiler.ascii_str", "ext.i18n.trimmed")


def _settings(environment: jinja2.Environment) -> str:
    """What in `environment` changes the code a template compiles to."""
    calls = {
        f"{kind}:{name}": str(getattr(func, "jinja_pass_arg", None))  # see @pass_context
        for kind, table in (("filter", environment.filters), ("test", environment.tests))
        for name, func in table.items()
    }
    options = [
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
        callable(environment.autoescape) or environment.autoescape,
        environment.finalize is not None,
        sorted(environment.extensions),
        getattr(environment, "newstyle_gettext", None),  # `{% trans %}` compiles to other code
        [environment.policies.get(name) for name in COMPILER_POLICIES],
        environment.code_generator_class.__qualname__,
        environment.context_class.__qualname__,
        sorted(calls.items()),
        jinja2.__version__,
    ]
    return repr(options)


class Compiled(jinja2.FileSystemBytecodeCache):
    """Jinja's file-system bytecode cache, keyed by what a template compiles from."""

    def __init__(self, folder: Path):
        super().__init__(str(folder), PATTERN)
        self.folder = folder
        self.used: set[str] = set()

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        checksum = self.get_source_checksum(source)
        key = hashlib.sha256(
            "\0".join([name, checksum, _settings(environment)]).encode("utf-8")
        ).hexdigest()
        self.used.add(PATTERN % key)
        bucket = Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
            self._trim()
        except OSError:
            pass  # not kept: the next build compiles it again, with the same result

    def _trim(self) -> None:
        entries = [p for p in self.folder.iterdir() if p.name.endswith(PATTERN % "")]
        if len(entries) > LIMIT:
            for path in entries:
                if path.name not in self.used:
                    path.unlink(missing_ok=True)


def _folder() -> Path | None:
    """The shared folder, in the virtual environment policypress runs in; None outside one."""
    if sys.prefix == sys.base_prefix:
        return None
    folder = Path(sys.prefix) / "var" / "cache" / "policypress" / "jinja"
    try:
        folder.mkdir(
            mode=0o755, parents=True, exist_ok=True
        )  # never writable by others, whatever the umask
        found = folder.stat()
    except OSError:
        return None
    # What is loaded from here runs: only a folder of this user's, which no one else can write
    if hasattr(os, "getuid") and (found.st_uid != os.getuid() or found.st_mode & 0o022):
        return None
    return folder if os.access(folder, os.W_OK) else None


@cache
def shared() -> Compiled | None:
    """The one shared cache of compiled templates, or None where there is none."""
    folder = _folder()
    return Compiled(folder) if folder is not None else None

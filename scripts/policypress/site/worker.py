"""MkDocs in a process of its own, started as a build starts, so that importing it overlaps the
rest of the build.

Importing MkDocs, its theme and their plugins, and their first build's set-up, take about 0.2 s:
more than rendering a small site. `policypress build` starts this worker before it loads
anything. The worker imports all that on the second CPU while the build loads, checks and
renders the documents. Then it runs `engine.run` on the project the build wrote, exactly as the
build's own process would, and answers with what it did. The same function runs on the same
files, so the site is the same, byte for byte.

Only a build of a few documents starts one (`wanted`): with many, the build takes seconds, and
the worker would add its memory to the build's.

The worker writes only where it is told: the staging folder of the build that started it. A
build that stops (refused content, an error, Ctrl+C) stops its worker. A worker that cannot
start or stops early is not needed: the build then runs MkDocs itself.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import IO, Any

import policypress
from policypress.errors import RenderError

# Imported by a first build besides MkDocs itself: the theme's search plugin, the Markdown
# extensions of the project's mkdocs.yml, the highlighter the theme loads.
WARM = (
    "material.plugins.search.plugin",
    "markdown.extensions.attr_list",
    "markdown.extensions.md_in_html",
    "markdown.extensions.toc",
    "pygments.formatters.html",
    "pygments.lexers",
)


FEW = 10  # documents: with more, the build takes seconds and MkDocs's start-up hardly counts


def wanted(content: Path) -> bool:
    """Whether a build of `content` gains by a worker: one of a few documents, where MkDocs's
    start-up is a large part of the build. With many, the worker would only add its memory to
    the build's (a build of 100 documents peaked at 525 MB, against 482 MB)."""
    found = content.glob("*/document.yaml") if content.is_dir() else iter(())
    return sum(1 for _ in itertools.islice(found, FEW + 1)) <= FEW


def _environment() -> dict[str, str]:
    """The worker's environment: this one, with policypress's folder added to PYTHONPATH only
    when this Python would not find it by itself (an installed package needs nothing, so
    site-packages is never put ahead of the standard library)."""
    package = str(Path(policypress.__file__).resolve().parents[1])
    found = sys.path if sys.flags.safe_path else sys.path[1:]
    if any(entry and Path(entry).resolve() == Path(package) for entry in found):
        return dict(os.environ)
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": package + (os.pathsep + path if path else "")}


class Worker:
    """The worker process of one build."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        try:
            self.process = subprocess.Popen(
                # -P: the working folder (the user's repository) is not put first on the path,
                # so no file in it is imported in place of a module.
                [sys.executable, "-P", "-m", "policypress.site.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=_environment(),
            )
        except OSError:
            pass  # no worker: the build runs MkDocs itself

    def run(
        self,
        project: Path,
        site: Path,
        layout: str,
        cache: Path,
        serve_url: str | None,
        changed: set[str],
    ) -> tuple[bool, int] | None:
        """engine.run in the worker: (a whole build?, pages rendered), or None when the worker
        could not do it (then nothing of its is left to undo: the caller builds the whole site)."""
        process, self.process = self.process, None
        if process is None or process.stdin is None or process.stdout is None:
            return None
        request = {
            "project": str(project.resolve()),
            "site": str(site.resolve()),
            "layout": layout,
            "cache": str(cache.resolve()),
            "serve_url": serve_url,
            "changed": sorted(changed),
        }
        try:
            process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            process.stdin.close()
            answer = process.stdout.read()
        except OSError:
            answer = b""
        finally:
            _stop(process)
        try:
            reply = json.loads(answer) if answer.strip() else {}
        except ValueError:
            reply = {}  # not an answer: the caller builds the site itself
        if "error" in reply:
            raise RenderError(reply["error"])
        if "bug" in reply:
            raise RuntimeError(f"the site's worker failed:\n{reply['bug']}")
        if "whole" not in reply:
            return None
        return bool(reply["whole"]), int(reply["rendered"])

    def close(self) -> None:
        """Stop the worker when the build did not need it (or stopped)."""
        process, self.process = self.process, None
        if process is not None:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            pipe.close()
    if process.poll() is None:
        process.kill()
    process.wait()


def _serve(request: dict[str, Any]) -> dict[str, Any]:
    from policypress.site import engine

    try:
        built = engine.run(
            Path(request["project"]),
            Path(request["site"]),
            request["layout"],
            Path(request["cache"]),
            request["serve_url"],
            set(request["changed"]),
        )
    except RenderError as exc:
        return {"error": str(exc)}
    except Exception:
        return {"bug": traceback.format_exc()}
    return {"whole": built.whole, "rendered": built.rendered}


def main(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The worker: import and set up MkDocs, then build the one project it is sent."""
    import contextlib
    import importlib

    # Whatever MkDocs or a plugin prints goes where the build's messages go, never into the
    # answer, which is all that `stdout` carries.
    with contextlib.redirect_stdout(sys.stderr):
        from policypress.site import engine  # noqa: F401  (MkDocs, before it is needed)

        for name in WARM:
            try:
                importlib.import_module(name)
            except ImportError:
                pass  # imported when needed, if at all
        line = stdin.readline()
        if not line.strip():
            return  # the build needed no site
        reply = _serve(json.loads(line))
    stdout.write(json.dumps(reply).encode("utf-8"))
    stdout.flush()


if __name__ == "__main__":
    try:
        main(sys.stdin.buffer, sys.stdout.buffer)
    except KeyboardInterrupt:  # Ctrl+C reaches the build and its worker: the build says it
        sys.exit(130)

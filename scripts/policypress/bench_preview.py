"""`scripts/bench`'s preview stage: save one clause, time until `policypress serve` serves it.

The measurement is what a policy owner sees: `policypress serve` runs (mkdocs serve with live
reload) on a free port in a temporary copy of a repository; one clause's text is changed in its
YAML file, and the document's page is fetched every 20 ms until it holds the new text. The
browser's own reload after that (a few milliseconds on the same machine) is not included.

The floor is plain `mkdocs serve` (same theme, no plugin) on the same pages written as plain
Markdown, timed the same way after one Markdown page is saved: MkDocs 1.x rebuilds the whole site
on every save and looks for saves every 0.5 s. `policypress serve` looks every 0.1 s and builds
dirty (only the pages a save changed; see site/engine.py), so it can go under the floor.

Run on its own: `python -m policypress.bench_preview [--saves N] [--profile]` (the default
document only); `--profile` also prints where the time of one rebuild goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from policypress.benchkit import REPO, Table, generate_history, plain_markdown
from policypress.build import check
from policypress.site.serve import Session

POLL = 0.02  # seconds between two fetches of the page
READY_TIMEOUT = 900.0  # the first build of 100 documents, their DOCX and PDF included
SAVE_TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page's text, or None while it is not served (not yet built, or the server is busy)."""
    try:
        with urllib.request.urlopen(url, timeout=SAVE_TIMEOUT) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@contextmanager
def serving(command: list[str], cwd: Path, log: Path) -> Iterator[str]:
    """Run a preview server on a free port; yield its address; stop it (and only it) after."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _shows(marker: str) -> Callable[[str], bool]:
    """Whether a fetched page holds `marker`."""
    return lambda text: marker in text


def wait_for(urls: list[str], wanted: Callable[[str], bool], timeout: float, log: Path) -> float:
    """Fetch `urls` every POLL seconds until one of them satisfies `wanted`; the time it took."""
    started = time.perf_counter()
    while True:
        for url in urls:
            text = fetch(url)
            if text is not None and wanted(text):
                return time.perf_counter() - started
        if time.perf_counter() - started > timeout:
            tail = log.read_text("utf-8", "replace")[-2000:] if log.is_file() else ""
            raise SystemExit(
                f"bench: {urls[0]} did not show the change within {timeout:.0f} s; "
                f"the server said:\n{tail}"
            )
        time.sleep(POLL)


def time_saves(
    urls: list[str], path: Path, edit: Callable[[str, str], str], saves: int, log: Path
) -> list[float]:
    """Save `path` `saves` times, each with a new marker put in by `edit(original, marker)`, and
    time each save until a page in `urls` shows the marker."""
    original = path.read_text("utf-8")
    times = []
    for n in range(saves):
        marker = f"Checked on preview save {n + 1}."
        changed = edit(original, marker)
        assert marker in changed
        started = time.perf_counter()
        path.write_text(changed, "utf-8")
        wait_for(urls, _shows(marker), SAVE_TIMEOUT, log)
        times.append(time.perf_counter() - started)
        time.sleep(0.3)  # let the watcher settle before the next save
    path.write_text(original, "utf-8")
    return times


def clause_edit(original: str, marker: str) -> str:
    """Add `marker` to the end of the first clause's first line of text in a section's YAML."""
    lines = original.split("\n")
    for i, line in enumerate(lines):
        block = re.match(r"^\s*(- )?text: *[>|][-+]?\s*$", line)
        if block and i + 1 < len(lines) and lines[i + 1].strip():
            lines[i + 1] += f" {marker}"
            return "\n".join(lines)
        inline = re.match(r"^\s*(- )?text: *[^\s>|'\"].*$", line)
        if inline:
            lines[i] += f" {marker}"
            return "\n".join(lines)
    raise SystemExit("bench: found no clause text to edit")


def markdown_edit(original: str, marker: str) -> str:
    """Add `marker` as a last paragraph of a Markdown page."""
    return original.rstrip("\n") + f"\n\n{marker}\n"


def figures(times: list[float]) -> tuple[float, float, float]:
    return statistics.median(times), min(times), max(times)


def preview(
    repo: Path, doc_id: str, section: str, saves: int, tmp: Path
) -> tuple[float, float, float]:
    """`policypress serve` in a clone of `repo`: median, min and max of `saves` saves of
    `section` (a YAML file of `doc_id`, relative to the document's folder)."""
    copy = tmp / f"preview-{doc_id}"
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", "--", str(repo), str(copy)], check=True)
    log = tmp / f"preview-{doc_id}.log"
    page = [f"{doc_id}/draft/", f"{doc_id}/"]  # an approved document shows the edit as a proposal
    with serving([sys.executable, "-m", "policypress", "serve"], copy, log) as base:
        urls = [base + p for p in page]
        wait_for(urls[1:], lambda text: True, READY_TIMEOUT, log)
        times = time_saves(urls, copy / "content" / doc_id / section, clause_edit, saves, log)
    return figures(times)


def floor(pages: dict[str, str], doc_id: str, saves: int, tmp: Path) -> tuple[float, float, float]:
    """Plain `mkdocs serve` of `pages` ({doc id: Markdown}), each document with its four other
    pages as the site has them; the same timing after a save of `doc_id`'s page."""
    folder = tmp / f"floor-serve-{len(pages)}"
    docs = folder / "docs"
    for name, text in pages.items():
        (docs / name).mkdir(parents=True, exist_ok=True)
        (docs / name / "index.md").write_text(text, "utf-8")
        for page in ("changes", "history", "download"):
            (docs / name / f"{page}.md").write_text(f"# {page}\n\nText.\n", "utf-8")
    (docs / "index.md").write_text("# Housing policies\n", "utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Floor\ntheme:\n  name: material\n  font: false\n"
        "  features: [navigation.prune]\nplugins: [search]\n",
        "utf-8",
    )
    log = folder / "serve.log"
    with serving(
        [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml"], folder, log
    ) as base:
        url = [base + f"{doc_id}/"]
        wait_for(url, lambda text: True, READY_TIMEOUT, log)
        times = time_saves(url, docs / doc_id / "index.md", markdown_edit, saves, log)
    return figures(times)


def add_rows(
    table,
    repo: Path,
    doc_id: str,
    section: str | None,
    pages: dict[str, str],
    corpus: str,
    saves: int,
    tmp: Path,
    target: str = "≤ 0.3 s",
) -> None:
    """The bench table's row: save -> page served, beside plain mkdocs serve's floor. `section`:
    the YAML file to edit, relative to the document's folder (None: its first with a clause)."""
    section = section or default_section(repo / "content" / doc_id)
    ours = preview(repo, doc_id, section, saves, tmp)
    table.add(
        "preview: save→page",
        corpus,
        ours,
        floor=floor(pages, doc_id, saves, tmp),
        target=target,
        note="(policypress serve; floor: plain mkdocs serve)",
    )


# -- where one rebuild's time goes ----------------------------------------------------------------


def profile_rebuild(repo: Path, doc_id: str, section: str, tmp: Path, top: int = 25) -> str:
    """Profile one rebuild as `policypress serve` makes it after a save: a serve session, the site
    built once (dirty, as serve builds), one clause changed, then the profiled
    build (the changed PDF and Word files are made after it, in the background: not counted)."""

    copy = tmp / f"profile-{doc_id}"
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", "--", str(repo), str(copy)], check=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    here = Path.cwd()
    os.chdir(copy)
    try:
        session = Session(tmp / f"profile-site-{doc_id}")
        url = "http://127.0.0.1:8000/"
        session.rebuild(copy / "content", url)
        path = copy / "content" / doc_id / section
        path.write_text(
            clause_edit(path.read_text("utf-8"), "Checked on the profiled save."), "utf-8"
        )
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        session.rebuild(copy / "content", url)
        profiler.disable()
        elapsed = time.perf_counter() - started
        session.close()
    finally:
        os.chdir(here)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    heading = (
        f"one rebuild after a save of {doc_id}: {elapsed:.2f} s under the profiler; where it "
        "goes (cumulative seconds; indented parts are inside the part above):"
    )
    lines = [heading]
    for label, (file, function) in PARTS:
        seconds = sum(
            ct
            for (path, _, name), (_, _, _, ct, _) in stats.stats.items()  # type: ignore[attr-defined]
            if name == function and path.replace(os.sep, "/").endswith(file)
        )
        lines.append(f"  {label:<58} {seconds:6.2f} s")
    stats.sort_stats("cumulative").print_stats(top)
    return "\n".join(lines) + "\n\n" + out.getvalue()


# The parts of a rebuild worth naming, as (label, (file, function)); a function's cumulative time
# includes what it calls, so an indented part is counted in the part above it.
PARTS = [
    ("the whole rebuild", ("policypress/site/serve.py", "rebuild")),
    ("the pipeline and the site plan", ("policypress/site/serve.py", "plan")),
    (
        "  load and validate (changed documents only)",
        ("policypress/load/loader.py", "load_library"),
    ),
    ("  read the git history", ("policypress/history/read.py", "read_history")),
    ("  compare with the approved versions", ("policypress/consultation.py", "for_document")),
    ("  approved versions (archive)", ("policypress/versions.py", "approved")),
    ("  outputs rendered now (deferred ones are not)", ("policypress/pipeline.py", "_render")),
    ("  the site plan's pages", ("policypress/siteplan.py", "compose")),
    ("the project: changed pages written", ("policypress/site/project.py", "write_project")),
    ("MkDocs build (dirty)", ("mkdocs/commands/build.py", "build")),
    (
        "theme files listed (mkdocs add_files_from_theme)",
        ("mkdocs/structure/files.py", "add_files_from_theme"),
    ),
    ("MkDocs: Markdown to HTML, changed pages", ("mkdocs/structure/pages.py", "render")),
    (
        "MkDocs: changed pages through the theme's templates",
        ("mkdocs/commands/build.py", "_build_page"),
    ),
    (
        "search index (Material's search plugin)",
        ("material/plugins/search/plugin.py", "on_post_build"),
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m policypress.bench_preview",
        description="Time save -> page served by policypress serve, "
        "for the default document, beside plain mkdocs serve.",
    )
    parser.add_argument("--saves", type=int, default=5, help="saves to time (default 5)")
    parser.add_argument("--profile", action="store_true", help="also profile one rebuild")
    parser.add_argument(
        "--many",
        action="store_true",
        help="also one document among 100 (a generated repository, 10,000 commits)",
    )
    args = parser.parse_args()
    checked = check(REPO / "content", REPO)
    document = checked.result.library.documents[0]
    section = default_section(REPO / "content" / document.id)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        table = Table()
        table.print_header()
        pages = {d.id: plain_markdown(d) for d in checked.result.library.documents}
        add_rows(table, REPO, document.id, section, pages, "default document", args.saves, tmp)
        if args.many:
            repo = tmp / "repo"
            generate_history(repo, 10_000)
            many = check(repo / "content", repo).result.library.documents
            add_rows(
                table,
                repo,
                "doc-042",
                "sections/s0001.yaml",
                {d.id: plain_markdown(d) for d in many},
                "1 of 100 docs",
                args.saves,
                tmp,
                target="≤ 1 s",
            )
        if args.profile:
            print()
            print(profile_rebuild(REPO, document.id, section, tmp))
            if args.many:
                print(profile_rebuild(tmp / "repo", "doc-042", "sections/s0001.yaml", tmp))


def default_section(folder: Path) -> str:
    """The first section file of a document (relative to its folder) that has a clause's text."""
    for path in sorted((folder / "sections").glob("*.yaml")):
        try:
            clause_edit(path.read_text("utf-8"), "x")
        except SystemExit:
            continue
        return path.relative_to(folder).as_posix()
    raise SystemExit(f"bench: no section of {folder} has a clause's text to edit")


if __name__ == "__main__":
    main()

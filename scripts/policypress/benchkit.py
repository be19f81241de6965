"""The benchmark's parts that do not depend on the renderers: generated inputs (documents and a
long git history), timing, whole builds in a new process with their peak memory, and the
printed table. `bench.py` uses them.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from policypress.model import Document, Paragraph


def generate_document(content: Path, doc_id: str, clauses: int, per_section: int = 20) -> None:
    """Write a document with `clauses` clauses, `per_section` to a section, under `content`."""
    folder = content / doc_id
    (folder / "sections").mkdir(parents=True, exist_ok=True)
    sections = []
    for s in range(0, clauses, per_section):
        name = f"sections/s{s // per_section:04d}.yaml"
        sections.append(name)
        lines = [f"id: s{s // per_section}", f"title: Section {s // per_section + 1}", "clauses:"]
        for c in range(s, min(s + per_section, clauses)):
            lines += [
                f"  - id: c{c}",
                "    text: >-",
                f"      Staff must respond to every request within {c % 20 + 1} working days,",
                "      keep a record of what was agreed, and tell the tenant who is dealing",
                f"      with it. See [[c{max(c - 1, 0)}]] for how requests are logged.",
            ]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = [
        "title: Generated policy",
        "organisation: Bench Council",
        "document-type: Policy",
        "status: draft",
        "policy-owner: Housing",
        "approving-body: Cabinet",
        "review-period: 3 years",
        "applies-to: Everyone.",
        "summary: Generated.",
        "sections:",
    ]
    meta += [f"  - {name}" for name in sections]
    (folder / "document.yaml").write_text("\n".join(meta) + "\n", encoding="utf-8")


def generate_history(root: Path, commits: int, documents: int = 100, clauses: int = 60) -> None:
    """A repository of `documents` documents of `clauses` clauses with `commits` commits spread
    over them, written with one git fast-import."""
    for d in range(documents):
        generate_document(root / "content", f"doc-{d:03d}", clauses)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream = []
    files = sorted(p for p in (root / "content").rglob("*.yaml"))

    def blob(text: str) -> str:  # a fast-import data block
        return f"data {len(text.encode())}\n{text}\n"

    stream.append(
        "commit refs/heads/main\nmark :1\ncommitter Bench <b@example.org> 1700000000 +0000\n"
        + blob("Add the documents")
    )
    for path in files:
        stream.append(
            f"M 644 inline {path.relative_to(root).as_posix()}\n" + blob(path.read_text())
        )
    for n in range(1, commits):
        doc = n % documents
        target = f"content/doc-{doc:03d}/sections/s0000.yaml"
        text = (root / target).read_text() + f"# revision {n}\n"
        (root / target).write_text(text)
        message = f"Change {n}\n\nChange-summary: Revision {n} of document {doc}."
        stream.append(
            f"commit refs/heads/main\nmark :{n + 1}\n"
            f"committer Bench <b@example.org> {1700000000 + n * 60} +0000\n"
            + blob(message)
            + f"from :{n}\nM 644 inline {target}\n"
            + blob(text)
        )
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=root, input="".join(stream).encode(), check=True
    )
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)


def measure(runs: int, action: Callable[[], object]) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def amend(content: Path, every: int = 10) -> None:
    """Change every `every`th clause of the generated documents under `content` (a new deadline)."""
    for path in sorted(content.rglob("s*.yaml")):
        lines = path.read_text("utf-8").splitlines()
        for i, line in enumerate(lines):
            if "respond to every request within" in line and (i // 5) % every == 0:
                lines[i] = line.replace("within", "within 30 days, and at most")
        path.write_text("\n".join(lines) + "\n", "utf-8")


# -- whole builds, as a user runs them: a new process each time --------------------------------


def run_build(cwd: Path, out: Path, *extra: str) -> tuple[float, float, str, float]:
    """Run `policypress build` in a new process; wall time, peak RSS of its process tree (MB),
    its summary line, and the CPU seconds (user and system) of the process and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "policypress", "build", "--out", str(out), *extra],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build's, reaped by poll()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise SystemExit(f"policypress build failed in {cwd}:\n{output}")
    return elapsed, peak, (output.strip().splitlines() or [""])[-1], cpu


def _tree_rss(pid: int) -> float:
    """The resident memory of a process and all its descendants, in MB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * resource.getpagesize()
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total / 2**20


class Builds(NamedTuple):
    figures: tuple[float, float, float]  # wall time: median, min, max
    peak: float  # MB, the largest process tree
    summary: str  # the last build's summary line
    cpu: float  # the median CPU seconds, the build's processes together (as a loaded machine
    # stretches wall time but hardly CPU time)


def repeat_build(
    runs: int, cwd: Path, out: Path, *extra: str, prepare: Callable[[int], None] | None = None
) -> Builds:
    """`runs` builds, each in a new process: a clean one each, unless `prepare` readies each."""
    times, cpus, peak, summary = [], [], 0.0, ""
    for n in range(runs):
        if prepare:
            prepare(n)
        else:
            shutil.rmtree(out, ignore_errors=True)
        elapsed, rss, summary, cpu = run_build(cwd, out, *extra)
        times.append(elapsed)
        cpus.append(cpu)
        peak = max(peak, rss)
    figures = statistics.median(times), min(times), max(times)
    return Builds(figures, peak, summary, statistics.median(cpus))


# -- the table -----------------------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple] = []

    def add(
        self, stage: str, corpus: str, figures, floor=None, target: str = "", note: str = ""
    ) -> None:
        self.rows.append((stage, corpus, figures, floor, target, note))
        self.print_row(self.rows[-1])

    @staticmethod
    def print_header() -> None:
        print(
            f"{'stage':<22} {'corpus':<22} {'median':>8} {'min':>8} {'max':>8} {'floor':>8} "
            f"{'ratio':>6}  target"
        )

    @staticmethod
    def print_row(row) -> None:
        stage, corpus, (median, low, high), floor, target, note = row
        floor_text = f"{floor[0]:7.3f}s" if floor else f"{'—':>8}"
        ratio = f"{median / floor[0]:5.2f}×" if floor and floor[0] else f"{'—':>6}"
        print(
            f"{stage:<22} {corpus:<22} {median:7.3f}s {low:7.3f}s {high:7.3f}s {floor_text} "
            f"{ratio}  "
            f"{target}{'  ' + note if note else ''}",
            flush=True,
        )


REPO = Path(__file__).resolve().parents[2]  # the checkout: its content/ is the default document


def plain_markdown(document: Document) -> str:
    """The document as plain Markdown: headings and paragraphs, what pandoc and mkdocs get."""
    lines = [f"# {document.meta.title}", ""]
    for section in document.all_sections():
        lines += [f"{'#' * (section.level + 1)} {section.number} {section.title}", ""]
        for block in section.intro:
            if isinstance(block, Paragraph):
                lines += [block.text.source, ""]
        clauses = section.clauses + tuple(c for g in section.groups for c in g.clauses)
        for clause in clauses:
            if clause.text:
                lines += [f"{clause.number} {clause.text.source}", ""]
            lines += [f"- {p.text.source}" for p in clause.points] + ([""] if clause.points else [])
    return "\n".join(lines)

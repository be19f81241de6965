"""`scripts/bench`: generate inputs, time each stage, print medians with min and max.

Timings on shared machines are noisy; compare ratios and medians from run to run, not one figure.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from policypress import history
from policypress.build import check
from policypress.render import docx, pdf

REPO = Path(__file__).resolve().parents[2]


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
            lines += [f"  - id: c{c}", "    text: >-",
                      f"      Staff must respond to every request within {c % 20 + 1} working days,",
                      "      keep a record of what was agreed, and tell the tenant who is dealing",
                      f"      with it. See [[c{max(c - 1, 0)}]] for how requests are logged."]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = ["title: Generated policy", "organisation: Bench Council", "document-type: Policy",
            "status: draft", "policy-owner: Housing", "approving-body: Cabinet",
            "review-period: 3 years", "applies-to: Everyone.", "summary: Generated.", "sections:"]
    meta += [f"  - {name}" for name in sections]
    (folder / "document.yaml").write_text("\n".join(meta) + "\n", encoding="utf-8")


def generate_history(root: Path, commits: int, documents: int = 100) -> None:
    """A repository with `commits` commits spread over `documents` documents, via git fast-import."""
    import subprocess

    for d in range(documents):
        generate_document(root / "content", f"doc-{d:03d}", 3, per_section=3)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream = []
    files = sorted(p for p in (root / "content").rglob("*.yaml"))
    blob = lambda text: f"data {len(text.encode())}\n{text}\n"  # noqa: E731
    stream.append("commit refs/heads/main\nmark :1\ncommitter Bench <b@example.org> 1700000000 +0000\n"
                  + blob("Add the documents"))
    for path in files:
        stream.append(f"M 644 inline {path.relative_to(root).as_posix()}\n" + blob(path.read_text()))
    for n in range(1, commits):
        doc = n % documents
        target = f"content/doc-{doc:03d}/sections/s0000.yaml"
        text = (root / target).read_text() + f"# revision {n}\n"
        message = f"Change {n}\n\nChange-summary: Revision {n} of document {doc}."
        stream.append(f"commit refs/heads/main\nmark :{n + 1}\n"
                      f"committer Bench <b@example.org> {1700000000 + n * 60} +0000\n"
                      + blob(message) + f"from :{n}\nM 644 inline {target}\n" + blob(text))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input="".join(stream).encode(), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)


def measure(runs: int, action: Callable[[], object]) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows: list[tuple[str, str, tuple[float, float, float], str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "content"
        generate_document(big, "generated", 2000)

        def load(content: Path) -> Callable[[], object]:
            def run() -> object:
                checked = check(content, content.parent)
                assert not checked.errors, checked.errors[:3]
                return checked
            return run

        check(REPO / "content", REPO)  # warm imports so the figures are the work, not the imports
        rows.append(("load+validate", "default document", measure(args.runs, load(REPO / "content")), "0.3 s"))
        rows.append(("load+validate", "2,000 clauses", measure(args.runs, load(big)), "2 s"))
        out = Path(tmp) / "out"
        out.mkdir()

        def render(content: Path) -> Callable[[], object]:
            library = check(content, content.parent).result.library
            document = library.documents[0]
            vc = history.version_control(document)
            return lambda: (docx.render(document, library, vc, out), pdf.render(document, library, vc, out))

        rows.append(("DOCX+PDF", "default document", measure(args.runs, render(REPO / "content")), "1 s"))
        rows.append(("DOCX+PDF", "2,000 clauses", measure(max(1, args.runs // 2), render(big)), "10 s"))

        repo = Path(tmp) / "repo"
        generate_history(repo, 10_000)
        rows.append(("history", "10,000 commits", measure(args.runs, lambda: history.read_history(repo / "content")), "0.3 s"))
        import subprocess

        rows.append(("floor: git log", "10,000 commits", measure(args.runs, lambda: subprocess.run(
            ["git", "log", "--name-status", "-M", "--format=%H%x1f%P%x1f%aI%x1f%aN%x1f%s"],
            cwd=repo, capture_output=True, check=True)), ""))
    print(f"{'stage':<16} {'corpus':<20} {'median':>8} {'min':>8} {'max':>8}  target")
    for stage, corpus, (median, low, high), target in rows:
        print(f"{stage:<16} {corpus:<20} {median:>7.3f}s {low:>7.3f}s {high:>7.3f}s  "
              + (f"< {target}" if target else "(what git alone costs)"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()

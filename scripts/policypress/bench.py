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
    print(f"{'stage':<16} {'corpus':<20} {'median':>8} {'min':>8} {'max':>8}  target")
    for stage, corpus, (median, low, high), target in rows:
        print(f"{stage:<16} {corpus:<20} {median:>7.3f}s {low:>7.3f}s {high:>7.3f}s  < {target}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()

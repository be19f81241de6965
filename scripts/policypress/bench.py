"""`scripts/bench`: generate inputs, time each stage, print medians with min and max.

Timings on shared machines are noisy; compare ratios and medians from run to run, not one figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import logging
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import docx as python_docx
import typst
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from policypress import bench_preview, history, pipeline
from policypress.benchkit import (
    REPO,
    Table,
    amend,
    generate_document,
    generate_history,
    measure,
    plain_markdown,
    repeat_build,
)
from policypress.build import check
from policypress.cache import Cache
from policypress.changes import compare
from policypress.importer.run import run_import
from policypress.model import Document
from policypress.render import docx, pdf
from policypress.site.make import make_site

# -- floors: what the underlying tools alone cost on the same content ---------------------------


def _pypandoc():
    """pandoc, for the PDF's floor only: pypandoc-binary is a development dependency (installed
    by scripts/setup), not one of policypress's, so it is imported here and only here."""
    try:
        import pypandoc
    except ImportError:
        raise SystemExit(
            "bench: the PDF floor needs pandoc, from the pypandoc-binary package, which "
            "is not installed. Run scripts/setup in a checkout (it installs the "
            "development packages), or: python -m pip install pypandoc-binary"
        ) from None
    return pypandoc


def floor_pdf(document: Document, folder: Path) -> Callable[[], object]:
    """pandoc Markdown -> Typst, then typst.compile: the PDF's floor."""
    pypandoc = _pypandoc()

    markdown = plain_markdown(document)
    source = folder / "floor.typ"

    runs = iter(range(10**6))

    def run() -> object:
        # A different text each run: the typst binding remembers compilations of the same input.
        body = pypandoc.convert_text(
            markdown + f"\n\nRun {next(runs)}.\n", "typst", format="markdown"
        )
        source.write_text(
            f"#set document(title: {json.dumps(document.meta.title)})\n"
            '#set text(font: "DejaVu Sans", lang: "en")\n' + body,
            "utf-8",
        )
        return typst.compile(
            str(source),
            font_paths=[str(p) for p in pdf.font_dirs()],
            ignore_system_fonts=True,
            pdf_standards=["ua-1"],
        )

    return run


def fresh_pdf(document: Document, library, vc, out: Path) -> Callable[[], object]:
    """Our PDF, dated a different day each run: the typst binding remembers compilations of the
    same input, which would time a cache, not the work."""
    days = iter(range(10**6))

    def run() -> object:
        day = datetime.date(2026, 1, 1) + datetime.timedelta(days=next(days))
        return pdf.render(document, library, dataclasses.replace(vc, edition_date=day.isoformat()))

    return run


def floor_docx(document: Document, vc, folder: Path) -> Callable[[], object]:
    """python-docx writing the same headings, paragraphs and history table: the DOCX's floor."""

    def run() -> None:
        out = python_docx.Document()
        out.add_heading(document.meta.title, 0)
        for section in document.all_sections():
            out.add_heading(f"{section.number} {section.title}", min(section.level, 9))
            for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
                if clause.text:
                    out.add_paragraph(f"{clause.number} {clause.text.plain(document.numbers)}")
                for point in clause.points:
                    out.add_paragraph(point.text.plain(document.numbers), style="List Bullet")
        table = out.add_table(rows=1, cols=4)
        for cell, name in zip(
            table.rows[0].cells, ("Date", "Version", "Summary", "Author"), strict=True
        ):
            cell.text = name
        for row in vc.rows:
            cells = table.add_row().cells
            for cell, value in zip(
                cells, (row.date, row.version, row.summary, row.author), strict=True
            ):
                cell.text = value
        out.save(str(folder / "floor.docx"))

    return run


def floor_site(documents: list[Document], folder: Path) -> Callable[[], object]:
    """`mkdocs build` of the same pages as plain Markdown, same theme, no plugin: the site's "
    "floor."""

    docs = folder / "floor-docs"
    for document in documents:
        (docs / document.id).mkdir(parents=True, exist_ok=True)
        (docs / document.id / "index.md").write_text(plain_markdown(document), "utf-8")
        for page in ("changes", "history", "download"):
            (docs / document.id / f"{page}.md").write_text(f"# {page}\n\nText.\n", "utf-8")
    (docs / "index.md").write_text("# Housing policies\n", "utf-8")
    config = folder / "floor-mkdocs.yml"
    config.write_text(
        "site_name: Floor\ntheme:\n  name: material\n  font: false\n"
        "  features: [navigation.prune]\nplugins: [search]\n",
        "utf-8",
    )
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    def run() -> None:
        mkdocs_build(
            load_config(str(config), docs_dir=str(docs), site_dir=str(folder / "floor-site"))
        )

    return run


def site_once(
    content: Path, checked, folder: Path, outputs: Path | None = None
) -> Callable[[], object]:
    """The site alone, as the pipeline makes it: the plan (its downloads from `outputs`, a
    build's cache, else made afresh) and MkDocs."""

    def run() -> object:
        scratch = Path(tempfile.mkdtemp(dir=folder))
        plan = pipeline.site_plan(content, checked, Cache(outputs or scratch / "outputs"))[0]
        return make_site(plan, scratch / "site-src", scratch / "site", scratch / ".cache")

    return run


def floor_imports() -> object:
    """A new Python process that imports the tools a build uses, and nothing of ours."""
    code = "import docx, typst, mkdocs.commands.build, material"
    return subprocess.run([sys.executable, "-c", code], check=True)


def floor_git_log(repo: Path) -> Callable[[], object]:
    """One `git log` walk with the files each commit touched, written to a file as ours is."""

    def run() -> object:
        with tempfile.TemporaryFile() as out:
            return subprocess.run(
                ["git", "log", "--name-status", "-M", "--format=%H%x1f%P%x1f%aI%x1f%aN%x1f%B%x1e"],
                cwd=repo,
                stdout=out,
                check=True,
            )

    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Time each stage on generated inputs and print a table "
        "of medians (with min and max), the floor of the underlying tools, and the ratio.",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each quick stage (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="leave out the 100-document corpus (the slow part)"
    )
    args = parser.parse_args()
    heavy = max(1, min(3, args.runs))
    _pypandoc()  # say now, not after minutes of timings, if pandoc is missing
    print(
        f"policypress bench · {platform.node() or 'this machine'} · {os.cpu_count()} CPU(s) · "
        f"Python {platform.python_version()} · {time.strftime('%Y-%m-%d')}"
    )
    print(
        "Medians of several runs; the floor is what the underlying tools alone take on the same "
        "content, and the ratio (ours ÷ floor) is the figure to compare from run to run.\n"
    )
    table = Table()
    table.print_header()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big = tmp / "big" / "content"
        generate_document(big, "generated", 2000)
        amended = tmp / "amended" / "content"
        generate_document(amended, "generated", 2000)
        amend(amended)

        def load(content: Path) -> Callable[[], object]:
            def run() -> object:
                checked = check(content, content.parent)
                assert not checked.errors, checked.errors[:3]
                return checked

            return run

        check(REPO / "content", REPO)  # warm imports so the figures are the work, not the imports
        table.add(
            "load+validate",
            "default document",
            measure(args.runs, load(REPO / "content")),
            target="< 0.3 s",
        )
        table.add("load+validate", "2,000 clauses", measure(heavy, load(big)), target="< 2 s")

        old_doc = check(big, big.parent).result.library.documents[0]
        new_doc = check(amended, amended.parent).result.library.documents[0]
        changes = compare(old_doc, new_doc)
        assert len(changes) >= 150, len(changes)
        table.add(
            "diff",
            "2,000 clauses",
            measure(args.runs, lambda: compare(old_doc, new_doc)),
            target="< 1 s",
            note=f"({len(changes)} changed clauses)",
        )

        out = tmp / "out"
        out.mkdir()
        for label, content in (("default document", REPO / "content"), ("2,000 clauses", big)):
            library = check(content, content.parent).result.library
            document = library.documents[0]
            vc = history.version_control(document, history.read_history(content))
            runs = args.runs if content == REPO / "content" else heavy
            table.add(
                "DOCX",
                label,
                measure(runs, partial(docx.render, document, library, vc)),
                floor=measure(runs, floor_docx(document, vc, out)),
                target="≤ 1.3× floor",
            )
            for name, data in docx.render(document, library, vc).items():  # read back by "import"
                (out / name).write_bytes(data)
            table.add(
                "PDF",
                label,
                measure(runs, fresh_pdf(document, library, vc, out)),
                floor=measure(runs, floor_pdf(document, out)),
                target="≤ 1.3× floor",
            )

        imported = (
            tmp / "imported"
        )  # the 2,000-clause DOCX just written, back into the source format
        table.add(
            "import",
            "2,000 clauses",
            measure(
                heavy, lambda: run_import(out / "generated.docx", "imported", imported, force=True)
            ),
            target="< 15 s",
            note="(DOCX into YAML, checked by the loader)",
        )

        checked = check(REPO / "content", REPO)
        site_floor = floor_site(list(checked.result.library.documents), tmp / "floor-default")
        site_floor_figures = measure(heavy, site_floor)
        table.add(
            "site",
            "default document",
            measure(heavy, site_once(REPO / "content", checked, tmp)),
            floor=site_floor_figures,
            target="≤ 1.3× floor",
            note="(ours includes making the DOCX and PDF downloads)",
        )
        # A whole build's floor: a new Python process importing the tools, then each tool's own
        # floor for the default document (DOCX, PDF, site), one after the other.
        tools = [row[3] for row in table.rows if row[1] == "default document" and row[3]]
        whole_floor = measure(args.runs, floor_imports)[0] + sum(f[0] for f in tools)

        repo = tmp / "repo"
        generate_history(repo, 10_000)
        table.add(
            "history",
            "10,000 commits",
            measure(args.runs, lambda: history.read_history(repo / "content")),
            floor=measure(args.runs, floor_git_log(repo)),
            target="< 0.3 s",
        )

        default_out = tmp / "default-build"  # whole builds in a new process each, as users run
        figures, _, summary, cpu = repeat_build(args.runs, REPO, default_out)
        table.add(
            "whole build (cold)",
            "default document",
            figures,
            floor=(whole_floor, whole_floor, whole_floor),
            target="≤ 1.3× floor",
            note=f"(CPU {cpu:.2f} s; floor: importing the tools, DOCX, PDF and site floors)",
        )
        figures, _, summary, _ = repeat_build(args.runs, REPO, default_out, prepare=lambda n: None)
        table.add(
            "no-op rebuild", "default document", figures, target="< 0.3 s", note=f"({summary})"
        )
        shown = checked.result.library.documents
        bench_preview.add_rows(
            table,
            REPO,
            shown[0].id,
            None,
            {d.id: plain_markdown(d) for d in shown},
            "default document",
            args.runs,
            tmp,
        )

        if not args.quick:
            many_out = tmp / "many-build"
            figures, peak, summary, cpu = repeat_build(heavy, repo, many_out)
            cold = figures[0]
            table.add(
                "whole build (cold)",
                "100 docs, 10k commits",
                figures,
                target="< 60 s",
                note=f"peak {peak:.0f} MB (< 500 MB); CPU {cpu:.1f} s",
            )
            target = repo / "content" / "doc-042" / "sections" / "s0001.yaml"

            def edit(n: int) -> None:
                text = target.read_text("utf-8")
                target.write_text(text.replace("within", f"within {n + 2} weeks, not", 1), "utf-8")

            figures, peak, summary, cpu = repeat_build(heavy, repo, many_out, prepare=edit)
            table.add(
                "one edit, rebuild",
                "100 docs, 10k commits",
                figures,
                target="≤ 2 s, ≤ 0.2× cold",
                note=f"({figures[0] / cold:.2f}× the cold build; CPU {cpu:.2f} s; {summary})",
            )
            figures, peak, summary, cpu = repeat_build(
                heavy, repo, many_out, "--only", "docx,pdf,changes", prepare=edit
            )
            table.add(
                "one edit, no site",
                "100 docs, 10k commits",
                figures,
                target="",
                note=f"({summary})",
            )
            many = check(repo / "content", repo)
            table.add("load+validate", "100 docs (cold)", measure(heavy, load(repo / "content")))
            bench_preview.add_rows(
                table,
                repo,
                "doc-042",
                "sections/s0001.yaml",
                {d.id: plain_markdown(d) for d in many.result.library.documents},
                "1 of 100 docs",
                heavy,
                tmp,
                target="≤ 1 s",
            )
            # The built DOCX and PDF (the build's cache), so every page is rendered, no download.
            outputs = tmp / "outputs100"
            shutil.copytree(many_out / ".cache", outputs)
            table.add(
                "site (cold)",
                "100 docs",
                measure(1, site_once(repo / "content", many, tmp, outputs)),
                floor=measure(
                    1, floor_site(list(many.result.library.documents), tmp / "floor-100")
                ),
                target="≤ 1.3× floor",
            )

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this benchmark process (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()

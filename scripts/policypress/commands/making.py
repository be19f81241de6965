"""check, build, publish and serve: from the content to the outputs and the website."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from policypress import outputs
from policypress.commands.common import Progress, print_problems, summary, warnings_line
from policypress.errors import Problem, UsageError

# Each command imports the checker, the pipeline and MkDocs inside itself: `policypress --help`
# and usage errors would otherwise pay for them (about 0.3 s; MkDocs and typst more).

OUTPUTS = ("docx", "pdf", "changes", "translations", "site")


def cmd_check(args: argparse.Namespace) -> int:
    from policypress.checking import check, failing

    checked = check(args.content)
    stopping = failing(checked.problems, args.strict)
    problems = [
        Problem(p.location, "error", p.code, p.message, p.hint)
        if args.strict and p.severity == "warning"
        else p
        for p in checked.problems
    ]
    if args.format == "json":
        print(json.dumps([p.as_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        print_problems(problems, sys.stdout)
        print(summary(problems, len(checked.result.library.documents)))
    return 1 if stopping else 0


def cmd_build(args: argparse.Namespace) -> int:
    from policypress import staleness

    only = None
    if args.only:
        only = frozenset(kind.strip() for kind in args.only.split(",") if kind.strip())
        unknown = only - set(OUTPUTS)
        if unknown:
            raise UsageError(
                f"unknown output kind(s): {', '.join(sorted(unknown))} "
                f"(choose from {', '.join(OUTPUTS)})"
            )
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs needs a number of at least 1")
    started = time.perf_counter()
    options = _options(args, only, args.redline)
    outputs.guard(args.out, args.content, "--out")
    quick = staleness.before_checking(options)  # file reads and one git call: nothing loaded
    if quick.up_to_date:
        if not args.quiet:
            print(
                f"{args.out}/ is up to date: nothing changed since the last build "
                f"({time.perf_counter() - started:.2f} s)"
            )
            counts = quick.last.counts
            line = warnings_line(counts.get("warnings", 0), counts.get("accepted", 0))
            if line:
                print(line)
        return 0
    # MkDocs starts importing in a process of its own while this one loads the rest
    from policypress.site.worker import Worker, wanted

    worker = Worker() if options.want_site and wanted(options.content) else None
    from policypress.build import run  # the checker and the pipeline: only when there is work

    result = run(options, Progress(args.quiet), quick, worker)
    if not args.quiet:
        print(_build_summary(result, args.out, time.perf_counter() - started))
        if warnings_line(result.warnings, result.accepted):
            print(warnings_line(result.warnings, result.accepted))
    return 0


def _options(
    args: argparse.Namespace, only: frozenset[str] | None, redline: bool, publishing: bool = False
):
    """What `build` or `publish` asks a build to make."""
    from policypress.staleness import Options

    return Options(
        args.content,
        args.out,
        only,
        strict=args.strict,
        allow_shallow=args.allow_shallow,
        redline=redline,
        drafts=args.drafts,
        site_url=args.site_url,
        jobs=getattr(args, "jobs", None),
        publishing=publishing,
    )


def _build_summary(result, out: Path, seconds: float) -> str:
    if result.up_to_date:
        return (
            f"{out}/ is up to date: {result.documents} document(s), nothing changed "
            f"({seconds:.2f} s)"
        )
    site = {
        "built": f"; site rebuilt ({result.pages_rendered} page(s))",
        "reused": "; site unchanged",
    }.get(result.site, "")
    archived = result.archived_built + result.archived_reused
    if archived:
        site += (
            f"; approved versions: {result.archived_built} built, {result.archived_reused} reused"
        )
    if result.left_out:
        site += f"; not published (drafts): {', '.join(result.left_out)}"
    return (
        f"built {result.documents} document(s) into {out}/: {result.made} output(s) made, "
        f"{result.reused} reused from the cache{site} ({seconds:.1f} s)"
    )


def _made_redlines(out: Path) -> bool:
    """Whether the last build into `out` wrote redlines (`build --redline`): publish rebuilds
    them, rather than deleting what the policy owner asked for."""
    from policypress.staleness import Last

    made = Last.read(out).get("outputs")
    return isinstance(made, dict) and any(str(key).endswith("/redline") for key in made)


def cmd_publish(args: argparse.Namespace) -> int:
    from policypress.build import run

    target = args.to.resolve()
    outputs.guard(args.to, args.content, "--to", outputs.SITE_MARKER)
    if args.out.resolve() == target or args.out.resolve() in target.parents:
        raise UsageError("--to must be outside the build folder")
    started = time.perf_counter()
    options = _options(args, None, _made_redlines(args.out), publishing=True)
    result = run(options, Progress(args.quiet))
    try:
        outputs.clean_stale(target, outputs.SITE_MARKER)
        staging = outputs.staging(target, outputs.SITE_MARKER)
        try:
            shutil.copytree(args.out / "site", staging, dirs_exist_ok=True)
            outputs.swap(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except OSError as exc:
        problem = outputs.fault(exc, args.to, "--to")
        if problem is None:
            raise
        raise problem from exc
    if not args.quiet:
        print(_build_summary(result, args.out, time.perf_counter() - started))
        if warnings_line(result.warnings, result.accepted):
            print(warnings_line(result.warnings, result.accepted))
        pages = sum(1 for _ in target.rglob("*.html"))
        print(
            f"published {pages} page(s) into {args.to}/"
            + ("" if args.site_url else " (no --site-url: no sitemap addresses or canonical links)")
        )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from policypress.site.serve import serve

    serve(args.dev_addr)
    return 0

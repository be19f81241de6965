"""The `policypress` command: parse arguments, run a command, turn our errors into exit codes.

Exit codes: 0 success, 1 content or build problems, 2 usage errors. Our own errors print as one
line without a traceback (`--debug` shows it); anything unexpected keeps its traceback, so a bug
never looks like a mistake in the content.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from policypress import __version__
from policypress.errors import (
    ContentError,
    Location,
    PolicyPressError,
    Problem,
    UsageError,
    check_environment,
)

OUTPUTS = ("docx", "pdf", "changes", "site")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line and exit code 2
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="policypress",
        description="Check and publish policies kept as YAML and Markdown in Git.",
        epilog="Exit codes: 0 success, 1 content or build problems, 2 usage errors.")
    parser.add_argument("--version", action="version", version=f"policypress {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for every error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser(
        "check", help="check every document under content/ and list every problem",
        description="Check every document under content/ and list every problem found, each with "
        "its file, line and a way to fix it. Warnings (placeholders, repeated words, clauses with "
        "no text) do not fail the check unless --strict is given.")
    check.add_argument("--strict", action="store_true",
                       help="treat warnings as errors (use before approval)")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text for people (default), json for tools")
    _content_option(check)

    build = commands.add_parser(
        "build", help="check, then build every output into build/",
        description="Check the content, then write every output into build/. The new outputs "
        "replace the old ones only when all of them were written.")
    _content_option(build)
    build.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                       help="where to write the outputs (default: build); a folder an earlier build made, or a new or empty one")
    build.add_argument("--only", metavar="KINDS",
                       help=f"comma-separated output kinds to build: {','.join(OUTPUTS)}")
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.add_argument("--quiet", action="store_true", help="print nothing but errors")
    build.add_argument("--jobs", type=int, metavar="N",
                       help="worker processes for DOCX and PDF (default: one per CPU when there are 8 or more to make)")
    build.add_argument("--redline", action="store_true",
                       help="also write <doc-id>-redline.docx: the proposed text with every change "
                       "since the last approval as Word tracked changes")
    _shallow_option(build)
    build.add_argument("--no-drafts", dest="drafts", action="store_false",
                       help="leave drafts off the site, as publish does unless --drafts is given")
    build.add_argument("--site-url", default="", type=_site_url, metavar="URL",
                       help="the site's public address, for canonical links and sitemap.xml")

    publish = commands.add_parser(
        "publish", help="build, then copy the complete website into DIR for a static host",
        description="Build everything, then copy the whole website (the version in force of "
        "every document, every approved version at /<doc-id>/vX.Y/, comparisons, downloads, "
        "sitemap.xml) into DIR, ready for GitHub Pages, GitLab Pages or any web server. Drafts "
        "are left out unless --drafts is given. DIR is replaced only when the site is complete.")
    _content_option(publish)
    publish.add_argument("--to", type=Path, required=True, metavar="DIR",
                         help="the folder to publish into (made, or replaced if it holds an earlier publish)")
    publish.add_argument("--drafts", action="store_true",
                         help="also publish drafts ahead of the approved version, marked as proposals "
                         "(and documents not yet approved)")
    publish.add_argument("--site-url", default=os.environ.get("POLICYPRESS_SITE_URL", ""), metavar="URL",
                         type=_site_url,
                         help="the site's public address, e.g. https://example.github.io/policies/ "
                         "(default: $POLICYPRESS_SITE_URL); needed for sitemap.xml and canonical links")
    publish.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                         help="where the build writes first (default: build)")
    publish.add_argument("--strict", action="store_true", help="fail on warnings too")
    publish.add_argument("--quiet", action="store_true", help="print nothing but errors")
    _shallow_option(publish)

    serve = commands.add_parser(
        "serve", help="preview the website, rebuilding it when content/ changes",
        description="Preview the website at http://127.0.0.1:8000/ (or --dev-addr). Pages rebuild "
        "and the browser reloads whenever a file under content/ or themes/ changes. Uses "
        "mkdocs.yml when there is one, else the built-in settings.")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="where to serve (default: 127.0.0.1:8000)")

    hist = commands.add_parser(
        "history", help="print a document's version-control table, from git history",
        description="Print a document's version-control table: approval date, approved by, "
        "policy owner, scheduled review, and every change from git history.")
    hist.add_argument("doc_id", metavar="DOC-ID", help="the document's id (its folder's name)")
    hist.add_argument("--format", choices=("md", "json", "csv"), default="md",
                      help="md (default), json or csv")
    _content_option(hist)
    _shallow_option(hist)

    diff = commands.add_parser(
        "diff", help="compare a document with its last approved version, clause by clause",
        description="Compare a document with its last approved version (or any two versions), "
        "clause by clause, saying which changes are significant and why, and whether tenant "
        "consultation is needed. --from defaults to the last approval tag (no approval yet: the "
        "empty document); --to defaults to the working copy.")
    diff.add_argument("doc_id", metavar="DOC-ID", help="the document's id (its folder's name)")
    diff.add_argument("--from", dest="from_ref", metavar="REF", help="a git commit or tag")
    diff.add_argument("--to", dest="to_ref", metavar="REF", help="a git commit or tag")
    diff.add_argument("--from-path", type=Path, metavar="DIR", help="a content folder to compare from (no git)")
    diff.add_argument("--to-path", type=Path, metavar="DIR", help="a content folder to compare to (no git)")
    diff.add_argument("--format", choices=("md", "json", "csv", "html"), default="md",
                      help="md (default), json, csv or html")
    _content_option(diff)

    approve = commands.add_parser(
        "approve", help="record an approval as an annotated git tag <doc-id>/vX.Y on HEAD",
        description="Record that a document was approved, as an annotated git tag on HEAD "
        "(<doc-id>/v<major>.<minor>). Refuses when the document has uncommitted changes, when "
        "'policypress check --strict' fails, when the date is in the future, or when the tag "
        "exists already.")
    approve.add_argument("doc_id", metavar="DOC-ID", help="the document's id (its folder's name)")
    approve.add_argument("--by", required=True, metavar="BODY", help='who approved it, e.g. "Cabinet"')
    approve.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the date of the decision")
    approve.add_argument("--minute", default="", metavar="TEXT",
                         help='the minute reference, e.g. "Cabinet, 1 Dec 2026, item 7"')
    _content_option(approve)

    imp = commands.add_parser(
        "import", help="bring an existing Word (.docx) or Markdown policy into content/DOC-ID/",
        description="Read a Word (.docx) or Markdown file and write it as content/DOC-ID/ in the "
        "source format, with its version table and document controls sheet as history from before "
        "git. Prints a report of everything read, written and skipped; exits 1 if any text could "
        "not be imported or a number would change.")
    imp.add_argument("file", type=Path, metavar="FILE", help="the .docx or .md file")
    imp.add_argument("--id", dest="doc_id", required=True, metavar="DOC-ID",
                     help="the new document's id and folder name, e.g. code-of-conduct")
    imp.add_argument("--force", action="store_true", help="replace content/DOC-ID/ if it exists")
    imp.add_argument("--dry-run", action="store_true", help="print the report and write nothing")
    _content_option(imp)
    add_ids = commands.add_parser(
        "add-ids", help="give every part without an id a short readable one, in the YAML files",
        description="Give every section, subsection, clause, bullet, numbered item and group "
        "that has no 'id' a short, readable one made from its title or first words, unique in "
        "its document, and write it into the YAML file as the part's first key. Comments, "
        "quoting and layout stay exactly as they were. Running it again changes nothing.")
    add_ids.add_argument("doc_id", nargs="?", metavar="DOC-ID",
                         help="the document's id (its folder's name); default: every document")
    add_ids.add_argument("--dry-run", action="store_true",
                         help="print the ids it would add, and change no file")
    _content_option(add_ids)
    return parser


def _shallow_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-shallow", action="store_true",
                        help="build from a shallow clone anyway; the table then says it may be incomplete")


def _site_url(value: str) -> str:
    """--site-url: written into every page (canonical links) and sitemap.xml, so only a plain
    absolute http(s) address is accepted; "" means none."""
    from urllib.parse import urlsplit

    if not value:
        return value
    fix = "give the site's full address, such as https://example.github.io/policies/"
    bad = next((c for c in value if c.isspace() or not c.isprintable() or c in "\"'<>\\`"), None)
    if bad is not None:
        names = {" ": "a space", '"': "a double quote", "'": "a single quote", "\\": "a backslash",
                 "`": "a backtick"}
        shown = names.get(bad) or (f"'{bad}'" if bad.isprintable()
                                   else f"an invisible character (U+{ord(bad):04X})")
        raise argparse.ArgumentTypeError(f"the address {value!r} contains {shown}; {fix}")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"{value!r} is not a web address starting with https:// "
                                         f"or http:// and a host name; {fix}")
    return value


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="the folder holding the documents (default: content)")


def _print_problems(problems: list[Problem], stream=sys.stderr) -> None:
    for problem in problems:
        print(problem.format(), file=stream)


def _summary(problems: list[Problem], documents: int) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    accepted = sum(p.severity == "accepted" for p in problems)
    advice = sum(p.severity == "advice" for p in problems)
    return (f"{documents} document(s) checked: {errors} error(s), {warnings} warning(s)"
            + (f", {accepted} accepted warning(s)" if accepted else "")
            + (f", {advice} piece(s) of readability advice" if advice else ""))


def _warnings_line(warnings: int, accepted: int) -> str:
    """What a build says about the warnings it did not stop for."""
    also = f" ({accepted} more accepted in decisions.yaml)" if accepted else ""
    if warnings:
        return f"{warnings} warning(s){also}: run 'policypress check' to list them"
    if accepted:
        return f"{accepted} accepted warning(s): run 'policypress check' to list them"
    return ""


def cmd_check(args: argparse.Namespace) -> int:
    from policypress import build

    checked = build.check(args.content)
    failing = build.failing(checked.problems, args.strict)
    problems = [
        Problem(p.location, "error", p.code, p.message, p.hint)
        if args.strict and p.severity == "warning" else p
        for p in checked.problems
    ]
    if args.format == "json":
        print(json.dumps([p.as_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        _print_problems(problems, sys.stdout)
        print(_summary(problems, len(checked.result.library.documents)))
    return 1 if failing else 0


class _Progress:
    """A bar per stage in a terminal, plain lines otherwise (CI), nothing with --quiet."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet or total == 0:
            return
        if self.tty:
            width = 30
            filled = width * done // total
            print(f"\r{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                  end="\n" if done == total else "", file=sys.stderr, flush=True)
        elif done == total or done == 0 and self.last != stage:
            print(f"{stage}: {done}/{total}", file=sys.stderr, flush=True)
        self.last = stage


def cmd_build(args: argparse.Namespace) -> int:
    from policypress import cache, outputs

    only = None
    if args.only:
        only = {kind.strip() for kind in args.only.split(",") if kind.strip()}
        unknown = only - set(OUTPUTS)
        if unknown:
            raise UsageError(f"unknown output kind(s): {', '.join(sorted(unknown))} "
                             f"(choose from {', '.join(OUTPUTS)})")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs needs a number of at least 1")
    outputs.guard(args.out, args.content, "--out")
    started = time.perf_counter()
    fingerprint = ""
    if only is None and args.content.is_dir():  # the fast no-op check: file reads only
        options = (f"strict={args.strict} shallow={args.allow_shallow} redline={args.redline} "
                   f"drafts={args.drafts} url={args.site_url} out={args.out.resolve()}")
        fingerprint = cache.input_fingerprint(args.content, options)
        if cache.up_to_date(args.out, fingerprint):
            if not args.quiet:
                print(f"{args.out}/ is up to date: nothing changed since the last build "
                      f"({time.perf_counter() - started:.2f} s)")
                counts = cache.Cache(args.out / ".cache").read_manifest().get("problems", {})
                line = _warnings_line(counts.get("warnings", 0), counts.get("accepted", 0))
                if line:
                    print(line)
            return 0
    from policypress.build import build

    result = build(args.content, args.out, only, strict=args.strict, allow_shallow=args.allow_shallow,
                   redline=args.redline, progress=_Progress(args.quiet), jobs=args.jobs,
                   fingerprint=fingerprint, drafts=args.drafts, site_url=args.site_url)
    if not args.quiet:
        print(_build_summary(result, args.out, time.perf_counter() - started))
        if _warnings_line(result.warnings, result.accepted):
            print(_warnings_line(result.warnings, result.accepted))
    return 0


def _build_summary(result, out: Path, seconds: float) -> str:
    if result.up_to_date:
        return f"{out}/ is up to date: {result.documents} document(s), nothing changed ({seconds:.2f} s)"
    site = {"built": f"; site rebuilt ({result.pages_rendered} page(s) rendered, "
                     f"{result.pages_reused} reused)",
            "reused": "; site unchanged"}.get(result.site, "")
    archived = result.archived_built + result.archived_reused
    if archived:
        site += (f"; approved versions: {result.archived_built} built, "
                 f"{result.archived_reused} reused")
    if result.left_out:
        site += f"; not published (drafts): {', '.join(result.left_out)}"
    return (f"built {result.documents} document(s) into {out}/: {result.made} output(s) made, "
            f"{result.reused} reused from the cache{site} ({seconds:.1f} s)")


def _made_redlines(out: Path) -> bool:
    """Whether the last build into `out` wrote redlines (`build --redline`): publish rebuilds
    them, rather than deleting what the policy owner asked for."""
    from policypress.cache import Cache

    if not (out / ".cache" / "manifest.json").is_file():  # Cache() would make the folder
        return False
    manifest = Cache(out / ".cache").read_manifest()
    made = manifest.get("outputs") if isinstance(manifest, dict) else None
    return isinstance(made, dict) and any(str(key).endswith("/redline") for key in made)


def cmd_publish(args: argparse.Namespace) -> int:
    import shutil

    from policypress import outputs
    from policypress.build import build

    target = args.to.resolve()
    outputs.guard(args.to, args.content, "--to", outputs.SITE_MARKER)
    if args.out.resolve() == target or args.out.resolve() in target.parents:
        raise UsageError("--to must be outside the build folder")
    started = time.perf_counter()
    result = build(args.content, args.out, strict=args.strict, allow_shallow=args.allow_shallow,
                   redline=_made_redlines(args.out), progress=_Progress(args.quiet), drafts=args.drafts,
                   site_url=args.site_url)
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
        if _warnings_line(result.warnings, result.accepted):
            print(_warnings_line(result.warnings, result.accepted))
        pages = sum(1 for _ in target.rglob("*.html"))
        print(f"published {pages} page(s) into {args.to}/"
              + ("" if args.site_url else " (no --site-url: no sitemap addresses or canonical links)"))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from policypress.render.site import serve

    serve(args.dev_addr)
    return 0


def _judged(checked, doc_id: str):
    """The document `doc_id`, once nothing stops a command on it: errors in its own files or in
    shared ones (such as standards.yaml) stop it; another document's problems do not."""
    errors = [p for p in checked.concerning(doc_id) if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return _document(checked, doc_id)


def _document(checked, doc_id: str):
    document = checked.result.library.document(doc_id)
    if document is None:
        known = ", ".join(d.id for d in checked.result.library.documents) or "none"
        raise PolicyPressError(f"there is no document '{doc_id}' under the content folder "
                               f"(documents: {known})")
    return document


def cmd_history(args: argparse.Namespace) -> int:
    from policypress.build import check
    from policypress.history import version_control
    from policypress.render import table

    checked = check(args.content, allow_shallow=args.allow_shallow)
    document = _judged(checked, args.doc_id)
    report = checked.reports.get(document.id)
    vc = version_control(document, checked.history, bool(report.significant) if report else None)
    if args.format == "json":
        print(table.as_json(document, vc))
    elif args.format == "csv":
        print(table.as_csv(vc), end="")
    else:
        print(table.as_markdown(document, vc), end="")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from policypress.build import check, concerning
    from policypress.consultation import Versions, report
    from policypress.load.loader import load_library
    from policypress.render import changes_log

    if (args.from_path or args.to_path) and (args.from_ref or args.to_ref):
        raise UsageError("use either --from/--to (git) or --from-path/--to-path (folders), not both")
    if args.from_path or args.to_path:
        if not (args.from_path and args.to_path):
            raise UsageError("--from-path and --to-path go together")
        sides = []
        for folder in (args.from_path, args.to_path):
            if not folder.is_dir():
                raise PolicyPressError(f"the folder '{folder}' does not exist")
            loaded = load_library(folder)
            errors = [p for p in concerning(loaded.problems, loaded.library.root, args.doc_id)
                      if p.severity == "error"]
            if errors:
                raise ContentError(errors)
            sides.append(loaded.library.document(args.doc_id))
        if sides[1] is None:
            raise PolicyPressError(f"there is no document '{args.doc_id}' in {args.to_path}")
        result = report(sides[1], sides[0], str(args.from_path), str(args.to_path))
    else:
        checked = check(args.content)
        document = _judged(checked, args.doc_id)
        found = checked.history
        versions = Versions(args.content) if found.available else None
        if (args.from_ref or args.to_ref) and versions is None:
            raise PolicyPressError(f"--from and --to need git history: {found.notice}")
        if args.to_ref:
            document = versions.document_at(args.to_ref, args.doc_id)
            if document is None:
                raise PolicyPressError(f"there is no document '{args.doc_id}' at {args.to_ref}")
        approvals = found.approvals.get(args.doc_id, [])
        if args.from_ref:
            old, label = versions.document_at(args.from_ref, args.doc_id), args.from_ref
        elif approvals and versions:
            old = versions.document_at(approvals[-1].tag, args.doc_id)
            label = approvals[-1].label
        else:
            old, label = None, "nothing (no approved version yet)"
        load_at = (lambda rev: versions.document_at(rev, args.doc_id)) if versions else None
        result = report(document, old, label, args.to_ref or "the working copy", load_at)
    render = {"md": changes_log.as_markdown, "json": changes_log.as_json, "csv": changes_log.as_csv,
              "html": changes_log.as_html}[args.format]
    print(render(result), end="")
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    from policypress import gitparse
    from policypress.build import check, failing
    from policypress.history import (
        early_approval,
        next_version,
        record_approval,
        today,
        version_control,
    )
    from policypress.render.common import long_date

    for option, example in (("by", '"Cabinet"'), ("date", "2026-12-01"), ("minute", '"Cabinet, 1 Dec 2026, item 7"')):
        value = getattr(args, option).strip()
        setattr(args, option, value)
        bad = gitparse.bad_character(value)
        if bad:
            raise UsageError(f"--{option} has {bad[1]} at character {bad[0]}: write it on one line "
                             f"of plain text, e.g. {example}")
        if not value and option != "minute":
            raise UsageError(f"--{option} is empty: say {'who approved it' if option == 'by' else 'when'}, "
                             f"e.g. --{option} {example}")
    day = gitparse.real_date(args.date)
    if day is None:
        raise UsageError(f"--date '{args.date}' is not a date: write it as YYYY-MM-DD, "
                         "e.g. 2026-12-01")
    if day > today():
        raise PolicyPressError(f"the approval date {args.date} is in the future: record an "
                               "approval on or after the day it was made")
    checked = check(args.content, allow_shallow=False)
    if not checked.history.available:
        raise PolicyPressError(f"cannot record an approval: {checked.history.notice}")
    document = _document(checked, args.doc_id)
    if document.id in checked.history.dirty:
        raise PolicyPressError(f"{document.folder}/ has uncommitted changes: commit them (with a "
                               "Change-summary: line) so the approval covers exactly that text")
    stopping = failing(checked.concerning(document.id), strict=True)
    if stopping:
        raise ContentError([*stopping, Problem(
            Location(document.folder), "error", "not-ready",
            f"{document.id} cannot be approved until 'policypress check --strict' passes for it "
            "(other documents' problems do not count)", "fix the problems above first")])
    approved = checked.history.approvals.get(document.id, [])
    vc = version_control(document, checked.history)
    if approved and not any(r.version == "Draft" for r in vc.rows):
        raise PolicyPressError(f"this text of {document.id} is already approved: tag "
                               f"{approved[-1].tag} covers every change; commit the new changes first")
    report = checked.reports[document.id]
    if report.consultation_required:  # also reported by check --strict above; kept as a guard
        raise PolicyPressError("significant changes are not covered by a tenant consultation")
    version = next_version(checked.history, document.id, major_change=bool(report.significant))
    tag = record_approval(args.content, document.id, version, args.by, args.date, args.minute)
    print(f"Recorded the approval of {document.id} version {version[0]}.{version[1]} by {args.by} "
          f"on {long_date(args.date)} as tag {tag}. Share it with: git push origin {tag}")
    warning = early_approval(vc, day.isoformat(), tag)
    if warning:
        print(warning, file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from policypress.importer.run import run_import

    lines, code = run_import(args.file, args.doc_id, args.content, args.force, args.dry_run)
    print("\n".join(lines))
    return code


def cmd_add_ids(args: argparse.Namespace) -> int:
    from policypress.ids import add_ids

    added = add_ids(args.content, args.doc_id, dry_run=args.dry_run)
    for item in added:
        print(f"{item.name}:{item.line}: {item.id}")
    files = len({item.file for item in added})
    where = f"'{args.doc_id}'" if args.doc_id else "every document"
    if not added:
        print(f"every part of {where} already has an id: nothing to add")
    elif args.dry_run:
        print(f"would add {len(added)} id(s) in {files} file(s) (dry run: no file was changed)")
    else:
        print(f"added {len(added)} id(s) in {files} file(s); check them, then run 'policypress check'")
    return 0


COMMANDS = {"import": cmd_import, "check": cmd_check, "build": cmd_build, "publish": cmd_publish, "serve": cmd_serve,
            "history": cmd_history, "diff": cmd_diff, "approve": cmd_approve, "add-ids": cmd_add_ids}


def _quiet_stdout() -> None:
    """After a broken pipe: send what is left to /dev/null, so Python's exit flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    try:
        args = _parser().parse_args(argv)
        if not args.command:
            _parser().print_help()
            return 2
        check_environment()
        try:
            code = COMMANDS[args.command](args)
            sys.stdout.flush()  # a closed pipe shows here, not after main has returned
            return code
        except ContentError as exc:
            exc.command, exc.document = args.command, getattr(args, "doc_id", None)
            raise
    except BrokenPipeError:
        # the reader stopped reading (`policypress history DOC | head -1`): stop quietly
        _quiet_stdout()
        return 141  # 128 + SIGPIPE, as a shell reports a command stopped by a closed pipe
    except ContentError as exc:
        if debug:
            raise
        _print_problems(exc.problems)
        doc = getattr(exc, "document", None)
        outcome = {"approve": f"no approval of {doc} was recorded",
                   "history": f"the history of {doc} was not printed",
                   "diff": f"the changes to {doc} were not compared",
                   "add-ids": "no id was added",
                   }.get(getattr(exc, "command", ""), "nothing was built")
        what = f"{exc}".replace("in the content", f"in the content of {doc}") if doc else f"{exc}"
        print(f"policypress: {what}; {outcome} (fix them and run again)", file=sys.stderr)
        return 1
    except UsageError as exc:
        if debug:
            raise
        print(f"policypress: usage error: {exc}", file=sys.stderr)
        return 2
    except PolicyPressError as exc:
        if debug:
            raise
        print(f"policypress: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        # the machine's state (a full disk, a read-only folder) rather than a bug: one line
        from policypress.outputs import FAULTS

        if debug or exc.errno not in FAULTS:
            raise
        where = f": {exc.filename}" if exc.filename else ""
        print(f"policypress: error: {FAULTS[exc.errno]} ({exc.strerror}{where}); nothing was "
              "changed (free some space or fix the folder's permissions, and run again)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("policypress: stopped", file=sys.stderr)
        return 130

"""The `policypress` command: parse arguments, run a command, turn our errors into exit codes.

Exit codes: 0 success, 1 content or build problems, 2 usage errors. Our own errors print as one
line without a traceback (`--debug` shows it); anything unexpected keeps its traceback, so a bug
never looks like a mistake in the content.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from policypress import __version__
from policypress.errors import ContentError, PolicyPressError, Problem, UsageError

OUTPUTS = ("docx", "pdf")


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
                       help="where to write the outputs (default: build)")
    build.add_argument("--only", metavar="KINDS",
                       help=f"comma-separated output kinds to build: {','.join(OUTPUTS)}")
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    return parser


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="the folder holding the documents (default: content)")


def _print_problems(problems: list[Problem], stream=sys.stderr) -> None:
    for problem in problems:
        print(problem.format(), file=stream)


def _summary(problems: list[Problem], documents: int) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return (f"{documents} document(s) checked: {errors} error(s), {warnings} warning(s)")


def cmd_check(args: argparse.Namespace) -> int:
    from policypress.build import check

    checked = check(args.content)
    failing = checked.problems if args.strict else checked.errors
    problems = [
        Problem(p.location, "error", p.code, p.message, p.hint) if args.strict else p
        for p in checked.problems
    ]
    if args.format == "json":
        print(json.dumps([p.as_json() for p in problems], indent=2, ensure_ascii=False))
    else:
        _print_problems(problems, sys.stdout)
        print(_summary(problems, len(checked.result.library.documents)))
    return 1 if failing else 0


def cmd_build(args: argparse.Namespace) -> int:
    from policypress.build import build, renderers

    only = None
    if args.only:
        only = {kind.strip() for kind in args.only.split(",") if kind.strip()}
        unknown = only - set(OUTPUTS)
        if unknown:
            raise UsageError(f"unknown output kind(s): {', '.join(sorted(unknown))} "
                             f"(choose from {', '.join(OUTPUTS)})")
    started = time.perf_counter()
    written = build(args.content, args.out, only, strict=args.strict)
    kinds = ", ".join(k for k in renderers() if only is None or k in only) or "checks only"
    print(f"built {len(written)} file(s) into {args.out}/ ({kinds}) "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


COMMANDS = {"check": cmd_check, "build": cmd_build}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    try:
        args = _parser().parse_args(argv)
        if not args.command:
            _parser().print_help()
            return 2
        return COMMANDS[args.command](args)
    except ContentError as exc:
        if debug:
            raise
        _print_problems(exc.problems)
        print(f"policypress: {exc}; nothing was built (fix them and run again)", file=sys.stderr)
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

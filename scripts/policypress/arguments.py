"""The `policypress` command's arguments: one function a command, each adding its options, and
the checks of option values that argparse calls (`--site-url`). `cli.py` runs what they parse."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from policypress import __version__
from policypress.commands.making import OUTPUTS
from policypress.errors import UsageError

# what add_subparsers returns, whose add_parser makes each command's parser
Commands = argparse._SubParsersAction


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: one line and exit code 2
        raise UsageError(f"{message} (see '{self.prog} --help')")


def parser() -> argparse.ArgumentParser:
    """The whole command line: the options every command shares, then each command's own."""
    top = _Parser(
        prog="policypress",
        description="Check and publish policies kept as YAML and Markdown in Git.",
        epilog="Exit codes: 0 success, 1 content or build problems, 2 usage errors.",
    )
    top.add_argument("--version", action="version", version=f"policypress {__version__}")
    top.add_argument("--debug", action="store_true", help="show a traceback for every error")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in (
        _check,
        _build,
        _publish,
        _serve,
        _history,
        _diff,
        _approve,
        _import,
        _amend,
        _add_ids,
    ):
        add(commands)
    return top


def _check(commands: Commands) -> None:
    check = commands.add_parser(
        "check",
        help="check every document under content/ and list every problem",
        description="Check every document under content/ and list every problem found, each with "
        "its file, line and a way to fix it. Warnings (placeholders, repeated words, clauses with "
        "no text) do not fail the check unless --strict is given.",
    )
    check.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (use before approval)"
    )
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )
    _content_option(check)


def _build(commands: Commands) -> None:
    build = commands.add_parser(
        "build",
        help="check, then build every output into build/",
        description="Check the content, then write every output into build/. The new outputs "
        "replace the old ones only when all of them were written.",
    )
    _content_option(build)
    build.add_argument(
        "--out",
        type=Path,
        default=Path("build"),
        metavar="DIR",
        help="where to write the outputs (default: build); a folder an earlier build made, or a "
        "new or empty one",
    )
    build.add_argument(
        "--only",
        metavar="KINDS",
        help=f"comma-separated output kinds to build: {','.join(OUTPUTS)}",
    )
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.add_argument("--quiet", action="store_true", help="print nothing but errors")
    build.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes for DOCX and PDF (default: one per CPU when there are 8 or more to "
        "make)",
    )
    build.add_argument(
        "--redline",
        action="store_true",
        help="also write <doc-id>-redline.docx: the proposed text with every change "
        "since the last approval as Word tracked changes",
    )
    _shallow_option(build)
    build.add_argument(
        "--no-drafts",
        dest="drafts",
        action="store_false",
        help="leave drafts off the site, as publish does unless --drafts is given",
    )
    build.add_argument(
        "--site-url",
        default="",
        type=_site_url,
        metavar="URL",
        help="the site's public address, for canonical links and sitemap.xml",
    )


def _publish(commands: Commands) -> None:
    publish = commands.add_parser(
        "publish",
        help="build, then copy the complete website into DIR for a static host",
        description="Build everything, then copy the whole website (the version in force of "
        "every document, every approved version at /<doc-id>/vX.Y/, comparisons, downloads, "
        "sitemap.xml) into DIR, ready for GitHub Pages, GitLab Pages or any web server. Drafts "
        "are left out unless --drafts is given. DIR is replaced only when the site is complete.",
    )
    _content_option(publish)
    publish.add_argument(
        "--to",
        type=Path,
        required=True,
        metavar="DIR",
        help="the folder to publish into (made, or replaced if it holds an earlier publish)",
    )
    publish.add_argument(
        "--drafts",
        action="store_true",
        help="also publish drafts ahead of the approved version, marked as proposals "
        "(and documents not yet approved)",
    )
    publish.add_argument(
        "--site-url",
        default=os.environ.get("POLICYPRESS_SITE_URL", ""),
        metavar="URL",
        type=_site_url,
        help="the site's public address, e.g. https://example.github.io/policies/ "
        "(default: $POLICYPRESS_SITE_URL); needed for sitemap.xml and canonical links",
    )
    publish.add_argument(
        "--out",
        type=Path,
        default=Path("build"),
        metavar="DIR",
        help="where the build writes first (default: build)",
    )
    publish.add_argument("--strict", action="store_true", help="fail on warnings too")
    publish.add_argument("--quiet", action="store_true", help="print nothing but errors")
    _shallow_option(publish)


def _serve(commands: Commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="preview the website, rebuilding it when content/ changes",
        description="Preview the website at http://127.0.0.1:8000/ (or --dev-addr). Pages rebuild "
        "and the browser reloads whenever a file under content/ or themes/ changes. Uses "
        "mkdocs.yml when there is one, else the built-in settings.",
    )
    serve.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="where to serve (default: 127.0.0.1:8000)",
    )


def _history(commands: Commands) -> None:
    hist = commands.add_parser(
        "history",
        help="print a document's version-control table, from git history",
        description="Print a document's version-control table: approval date, approved by, "
        "policy owner, scheduled review, and every change from git history.",
    )
    hist.add_argument("doc_id", metavar="DOC-ID", help="the document's id (its folder's name)")
    hist.add_argument(
        "--format", choices=("md", "json", "csv"), default="md", help="md (default), json or csv"
    )
    _content_option(hist)
    _shallow_option(hist)


def _diff(commands: Commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="compare a document with its last approved version, clause by clause",
        description="Compare a document with its last approved version (or any two versions), "
        "clause by clause, saying which changes are significant and why, and whether tenant "
        "consultation is needed. --from defaults to the last approval tag (no approval yet: the "
        "empty document); --to defaults to the working copy.",
    )
    diff.add_argument("doc_id", metavar="DOC-ID", help="the document's id (its folder's name)")
    diff.add_argument("--from", dest="from_ref", metavar="REF", help="a git commit or tag")
    diff.add_argument("--to", dest="to_ref", metavar="REF", help="a git commit or tag")
    diff.add_argument(
        "--from-path", type=Path, metavar="DIR", help="a content folder to compare from (no git)"
    )
    diff.add_argument(
        "--to-path", type=Path, metavar="DIR", help="a content folder to compare to (no git)"
    )
    diff.add_argument(
        "--format",
        choices=("md", "json", "csv", "html"),
        default="md",
        help="md (default), json, csv or html",
    )
    _content_option(diff)


def _approve(commands: Commands) -> None:
    approve = commands.add_parser(
        "approve",
        help="record an approval as an annotated git tag <doc-id>/vX.Y on HEAD",
        description="Record that a document was approved, as an annotated git tag on HEAD "
        "(<doc-id>/v<major>.<minor>). Refuses when the document has uncommitted changes, when "
        "'policypress check --strict' fails, when the date is in the future, or when the tag "
        "exists already.",
    )
    approve.add_argument("doc_id", metavar="DOC-ID", help="the document's id (its folder's name)")
    approve.add_argument(
        "--by", required=True, metavar="BODY", help='who approved it, e.g. "Cabinet"'
    )
    approve.add_argument(
        "--date", required=True, metavar="YYYY-MM-DD", help="the date of the decision"
    )
    approve.add_argument(
        "--minute",
        default="",
        metavar="TEXT",
        help='the minute reference, e.g. "Cabinet, 1 Dec 2026, item 7"',
    )
    _content_option(approve)


def _import(commands: Commands) -> None:
    imp = commands.add_parser(
        "import",
        help="bring an existing Word (.docx) or Markdown policy into content/DOC-ID/",
        description="Read a Word (.docx) or Markdown file and write it as content/DOC-ID/ in the "
        "source format, with its version table and document controls sheet as history from before "
        "git. Prints a report of everything read, written and skipped; exits 1 if any text could "
        "not be imported or a number would change.",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the .docx or .md file")
    imp.add_argument(
        "--id",
        dest="doc_id",
        required=True,
        metavar="DOC-ID",
        help="the new document's id and folder name, e.g. code-of-conduct",
    )
    imp.add_argument("--force", action="store_true", help="replace content/DOC-ID/ if it exists")
    imp.add_argument("--dry-run", action="store_true", help="print the report and write nothing")
    _content_option(imp)


def _amend(commands: Commands) -> None:
    amend = commands.add_parser(
        "amend",
        help="write the changes made in a revised Word (.docx) copy into the document's YAML",
        description="Read a revised Word copy of a document (the cabinet paper policypress made, "
        "edited in Word or LibreOffice, or the owner's own Word copy) and write its changes into "
        "the document's YAML files: changed wording in place, added parts with new ids, removed "
        "parts removed, moved parts moved. Every other part keeps its id and its lines. Tracked "
        "changes are taken as proposed. Prints what changed, what to confirm, the tracked "
        "changes and comments, and a commit message to use; commits nothing. Exits 1 if "
        "something could not be amended.",
    )
    amend.add_argument("doc_id", metavar="DOC-ID", help="the document's id (its folder's name)")
    amend.add_argument("file", type=Path, metavar="FILE", help="the revised .docx file")
    amend.add_argument(
        "--dry-run", action="store_true", help="print what would change, and change no file"
    )
    _content_option(amend)


def _add_ids(commands: Commands) -> None:
    add_ids = commands.add_parser(
        "add-ids",
        help="give every part without an id a short readable one, in the YAML files",
        description="Give every section, subsection, clause, bullet, numbered item and group "
        "that has no 'id' a short, readable one made from its title or first words, unique in "
        "its document, and write it into the YAML file as the part's first key. Comments, "
        "quoting and layout stay exactly as they were. Running it again changes nothing.",
    )
    add_ids.add_argument(
        "doc_id",
        nargs="?",
        metavar="DOC-ID",
        help="the document's id (its folder's name); default: every document",
    )
    add_ids.add_argument(
        "--dry-run", action="store_true", help="print the ids it would add, and change no file"
    )
    _content_option(add_ids)


def _shallow_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-shallow",
        action="store_true",
        help="build from a shallow clone anyway; the table then says it may be incomplete",
    )


def _site_url(value: str) -> str:
    """--site-url: written into every page (canonical links) and sitemap.xml, so only a plain
    absolute http(s) address is accepted; "" means none."""
    if not value:
        return value
    fix = "give the site's full address, such as https://example.github.io/policies/"
    bad = next((c for c in value if c.isspace() or not c.isprintable() or c in "\"'<>\\`"), None)
    if bad is not None:
        names = {
            " ": "a space",
            '"': "a double quote",
            "'": "a single quote",
            "\\": "a backslash",
            "`": "a backtick",
        }
        shown = names.get(bad) or (
            f"'{bad}'" if bad.isprintable() else f"an invisible character (U+{ord(bad):04X})"
        )
        raise argparse.ArgumentTypeError(f"the address {value!r} contains {shown}; {fix}")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a web address starting with https:// "
            f"or http:// and a host name; {fix}"
        )
    return value


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="the folder holding the documents (default: content)",
    )

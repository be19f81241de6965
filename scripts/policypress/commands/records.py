"""history, diff and approve: a document's versions, its changes and its approvals, from git."""

from __future__ import annotations

import argparse
import datetime
import sys

from policypress import gitparse
from policypress.commands.common import document_named, judged
from policypress.errors import ContentError, Location, PolicyPressError, Problem, UsageError

# Each command imports the checker, git and the loader inside itself: `policypress --help` and
# usage errors would otherwise pay for them (about 0.3 s).


def cmd_history(args: argparse.Namespace) -> int:
    from policypress.checking import check
    from policypress.render import table

    checked = check(args.content, allow_shallow=args.allow_shallow)
    document = judged(checked, args.doc_id)
    vc = checked.vcs[document.id]  # made once by check, with the proposed version
    if args.format == "json":
        print(table.as_json(document, vc))
    elif args.format == "csv":
        print(table.as_csv(vc), end="")
    else:
        print(table.as_markdown(document, vc), end="")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from policypress.checking import concerning
    from policypress.consultation import report
    from policypress.load.loader import load_library
    from policypress.render import changes_log

    if (args.from_path or args.to_path) and (args.from_ref or args.to_ref):
        raise UsageError(
            "use either --from/--to (git) or --from-path/--to-path (folders), not both"
        )
    if args.from_path or args.to_path:
        if not (args.from_path and args.to_path):
            raise UsageError("--from-path and --to-path go together")
        sides = []
        for folder in (args.from_path, args.to_path):
            if not folder.is_dir():
                raise PolicyPressError(f"the folder '{folder}' does not exist")
            loaded = load_library(folder)
            errors = [
                p
                for p in concerning(loaded.problems, loaded.library.root, args.doc_id)
                if p.severity == "error"
            ]
            if errors:
                raise ContentError(errors)
            sides.append(loaded.library.document(args.doc_id))
        if sides[1] is None:
            raise PolicyPressError(f"there is no document '{args.doc_id}' in {args.to_path}")
        result = report(sides[1], sides[0], str(args.from_path), str(args.to_path))
    else:
        result = _git_report(args)
    render = {
        "md": changes_log.as_markdown,
        "json": changes_log.as_json,
        "csv": changes_log.as_csv,
        "html": changes_log.as_html,
    }[args.format]
    print(render(result), end="")
    return 0


def _git_report(args: argparse.Namespace):
    """The comparison `diff` prints from git: by default the one `check` has made already (from
    the last approval to the working copy); a new one only when --from or --to names other
    versions, reading them through the versions `check` has read."""
    from policypress.checking import check
    from policypress.consultation import Versions, report

    checked = check(args.content)
    document = judged(checked, args.doc_id)
    found = checked.history
    if not (args.from_ref or args.to_ref) and args.doc_id in checked.reports:
        return checked.reports[args.doc_id]
    versions = checked.versions or (Versions(args.content) if found.available else None)
    if (args.from_ref or args.to_ref) and versions is None:
        raise PolicyPressError(f"--from and --to need git history: {found.notice}")
    if args.to_ref:
        assert versions is not None  # refused above without git history
        document = versions.document_at(args.to_ref, args.doc_id)
        if document is None:
            raise PolicyPressError(f"there is no document '{args.doc_id}' at {args.to_ref}")
    approvals = found.approvals.get(args.doc_id, [])
    if args.from_ref:
        assert versions is not None  # refused above without git history
        old, label = versions.document_at(args.from_ref, args.doc_id), args.from_ref
    elif approvals and versions:
        old = versions.document_at(approvals[-1].commit, args.doc_id)
        label = approvals[-1].label
    else:
        old, label = None, "nothing (no approved version yet)"
    load_at = (lambda rev: versions.document_at(rev, args.doc_id)) if versions else None
    return report(document, old, label, args.to_ref or "the working copy", load_at)


def _approval_day(args: argparse.Namespace) -> datetime.date:
    """The approval's day, once --by, --date and --minute are each one line of plain text (they
    are stripped in `args`) and the date is a real one, not in the future."""
    from policypress.history import today

    for option, example in (
        ("by", '"Cabinet"'),
        ("date", "2026-12-01"),
        ("minute", '"Cabinet, 1 Dec 2026, item 7"'),
    ):
        value = getattr(args, option).strip()
        setattr(args, option, value)
        bad = gitparse.bad_character(value)
        if bad:
            raise UsageError(
                f"--{option} has {bad[1]} at character {bad[0]}: write it on one line "
                f"of plain text, e.g. {example}"
            )
        if not value and option != "minute":
            raise UsageError(
                f"--{option} is empty: say {'who approved it' if option == 'by' else 'when'}, "
                f"e.g. --{option} {example}"
            )
    day = gitparse.real_date(args.date)
    if day is None:
        raise UsageError(
            f"--date '{args.date}' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-01"
        )
    if day > today():
        raise PolicyPressError(
            f"the approval date {args.date} is in the future: record an "
            "approval on or after the day it was made"
        )
    return day


def _refuse_unless_ready(checked, document) -> None:
    """Refuse an approval of a document with uncommitted edits, problems, an approved text, or a
    consultation still needed."""
    from policypress.checking import failing

    if document.id in checked.history.dirty:
        raise PolicyPressError(
            f"{document.folder}/ has uncommitted changes: commit them (with a "
            "Change-summary: line) so the approval covers exactly that text"
        )
    stopping = failing(checked.concerning(document.id), strict=True)
    if stopping:
        raise ContentError(
            [
                *stopping,
                Problem(
                    Location(document.folder),
                    "error",
                    "not-ready",
                    f"{document.id} cannot be approved until 'policypress check --strict' passes "
                    "for it (other documents' problems do not count)",
                    "fix the problems above first",
                ),
            ]
        )
    approved = checked.history.approvals.get(document.id, [])
    vc = checked.vcs[document.id]
    if approved and not any(r.version == "Draft" for r in vc.rows):
        raise PolicyPressError(
            f"this text of {document.id} is already approved: tag "
            f"{approved[-1].tag} covers every change; commit the new changes first"
        )
    report = checked.reports[document.id]
    if report.consultation_required:  # also reported by check --strict above; kept as a guard
        raise PolicyPressError("significant changes are not covered by a tenant consultation")
    if any(p.code == "welsh-language-views" for p in report.problems):  # a guard, as above
        raise PolicyPressError(
            "the consultation does not record the views sought on the effects on the Welsh language"
        )


def cmd_approve(args: argparse.Namespace) -> int:
    from policypress.checking import check
    from policypress.history import early_approval, next_version, record_approval
    from policypress.render.common import long_date

    day = _approval_day(args)
    checked = check(args.content, allow_shallow=False)
    if not checked.history.available:
        raise PolicyPressError(f"cannot record an approval: {checked.history.notice}")
    document = document_named(checked, args.doc_id)
    _refuse_unless_ready(checked, document)
    vc = checked.vcs[document.id]
    report = checked.reports[document.id]
    version = next_version(checked.history, document.id, major_change=bool(report.significant))
    tag = record_approval(args.content, document.id, version, args.by, args.date, args.minute)
    print(
        f"Recorded the approval of {document.id} version {version[0]}.{version[1]} by {args.by} "
        f"on {long_date(args.date)} as tag {tag}. Share it with: git push origin {tag}"
    )
    warning = early_approval(vc, day.isoformat(), tag)
    if warning:
        print(warning, file=sys.stderr)
    return 0

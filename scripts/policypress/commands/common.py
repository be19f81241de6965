"""What several commands share: printing problems and summaries, a progress display, and finding
the document a command names."""

from __future__ import annotations

import sys

from policypress.errors import ContentError, PolicyPressError, Problem


def print_problems(problems: list[Problem], stream=None) -> None:
    for problem in problems:
        print(problem.format(), file=stream or sys.stderr)


def summary(problems: list[Problem], documents: int) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    accepted = sum(p.severity == "accepted" for p in problems)
    advice = sum(p.severity == "advice" for p in problems)
    return (
        f"{documents} document(s) checked: {errors} error(s), {warnings} warning(s)"
        + (f", {accepted} accepted warning(s)" if accepted else "")
        + (f", {advice} piece(s) of readability advice" if advice else "")
    )


def warnings_line(warnings: int, accepted: int) -> str:
    """What a build says about the warnings it did not stop for."""
    also = f" ({accepted} more accepted in decisions.yaml)" if accepted else ""
    if warnings:
        return f"{warnings} warning(s){also}: run 'policypress check' to list them"
    if accepted:
        return f"{accepted} accepted warning(s): run 'policypress check' to list them"
    return ""


class Progress:
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
            print(
                f"\r{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                end="\n" if done == total else "",
                file=sys.stderr,
                flush=True,
            )
        elif done == total or done == 0 and self.last != stage:
            print(f"{stage}: {done}/{total}", file=sys.stderr, flush=True)
        self.last = stage


def judged(checked, doc_id: str):
    """The document `doc_id`, once nothing stops a command on it: errors in its own files or in
    shared ones (such as standards.yaml) stop it; another document's problems do not."""
    errors = [p for p in checked.concerning(doc_id) if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return document_named(checked, doc_id)


def document_named(checked, doc_id: str):
    document = checked.result.library.document(doc_id)
    if document is None:
        known = ", ".join(d.id for d in checked.result.library.documents) or "none"
        raise PolicyPressError(
            f"there is no document '{doc_id}' under the content folder (documents: {known})"
        )
    return document

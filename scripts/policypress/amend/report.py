"""The report `policypress amend` prints: what it changed and where, what to confirm, the
tracked changes and comments it read, what it could not amend, and a commit message to use."""

from __future__ import annotations

import difflib
from pathlib import Path

from policypress.amend.merge import Change
from policypress.amend.run import Amended
from policypress.errors import display_path
from policypress.importer.blocks import excerpt
from policypress.worddiff import words

FIELDS = {
    "title": "heading changed",
    "audience": "heading changed",
    "text": "wording changed",
    "principle": "main principle changed",
    "intro": "introduction changed",
    "lead-in": "words before the list changed",
    "closing": "words after the list changed",
}


def _where(amended: Amended, part: str) -> str:
    return amended.labels.get(part, "") or "a new part"


def _line(amended: Amended, change: Change) -> str:
    place = f"{change.file}:{change.line}" if change.line else change.file
    label = _where(amended, change.id)
    if change.kind == "changed":
        return f"  {place}: {label}: {FIELDS.get(change.what, 'changed')}{_swapped(change)}"
    if change.kind == "added":
        return f"  {place}: a new {change.kind_word} under {_where(amended, change.parent)}"
    if change.kind == "removed":
        return f"  {place}: {label} removed"
    return f"  {place}: {label} moved, now under {_where(amended, change.parent)}"


def _swapped(change: Change) -> str:
    """The words a small change swaps: ": “encourage” becomes “promote”" ("" for more)."""
    runs = [r for r in words(change.before, change.after) if r["op"] != "equal"]
    gone = " ".join(r["text"].strip() for r in runs if r["op"] == "delete")
    new = " ".join(r["text"].strip() for r in runs if r["op"] == "insert")
    if not runs or len(runs) > 2 or len(gone) + len(new) > 80:
        return ""
    if gone and new:
        return f": {excerpt(gone)} becomes {excerpt(new)}"
    return f": {excerpt(new)} added" if new else f": {excerpt(gone)} taken out"


def _phrase(amended: Amended, change: Change) -> str:
    label = _where(amended, change.id)
    if change.kind == "changed":
        return f"retitle {label}" if change.what in ("title", "audience") else f"reword {label}"
    if change.kind == "added":
        return f"add a {change.kind_word} under {_where(amended, change.parent)}"
    if change.kind == "removed":
        return f"remove {label}"
    return f"move {label}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def message(amended: Amended, source: str) -> list[str]:
    """A commit message, as a policy owner would write it, for the version history."""
    verbs: dict[str, list[str]] = {}
    for change in amended.changes:
        verb, _, rest = _phrase(amended, change).partition(" ")
        if rest not in verbs.setdefault(verb, []):
            verbs[verb].append(rest)
    summary = "; ".join(f"{verb} {_and(rest)}" for verb, rest in verbs.items())
    summary = summary[0].upper() + summary[1:]
    subject = summary if len(summary) <= 72 else f"Amendments from {source}"
    return [subject, "", f"Change-summary: {summary}."]


def lines(amended: Amended, doc_id: str, path: Path, dry_run: bool) -> list[str]:
    out = [f"Read {path.name} against the document '{doc_id}'."]
    if amended.front:
        out.append(
            "Left out the cover, the contents and the summary of changes: policypress makes "
            "them again at each build."
        )
    if amended.left_out:
        out.append("Also left out (not part of the policy's text):")
        out += [f"  {line}" for line in amended.left_out]
    for kind, title in GROUPS:
        chosen = [c for c in amended.changes if c.kind == kind]
        if chosen:
            out.append(title)
            out += [_line(amended, c) for c in chosen]
    if amended.renumbered:
        out.append("Numbered again (policypress numbers the parts by their order):")
        out += [f"  {line}" for line in amended.renumbered]
    out += _read_from_word(amended)
    if amended.not_amended:
        out.append("Not amended (make these changes by hand):")
        out += [f"  {line}" for line in amended.not_amended]
    if not amended.changes:
        out.append(
            "No file was changed: the rest of the Word file has the document's text."
            if amended.not_amended
            else "The Word file has the document's text: nothing to amend."
        )
        return out
    out.append("Suggested commit message:")
    out += [f"  {line}" if line else "" for line in message(amended, path.name)]
    out.append("Say why in the Change-summary line, in words a tenant would understand.")
    if dry_run:
        out += _would_change(amended)
        out.append("Nothing was written (--dry-run).")
    else:
        out.append(
            f"Nothing was committed. Run 'policypress diff {doc_id}' to see how each change "
            "is classified, then commit with the message above."
        )
    return out


GROUPS = (
    ("changed", "Changed:"),
    ("added", "Added:"),
    ("removed", "Removed:"),
    ("moved", "Moved:"),
)


def _read_from_word(amended: Amended) -> list[str]:
    """The matches to confirm, the tracked changes taken and the comments, from the Word file."""
    out = []
    if amended.guesses:
        out.append("To confirm (matched by their words, not for certain; check each one):")
        for guess in amended.guesses:
            shown = f"{guess.number} " if guess.number else "the part "
            out.append(
                f"  {shown}{excerpt(guess.text)} in the Word file is taken as "
                f"{_where(amended, guess.id)} ({round(guess.score * 100)}% the same words)"
            )
    tracked = [n for n in amended.notes if n.kind != "comment"]
    if tracked:
        out.append("Tracked changes, taken as proposed:")
        out += [
            f"  {_note_place(amended, n)}: {n.kind} by {n.author}"
            + (f" on {n.date}" if n.date else "")
            + f": {excerpt(n.text)}"
            for n in tracked
        ]
    comments = [n for n in amended.notes if n.kind == "comment"]
    if comments:
        out.append("Comments (not written into the policy; answer them before approval):")
        out += [
            f"  {_note_place(amended, n)}: {n.author}"
            + (f" on {n.date}" if n.date else "")
            + f": {excerpt(n.text, 80)}"
            for n in comments
        ]
    return out


def _would_change(amended: Amended) -> list[str]:
    """What a dry run would write, as a unified diff of each file."""
    out = ["The files would change like this:"]
    for path, data in amended.files.items():
        name = display_path(path)
        before = path.read_bytes().decode("utf-8-sig").splitlines()
        after = data.decode("utf-8-sig").splitlines()
        out += list(difflib.unified_diff(before, after, name, name, lineterm=""))
    return out


def _note_place(amended: Amended, note) -> str:
    if note.part and note.part in amended.labels:
        return f"{amended.labels[note.part]}, in {note.paragraph}"
    return f"in the paragraph {note.paragraph}"

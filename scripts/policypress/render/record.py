"""The version-control table in every output: its header, its rows (one per version, newest
first) and each change's line, in the file's language; a translation's lines keep their
summaries' own language, so a file can tag them (split from common.py at 401 lines)."""

from __future__ import annotations

from policypress import i18n
from policypress.model import Revision, VersionControl
from policypress.render.common import long_date, short_version

RECORD_HEADER = ("Version", "Approved on", "Approved by", "Minute", "Changes")
NO_RECORD = ("", "", "", "", ["No changes recorded yet."])


def record_header(language: str = "en") -> tuple[str, ...]:
    """RECORD_HEADER in `language`."""
    _ = i18n.translator(language)
    return (_("Version"), _("Approved on"), _("Approved by"), _("Minute"), _("Changes"))


def no_record(language: str = "en") -> tuple[str, str, str, str, list[str]]:
    """NO_RECORD in `language`."""
    _ = i18n.translator(language)
    return ("", "", "", "", [_("No changes recorded yet.")])


def change_line(row: Revision, language: str = "en") -> str:
    """One change in the record: '10 February 2026: Say staff must be fair (Ana Núñez)'."""
    who = f" ({row.author})" if row.author and row.author != "—" else ""
    if not row.date:
        return f"{row.summary}{who}"
    return f"{long_date(row.date, language)}: {row.summary}{who}"


class TaggedLine(str):
    """A change in the record whose summary is in another language than the file around it (a
    translation shows the original's summaries as written): the line as text, and its parts, so
    a file can tag the summary with its language."""

    before: str  # "3 Mawrth 2026: ", in the file's language
    summary: str  # as written, in `language`
    after: str  # " (Ana Núñez)"
    language: str  # such as en-GB

    def __new__(cls, before: str, summary: str, after: str, language: str) -> TaggedLine:
        line = super().__new__(cls, before + summary + after)
        line.before, line.summary, line.after, line.language = before, summary, after, language
        return line


def tagged_lines(vc: VersionControl, language: str):
    """`record_rows`' line for a file in `language`: a TaggedLine for each change when `vc`'s
    summaries are in another language (a translation's), else the plain change_line."""
    tongue = vc.summaries_language
    if not tongue or tongue[:2] == language[:2]:
        return change_line

    def line(row: Revision, language: str) -> str:
        before = f"{long_date(row.date, language)}: " if row.date else ""
        after = f" ({row.author})" if row.author and row.author != "—" else ""
        return TaggedLine(before, row.summary, after, tongue)

    return line


def record_rows(
    vc: VersionControl, language: str = "en", line=change_line
) -> list[tuple[str, str, str, str, list[str]]]:
    """The approval record, one row per version, newest first: (version, approved on, approved
    by, minute, the changes it approved). The changes not yet approved come first, as the
    proposed version, "Not yet approved"; while they wait, the approved version is "in force"."""
    _ = i18n.translator(language)
    out = []
    waiting = any(v.kind == "pending" for v in vc.record)
    for n, v in enumerate(vc.record):
        changes = [line(r, language) for r in v.changes] or [_("No changes to the text.")]
        if v.kind == "pending":
            out.append((short_version(vc, language), _("Not yet approved"), "", "", changes))
        elif v.kind == "approval":
            label = _("%(version)s (in force)") % {"version": v.version}
            label = label if waiting and n == 1 else v.version
            out.append((label, long_date(v.date, language), v.approved_by, v.minute, changes))
        else:  # a row of the document controls sheet from before git
            out.append(
                (
                    v.version or _("Earlier record"),
                    long_date(v.date, language) if v.approved_by else "",
                    v.approved_by,
                    "",
                    changes,
                )
            )
    return out

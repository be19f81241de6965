"""From a comparison to a consultation report: decisions applied, coverage by consultations.

`consultation_required` is true when significant changes since the last approval are not
covered by a closed consultation: one whose consulted version (`covers`, a git revision) differs
from the current text by editorial changes only.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

from policypress import describe, history
from policypress.beside import Beside, part_of, sides
from policypress.changes import Change, compare, items, merge
from policypress.errors import Location, PolicyPressError, Problem, Severity
from policypress.model import Consultation, Decision, Document
from policypress.revisions import Versions, part_history
from policypress.translations import language_name

LoadAt = Callable[[str], Document | None]


@dataclass
class Report:
    document: Document
    from_label: str
    to_label: str
    changes: list[Change]
    consultation_required: bool
    covering: Consultation | None = None
    open_consultation: Consultation | None = None
    stale: list[Decision] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # what is compared, in words a reader knows: "version 1.0, approved by Cabinet on 3 March
    # 2026"; "" when there is no earlier version (a first version, put forward for approval)
    since: str = ""
    approval: tuple[str, ...] = ()  # that version's number, who approved it, the ISO date
    # the parts whose translation (a Welsh text beside the English) changed since the earlier
    # version, as readers cite them ("clause 2.1"); the translation's language, such as Welsh
    translated: list[str] = field(default_factory=list)
    translation: str = ""
    # each change's text in the translation, before and after, by the change's id (beside.py)
    beside: dict[str, Beside] = field(default_factory=dict)

    @property
    def significant(self) -> list[Change]:
        return [c for c in self.changes if c.significance == "significant"]

    @property
    def parts(self) -> list[Change]:
        """Every change in each place, one decision made in several places counted for each:
        what the redline marks and what tools read (each with its own id and fingerprint)."""
        return [p for c in self.changes for p in (c.parts or (c,))]

    def as_json(self) -> dict:
        return {
            "document": self.document.id,
            "from": self.from_label,
            "to": self.to_label,
            "consultation_required": self.consultation_required,
            "consultation": _consultation_json(self.covering),
            "since": self.since or None,
            "changes": [
                c.as_json()
                | ({"translation": asdict(self.beside[c.id])} if c.id in self.beside else {})
                for c in self.parts
            ],
            **(
                {"translation": {"language": self.translation, "updated": self.translated}}
                if self.translated
                else {}
            ),
        }


def _consultation_json(record: Consultation | None) -> dict | None:
    if record is None:
        return None
    return {
        "title": record.title,
        "opened": record.opened and record.opened.isoformat(),
        "closed": record.closed and record.closed.isoformat(),
        "consulted": list(record.consulted),
        "method": record.method,
        "responses": record.responses,
        "summary": record.summary,
        "response": record.response,
        "covers": record.covers,
        "file": record.location.file,
    }


def apply_decisions(
    changes: list[Change], decisions: tuple[Decision, ...]
) -> tuple[list[Change], list[Decision]]:
    """Mark changes a policy owner recorded as editorial; return the decisions that no longer
    match any change (the text changed again, so the decision is stale)."""
    by_key = {(d.clause, d.fingerprint): d for d in decisions}
    used: set[tuple[str, str]] = set()
    out = []
    for change in changes:
        decision = by_key.get((change.id, change.fingerprint))
        if decision and change.significance == "significant":
            used.add((decision.clause, decision.fingerprint))
            change = replace(
                change,
                significance="editorial",
                decision=f"{decision.reason} ({decision.by})",
                reasons=change.reasons
                + (f"recorded as editorial by {decision.by}: {decision.reason}",),
            )
        elif decision:
            used.add((decision.clause, decision.fingerprint))
        out.append(change)
    return out, [d for d in decisions if (d.clause, d.fingerprint) not in used]


def has_closed(record: Consultation, day: datetime.date) -> bool:
    """Whether a consultation has closed by `day`: only after its closing date, so that
    responses still count, and "Tell us what you think by 31 October" still shows, on the day."""
    return record.closed is not None and record.closed < day


def report(
    document: Document,
    old: Document | None,
    from_label: str,
    to_label: str,
    load_at: LoadAt | None = None,
    today: str = "",
    since: str = "",
) -> Report:
    """`since`: the earlier version in words ("version 1.0, approved by Cabinet on 3 March
    2026"); by default `from_label` without what is in brackets (a git tag, for tools)."""
    changes, stale = apply_decisions(compare(old, document), document.decisions)
    today = today or history.today().isoformat()
    plain = since or (from_label.split(" (")[0] if old is not None else "")
    result = Report(document, from_label, to_label, changes, False, stale=stale, since=plain)
    parts = set(items(document)) | set(items(old))
    result.problems += [_stale_problem(document, decision, parts) for decision in stale]
    day = datetime.date.fromisoformat(today)
    closed = sorted(
        (c for c in document.consultations if has_closed(c, day)),
        key=lambda c: c.closed or day,
        reverse=True,
    )
    result.open_consultation = next(
        (c for c in document.consultations if not has_closed(c, day)), None
    )
    if not result.significant:
        return result
    if load_at is not None:
        result.covering = _covering(document, closed, load_at, result.problems)
    if result.covering is not None:
        result.problems += welsh_views(document, result.covering)
        return result
    result.consultation_required = True
    result.problems.append(_required_problem(document, old, plain, result.significant))
    return result


def _stale_problem(document: Document, decision: Decision, parts: set[str]) -> Problem:
    """A decision that applies to nothing: its part is gone, or its text changed again."""
    if decision.clause not in parts:
        close = difflib.get_close_matches(decision.clause, sorted(parts), n=1, cutoff=0.6)
        return Problem(
            decision.location,
            "warning",
            "unknown-part",
            f"the part '{decision.clause}' does not exist in {document.id}, so this "
            "decision applies to nothing",
            (f"did you mean '{close[0]}'? " if close else "")
            + "check the id: copy it and the fingerprint from 'policypress diff --format "
            "json'",
        )
    return Problem(
        decision.location,
        "warning",
        "stale-decision",
        f"the decision on '{decision.clause}' in {document.id} no longer applies: the text "
        "changed again (or the change was undone)",
        "run 'policypress diff --format json' and record a new decision with the new "
        "fingerprint, or delete it",
    )


def _covering(
    document: Document, closed: list[Consultation], load_at: LoadAt, problems: list[Problem]
) -> Consultation | None:
    """The latest closed consultation whose version leaves no significant change unconsulted;
    a consultation whose version cannot be read is a problem, and the next is tried."""
    for record in closed:
        try:
            consulted = load_at(record.covers)
        except history.NotACommit as exc:
            problems.append(covers_problem(record, exc))
            continue
        except PolicyPressError as exc:
            problems.append(
                Problem(
                    record.covers_at,
                    "warning",
                    "bad-consultation",
                    f"the consultation's 'covers' revision cannot be read: {exc}",
                    "set 'covers' to the commit or tag of the version consulted on",
                )
            )
            continue
        after, _ = apply_decisions(compare(consulted, document), document.decisions)
        if not any(c.significance == "significant" for c in after):
            return record
    return None


def _required_problem(
    document: Document, old: Document | None, plain: str, significant: list[Change]
) -> Problem:
    """The warning that tenants must be consulted, naming the changes that need it."""
    numbers = list(dict.fromkeys(_cited(c) for c in significant))
    shown = "; ".join(numbers[:6]) + (f" and {len(numbers) - 6} more" if len(numbers) > 6 else "")
    what = (
        f"no closed tenant consultation covers the significant changes since {plain} ({shown})"
        if old is not None
        else f"no closed tenant consultation covers this first version of {document.meta.title}"
    )
    return Problem(
        Location(f"{document.folder}/document.yaml"),
        "warning",
        "consultation-required",
        what,
        f"consult tenants and record it in {document.folder}/consultations/, or, if a change "
        "is only editorial, record that in decisions.yaml (the id and fingerprint are in "
        "'policypress diff --format json')",
    )


def translation_changes(document: Document, old: Document | None) -> tuple[str, list[str]]:
    """The language of `document`'s translation, and where its text changed since `old` (each
    place as readers cite it). Only where: the changes themselves are judged on the original."""
    if document.translation is None or old is None or old.translation is None:
        return "", []
    language = language_name(document.translation.language)
    # only parts the translation gives, now or then: one it does not shows the original's text
    given = {p.id for t in (old.translation, document.translation) for p in t.parts}
    changed = compare(old.translation.document, document.translation.document)
    return language, list(dict.fromkeys(_cited(c) for c in changed if part_of(c.id) in given))


def welsh_views(document: Document, record: Consultation) -> list[Problem]:
    """A consultation on significant changes to a document in Welsh and English must seek views
    on their effects on the Welsh language (Welsh Language Standards, policy making)."""
    if document.translation is None or record.welsh_language:
        return []
    return [
        Problem(
            record.location,
            "warning",
            "welsh-language-views",
            f"this consultation on significant changes to {document.meta.title}, which is "
            "published in Welsh and English, does not record the views sought on the effects on "
            "the Welsh language",
            "add 'welsh-language:' saying what you asked about the changes' effects on "
            "opportunities to use Welsh, and on treating Welsh no less favourably than English",
        )
    ]


def _cited(change: Change) -> str:
    """Where a change is, as a message names it mid-sentence: "clause 2.1", "3.1, point 12"."""
    where = describe.where(change)
    return where[:1].lower() + where[1:] if where.startswith(("Clause ", "The ")) else where


def covers_problem(
    record: Consultation, exc: history.NotACommit, severity: Severity = "error"
) -> Problem:
    """The located error for a consultation whose `covers:` names no commit (a warning in a
    shallow clone, which may simply not hold it)."""
    return Problem(
        record.covers_at,
        "warning" if exc.shallow else severity,
        "bad-covers",
        exc.what,
        exc.fix
        if exc.shallow
        else "write the commit hash or tag of the text you consulted on, in quotes",
    )


def for_document(document: Document, found: history.History, versions: Versions | None) -> Report:
    """The report the build, check and approve use: from the last approval to the working tree."""
    approvals = found.approvals.get(document.id, [])
    since = ""
    if approvals and versions is not None:
        old = versions.document_at(approvals[-1].commit, document.id)
        label = approvals[-1].label
        last = approvals[-1]
        since = f"version {last.version}, approved by {last.approved_by} on {_long_date(last.date)}"
    else:
        old, label = None, "nothing (no approved version yet)"
    load_at = (
        (lambda rev: versions.document_at(rev, document.id))
        if versions and found.available
        else None
    )
    result = report(document, old, label, "the working copy", load_at, since=since)
    result.translation, result.translated = translation_changes(document, old)
    if approvals and versions is not None:  # for `since` in another language
        result.approval = (last.version, last.approved_by, last.date)
    if old is not None and versions is not None:
        summaries, made = part_history(document, found, versions)
        # each change with who made it and when; then one decision made in several places is
        # one change, with its places listed
        dated = [
            replace(c, author=made[c.id][0], date=made[c.id][1]) if c.id in made else c
            for c in result.changes
        ]
        result.changes = merge(dated, summaries)
        result.beside = sides(document, old, result.changes)
    if load_at is not None and versions is not None:  # every `covers:` must name a commit
        reported = {p.location for p in result.problems if p.code == "bad-covers"}
        for record in document.consultations:
            if record.covers_at in reported:
                continue
            try:
                versions.commit(record.covers)
            except history.NotACommit as exc:
                result.problems.append(
                    covers_problem(record, exc, "warning" if found.shallow else "error")
                )
    return result


def _long_date(iso: str) -> str:
    """'2026-03-03' -> '3 March 2026' (as render.common.long_date, which renderers use)."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"

"""The parts of a Word file that are about the document rather than its text: the cover, the
version table (approval date, approved by, policy owner, scheduled review) and the document
controls sheet (date, summary of change, author, approver), which become document.yaml details
and the history from before git."""

from __future__ import annotations

import datetime
import re

from policypress.importer.blocks import Block, Skipped

VERSION_LABELS = {
    "approval date": "approval-date",
    "date approved": "approval-date",
    "approved on": "approval-date",
    "approved by": "approved-by",
    "approving body": "approved-by",
    "policy owner": "policy-owner",
    "owner": "policy-owner",
    "document owner": "policy-owner",
    "scheduled review": "scheduled-review",
    "review date": "scheduled-review",
    "next review": "scheduled-review",
    "version": "version",
    "version number": "version",
    "status": "status",
}
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
GENERATED_ROWS = ("No changes recorded yet.",)  # what policypress writes in an empty controls sheet
PLACEHOLDER = re.compile(
    r"^(tbc|\[tbc\]|tbd|n/?a|-|—|to be set at approval|not yet approved)?$", re.IGNORECASE
)


def iso_date(text: str) -> str:
    """'1 December 2026', '01/12/2026', '2026-12-01', 'Dec 2026' as an ISO date, or ''."""
    text = " ".join(text.replace(",", " ").split()).strip().lower()
    text = re.sub(r"\s*\((overdue|draft)\)$", "", text)
    try:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            return datetime.date(*map(int, match.groups())).isoformat()
        match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", text)
        if match:
            day, month, year = map(int, match.groups())
            return datetime.date(year + 2000 if year < 100 else year, month, day).isoformat()
        match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+) (\d{4})", text)
        if match and match.group(2)[:3] in {m[:3] for m in MONTHS}:
            month = next(i for m, i in MONTHS.items() if m[:3] == match.group(2)[:3])
            return datetime.date(int(match.group(3)), month, int(match.group(1))).isoformat()
        match = re.fullmatch(r"([a-z]+) (\d{4})", text)
        if match and match.group(1)[:3] in {m[:3] for m in MONTHS}:
            month = next(i for m, i in MONTHS.items() if m[:3] == match.group(1)[:3])
            return datetime.date(int(match.group(2)), month, 1).isoformat()
    except ValueError:
        return ""
    return ""


def _label(text: str) -> str:
    return re.sub(r"[^a-z ]", "", text.lower()).strip()


def version_table(rows: list[list[str]]) -> dict[str, str] | None:
    """The version table's values by key, when `rows` is one (label in the first column)."""
    found: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and _label(row[0]) in VERSION_LABELS:
            found[VERSION_LABELS[_label(row[0])]] = " ".join(row[1:]).strip()
    return found if len(found) >= 2 else None


def _is_header(row: list[str]) -> bool:
    """Whether `row` heads a document controls sheet: it names a date and a summary or change."""
    labels = [_label(c) for c in row]
    return any(lab.startswith("date") for lab in labels) and any(
        "summary" in lab or "change" in lab for lab in labels
    )


def controls_sheet(rows: list[list[str]]) -> tuple[list[dict[str, str]], list[str]] | None:
    """(history rows, problems) when `rows` is a document controls sheet: a header row naming a
    date and a summary or change, then one row per change."""
    start = next((i for i, row in enumerate(rows) if _is_header(row)), None)
    if start is None:
        return None
    labels = [_label(c) for c in rows[start]]
    columns: dict[int, str] = {}
    for index, lab in enumerate(labels):
        for key, words in (
            ("date", ("date",)),
            ("version", ("version",)),
            ("summary", ("summary", "change")),
            ("author-approver", ("author and approver",)),
            ("author", ("author",)),
            ("approver", ("approver", "approved by")),
        ):
            if any(lab.startswith(w) or w in lab for w in words) and key not in columns.values():
                if index not in columns:
                    columns[index] = key
                break
    history, problems = [], []
    for row in rows[start + 1 :]:
        values = {columns[i]: cell.strip() for i, cell in enumerate(row) if i in columns}
        if "author-approver" in values:
            combined = values.pop("author-approver")
            match = re.match(
                r"(?is)\s*author:?\s*(.*?)\s*[;,]?\s*approver(?:\(s\))?:?\s*(.*)$", combined
            )
            alone = re.match(r"(?is)\s*author:\s*(.*)$", combined)
            values["author"], values["approver"] = (
                (match.group(1), match.group(2))
                if match
                else ((alone.group(1), "") if alone else (combined, ""))
            )
        values = {k: v.strip(" ;,") for k, v in values.items()}
        if not any(values.get(k) for k in ("date", "summary", "version")) or (
            not values.get("date") and values.get("summary") in GENERATED_ROWS
        ):
            # an empty row, the "Author: Approver(s):" prompts, or a row policypress writes
            continue
        date = iso_date(values.get("date", ""))
        if not date:
            problems.append(
                f"the date “{values.get('date', '')}” of “{values.get('summary', '')[:40]}” "
                "is not a date policypress can read (write it as 1 December 2026)"
            )
            continue
        if values.get("summary", "").startswith("Draft — uncommitted changes"):
            continue  # policypress's row for edits not yet committed: not history
        entry = {"date": date}
        if values.get("version"):
            entry["version"] = values["version"].removeprefix("v").removeprefix("V")
        entry["summary"] = values.get("summary", "") or "No summary recorded."
        entry["author"] = values.get("author", "") or "Unknown"
        if values.get("approver"):
            entry["approver"] = values["approver"]
        history.append(entry)
    return history, problems


def is_generated_notice(block: Block) -> bool:
    """Lines that policypress (or Word) writes on a cover, not part of the policy's text."""
    return bool(
        re.match(
            r"(This is a draft for approval by|History unavailable|History may be incomplete)",
            block.plain,
        )
    )


def front_matter(
    blocks: list[Block], properties: dict[str, str], meta: dict[str, str], skipped: list[Skipped]
) -> None:
    """Read the cover (blocks before the first heading) into `meta`; what is not understood is
    reported as lost."""
    generated = False
    for block in blocks:
        style = block.style.lower()
        if block.kind == "table" and generated:
            skipped.append(Skipped(block.where, block.quoted(), "policypress's summary of changes"))
        elif block.kind == "table":
            skipped.append(
                Skipped(
                    block.where,
                    block.quoted(),
                    "a table before the first heading; "
                    "the source format has no tables (move its text into a section)",
                    lost=True,
                )
            )
        elif style == "contents heading" and block.plain.lower().startswith(
            ("changes since", "summary of changes")
        ):
            generated = True
            skipped.append(
                Skipped(
                    block.where,
                    block.quoted(),
                    "policypress's summary of changes (made again at each build)",
                )
            )
        elif style in ("contents heading", "toc heading") or block.plain.lower() == "contents":
            generated = False
            skipped.append(
                Skipped(block.where, block.quoted(), "the heading of the table of contents")
            )
        elif generated:
            skipped.append(Skipped(block.where, block.quoted(), "policypress's summary of changes"))
        elif _cover_line(block, meta):
            pass
        elif is_generated_notice(block):
            skipped.append(Skipped(block.where, block.quoted(), "a notice made by policypress"))
        elif _labelled_field(block, meta):
            pass
        else:
            skipped.append(
                Skipped(
                    block.where,
                    block.quoted(),
                    "text before the first heading, which "
                    "the source format has no place for (move it into a section)",
                    lost=True,
                )
            )
    _from_properties(properties, meta)


def _cover_line(block: Block, meta: dict[str, str]) -> bool:
    """Read `block` into `meta` when it is the cover's title, subtitle, organisation or draft
    notice; whether it was."""
    style = block.style.lower()
    if style == "title" and "title" not in meta:
        meta["title"] = block.plain
    elif style == "subtitle" and "document-type" not in meta:
        meta["document-type"] = block.plain
    elif style == "cover organisation":
        meta["organisation"] = block.plain
    elif block.plain.strip().upper() in ("DRAFT", "DRAFT FOR APPROVAL", "DRAFT FOR CONSULTATION"):
        meta.setdefault("status", "draft")
    elif block.plain.startswith("This is a draft for approval by"):
        meta.setdefault(
            "approving-body",
            block.plain.removeprefix("This is a draft for approval by").split(".")[0].strip(),
        )
    else:
        return False
    return True


COVER_LABELS = (
    "version",
    "status",
    "date",
    "policy owner",
    "owner",
    "approved by",
    "approving body",
    "organisation",
)


def _labelled_field(block: Block, meta: dict[str, str]) -> bool:
    """Read a cover line such as "Policy owner: Housing Services" into `meta`; whether it was one
    (a status or date line is recognised but not kept: the build sets those)."""
    label, _, value = block.plain.partition(":")
    key, value = _label(label), value.strip()
    if not value or key not in COVER_LABELS:
        return False
    if key in ("policy owner", "owner"):
        meta["policy-owner"] = value
    elif key in ("approved by", "approving body"):
        meta["approving-body"] = value
    elif key == "organisation":
        meta["organisation"] = value
    elif key == "version" and value.lower() != "draft":
        meta.setdefault("version", value)
    return True


def _from_properties(properties: dict[str, str], meta: dict[str, str]) -> None:
    """Fill what the cover did not give from the Word file's properties."""
    if "title" not in meta and properties.get("title"):
        meta["title"] = properties["title"]
    if "document-type" not in meta and properties.get("category"):
        meta["document-type"] = properties["category"]
    if "organisation" not in meta and ";" in properties.get("keywords", ""):
        meta["organisation"] = properties["keywords"].split(";")[0].strip()
    if properties.get("subject"):
        meta.setdefault("summary", properties["subject"])
    if re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", properties.get("language", "")):
        meta.setdefault("language", properties["language"])


def review_period(approval: str, review: str) -> str:
    if not (approval and review):
        return ""
    a, r = datetime.date.fromisoformat(approval), datetime.date.fromisoformat(review)
    months = (r.year - a.year) * 12 + r.month - a.month
    if r.day != a.day or months <= 0 or months > 99 * 12:
        return ""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year" + ("s" if years > 1 else "")
    return f"{months} month" + ("s" if months > 1 else "") if months < 100 else ""


def placeholder(value: str) -> bool:
    return bool(PLACEHOLDER.match(value.strip()))

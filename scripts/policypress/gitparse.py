"""Reading what git prints, and what people type into git, as untrusted text. Runs no git.

Every parser here takes the exact output of one git command and returns plain values, so each
can be tested on hostile sample output: commit messages, author names and tag messages may hold
any character, including the separators older formats used (\\x1e, \\x1f), newlines and control
characters. The formats are chosen so that nothing in the data can be taken for a separator:

- `git log -z` with NUL-separated fields: git cuts a commit's subject, author and trailers at a
  NUL, so a NUL never occurs inside a field;
- `git for-each-ref` with `%(contents:size)` before `%(contents)`: a tag's message is read by its
  length, so whatever it holds cannot end the record early;
- `git status -z`.

Text that reaches an output (subjects, summaries, authors, approval fields) goes through
`clean`, which turns control characters into spaces: they would break the DOCX (XML cannot hold
them) and could hide or reorder text on screen.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from policypress.errors import Severity

SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
STATUS = re.compile(r"[ACDMRTUXB][0-9]*")
# approval tags' trailer keys, and how `policypress approve` writes them
APPROVED_BY, APPROVAL_DATE, MINUTE = "Approved-by", "Approval-date", "Minute"


class GitOutputError(ValueError):
    """Git printed something that is not in the form asked for."""


# -- text ------------------------------------------------------------------------------------

# control characters, surrogates, line and paragraph separators, bidirectional embeddings,
# overrides and isolates (they can make text read differently on screen), and non-characters
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef"
    + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
    + "]"
)


def clean(text: str) -> str:
    """`text` as one line of plain text: control characters, line breaks, bidirectional
    overrides and non-characters become spaces; runs of spaces they leave become one; ends
    trimmed."""
    if not UNSAFE.search(text):
        return text.strip()
    return re.sub(" {2,}", " ", UNSAFE.sub(" ", text)).strip()


def bad_character(text: str) -> tuple[int, str] | None:
    """The first character of `text` that may not be in a one-line field: (1-based column,
    its description), or None."""
    found = UNSAFE.search(text)
    if not found:
        return None
    char = found.group()
    name = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}.get(char)
    return found.start() + 1, name or f"the invisible character U+{ord(char):04X}"


def real_date(text: str) -> datetime.date | None:
    """`text` as a date when it is a real date written YYYY-MM-DD, else None."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text, re.ASCII):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


# -- git log ---------------------------------------------------------------------------------

LOG_FIELDS = (
    "%H",
    "%P",
    "%aI",
    "%aN",
    "%s",
    "%(trailers:key=Change-summary,valueonly=true,unfold=true)",
)
LOG_FORMAT = "%x00".join(LOG_FIELDS) + "%x00"  # read with `git log -z --name-status -M`


@dataclass(frozen=True)
class LogEntry:
    sha: str
    parents: tuple[str, ...]
    date: str  # ISO 8601 as git gives it
    author: str  # cleaned
    subject: str  # cleaned
    summary: str  # the first Change-summary trailer, cleaned; "" when none
    files: tuple[tuple[str, ...], ...] = ()  # (status, path) or (status, old path, new path)


def parse_log(out: str) -> list[LogEntry]:
    """The output of `git log -z --format=LOG_FORMAT --name-status -M`, newest first.

    Each commit is its six fields, each ending in NUL, then a NUL, then (after a newline) its
    files: a status token (`M`, `A`, `R100`, …) then one path, or two for a rename or copy, each
    ending in NUL. A field never holds a NUL, so the fields are read by position; where a status
    may come, a full hash starts the next commit (a status is never 40 or 64 characters)."""
    tokens = out.split("\0")
    entries: list[LogEntry] = []
    at = 0
    while at < len(tokens):
        token = tokens[at].lstrip("\n")
        if not token:
            at += 1
            continue
        if not SHA.fullmatch(token) or at + len(LOG_FIELDS) > len(tokens):
            raise GitOutputError(f"expected a commit hash, found {token[:40]!r}")
        sha, parents, when, author, subject, trailer = (
            token,
            *tokens[at + 1 : at + len(LOG_FIELDS)],
        )
        at += len(LOG_FIELDS)
        files: list[tuple[str, ...]] = []
        while at < len(tokens):
            token = tokens[at].lstrip("\n")
            if not token:
                at += 1
                continue
            if not STATUS.fullmatch(token):
                break
            width = 2 if token[0] in "RC" else 1
            files.append((token[0], *tokens[at + 1 : at + 1 + width]))
            at += 1 + width
        summary = next((line for line in trailer.split("\n") if line.strip()), "")
        entries.append(
            LogEntry(
                sha,
                tuple(parents.split()),
                when,
                clean(author),
                clean(subject),
                clean(summary),
                tuple(files),
            )
        )
    return entries


# -- git for-each-ref ------------------------------------------------------------------------

TAG_FIELDS = (
    "%(refname)",
    "%(objecttype)",
    "%(objectname)",
    "%(*objecttype)",
    "%(*objectname)",
    "%(contents:size)",
)
TAG_FORMAT = "%00".join(TAG_FIELDS) + "%00%(contents)"  # each record then ends with a newline


@dataclass(frozen=True)
class TagRecord:
    name: str  # without refs/tags/
    kind: str  # "tag" for an annotated tag, else the type of the object a lightweight tag names
    object: str  # the tag object, or the object a lightweight tag names
    target_kind: str  # an annotated tag's target's type ("commit", "tree", "tag", …)
    target: str  # an annotated tag's target
    message: str  # an annotated tag's whole message (with any signature)


def parse_tags(out: bytes) -> list[TagRecord]:
    """The output of `git for-each-ref --format=TAG_FORMAT refs/tags` (as bytes): each record is
    five NUL-ended fields, the message's length in bytes and a NUL, the message, a newline."""
    records = []
    at = 0
    while at < len(out):
        fields = []
        for _ in range(len(TAG_FIELDS)):
            end = out.find(b"\0", at)
            if end < 0:
                raise GitOutputError("a tag record ends early")
            fields.append(out[at:end].decode("utf-8", "replace"))
            at = end + 1
        ref, kind, name, target_kind, target, size = fields
        if not size.isdigit() or not size.isascii():
            raise GitOutputError(f"expected a message length, found {size[:20]!r}")
        message = out[at : at + int(size)]
        at += int(size)
        if out[at : at + 1] != b"\n":
            raise GitOutputError(f"the message of {ref!r} is not as long as git said")
        at += 1
        records.append(
            TagRecord(
                ref.removeprefix("refs/tags/"),
                kind,
                name,
                target_kind,
                target,
                message.decode("utf-8", "replace"),
            )
        )
    return records


def same_version(tags: list[tuple[str, str]]) -> list[list[str]]:
    """The groups of tag names that give one version (`code/v1.0` and `code/v01.0`), from
    (name, version) pairs sorted by version, each group in the given order."""
    groups: list[list[str]] = []
    for n, (name, version) in enumerate(tags):
        if n and tags[n - 1][1] == version:
            if groups and groups[-1][-1] == tags[n - 1][0]:
                groups[-1].append(name)
            else:
                groups.append([tags[n - 1][0], name])
    return groups


# -- approval tag messages -------------------------------------------------------------------

SIGNATURE = re.compile(
    r"^-----BEGIN (PGP|SSH) SIGNATURE-----$|^-----BEGIN SIGNED MESSAGE-----$"
    r"|^-----BEGIN CERTIFICATE-----$",
    re.MULTILINE,
)
TRAILER = re.compile(r"([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)", re.ASCII)


def trailers(message: str) -> list[tuple[str, str]]:
    """The trailers of a commit or tag message, as git reads them: the lines of the message's
    last paragraph (before any signature), when every line of it is `Key: value` (a line that
    starts with a space continues the one before). Keys are returned lower-case, in order.
    Anything above the last paragraph is prose, never a trailer. Unlike git, a message that is
    one paragraph of trailers only (a tag made by hand with no title) counts as trailers."""
    signed = SIGNATURE.search(message)
    text = message[: signed.start()] if signed else message
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    start = len(lines)
    while start > 0 and lines[start - 1].strip():
        start -= 1
    found: list[tuple[str, str]] = []
    for line in lines[start:]:
        if line[:1] in (" ", "\t") and found:
            key, value = found[-1]
            found[-1] = (key, f"{value} {line.strip()}".strip())
            continue
        match = TRAILER.fullmatch(line)
        if not match:
            return []  # not a trailer block
        found.append((match[1].lower(), match[2].strip()))
    return found


@dataclass
class ApprovalFields:
    approved_by: str = ""
    date: str = ""
    minute: str = ""
    problems: list[str] = field(default_factory=list)  # what is wrong, as "has no … line"


def approval_fields(message: str) -> ApprovalFields:
    """The approval held in an approval tag's message. The rules: only the trailer block counts
    (prose above it never does); each of Approved-by, Approval-date and Minute may appear at most
    once in the whole message (with two, neither the first nor the last can be trusted, so the
    tag is refused, not read by a "last one wins" rule); Approved-by
    and Approval-date must be there, not empty, and the date a real YYYY-MM-DD."""
    result = ApprovalFields()
    values: dict[str, list[str]] = {}
    for key, value in trailers(message):
        values.setdefault(key, []).append(value)
    signed = SIGNATURE.search(message)
    text = message[: signed.start()] if signed else message
    missing = []
    for key in (APPROVED_BY, APPROVAL_DATE, MINUTE):
        given = values.get(key.lower(), [])
        anywhere = len(re.findall(rf"^[ \t]*{key}[ \t]*:", text, re.IGNORECASE | re.MULTILINE))
        if max(anywhere, len(given)) > 1:
            result.problems.append(
                f"has {max(anywhere, len(given))} {key} lines, so it could "
                "record more than one approval"
            )
        elif key != MINUTE and not (given and given[0].strip()):
            missing.append(key.title())
    if missing:
        result.problems.append(f"has no {' or '.join(missing)} line in its message")
    if result.problems:
        return result
    result.approved_by = clean(values[APPROVED_BY.lower()][0])
    result.date = values[APPROVAL_DATE.lower()][0].strip()
    result.minute = clean(values.get(MINUTE.lower(), [""])[0])
    if real_date(result.date) is None:
        result.problems.append(
            f"has an {APPROVAL_DATE} that is not a real date written YYYY-MM-DD "
            f"({result.date[:20]!r})"
        )
    return result


def approval_message(
    doc_id: str, version: str, approved_by: str, date: str, minute: str = ""
) -> str:
    """The message of a new approval tag: a title, a blank line and the trailer block. The
    values must have passed `bad_character` (one line each): the message is read back here and
    refused unless it gives exactly these values, so no value can add a line of its own."""
    lines = [f"{APPROVED_BY}: {approved_by}", f"{APPROVAL_DATE}: {date}"]
    if minute:
        lines.append(f"{MINUTE}: {minute}")
    message = f"Approval of {doc_id} version {version}\n\n" + "\n".join(lines) + "\n"
    back = approval_fields(message)
    if back.problems or (back.approved_by, back.date, back.minute) != (approved_by, date, minute):
        raise ValueError("an approval field does not survive being written as a trailer")
    return message


# -- git status ------------------------------------------------------------------------------


def parse_status(out: str) -> list[str]:
    """The paths in the output of `git status --porcelain=v1 -z`: `XY path` each ending in NUL,
    a rename or copy followed by its old path. Returns both paths of a rename."""
    tokens = out.split("\0")
    paths: list[str] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        at += 1
        if len(token) < 4 or token[2] != " ":
            continue
        paths.append(token[3:])
        if token[0] in "RC" or token[1] in "RC":
            if at < len(tokens):
                paths.append(tokens[at])
            at += 1
    return paths


# -- .policypress-ignore-revs ----------------------------------------------------------------


def parse_ignore_revs(
    data: bytes,
) -> tuple[list[str], list[tuple[int, int, Severity, str, str]]]:
    """Commit hashes from an ignore-revs file (`#` starts a comment), and its problems as
    (line, column, severity, message, how to fix it)."""
    revs: list[str] = []
    problems: list[tuple[int, int, Severity, str, str]] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                (
                    number,
                    exc.start + 1,
                    "error",
                    (f"the line is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)"),
                    "save the file as UTF-8, or delete the line and type it again",
                )
            )
            continue
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        if not re.fullmatch(r"[0-9a-fA-F]{4,64}", text):
            problems.append(
                (
                    number,
                    line.index(text) + 1,
                    "warning",
                    (f"'{clean(text)[:40]}' is not a commit hash, so no commit is left out for it"),
                    "write one full commit hash per line, with # before any comment",
                )
            )
            continue
        revs.append(text.lower())
    return revs, problems

"""The version-control table, read from git history. The only module that imports git.

Git is read in a fixed number of processes whatever the history's length: one `git log` walk
(with a format string and the files each commit touched, renames detected), one
`git for-each-ref` for the approval tags and one `git status` for uncommitted edits. Commits are
assigned to documents by the folders they touched, following renamed folders.

Approvals are annotated tags `<doc-id>/v<major>.<minor>` whose message holds the approval:

    Approval of code-of-conduct version 1.0

    Approved-by: Cabinet
    Approval-date: 2026-12-01
    Minute: Cabinet, 1 Dec 2026, item 7
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policypress.errors import Location, PolicyPressError, Problem
from policypress.model import Document, Revision, VersionControl

IGNORE_REVS = ".policypress-ignore-revs"
TAG = re.compile(r"^(?P<doc>[a-z0-9-]+)/v(?P<major>\d+)\.(?P<minor>\d+)$")
UNCOMMITTED = "Draft — uncommitted changes"
SHALLOW_HELP = ("this is a shallow clone, so the version history would be incomplete; fetch the "
                "whole history with 'git fetch --unshallow' (in GitHub Actions: actions/checkout "
                "with 'fetch-depth: 0'), or pass --allow-shallow to build anyway with a warning "
                "in the table")


class HistoryError(PolicyPressError):
    """Git history cannot be read as it must be (shallow clone, malformed approval tag)."""


def today() -> datetime.date:
    """The build's 'today': SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


@dataclass(frozen=True)
class Approval:
    tag: str
    doc_id: str
    major: int
    minor: int
    commit: str
    approved_by: str
    date: str  # ISO
    minute: str = ""

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}"


@dataclass(frozen=True)
class Change:
    """A commit that touched a document's folder."""

    sha: str
    date: str  # ISO date of authorship
    author: str
    summary: str


@dataclass
class History:
    """What git says about every document under the content folder."""

    available: bool
    notice: str = ""  # why history is unavailable or may be incomplete
    shallow: bool = False
    changes: dict[str, list[Change]] = field(default_factory=dict)  # doc id -> newest first
    approvals: dict[str, list[Approval]] = field(default_factory=dict)  # doc id -> oldest first
    led_to: dict[str, str] = field(default_factory=dict)  # "doc:commit" -> first approval containing it
    parents: dict[str, list[str]] = field(default_factory=dict)  # commit -> its parents
    dirty: set[str] = field(default_factory=set)  # doc ids with uncommitted edits
    problems: list[Problem] = field(default_factory=list)
    repo_root: Path | None = None


# -- reading ---------------------------------------------------------------------------------

def read_history(content: Path, allow_shallow: bool = False) -> History:
    """Read the history of every document under `content`. Never raises for a missing repository
    (history is then 'unavailable'); raises HistoryError for a shallow clone unless allowed."""
    try:
        import git  # imported here: git may be missing on a machine that only checks content
    except ImportError:
        return History(False, "History unavailable: git is not installed on this machine.")
    try:
        repo = git.Repo(content, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return History(False, "History unavailable: this copy of the content is not in a git "
                              "repository, so the changes and approvals cannot be listed.")
    root = Path(repo.working_tree_dir or content).resolve()
    prefix = content.resolve().relative_to(root).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    history = History(True, repo_root=root)
    if (Path(repo.git_dir) / "shallow").exists():
        if not allow_shallow:
            raise HistoryError(SHALLOW_HELP)
        history.shallow = True
        history.notice = ("This table may be incomplete: it was built from a shallow clone that "
                          "does not hold the whole history.")
    try:
        has_head = repo.head.is_valid()
    except ValueError:
        has_head = False
    ignored = _ignored_revs(content / IGNORE_REVS)
    if has_head:
        _walk(repo, prefix, ignored, history)
    _tags(repo, history)
    _uncommitted(repo, prefix, history)
    return history


def _ignored_revs(path: Path) -> list[str]:
    if not path.is_file():
        return []
    revs = []
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            revs.append(line.lower())
    return revs


def _doc_of(path: str, prefix: str) -> str | None:
    if not path.startswith(prefix):
        return None
    rest = path[len(prefix):]
    return rest.split("/", 1)[0] if "/" in rest else None


def _git_output(repo, args: list[str]) -> str:
    """Run git with its output going to a temporary file, not a pipe: git then writes in large
    blocks, and reading 10,000 commits takes a quarter less time than through a pipe."""
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as out:
        done = subprocess.run(["git", *args], cwd=repo.working_dir, stdout=out,
                              stderr=subprocess.PIPE, check=False)
        if done.returncode:
            message = done.stderr.decode("utf-8", "replace").strip()
            raise HistoryError(f"git could not read the history: {message or 'unknown error'}")
        out.seek(0)
        return out.read().decode("utf-8", "replace")


def _walk(repo, prefix: str, ignored: list[str], history: History) -> None:
    """The one `git log` walk: every commit with its parents and the files it touched."""
    fmt = "%x1e%H%x1f%P%x1f%aI%x1f%aN%x1f%s%x1f%(trailers:key=Change-summary,valueonly=true,unfold=true)%x1f"
    out = _git_output(repo, ["-c", "core.quotePath=false", "log", "HEAD", f"--format={fmt}",
                             "--name-status", "-M", "--no-color"])
    from policypress.load.loader import doc_id_for

    renamed: dict[str, str] = {}  # older folder name -> the folder it became
    for record in out.split("\x1e")[1:]:
        sha, parent_list, when, author, subject, trailer, files = record.split("\x1f", 6)
        history.parents[sha] = parent_list.split()
        folders: set[str] = set()
        for line in files.strip("\n").splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("R") and len(parts) == 3:
                old, new = _doc_of(parts[1], prefix), _doc_of(parts[2], prefix)
                if old and new and old != new:
                    renamed[old] = renamed.get(new, new)
                if new:
                    folders.add(new)
            else:
                folder = _doc_of(parts[-1], prefix)
                if folder:
                    folders.add(folder)
        if not folders or any(sha.startswith(rev) for rev in ignored):
            continue
        summary = trailer.strip().splitlines()[0].strip() if trailer.strip() else subject.strip()
        change = Change(sha, when[:10], author, summary)
        for folder in folders:
            current = renamed.get(folder, folder)
            history.changes.setdefault(doc_id_for(current), []).append(change)


def _parse_tag_message(message: str) -> dict[str, str]:
    fields = {}
    for line in message.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and " " not in key.strip():
            fields[key.strip().lower()] = value.strip()
    return fields


def _tags(repo, history: History) -> None:
    fmt = "%(refname:strip=2)%1f%(objecttype)%1f%(*objectname)%1f%(objectname)%1f%(contents)%1e"
    out = repo.git.execute(["git", "for-each-ref", "refs/tags", f"--format={fmt}"],
                           strip_newline_in_stdout=False)
    for record in out.split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        name, kind, target, own, message = record.split("\x1f", 4)
        match = TAG.match(name)
        if not match:
            continue
        where = Location(f"tag {name}")
        if kind != "tag":
            history.problems.append(Problem(
                where, "error", "bad-approval-tag",
                f"the approval tag '{name}' is a lightweight tag, so it records no approval",
                f"delete it (git tag -d {name}) and record the approval with policypress approve"))
            continue
        fields = _parse_tag_message(message)
        missing = [key for key in ("approved-by", "approval-date") if not fields.get(key)]
        date = fields.get("approval-date", "")
        if not missing:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                missing = ["approval-date (as YYYY-MM-DD)"]
        if missing:
            history.problems.append(Problem(
                where, "error", "bad-approval-tag",
                f"the approval tag '{name}' has no {' or '.join(m.title() for m in missing)} line "
                "in its message",
                f"re-create it: git tag -d {name}, then policypress approve with --by and --date"))
            continue
        approval = Approval(name, match["doc"], int(match["major"]), int(match["minor"]), target or own,
                            fields["approved-by"], date, fields.get("minute", ""))
        history.approvals.setdefault(approval.doc_id, []).append(approval)
    for approvals in history.approvals.values():
        approvals.sort(key=lambda a: (a.major, a.minor))
    _versions(history)


def _versions(history: History) -> None:
    """For each commit, the first approval whose tagged commit contains it (walking parents)."""
    parents = history.parents
    all_approvals = sorted((a for items in history.approvals.values() for a in items),
                           key=lambda a: (a.date, a.major, a.minor), reverse=True)
    for approval in all_approvals:  # later approvals first, so earlier ones overwrite
        stack, seen = [approval.commit], set()
        while stack:
            sha = stack.pop()
            if sha in seen:
                continue
            seen.add(sha)
            history.led_to[f"{approval.doc_id}:{sha}"] = approval.version
            stack.extend(parents.get(sha, []))


def _uncommitted(repo, prefix: str, history: History) -> None:
    from policypress.load.loader import doc_id_for

    out = repo.git.execute(["git", "-c", "core.quotePath=false", "status", "--porcelain=v1",
                            "--untracked-files=all", "--", prefix or "."])
    for line in out.splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')
        folder = _doc_of(path, prefix)
        if folder:
            history.dirty.add(doc_id_for(folder))


# -- the table -------------------------------------------------------------------------------

def _add_period(day: datetime.date, period: str) -> datetime.date | None:
    match = re.match(r"^(\d+) (year|years|month|months)$", period.strip())
    if not match:
        return None
    months = int(match[1]) * (12 if match[2].startswith("year") else 1)
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    return None


def version_control(document: Document, history: History | None = None) -> VersionControl:
    """The table every output shows, from the same function."""
    history = history or History(False, "")
    meta = document.meta
    approvals = history.approvals.get(document.id, [])
    latest = approvals[-1] if approvals else None
    by_version = {a.version: a for a in approvals}
    rows: list[Revision] = []
    if document.id in history.dirty:
        rows.append(Revision(today().isoformat(), "Draft", UNCOMMITTED, "—", ""))
    changes = history.changes.get(document.id, [])
    for change in changes:
        version = history.led_to.get(f"{document.id}:{change.sha}", "")
        approval = by_version.get(version)
        rows.append(Revision(change.date, version or "Draft", change.summary, change.author,
                             approval.approved_by if approval else ""))
    review_date = _add_period(datetime.date.fromisoformat(latest.date), meta.review_period) if latest else None
    # Dated by SOURCE_DATE_EPOCH when set; else by the last change, so rebuilds are identical.
    if os.environ.get("SOURCE_DATE_EPOCH") or document.id in history.dirty or not changes:
        edition = today()
    else:
        edition = datetime.date.fromisoformat(changes[0].date)
    return VersionControl(
        version=latest.version if latest else "Draft",
        approval_date=latest.date if latest else "",
        approved_by=latest.approved_by if latest else meta.approving_body,
        policy_owner=meta.policy_owner,
        scheduled_review=review_date.isoformat() if review_date else "",
        review_overdue=bool(review_date and review_date < today()),
        rows=tuple(rows), edition_date=edition.isoformat(), notice=history.notice)


def problems(history: History, documents: Iterable[Document], content: str) -> list[Problem]:
    """What `policypress check` reports about history: bad tags, overdue reviews, no history."""
    found = list(history.problems)
    if not history.available:
        found.append(Problem(Location(content), "warning", "no-history", history.notice,
                             "build from a git clone of the repository to show the version history"))
    if history.shallow:
        found.append(Problem(Location(content), "warning", "shallow-clone", history.notice,
                             "run 'git fetch --unshallow' for the whole history"))
    for document in documents:
        vc = version_control(document, history)
        if vc.review_overdue:
            found.append(Problem(
                Location(f"{document.folder}/document.yaml"), "warning", "review-overdue",
                f"the scheduled review of '{document.meta.title}' was due on {vc.scheduled_review}",
                "review the document and record the new approval with policypress approve"))
    return found


# -- recording an approval -------------------------------------------------------------------

def next_version(history: History, doc_id: str, major_change: bool = False) -> tuple[int, int]:
    approvals = history.approvals.get(doc_id, [])
    if not approvals:
        return 1, 0
    latest = approvals[-1]
    return (latest.major + 1, 0) if major_change else (latest.major, latest.minor + 1)


def record_approval(content: Path, doc_id: str, version: tuple[int, int], approved_by: str,
                    date: str, minute: str = "") -> str:
    """Create the annotated tag `<doc-id>/vX.Y` on HEAD holding the approval. Returns its name."""
    import git

    repo = git.Repo(content, search_parent_directories=True)
    name = f"{doc_id}/v{version[0]}.{version[1]}"
    if name in {t.name for t in repo.tags}:
        raise HistoryError(f"the approval tag '{name}' already exists: this version was approved "
                           "already (git show " + name + " says when)")
    lines = [f"Approval of {doc_id} version {version[0]}.{version[1]}", "",
             f"Approved-by: {approved_by}", f"Approval-date: {date}"]
    if minute:
        lines.append(f"Minute: {minute}")
    repo.create_tag(name, ref="HEAD", message="\n".join(lines) + "\n")
    return name


def content_at(content: Path, revision: str, into: Path) -> Path:
    """Write the content folder as it was at `revision` under `into` (one `git archive`), and
    return its path there. Raises HistoryError for an unknown revision."""
    import io
    import tarfile

    import git

    repo = git.Repo(content, search_parent_directories=True)
    root = Path(repo.working_tree_dir or content).resolve()
    prefix = content.resolve().relative_to(root).as_posix()
    try:
        data = repo.git.execute(["git", "archive", "--format=tar", revision, "--", prefix],
                                as_process=False, stdout_as_string=False)
    except git.GitCommandError as exc:
        raise HistoryError(f"cannot read the content at '{revision}': "
                           f"{(exc.stderr or '').strip() or 'unknown revision'}") from None
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(into, filter="data")
    return into / prefix

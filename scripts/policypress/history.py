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

from policypress import gitparse
from policypress.errors import Location, PolicyPressError, Problem, display_path
from policypress.model import Document, Revision, VersionControl

IGNORE_REVS = ".policypress-ignore-revs"
BEFORE_GIT = "history-before-git.yaml"
TAG = re.compile(r"^(?P<doc>[a-z0-9-]+)/v(?P<major>[0-9]+)\.(?P<minor>[0-9]+)$")
UNCOMMITTED = "Draft — uncommitted changes"
SHALLOW_HELP = ("this is a shallow clone, so the version history would be incomplete; fetch the "
                "whole history with 'git fetch --unshallow' (in GitHub Actions: actions/checkout "
                "with 'fetch-depth: 0'), or pass --allow-shallow to build anyway with a warning "
                "in the table")


class HistoryError(PolicyPressError):
    """Git history cannot be read as it must be (shallow clone, malformed approval tag)."""


class NotACommit(HistoryError):
    """A revision given in content or on the command line names no commit of this repository."""

    def __init__(self, revision: str):
        shown = gitparse.clean(revision)
        shown = shown if len(shown) <= 200 else shown[:199] + "…"
        self.what = f"'{shown}' is not a commit or tag of this repository"
        super().__init__(f"{self.what} (give a commit hash or tag, e.g. code-of-conduct/v1.0)")


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
    imported: bool = False  # the version in force when the document was imported (no tag)

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def label(self) -> str:
        """How messages name it: "version 1.0 (code/v1.0)"."""
        if self.imported:
            return f"version {self.version} (in force when imported, commit {self.tag})"
        return f"version {self.version} ({self.tag})"


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
    imports: dict[str, str] = field(default_factory=dict)  # doc id -> commit that added its history file
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
    ignored = _ignored_revs(content / IGNORE_REVS, history)
    if has_head:
        _walk(repo, prefix, ignored, history)
    _tags(repo, history)
    _uncommitted(repo, prefix, history)
    return history


def _ignored_revs(path: Path, history: History) -> list[str]:
    if not path.is_file():
        return []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HistoryError(f"cannot read {display_path(path)}: {exc.strerror or exc}") from None
    revs, found = gitparse.parse_ignore_revs(data)
    name = display_path(path)
    history.problems += [Problem(Location(name, line, column), severity, "bad-ignore-revs", message, hint)
                         for line, column, severity, message, hint in found]
    return revs


def _doc_of(path: str, prefix: str) -> str | None:
    if not path.startswith(prefix):
        return None
    rest = path[len(prefix):]
    return rest.split("/", 1)[0] if "/" in rest else None


def _git_output(repo, args: list[str]) -> bytes:
    """Run git with its output going to a temporary file, not a pipe: git then writes in large
    blocks, and reading 10,000 commits takes a quarter less time than through a pipe. No value
    from content or git's own output is ever passed here as an option."""
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as out:
        done = subprocess.run(["git", *args], cwd=repo.working_dir, stdout=out,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, check=False)
        if done.returncode:
            message = gitparse.clean(done.stderr.decode("utf-8", "replace"))
            raise HistoryError(f"git could not read the history: {message or 'unknown error'}")
        out.seek(0)
        return out.read()


def _walk(repo, prefix: str, ignored: list[str], history: History) -> None:
    """The one `git log` walk: every commit with its parents and the files it touched."""
    out = _git_output(repo, ["log", "-z", f"--format={gitparse.LOG_FORMAT}", "--name-status", "-M",
                             "--no-color", "HEAD", "--"])
    from policypress.load.loader import doc_id_for

    try:
        entries = gitparse.parse_log(out.decode("utf-8", "replace"))
    except gitparse.GitOutputError as exc:
        raise HistoryError(f"git's log could not be read ({exc}); please report this") from None
    renamed: dict[str, str] = {}  # older folder name -> the folder it became
    for entry in entries:
        history.parents[entry.sha] = list(entry.parents)
        folders: set[str] = set()
        for parts in entry.files:
            if parts[0] == "A" and len(parts) == 2 and parts[1].endswith("/" + BEFORE_GIT):
                added = _doc_of(parts[1], prefix)
                if added and parts[1] == f"{prefix}{added}/{BEFORE_GIT}":
                    history.imports[doc_id_for(renamed.get(added, added))] = entry.sha  # the oldest wins
            if parts[0] in "RC" and len(parts) == 3:
                old, new = _doc_of(parts[1], prefix), _doc_of(parts[2], prefix)
                if parts[0] == "R" and old and new and old != new:
                    renamed[old] = renamed.get(new, new)
                if new:
                    folders.add(new)
            elif len(parts) > 1:
                folder = _doc_of(parts[-1], prefix)
                if folder:
                    folders.add(folder)
        if not folders or any(entry.sha.startswith(rev) for rev in ignored):
            continue
        change = Change(entry.sha, entry.date[:10], entry.author, entry.summary or entry.subject)
        for folder in folders:
            current = renamed.get(folder, folder)
            history.changes.setdefault(doc_id_for(current), []).append(change)


def _tag_problem(history: History, name: str, message: str, fix: str) -> None:
    history.problems.append(Problem(Location(f"tag {name}"), "error", "bad-approval-tag",
                                    f"the approval tag '{name}' {message}", fix))


def _tags(repo, history: History) -> None:
    out = _git_output(repo, ["for-each-ref", f"--format={gitparse.TAG_FORMAT}", "refs/tags"])
    try:
        records = gitparse.parse_tags(out)
    except gitparse.GitOutputError as exc:
        raise HistoryError(f"git's list of tags could not be read ({exc}); please report this") from None
    remake = "delete it (git tag -d {0}) and record the approval again with policypress approve"
    for record in records:
        name = record.name
        match = TAG.match(name)
        if not match:
            continue
        if record.kind != "tag":
            _tag_problem(history, name, "is a lightweight tag, so it records no approval", remake.format(name))
            continue
        if record.target_kind != "commit":
            _tag_problem(history, name, f"points to a {record.target_kind or 'missing object'}, not a commit",
                         remake.format(name))
            continue
        fields = gitparse.approval_fields(record.message)
        if fields.problems:
            _tag_problem(history, name, "; ".join(fields.problems),
                         f"re-create it: git tag -d {name}, then policypress approve with --by and --date")
            continue
        if (day := gitparse.real_date(fields.date)) is not None and day > today():
            _tag_problem(history, name, f"has an Approval-date ({day.isoformat()}) later than today "
                         f"({today().isoformat()})", f"delete it (git tag -d {name}), then record the "
                         "approval with policypress approve and the real date (--date YYYY-MM-DD)")
            continue
        if not history.shallow and record.target not in history.parents:
            _tag_problem(history, name, f"is on commit {record.target[:12]}, which is not in the history "
                         "of the checked-out branch", f"if it was made by mistake, delete it (git tag -d "
                         f"{name}); else build from the branch that holds that commit")
            continue
        approval = Approval(name, match["doc"], int(match["major"]), int(match["minor"]), record.target,
                            fields.approved_by, fields.date, fields.minute)
        history.approvals.setdefault(approval.doc_id, []).append(approval)
    for doc_id, approvals in history.approvals.items():
        approvals.sort(key=lambda a: (a.major, a.minor, a.tag != f"{doc_id}/v{a.version}", a.tag))
        for same in gitparse.same_version([(a.tag, a.version) for a in approvals]):
            history.problems.append(Problem(
                Location(f"tag {same[0]}"), "error", "duplicate-approval-tag",
                f"the approval tags {' and '.join(repr(n) for n in same)} record the same version "
                f"of {doc_id}", "keep the right one and delete the rest: "
                + ", ".join(f"git tag -d {n}" for n in same[1:])))
        approvals[:] = [a for n, a in enumerate(approvals) if not n or approvals[n - 1].version != a.version]
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

    out = _git_output(repo, ["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--",
                             prefix or "."])
    for path in gitparse.parse_status(out.decode("utf-8", "replace")):
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


def adopt_in_force(history: History, documents: Iterable[Document]) -> None:
    """A document brought in with `policypress import` names, in history-before-git.yaml, the
    version that was approved and in force before git. The commit that added that file (the
    import) holds that version's text, so it counts as that version's approval: the outputs show
    it, `diff` and the consultation check compare later amendments with it, and `approve`
    numbers on from it. A tag that records the same version takes its place."""
    if not history.available:
        return
    adopted = False
    for document in documents:
        in_force = document.before_git.in_force if document.before_git else None
        sha = history.imports.get(document.id)
        if in_force is None or sha is None or not re.fullmatch(r"[0-9]+\.[0-9]+", in_force.version):
            continue
        approvals = history.approvals.setdefault(document.id, [])
        if any(a.version == in_force.version for a in approvals):
            continue
        major, minor = (int(n) for n in in_force.version.split("."))
        approvals.append(Approval(sha[:12], document.id, major, minor, sha,
                                  in_force.approved_by or document.meta.approving_body,
                                  in_force.approval_date, in_force.minute, imported=True))
        approvals.sort(key=lambda a: (a.major, a.minor))
        adopted = True
    if adopted:
        history.led_to.clear()
        _versions(history)


def version_control(document: Document, history: History | None = None) -> VersionControl:
    """The table every output shows, from the same function: git's rows, newest first, then the
    rows from before git (history-before-git.yaml)."""
    history = history or History(False, "")
    meta = document.meta
    before = document.before_git
    in_force = before.in_force if before else None
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
    if before:
        rows += before.rows
    if latest:
        version, approved_on, approved_by = latest.version, latest.date, latest.approved_by
    elif in_force:  # not committed yet, or no git: the record still says what is in force
        version, approved_on = in_force.version, in_force.approval_date
        approved_by = in_force.approved_by or meta.approving_body
    else:
        version, approved_on, approved_by = "Draft", "", meta.approving_body
    review_date = _add_period(datetime.date.fromisoformat(approved_on), meta.review_period) if approved_on else None
    if in_force and in_force.scheduled_review and version == in_force.version:
        review_date = datetime.date.fromisoformat(in_force.scheduled_review)
    # Dated by SOURCE_DATE_EPOCH when set; else by the last change, so rebuilds are identical.
    if os.environ.get("SOURCE_DATE_EPOCH") or document.id in history.dirty or not changes:
        edition = today()
    else:
        edition = datetime.date.fromisoformat(changes[0].date)
    return VersionControl(
        version=version, approval_date=approved_on, approved_by=approved_by,
        policy_owner=meta.policy_owner,
        scheduled_review=review_date.isoformat() if review_date else "",
        review_overdue=bool(review_date and review_date < today()),
        rows=tuple(rows), edition_date=edition.isoformat(), notice=history.notice)


def problems(history: History, documents: Iterable[Document], content: str,
             vcs: dict[str, VersionControl] | None = None) -> list[Problem]:
    """What `policypress check` reports about history: bad tags, overdue reviews, no history.
    `vcs` are the documents' version-control tables, when the caller has made them already."""
    found = list(history.problems)
    if not history.available:
        found.append(Problem(Location(content), "warning", "no-history", history.notice,
                             "build from a git clone of the repository to show the version history"))
    if history.shallow:
        found.append(Problem(Location(content), "warning", "shallow-clone", history.notice,
                             "run 'git fetch --unshallow' for the whole history"))
    for document in documents:
        in_force = document.before_git.in_force if document.before_git else None
        if in_force and history.available and document.id not in history.imports:
            found.append(Problem(
                Location(f"{document.folder}/{BEFORE_GIT}"), "warning", "in-force-not-committed",
                f"version {in_force.version} of '{document.meta.title}' is recorded as in force, but "
                f"{BEFORE_GIT} is not committed yet, so there is no text of it to compare changes with",
                "commit the imported folder as one commit; that commit then stands for version "
                f"{in_force.version}"))
        vc = (vcs or {}).get(document.id) or version_control(document, history)
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


def _git(content: Path, *args: str, stdin: bytes = b""):
    """Run git in the repository holding `content`, never through a shell; values that come from
    content or options are passed only after `--`, as `--end-of-options` values or on stdin."""
    import subprocess

    import git

    top = git.Repo(content, search_parent_directories=True).working_tree_dir or content
    return subprocess.run(["git", "--literal-pathspecs", *args], cwd=top, input=stdin,
                          capture_output=True, check=False)


def record_approval(content: Path, doc_id: str, version: tuple[int, int], approved_by: str,
                    date: str, minute: str = "") -> str:
    """Create the annotated tag `<doc-id>/vX.Y` on HEAD holding the approval. Returns its name.
    The values must have passed `gitparse.bad_character`; the message is written whole from
    them (a title and a trailer block), checked by reading it back, and given to git on stdin."""
    label = f"{version[0]}.{version[1]}"
    name = f"{doc_id}/v{label}"
    message = gitparse.approval_message(doc_id, label, approved_by, date, minute)
    done = _git(content, "tag", "-a", "--cleanup=verbatim", "--file=-", "--", name, "HEAD",
                stdin=message.encode("utf-8"))
    if done.returncode:
        stderr = gitparse.clean(done.stderr.decode("utf-8", "replace"))
        if (_git(content, "rev-parse", "--verify", "--quiet", f"refs/tags/{name}").returncode == 0
                or "already exists" in stderr or "cannot lock ref" in stderr):
            raise HistoryError(f"version {label} of {doc_id} was recorded by another approval just "
                               f"now; run `policypress history {doc_id}` to see it")
        raise HistoryError(f"git could not make the tag {name}: {stderr or 'unknown error'}")
    return name


def resolve_commit(content: Path, revision: str) -> str:
    """The full hash of the commit `revision` (a hash, tag or branch) names. Raises NotACommit
    for anything else; a value that starts with '-' never reaches git."""
    if not revision or revision.startswith("-") or gitparse.bad_character(revision) or " " in revision:
        raise NotACommit(revision)
    done = _git(content, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    sha = done.stdout.decode("ascii", "replace").strip()
    if done.returncode or not gitparse.SHA.fullmatch(sha):
        raise NotACommit(revision)
    return sha


def content_at(content: Path, revision: str, into: Path) -> Path:
    """Write the content folder as it was at `revision` under `into` (one `git archive` of the
    commit it names, resolved first), and return its path there. Raises HistoryError for
    anything that is not a commit or tag, or a commit without the content folder."""
    return content_of_commit(content, resolve_commit(content, revision), into, revision)


def content_of_commit(content: Path, commit: str, into: Path, revision: str = "") -> Path:
    """content_at for a `commit` already resolved to its full hash (see resolve_commit);
    `revision` is how the user named it, for messages."""
    import io
    import tarfile

    import git

    revision = revision or commit
    root = Path(git.Repo(content, search_parent_directories=True).working_tree_dir or content).resolve()
    prefix = content.resolve().relative_to(root).as_posix()
    done = _git(content, "archive", "--format=tar", commit, "--", prefix)
    if done.returncode:
        stderr = gitparse.clean(done.stderr.decode("utf-8", "replace"))
        raise HistoryError(f"cannot read the content at '{gitparse.clean(revision)}': "
                           f"{stderr or 'unknown revision'}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        _extract(archive, into, revision)
    return into / prefix


def _extract(archive, into: Path, revision: str) -> None:
    """Unpack git's archive of the content with Python's "data" filter (3.11.4 and later), or the
    same checks by hand where Python has no filters (Debian 12's Python 3.11.2): no absolute
    paths, nothing outside `into`, links only to places inside it, only files and folders."""
    import tarfile

    def refuse(name: str) -> HistoryError:
        return HistoryError(f"the content at '{gitparse.clean(revision)}' holds '{gitparse.clean(name)}', "
                            "which leads outside the content folder: remove that link or file in git")

    if hasattr(tarfile, "data_filter"):
        try:
            archive.extractall(into, filter="data")
        except tarfile.FilterError as exc:
            raise refuse(getattr(exc, "tarinfo", None) and exc.tarinfo.name or "?") from exc
        return
    root = into.resolve()
    for member in archive.getmembers():
        target = (root / member.name).resolve()
        if Path(member.name).is_absolute() or not target.is_relative_to(root):
            raise refuse(member.name)
        if member.issym():
            link = (target.parent / member.linkname).resolve()
            if Path(member.linkname).is_absolute() or not link.is_relative_to(root):
                raise refuse(member.name)
        elif not (member.isfile() or member.isdir()):
            raise refuse(member.name)
        archive.extract(member, root, set_attrs=False)

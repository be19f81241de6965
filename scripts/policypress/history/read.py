"""Reading git: one `git log` walk, one `git for-each-ref` for the approval tags and one
`git status` for uncommitted edits (see the package's docstring)."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from policypress import gitparse
from policypress.cache import Cache
from policypress.errors import Location, PolicyPressError, Problem, display_path
from policypress.history.walked import walk_once
from policypress.load.loader import doc_id_for

IGNORE_REVS = ".policypress-ignore-revs"
BEFORE_GIT = "history-before-git.yaml"
TAG = re.compile(r"^(?P<doc>[a-z0-9-]+)/v(?P<major>[0-9]+)\.(?P<minor>[0-9]+)$")
UNCOMMITTED = "Draft — uncommitted changes"
RECORDS, DECISIONS = "consultations/", "decisions.yaml"  # in a document's folder
UNSHALLOW = (
    "fetch the whole history with 'git fetch --unshallow' (in GitHub Actions: actions/checkout "
    "with 'fetch-depth: 0')"
)
SHALLOW_HELP = (
    f"this is a shallow clone, so the version history would be incomplete; {UNSHALLOW}, or pass "
    "--allow-shallow to build anyway with a warning in the table"
)
# Every git command reads the objects as they are: `git replace` (refs/replace/, which is never
# pushed) could otherwise change, in this clone only, the text of an approved version.
NO_REPLACE = "--no-replace-objects"


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
class Commit:
    """A commit that touched a document's folder."""

    sha: str
    date: str  # ISO date of authorship
    author: str
    summary: str
    trailer: str = (
        ""  # the commit's own Change-summary, "" when it has none (summary is then its subject)
    )


@dataclass
class History:
    """What git says about every document under the content folder."""

    available: bool
    notice: str = ""  # why history is unavailable or may be incomplete
    shallow: bool = False
    changes: dict[str, list[Commit]] = field(default_factory=dict)  # doc id -> newest first
    approvals: dict[str, list[Approval]] = field(default_factory=dict)  # doc id -> oldest first
    # "doc:commit" -> first approval containing it
    led_to: dict[str, str] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)  # commit -> its parents
    dirty: set[str] = field(default_factory=set)  # doc ids with uncommitted edits
    imports: dict[str, str] = field(default_factory=dict)  # doc id -> commit adding history file
    # "doc:commit" that only record a consultation or decision
    events: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


# -- reading ---------------------------------------------------------------------------------


def open_repo(content: Path):
    """The repository holding `content`, found as git finds it: the one GIT_DIR names (with
    GIT_WORK_TREE) when it is set, else the nearest `.git` folder or file (a worktree's or a
    submodule's) from `content` upwards."""
    import git  # see read_history

    if os.environ.get("GIT_DIR"):
        repo = git.Repo()  # GitPython reads GIT_DIR and GIT_WORK_TREE as git does
    else:
        repo = git.Repo(content, search_parent_directories=True)
    repo.git.update_environment(GIT_NO_REPLACE_OBJECTS="1")  # as NO_REPLACE, for GitPython's git
    return repo


def read_history(content: Path, allow_shallow: bool = False, cache: Cache | None = None) -> History:
    """Read the history of every document under `content`. Never raises for a missing repository
    (history is then 'unavailable'); raises HistoryError for a shallow clone unless allowed.
    With `cache` (the build cache), the log walk is kept there: see walked.py."""
    try:
        import git  # imported here: git may be missing on a machine that only checks content
    except ImportError:
        return History(False, "History unavailable: git is not installed on this machine.")
    try:
        repo = open_repo(content)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return History(
            False,
            "History unavailable: this copy of the content is not in a git "
            "repository, so the changes and approvals cannot be listed.",
        )
    root = Path(repo.working_tree_dir or content).resolve()
    prefix = content.resolve().relative_to(root).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    history = History(True)
    if (Path(repo.common_dir) / "shallow").exists():  # a worktree's is the main repository's
        if not allow_shallow:
            raise HistoryError(SHALLOW_HELP)
        history.shallow = True
        history.notice = (
            "This table may be incomplete: it was built from a shallow clone that "
            "does not hold the whole history."
        )
    try:
        has_head = repo.head.is_valid()
    except ValueError:
        has_head = False
    ignored = _ignored_revs(content / IGNORE_REVS, history)
    if has_head:
        walk_once(repo, prefix, ignored, history, cache, _walk)
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
    history.problems += [
        Problem(Location(name, line, column), severity, "bad-ignore-revs", message, hint)
        for line, column, severity, message, hint in found
    ]
    return revs


def _doc_of(path: str, prefix: str) -> str | None:
    if not path.startswith(prefix):
        return None
    rest = path[len(prefix) :]
    return rest.split("/", 1)[0] if "/" in rest else None


def _git_output(repo, args: list[str]) -> bytes:
    """Run git with its output going to a temporary file, not a pipe: git then writes in large
    blocks, and reading 10,000 commits takes a quarter less time than through a pipe. No value
    from content or git's own output is ever passed here as an option."""
    with tempfile.TemporaryFile() as out:
        done = subprocess.run(
            ["git", NO_REPLACE, *args],
            cwd=repo.working_dir,
            stdout=out,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode:
            message = gitparse.clean(done.stderr.decode("utf-8", "replace"))
            raise HistoryError(f"git could not read the history: {message or 'unknown error'}")
        out.seek(0)
        return out.read()


def _walk(repo, prefix: str, ignored: list[str], history: History) -> None:
    """The one `git log` walk: every commit with its parents and the files it touched."""
    out = _git_output(
        repo,
        [
            "log",
            "-z",
            f"--format={gitparse.LOG_FORMAT}",
            "--name-status",
            "-M",
            "--no-color",
            "HEAD",
            "--",
        ],
    )
    try:
        entries = gitparse.parse_log(out.decode("utf-8", "replace"))
    except gitparse.GitOutputError as exc:
        raise HistoryError(f"git's log could not be read ({exc}); please report this") from None
    renamed: dict[str, str] = {}  # older folder name -> the folder it became
    for entry in entries:
        history.parents[entry.sha] = list(entry.parents)
        folders: dict[str, bool] = {}  # folder -> whether every file touched is a record
        for parts in entry.files:
            if parts[0] == "A" and len(parts) == 2 and parts[1].endswith("/" + BEFORE_GIT):
                added = _doc_of(parts[1], prefix)
                if added and parts[1] == f"{prefix}{added}/{BEFORE_GIT}":
                    history.imports[doc_id_for(renamed.get(added, added))] = (
                        entry.sha
                    )  # the oldest wins
            if parts[0] in "RC" and len(parts) == 3:
                old, new = _doc_of(parts[1], prefix), _doc_of(parts[2], prefix)
                if parts[0] == "R" and old and new and old != new:
                    renamed[old] = renamed.get(new, new)
                if new:
                    folders[new] = folders.get(new, True) and _is_record(parts[2], prefix, new)
            elif len(parts) > 1:
                folder = _doc_of(parts[-1], prefix)
                if folder:
                    folders[folder] = folders.get(folder, True) and _is_record(
                        parts[-1], prefix, folder
                    )
        if not folders or any(entry.sha.startswith(rev) for rev in ignored):
            continue
        change = Commit(
            entry.sha, entry.date[:10], entry.author, entry.summary or entry.subject, entry.summary
        )
        for folder, record_only in folders.items():
            doc_id = doc_id_for(renamed.get(folder, folder))
            history.changes.setdefault(doc_id, []).append(change)
            if record_only:
                history.events.add(f"{doc_id}:{entry.sha}")


def _is_record(path: str, prefix: str, folder: str) -> bool:
    """Whether a file in a document's folder records the process (a consultation or a decision
    on a flagged change) rather than the text: commits touching only these are not changes."""
    rest = path[len(prefix) + len(folder) + 1 :]
    return rest.startswith(RECORDS) or rest == DECISIONS


def _tag_problem(history: History, name: str, message: str, fix: str) -> None:
    history.problems.append(
        Problem(
            Location(f"tag {name}"),
            "error",
            "bad-approval-tag",
            f"the approval tag '{name}' {message}",
            fix,
        )
    )


def _tags(repo, history: History) -> None:
    out = _git_output(repo, ["for-each-ref", f"--format={gitparse.TAG_FORMAT}", "refs/tags"])
    try:
        records = gitparse.parse_tags(out)
    except gitparse.GitOutputError as exc:
        raise HistoryError(
            f"git's list of tags could not be read ({exc}); please report this"
        ) from None
    remake = "delete it (git tag -d {0}) and record the approval again with policypress approve"
    for record in records:
        name = record.name
        match = TAG.match(name)
        if not match:
            continue
        if record.kind != "tag":
            _tag_problem(
                history,
                name,
                "is a lightweight tag, so it records no approval",
                remake.format(name),
            )
            continue
        if record.target_kind != "commit":
            _tag_problem(
                history,
                name,
                f"points to a {record.target_kind or 'missing object'}, not a commit",
                remake.format(name),
            )
            continue
        fields = gitparse.approval_fields(record.message)
        if fields.problems:
            _tag_problem(
                history,
                name,
                "; ".join(fields.problems),
                f"re-create it: git tag -d {name}, then policypress approve with --by and --date",
            )
            continue
        # the clock, not SOURCE_DATE_EPOCH: CI often sets that to the last commit's time, and an
        # approval is usually given days after the last change
        now = datetime.date.today()
        if (day := gitparse.real_date(fields.date)) is not None and day > now:
            _tag_problem(
                history,
                name,
                f"has an Approval-date ({day.isoformat()}) later than today ({now.isoformat()})",
                f"delete it (git tag -d {name}), then record the "
                "approval with policypress approve and the real date (--date YYYY-MM-DD)",
            )
            continue
        if not history.shallow and record.target not in history.parents:
            _tag_problem(
                history,
                name,
                f"is on commit {record.target[:12]}, which is not in the history "
                "of the checked-out branch",
                f"if it was made by mistake, delete it (git tag -d "
                f"{name}); else build from the branch that holds that commit",
            )
            continue
        approval = Approval(
            name,
            match["doc"],
            int(match["major"]),
            int(match["minor"]),
            record.target,
            fields.approved_by,
            fields.date,
            fields.minute,
        )
        history.approvals.setdefault(approval.doc_id, []).append(approval)
    for doc_id, approvals in history.approvals.items():
        approvals.sort(key=lambda a: (a.major, a.minor, a.tag != f"{doc_id}/v{a.version}", a.tag))
        for same in gitparse.same_version([(a.tag, a.version) for a in approvals]):
            history.problems.append(
                Problem(
                    Location(f"tag {same[0]}"),
                    "error",
                    "duplicate-approval-tag",
                    f"the approval tags {' and '.join(repr(n) for n in same)} record the same "
                    "version "
                    f"of {doc_id}",
                    "keep the right one and delete the rest: "
                    + ", ".join(f"git tag -d {n}" for n in same[1:]),
                )
            )
        approvals[:] = [
            a for n, a in enumerate(approvals) if not n or approvals[n - 1].version != a.version
        ]
    link_approvals(history)


def link_approvals(history: History) -> None:
    """For each commit, the first approval whose tagged commit contains it (walking parents)."""
    parents = history.parents
    all_approvals = sorted(
        (a for items in history.approvals.values() for a in items),
        key=lambda a: (a.date, a.major, a.minor),
        reverse=True,
    )
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
    out = _git_output(
        repo,
        [
            "--literal-pathspecs",
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--",
            prefix or ".",
        ],
    )
    for path in gitparse.parse_status(out.decode("utf-8", "replace")):
        folder = _doc_of(path, prefix)
        if folder:
            history.dirty.add(doc_id_for(folder))

"""Reading git: one `git rev-parse` to find the repository, one `git log` walk, one
`git for-each-ref` for the approval tags and one `git status` for uncommitted edits (see the
package's docstring)."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policypress import gitparse
from policypress.cache import Cache
from policypress.errors import Location, Problem, display_path
from policypress.history.found import Commit, History, HistoryError
from policypress.history.tags import add_approvals
from policypress.history.walked import walk_once
from policypress.load.loader import doc_id_for

IGNORE_REVS = ".policypress-ignore-revs"
BEFORE_GIT = "history-before-git.yaml"
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


@dataclass(frozen=True)
class Found:
    """The repository holding the content, as one `git rev-parse` reports it: where its work
    tree starts, its common git folder (a worktree's is the main repository's) and HEAD's
    commit ("" before the first commit)."""

    working_tree_dir: str
    common_dir: str
    head: str

    @property
    def working_dir(self) -> str:
        return self.working_tree_dir


NOT_INSTALLED = "History unavailable: git is not installed on this machine."
NOT_A_REPOSITORY = (
    "History unavailable: this copy of the content is not in a git "
    "repository, so the changes and approvals cannot be listed."
)


def find_repo(content: Path) -> Found | str:
    """The repository holding `content`, found as git finds it (GIT_DIR and GIT_WORK_TREE when
    set, else the nearest `.git` folder or file upwards), or why there is no history."""
    if not content.is_dir():
        return NOT_A_REPOSITORY
    try:
        done = subprocess.run(
            ["git", NO_REPLACE, "rev-parse", "--path-format=absolute", "--show-toplevel"]
            + ["--git-common-dir", "--verify", "-q", "HEAD^{commit}"],
            cwd=content,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        return NOT_INSTALLED
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if done.returncode in (0, 1) and len(lines) >= 2:  # 1: no commit yet
        return Found(lines[0], lines[1], lines[2] if done.returncode == 0 else "")
    message = gitparse.clean(done.stderr.decode("utf-8", "replace"))
    if "not a git repository" in message:
        return NOT_A_REPOSITORY
    raise HistoryError(f"git could not read the history: {message or 'unknown error'}")


def read_history(content: Path, allow_shallow: bool = False, cache: Cache | None = None) -> History:
    """Read the history of every document under `content`. Never raises for a missing repository
    (history is then 'unavailable'); raises HistoryError for a shallow clone unless allowed.
    With `cache` (the build cache), the log walk is kept there: see walked.py."""
    repo = find_repo(content)
    if isinstance(repo, str):
        return History(False, repo)
    root = Path(repo.working_tree_dir).resolve()
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
    has_head = bool(repo.head)
    ignored = _ignored_revs(content / IGNORE_REVS, history)
    if has_head:
        walk_once(repo, prefix, ignored, history, cache, _walk)
    out = _git_output(repo, ["for-each-ref", f"--format={gitparse.TAG_FORMAT}", "refs/tags"])
    add_approvals(out, history)
    _uncommitted(repo, prefix, history)
    return history


def read_soon(
    content: Path, allow_shallow: bool = False, cache: Cache | None = None
) -> Callable[[], History]:
    """Start read_history now, in a thread of its own, and return what gives its history (or
    raises what it raised) once done. Git's processes then run on another CPU while this thread
    goes on, say, loading the YAML; the history read is the same."""
    answer: list[History] = []
    failure: list[BaseException] = []

    def read() -> None:
        try:
            answer.append(read_history(content, allow_shallow, cache))
        except BaseException as exc:  # handed to the caller, raised in its thread
            failure.append(exc)

    thread = threading.Thread(target=read, name="policypress history")
    thread.start()

    def result() -> History:
        thread.join()
        if failure:
            raise failure[0]
        return answer[0]

    return result


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

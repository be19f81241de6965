"""Git operations that change or copy the repository: the approval tag, and the content as it
was at a commit."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from policypress import gitparse
from policypress.history.found import HistoryError
from policypress.history.read import NO_REPLACE, UNSHALLOW, find_repo


class NotACommit(HistoryError):
    """A revision given in content or on the command line names no commit of this repository."""

    def __init__(self, revision: str, shallow: bool = False):
        shown = gitparse.clean(revision)
        shown = shown if len(shown) <= 200 else shown[:199] + "…"
        self.shallow = shallow
        if shallow:
            self.what = (
                f"'{shown}' cannot be found in this clone, which is shallow: it holds only the "
                "latest commits"
            )
            self.fix = UNSHALLOW
        else:
            self.what = f"'{shown}' is not a commit or tag of this repository"
            self.fix = "give a commit hash or tag, e.g. code-of-conduct/v1.0"
        super().__init__(f"{self.what} ({self.fix})")


def _git(content: Path, *args: str, stdin: bytes = b""):
    """Run git in the repository holding `content`, never through a shell; values that come from
    content or options are passed only after `--`, as `--end-of-options` values or on stdin."""
    return subprocess.run(
        ["git", NO_REPLACE, "--literal-pathspecs", *args],
        cwd=_top(content),
        input=stdin,
        capture_output=True,
        check=False,
    )


def _top(content: Path) -> Path:
    """Where the work tree of the repository holding `content` starts."""
    found = find_repo(content)
    if isinstance(found, str):  # why there is no history
        raise HistoryError(found.removeprefix("History unavailable: "))
    return Path(found.working_tree_dir)


def record_approval(
    content: Path,
    doc_id: str,
    version: tuple[int, int],
    approved_by: str,
    date: str,
    minute: str = "",
) -> str:
    """Create the annotated tag `<doc-id>/vX.Y` on HEAD holding the approval. Returns its name.
    The values must have passed `gitparse.bad_character`; the message is written whole from
    them (a title and a trailer block), checked by reading it back, and given to git on stdin."""
    label = f"{version[0]}.{version[1]}"
    name = f"{doc_id}/v{label}"
    message = gitparse.approval_message(doc_id, label, approved_by, date, minute)
    done = _git(
        content,
        "tag",
        "-a",
        "--cleanup=verbatim",
        "--file=-",
        "--",
        name,
        "HEAD",
        stdin=message.encode("utf-8"),
    )
    if done.returncode:
        stderr = gitparse.clean(done.stderr.decode("utf-8", "replace"))
        if (
            _git(content, "rev-parse", "--verify", "--quiet", f"refs/tags/{name}").returncode == 0
            or "already exists" in stderr
            or "cannot lock ref" in stderr
        ):
            raise HistoryError(
                f"version {label} of {doc_id} was recorded by another approval just "
                f"now; run `policypress history {doc_id}` to see it"
            )
        raise HistoryError(f"git could not make the tag {name}: {stderr or 'unknown error'}")
    return name


def resolve_commit(content: Path, revision: str) -> str:
    """The full hash of the commit `revision` (a hash, tag or branch) names. Raises NotACommit
    for anything else; a value that starts with '-' never reaches git."""
    if (
        not revision
        or revision.startswith("-")
        or gitparse.bad_character(revision)
        or " " in revision
    ):
        raise NotACommit(revision)
    done = _git(
        content, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    sha = done.stdout.decode("ascii", "replace").strip()
    if done.returncode or not gitparse.SHA.fullmatch(sha):
        shallow = _git(content, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
        raise NotACommit(revision, shallow)
    return sha


def content_at(content: Path, revision: str, into: Path) -> Path:
    """Write the content folder as it was at `revision` under `into` (one `git archive` of the
    commit it names, resolved first), and return its path there. Raises HistoryError for
    anything that is not a commit or tag, or a commit without the content folder."""
    return content_of_commit(content, resolve_commit(content, revision), into, revision)


def content_of_commit(content: Path, commit: str, into: Path, revision: str = "") -> Path:
    """content_at for a `commit` already resolved to its full hash (see resolve_commit);
    `revision` is how the user named it, for messages."""

    revision = revision or commit
    root = _top(content).resolve()
    prefix = content.resolve().relative_to(root).as_posix()
    done = _git(content, "archive", "--format=tar", commit, "--", prefix)
    if done.returncode:
        stderr = gitparse.clean(done.stderr.decode("utf-8", "replace"))
        raise HistoryError(
            f"cannot read the content at '{gitparse.clean(revision)}': "
            f"{stderr or 'unknown revision'}"
        )
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        _extract(archive, into, revision)
    return into / prefix


def _extract(archive, into: Path, revision: str) -> None:
    """Unpack git's archive of the content with Python's "data" filter (3.11.4 and later), or the
    same checks by hand where Python has no filters (Debian 12's Python 3.11.2): no absolute
    paths, nothing outside `into`, links only to places inside it, only files and folders."""

    def refuse(name: str) -> HistoryError:
        return HistoryError(
            f"the content at '{gitparse.clean(revision)}' holds '{gitparse.clean(name)}', "
            "which leads outside the content folder: remove that link or file in git"
        )

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

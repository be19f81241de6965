"""The folders policypress writes into (`build/`, a publish folder): which it may replace, how a
new one is staged beside it and swapped in, and how write faults are reported.

One rule for every such folder: policypress replaces only a folder it made. A folder it made holds
a marker file; anything else that is not empty is refused, and so is a folder that is, holds or
lies inside the content folder or a repository's top folder, or lies inside a `.git` folder.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path

from policypress.errors import PolicyPressError, UsageError

BUILD_MARKER = ".policypress-build"  # in build/: the next build may replace this folder
SITE_MARKER = ".policypress-site"  # in a published folder: the next publish may replace it
STAGING = ".policypress-staging"  # in a folder being built: "process <pid> on <host>"
MARKER_TEXT = {
    BUILD_MARKER: "Made by policypress build; the next build replaces this folder.\n",
    SITE_MARKER: "Published by policypress; the next publish replaces this folder.\n",
}
# Write errors that are the machine's state, not a bug: reported in one line.
FAULTS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EXDEV: "it is on another file system than the folder around it (a mount point?)",
    errno.EBUSY: "it is in use (a mount point?)",
}


class OutputError(PolicyPressError):
    """The outputs could not be written (disk full, read-only folder): exit code 1."""


def repository_root(start: Path) -> Path | None:
    """The top folder of the git work tree holding `start` (the folder with `.git`), if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _legacy_build(folder: Path) -> bool:
    """A build/ made by a policypress from before the marker: it holds `.cache/manifest.json`,
    and nothing at its top but the cache, the site (and its MkDocs project) and the documents
    that manifest lists."""
    try:
        manifest = json.loads((folder / ".cache" / "manifest.json").read_text("utf-8"))
        documents = {key.partition("/")[0] for key in manifest["outputs"]}
        names = {item.name for item in folder.iterdir()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    ours = {".cache", "site-src", "site", STAGING}
    return all(name in ours or name in documents and (folder / name).is_dir() for name in names)


def guard(folder: Path, content: Path, option: str, marker: str = BUILD_MARKER) -> None:
    """Refuse (UsageError, exit 2) an output folder policypress must not replace."""
    shown = f"{option} '{folder.as_posix()}'"
    place = folder.resolve()
    source = content.resolve()
    if folder.is_symlink() and not folder.exists():
        raise UsageError(
            f"{shown} is a link to a folder that does not exist (make that folder, or "
            f"choose another, e.g. {option} build)"
        )
    if ".git" in place.parts or ".git" in folder.absolute().parts:
        raise UsageError(
            f"{shown} is inside a .git folder, where git keeps the repository's "
            "history: outputs there could damage it (choose a folder outside .git, "
            f"e.g. {option} build)"
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"{shown} is a file, not a folder: policypress will not replace it "
            f"(choose a folder of its own, e.g. {option} build)"
        )
    if place == source or source in place.parents:
        inside = "is the" if place == source else "is inside the"
        raise UsageError(
            f"{shown} {inside} content folder '{content.as_posix()}': the outputs "
            f"would replace or mix with the sources (choose a folder outside it, e.g. "
            f"{option} build)"
        )
    if place in source.parents:
        raise UsageError(
            f"{shown} holds the content folder '{content.as_posix()}': replacing it "
            f"would delete the sources (choose a folder of its own, e.g. {option} build)"
        )
    for start in (source, Path.cwd().resolve()):
        root = repository_root(start)
        if root is not None and (place == root or place in root.parents):
            raise UsageError(
                f"{shown} {'is' if place == root else 'holds'} the repository's top "
                "folder (the one holding .git): replacing it would delete the "
                f"repository (choose a folder of its own, e.g. {option} build)"
            )
    if (place / ".git").exists():
        raise UsageError(
            f"{shown} is the top folder of a git repository: replacing it would "
            f"delete the repository (choose a folder of its own, e.g. {option} build)"
        )
    if not folder.is_dir() or (folder / marker).is_file() or not any(folder.iterdir()):
        return
    if marker == BUILD_MARKER and _legacy_build(folder):
        return  # ours from before the marker: this build adds it
    what = (
        "a site policypress published"
        if marker == SITE_MARKER
        else "a folder policypress build made"
    )
    raise UsageError(
        f"{shown} already exists and is not {what} (it has no {marker} file), so "
        "policypress will not replace it (choose a new or empty folder, or move "
        "its files away and delete it)"
    )


def claim(folder: Path, marker: str = BUILD_MARKER) -> None:
    """Make `folder` (or mark an empty or adopted one) as ours, before anything is written into
    it, so a build that stops early (bad content) leaves a folder the next build may replace."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / marker).is_file():
        (folder / marker).write_text(MARKER_TEXT[marker], "utf-8")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is not ours to signal
        return True
    return True


def clean_stale(out: Path, marker: str = BUILD_MARKER) -> list[Path]:
    """Delete the staging folders that killed runs left beside `out`: named `.<out>-…`, holding
    our marker and a staging note of a process on this machine that has ended."""
    removed: list[Path] = []
    try:
        candidates = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}-")]
    except OSError:
        return removed
    host = socket.gethostname()
    for folder in candidates:
        try:
            if folder.is_symlink() or not folder.is_dir() or not (folder / marker).is_file():
                continue
            note = re.fullmatch(r"process (\d+) on (\S+)\n?", (folder / STAGING).read_text("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if note and note[2] == host and not _alive(int(note[1])):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def staging(out: Path, marker: str = BUILD_MARKER) -> Path:
    """A new folder beside `out` to build into, marked as ours and as in progress by this
    process."""
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent)).resolve()
    try:
        (folder / marker).write_text(MARKER_TEXT[marker], "utf-8")
        note = folder / f"{STAGING}.tmp"  # renamed into place, so it is never seen half-written
        note.write_text(f"process {os.getpid()} on {socket.gethostname()}\n", "utf-8")
        os.replace(note, folder / STAGING)
        folder.chmod(0o755)  # mkdtemp makes it private; build/ is published
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def swap(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with renames only, keeping the old tree until the new one is
    in."""
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists() or out.is_symlink():
        os.replace(out, old)
    try:
        os.replace(staging, out)
    except BaseException:
        if old.exists() and not out.exists():
            os.replace(old, out)
        raise
    (out / STAGING).unlink(missing_ok=True)
    shutil.rmtree(old, ignore_errors=True)


def fault(exc: OSError, out: Path, option: str = "--out") -> OutputError | None:
    """One line for a write fault (disk full, read-only), saying the old folder is unchanged."""
    what = FAULTS.get(exc.errno or 0)
    if what is None:
        return None
    where = f" ({exc.strerror}: {exc.filename})" if exc.filename else f" ({exc.strerror})"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "free some space and run again"
    elif exc.errno in (errno.EXDEV, errno.EBUSY):
        fix = (
            f"policypress swaps the new folder in by renaming it: choose an {option} folder "
            "inside a mounted folder rather than the mount point itself"
        )
    else:
        fix = f"make the folder writable, or choose another with {option}"
    return OutputError(
        f"cannot write the outputs into {out.as_posix()}/: {what}{where}; "
        f"{out.as_posix()}/ is as it was ({fix})"
    )


def missing(out: Path) -> list[Path]:
    """`out` and each of its parents that does not exist yet, `out` first."""
    found = []
    while not os.path.lexists(out) and out.parent != out:
        found.append(out)
        out = out.parent
    return found


def unclaim(out: Path, made: list[Path]) -> None:
    """Remove what build._claim made, when `out` is a folder this build created (`made`, from
    missing): the cache, the marker, then each folder made that is left empty."""
    if not made:
        return
    shutil.rmtree(out / ".cache", ignore_errors=True)
    (out / BUILD_MARKER).unlink(missing_ok=True)
    for folder in made:
        try:
            folder.rmdir()
        except OSError:
            return  # something else was put there meanwhile: it stays

"""What a build must remake, decided in one place, and what it is asked to make (`Options`).

    options -> the fingerprint of every input (the content's files, the council's themes,
               mkdocs.yml, the lock file, the tools, the code, and one `git rev-parse` for the
               repository's state) -> the same as the last build's?  Then it is up to date,
               before anything is loaded.
            -> else, once checked: each output's key and the site's key, against the last
               build's manifest -> up to date, or which parts to make again.

Nothing here imports the checker, the pipeline or a renderer: `policypress build` answers "up to
date" from this module alone. The repository's state comes from git itself, never from files in
a `.git` folder read by hand, so worktrees, submodules and `GIT_DIR` are seen as git sees them.
Every file is hashed afresh on each call: nothing is remembered from an earlier build in the same
process (`policypress serve` runs many).
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from policypress import cache, themes
from policypress.cache import MANIFEST, PACKAGE, TOOLS, entry_key, file_hash, tree_hash

# The repository's state in one git process: its top folder (for .mailmap), where its shallow
# list is kept, whether it is shallow, every ref's commit, HEAD's commit, then every ref's name.
# HEAD comes after the refs: in a repository with no commit yet, git stops there.
GIT_STATE = (
    "rev-parse",
    "--show-toplevel",
    "--git-path",
    "shallow",
    "--is-shallow-repository",
    "--all",
    "HEAD",
    "--symbolic-full-name",
    "--all",
)


@dataclass(frozen=True)
class Options:
    """What one build is asked to make."""

    content: Path
    out: Path
    only: frozenset[str] | None = None  # the output kinds asked for; None: every kind
    strict: bool = False
    allow_shallow: bool = False
    redline: bool = False
    drafts: bool = True
    site_url: str = ""
    jobs: int | None = None  # worker processes; None: one per CPU
    publishing: bool = False  # publish: placeholders stop it, so it always checks

    @property
    def want_site(self) -> bool:
        return self.only is None or "site" in self.only

    def described(self) -> str:
        """Every option that changes what is made, for the fingerprint."""
        only = ",".join(sorted(self.only)) if self.only is not None else "all"
        return (
            f"only={only} strict={self.strict} shallow={self.allow_shallow} "
            f"redline={self.redline} drafts={self.drafts} url={self.site_url} "
            f"out={self.out.resolve()}"
        )


@dataclass(frozen=True)
class Last:
    """The last build into `out`, as its manifest recorded it (empty when there was none)."""

    manifest: dict = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path) -> Last:
        try:
            found = json.loads((out / ".cache" / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        return cls(found if isinstance(found, dict) else {})

    def get(self, name: str) -> object:
        return self.manifest.get(name)

    def number(self, name: str) -> int:
        found = self.manifest.get(name)
        return found if isinstance(found, int) else 0

    @property
    def counts(self) -> dict[str, int]:
        found = self.manifest.get("problems")
        return found if isinstance(found, dict) else {}

    def intact(self, out: Path, folders: tuple[str, ...] = ()) -> bool:
        """Whether every file the last build wrote into `out` (into `folders` of it, when
        given) is still there, at its size."""
        return isinstance(self.manifest.get("files"), dict) and not self.damaged(out, folders)

    def damaged(self, out: Path, folders: tuple[str, ...] = ()) -> list[str]:
        """The files the last build wrote into `out` (into `folders` of it, when given) that
        are gone or not at their size (deleted, emptied in place), as paths inside `out`."""
        files = self.manifest.get("files")
        found = []
        for name, size in files.items() if isinstance(files, dict) else ():
            if folders and name.split("/")[0] not in folders:
                continue
            try:
                if (out / name).stat().st_size != size:
                    found.append(name)
            except (OSError, ValueError):
                found.append(name)
        return found

    def complete(self, out: Path, want_site: bool) -> bool:
        """Whether the last build's outputs are all still there, the site's home page too."""
        return self.intact(out) and (not want_site or (out / "site" / "index.html").is_file())


def git_state(folder: Path) -> list[object]:
    """The repository holding `folder` as git reports it: one `git rev-parse` (GIT_STATE), and
    the two files it names (the shallow list, `.mailmap`). No value from content is passed."""
    try:
        done = subprocess.run(
            ["git", *GIT_STATE],
            cwd=folder,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except OSError:
        return ["git cannot be run"]
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    parts: list[object] = [done.returncode, done.stdout]
    if len(lines) >= 2:  # the top folder and the shallow list's place (relative to `folder`)
        parts += [file_hash(folder / lines[1]), file_hash(Path(lines[0]) / ".mailmap")]
    return parts


def fingerprint(options: Options) -> str:
    """A key of every input of a build, found without loading anything. It errs towards
    'changed': any doubt leads to the full, content-addressed check."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or datetime.date.today().isoformat()
    root = PACKAGE.parents[1]  # a checkout's top folder (in an installed wheel: site-packages)
    parts: list[object] = [options.described(), epoch]
    for folder in (options.content.resolve(), themes.overrides()):
        parts += [folder.as_posix(), tree_hash(folder)]
    for path in (Path("mkdocs.yml").resolve(), root / "mkdocs.yml", root / "uv.lock"):
        parts += [path.as_posix(), file_hash(path)]
    parts += [f"{name}={cache.tool(name)}" for names in TOOLS.values() for name in names]
    parts += git_state(options.content)
    return entry_key("fingerprint", *parts)


@dataclass(frozen=True)
class Quick:
    """The decision before anything is loaded: the inputs' fingerprint against the last build."""

    fingerprint: str
    last: Last
    up_to_date: bool


def before_checking(options: Options) -> Quick:
    """Up to date when every input is as the last complete build found it. Only a build of
    every output kind is answered this way (a partial build keeps the rest of build/), and
    never a publish, which refuses what a build only warns about."""
    last = Last.read(options.out)
    if options.only is not None or options.publishing or not options.content.is_dir():
        return Quick("", last, False)
    found = fingerprint(options)
    same = found == last.get("inputs") and last.complete(options.out, options.want_site)
    return Quick(found, last, same)


# The folders of build/ that hold the site: kept whole from the last build, or made again.
SITE_FOLDERS = ("site-src", "site")  # the site's MkDocs project, and the site built from it

# What a manifest records that is not itself an output: compared apart, or not at all.
NOT_OUTPUTS = ("inputs", "problems", "files", "kept", "documents", "archived")


@dataclass(frozen=True)
class Plan:
    """The decision once checked: the new manifest, and what of the last build stands."""

    manifest: dict
    last: Last
    up_to_date: bool  # every output and the site are as the last build made them
    reuse_site: bool  # the site is as the last build made it: it is moved over, not rebuilt


def after_checking(quick: Quick, options: Options, outputs: dict[str, str], site: str) -> Plan:
    """Compare this build's output keys (document/kind -> key) and site key with the last
    build's."""
    manifest: dict = {"outputs": dict(sorted(outputs.items())), "site": site}
    if quick.fingerprint:
        manifest["inputs"] = quick.fingerprint
    last = quick.last
    same = {k: v for k, v in last.manifest.items() if k not in NOT_OUTPUTS} == manifest_outputs(
        manifest
    )
    up_to_date = same and last.complete(options.out, options.want_site)
    reuse_site = (
        options.want_site
        and last.get("site") == site
        and (options.out / "site").is_dir()
        and last.intact(options.out, SITE_FOLDERS)
    )
    return Plan(manifest, last, up_to_date, bool(reuse_site))


def manifest_outputs(manifest: dict) -> dict:
    return {k: v for k, v in manifest.items() if k not in NOT_OUTPUTS}

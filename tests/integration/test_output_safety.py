"""Issue 12: `build` and `publish` never delete what they did not make, killed builds leave nothing
behind for ever, the no-op check sees every missing output, faults end in one line with the
previous build/ whole, and outputs do not depend on the folder the command ran in."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from policypress import cli, outputs
from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content

ENV = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}


def repository(root: Path) -> Git:
    write_content(root)
    git = Git(root)
    git.commit("Add the example policy", "First draft.")
    return git


def snapshot(folder: Path, skip_cache: bool = False) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (`.git` and, if asked, `.cache` left out)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and ".git" not in p.relative_to(folder).parts
        and not (skip_cache and ".cache" in p.relative_to(folder).parts)
    }


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def staging_folders(folder: Path, name: str = "build") -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}-"))


# -- data loss ----------------------------------------------------------------------------------


@pytest.mark.parametrize("out", [".", "content", "content/example", "content/new", "..", "ROOT"])
def test_build_refuses_the_content_folder_and_the_repository(tmp_path: Path, out: str):
    root = tmp_path / "repo"
    root.mkdir()
    repository(root)
    cwd = root
    if out == "ROOT":  # the repository's top folder, named from elsewhere with an absolute path
        cwd, out = tmp_path, str(root)
        content = str(root / "content")
    else:
        content = "content"
    before = snapshot(tmp_path)
    result = run_cli("build", "--content", content, "--out", out, cwd=cwd, env=ENV)
    assert result.returncode == 2, result.stderr
    line = one_line(result.stderr)
    assert f"--out '{out}'" in line and "choose" in line
    assert snapshot(tmp_path) == before  # nothing deleted, nothing left behind (.cache/)
    assert (root / ".git").is_dir()
    assert run_cli("check", cwd=root, env=ENV).returncode == 0


def test_build_refuses_a_file_and_a_folder_it_did_not_make(tmp_path: Path):
    repository(tmp_path)
    (tmp_path / "notes.txt").write_text("my notes")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "letter.docx").write_bytes(b"not ours")
    for out, words in (
        ("notes.txt", "is a file"),
        ("mine", "is not a folder policypress build made"),
    ):
        result = run_cli("build", "--out", out, cwd=tmp_path, env=ENV)
        assert result.returncode == 2
        assert words in one_line(result.stderr)
    assert (tmp_path / "notes.txt").read_text() == "my notes"
    assert (mine / "letter.docx").read_bytes() == b"not ours"
    assert not any(p.name.startswith((".notes", ".mine")) for p in tmp_path.iterdir())


def test_the_default_build_folder_is_made_marked_and_replaced(tmp_path: Path):
    repository(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    assert (tmp_path / "build" / outputs.BUILD_MARKER).is_file()
    assert not (tmp_path / "build" / outputs.STAGING).exists()
    write_content(tmp_path, {"example/sections/one.yaml": SECTION.replace("honest", "truthful")})
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    assert (
        run_cli("build", "--out", "empty", cwd=tmp_path, env=ENV).returncode == 0
    )  # an empty folder is fine
    assert (empty / "example" / "example.pdf").is_file()


def test_a_build_folder_from_before_the_marker_is_adopted_only_when_it_is_ours(tmp_path: Path):
    repository(tmp_path)
    build = tmp_path / "build"
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    (build / outputs.BUILD_MARKER).unlink()  # as an earlier policypress left it
    write_content(tmp_path, {"example/sections/one.yaml": SECTION.replace("honest", "truthful")})
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    assert (build / outputs.BUILD_MARKER).is_file()

    (build / outputs.BUILD_MARKER).unlink()
    (build / "screenshots").mkdir()  # something of someone else's at the top
    (build / "screenshots" / "home.png").write_bytes(b"png")
    write_content(tmp_path, {"example/sections/one.yaml": SECTION})
    result = run_cli("build", cwd=tmp_path, env=ENV)
    assert result.returncode == 2 and ".policypress-build" in one_line(result.stderr)
    assert (build / "screenshots" / "home.png").read_bytes() == b"png"


def test_publish_keeps_to_the_same_rule(tmp_path: Path):
    repository(tmp_path)
    for to in ("content/public", "content", "."):
        result = run_cli("publish", "--to", to, cwd=tmp_path, env=ENV)
        assert result.returncode == 2, (to, result.stderr)
        assert f"--to '{to}'" in one_line(result.stderr)
    assert not (tmp_path / "content" / "public").exists()
    assert run_cli("check", cwd=tmp_path, env=ENV).returncode == 0


@pytest.mark.parametrize("command, option", [("build", "--out"), ("publish", "--to")])
@pytest.mark.parametrize("out", [".git/newout", ".git/refs/site", "content/../.git/x"])
def test_build_and_publish_refuse_a_folder_inside_git_s_own(
    tmp_path: Path, command: str, option: str, out: str
):
    repository(tmp_path)
    before = snapshot(tmp_path / ".git")
    git_files = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / ".git").rglob("*"))
    result = run_cli(command, option, out, cwd=tmp_path, env=ENV)
    assert result.returncode == 2, result.stderr
    line = one_line(result.stderr)
    assert f"{option} '{out}' is inside a .git folder" in line and "choose" in line
    assert (
        sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / ".git").rglob("*"))
        == git_files
    )
    assert snapshot(tmp_path / ".git") == before


# -- killed builds ------------------------------------------------------------------------------


def test_a_killed_build_leaves_staging_that_the_next_build_cleans(tmp_path: Path):
    repository(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "policypress", "build"],
        cwd=tmp_path,
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not staging_folders(tmp_path) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.002)
    settled = time.monotonic() + 0.2  # the staging folder has just been made: let it be marked
    while not list(tmp_path.glob(f".build-*/{outputs.STAGING}")) and time.monotonic() < settled:
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    left = staging_folders(tmp_path)
    assert left, "the build finished before it could be killed"
    # a live build's staging folder (this process) and a folder that is not ours are kept
    live = outputs.staging(tmp_path / "build")
    foreign = tmp_path / ".build-notes"
    foreign.mkdir()
    (foreign / "note.txt").write_text("mine")
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    assert staging_folders(tmp_path) == sorted([live.name, ".build-notes"])
    assert (foreign / "note.txt").read_text() == "mine"
    assert (tmp_path / "build" / "example" / "example.pdf").is_file()


def test_a_stale_staging_folder_of_a_publish_is_cleaned(tmp_path: Path):
    repository(tmp_path)
    stale = tmp_path / ".public-x1y2"
    stale.mkdir()
    (stale / outputs.SITE_MARKER).write_text("x")
    (stale / outputs.STAGING).write_text(f"process {2**22 + 12345} on {os.uname().nodename}\n")
    assert run_cli("publish", "--to", "public", cwd=tmp_path, env=ENV).returncode == 0
    assert not stale.exists()


# -- the no-op check ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "promised",
    [
        "example/example.pdf",
        "example/example.docx",
        "example/changes.csv",
        "site/example/index.html",
    ],
)
def test_a_deleted_output_is_made_again(tmp_path: Path, promised: str):
    repository(tmp_path)
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    made = (tmp_path / "build" / promised).read_bytes()
    (tmp_path / "build" / promised).unlink()
    result = run_cli("build", cwd=tmp_path, env=ENV)
    assert result.returncode == 0 and "up to date" not in result.stdout
    assert (tmp_path / "build" / promised).read_bytes() == made
    assert "up to date" in run_cli("build", cwd=tmp_path, env=ENV).stdout


@pytest.mark.parametrize(
    "promised", ["example/example.pdf", "example/example.docx", "site/example/index.html"]
)
def test_an_output_truncated_in_place_is_made_again(tmp_path: Path, promised: str):
    """Emptying an output where it is (`: > file`, an editor saving in place) must not empty the
    cached copy the next build takes it from."""
    repository(tmp_path)
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    for gone in ("example/changes.csv", "site/index.html"):  # the next build takes every output
        (tmp_path / "build" / gone).unlink()  # and page from the cache
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    made = (tmp_path / "build" / promised).read_bytes()
    with open(tmp_path / "build" / promised, "r+b") as stream:
        stream.truncate(0)
    result = run_cli("build", cwd=tmp_path, env=ENV)
    assert result.returncode == 0 and "up to date" not in result.stdout
    assert (tmp_path / "build" / promised).read_bytes() == made


# -- faults -------------------------------------------------------------------------------------


def _in_staging(path) -> bool:
    return any(part.startswith(".build-") and part != ".build-old" for part in Path(path).parts)


FAULTS = {  # what fails, how, and when: (args, kwargs) -> the file that cannot be written, or None
    "disk full": (
        "pathlib.Path.write_bytes",
        errno.ENOSPC,
        lambda args, kw: args[0] if _in_staging(args[0]) else None,
    ),
    "read-only beside build/": (
        "tempfile.mkdtemp",
        errno.EACCES,
        lambda args, kw: kw.get("dir") if kw.get("prefix") == ".build-" else None,
    ),
    "build/ is a mount point": (
        "os.replace",
        errno.EXDEV,
        lambda args, kw: args[0] if Path(args[0]).parts[-2:] == ("build", ".cache") else None,
    ),
    "read-only file system at the swap": (
        "os.replace",
        errno.EROFS,
        lambda args, kw: (
            args[1] if _in_staging(args[0]) and Path(args[1]).name == "build" else None
        ),
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_write_fault_ends_in_one_line_and_keeps_the_previous_build(
    tmp_path: Path, monkeypatch, capsys, fault: str
):
    root = tmp_path / "repo"
    root.mkdir()
    repository(root)
    monkeypatch.chdir(root)
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    assert cli.main(["build", "--quiet"]) == 0
    before = snapshot(root / "build", skip_cache=True)
    write_content(root, {"example/sections/one.yaml": SECTION.replace("honest", "truthful")})
    capsys.readouterr()

    target, code, when = FAULTS[fault]
    module, _, attribute = target.rpartition(".")
    owner = {"pathlib.Path": Path, "tempfile": tempfile, "os": os}[module]
    real = getattr(owner, attribute)

    def failing(*args, **kwargs):
        where = when(args, kwargs)
        if where is not None:
            raise OSError(code, os.strerror(code), str(where))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, attribute, failing)
    assert cli.main(["build", "--quiet"]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("policypress: error: cannot write the outputs into build/")
    assert "build/ is as it was" in line
    monkeypatch.setattr(owner, attribute, real)
    assert snapshot(root / "build", skip_cache=True) == before
    assert (root / "build" / ".cache" / "manifest.json").is_file()  # the cache was put back
    assert staging_folders(root) == []
    # the cache put back still describes the outputs in build/, so the next build remakes them
    # rather than calling the old ones up to date
    assert cli.main(["build", "--quiet"]) == 0
    assert snapshot(root / "build", skip_cache=True) != before


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
def test_a_read_only_build_folder_is_one_line(tmp_path: Path):
    repository(tmp_path)
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    write_content(tmp_path, {"example/sections/one.yaml": SECTION.replace("honest", "truthful")})
    before = snapshot(tmp_path / "build", skip_cache=True)
    (tmp_path / "build").chmod(0o555)
    try:
        result = run_cli("build", cwd=tmp_path, env=ENV)
    finally:
        (tmp_path / "build").chmod(0o755)
    assert result.returncode == 1
    assert (
        "permission denied" in result.stderr.splitlines()[-1] and "Traceback" not in result.stderr
    )
    assert snapshot(tmp_path / "build", skip_cache=True) == before


def test_a_closed_pipe_stops_quietly(tmp_path: Path):
    repository(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "policypress", "history", "example"],
        cwd=tmp_path,
        env={**os.environ, **ENV},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # as `| head -0` does
    with process.stderr:
        stderr = process.stderr.read().decode()
    assert process.wait() == 141
    assert stderr == ""


@pytest.mark.parametrize("value", ["abc", "99999999999999", "-5", "1.5e9", "4294967296"])
def test_an_unusable_source_date_epoch_is_one_line(tmp_path: Path, value: str):
    repository(tmp_path)
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0
    before = snapshot(tmp_path / "build")
    write_content(tmp_path, {"example/sections/one.yaml": SECTION.replace("honest", "truthful")})
    for command in (["build"], ["check"]):
        result = run_cli(*command, cwd=tmp_path, env={**ENV, "SOURCE_DATE_EPOCH": value})
        assert result.returncode == 2, result.stderr
        line = one_line(result.stderr)
        assert "SOURCE_DATE_EPOCH" in line and repr(value) in line and "seconds since" in line
    assert snapshot(tmp_path / "build") == before
    last = run_cli("build", cwd=tmp_path, env={**ENV, "SOURCE_DATE_EPOCH": str(2**32 - 1)})
    assert last.returncode == 0, last.stderr  # the largest time that is accepted builds


def test_an_empty_source_date_epoch_means_today(tmp_path: Path):
    repository(tmp_path)
    result = run_cli("build", cwd=tmp_path, env={**ENV, "SOURCE_DATE_EPOCH": ""})
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr


# -- outputs do not depend on where the command ran ----------------------------------------------


def test_outputs_are_identical_wherever_the_command_runs(tmp_path: Path):
    root = tmp_path / "repo"
    root.mkdir()
    git = repository(root)
    git(
        "tag",
        "-a",
        "example/v1.0",
        "-m",
        "Approval of example version 1.0\n\nApproved-by: Cabinet\nApproval-date: 2026-01-10\n",
    )
    write_content(
        root,
        {
            "example/sections/one.yaml": SECTION.replace(
                "be honest.", "be honest and must declare any gift."
            )
        },
    )
    git.commit(
        "Ask staff to declare gifts", "Staff must declare gifts.", date="2026-03-01T10:00:00+00:00"
    )
    git.consult("2026-03-20")
    elsewhere = tmp_path / "elsewhere" / "deeper"
    elsewhere.mkdir(parents=True)
    runs = [
        (root, "content", "../out-relative"),
        (elsewhere, str(root / "content"), str(tmp_path / "out-absolute")),
        (elsewhere, "../../repo/content", "../out-up"),
        (root / "content" / "example", "..", str(tmp_path / "out-inside")),
    ]
    built = []
    for cwd, content, out in runs:
        result = run_cli("build", "--content", content, "--out", out, cwd=cwd, env=ENV)
        assert result.returncode == 0, result.stderr
        built.append(snapshot((cwd / out).resolve(), skip_cache=True))
    first = built[0]
    assert {
        "example/example.docx",
        "example/example.pdf",
        "example/changes.json",
        "example/changes.csv",
        "example/changes.md",
        "site/example/index.html",
    } <= set(first)
    for other in built[1:]:
        assert sorted(other) == sorted(first)
        assert [name for name in first if other[name] != first[name]] == []
    assert (
        b'"file": "example/consultations/2026-03-20-tenant-panel.yaml"'
        in first["example/changes.json"]
    )


# -- document ids -------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["ÄÖÜ", "___", "site"])
def test_a_folder_name_with_no_usable_id_is_a_located_error(tmp_path: Path, folder: str):
    write_content(
        tmp_path, {f"{folder}/document.yaml": DOCUMENT, f"{folder}/sections/one.yaml": SECTION}
    )
    check = run_cli("check", cwd=tmp_path, env=ENV)
    assert check.returncode == 1
    problem = [line for line in check.stdout.splitlines() if line.startswith(f"content/{folder}:")]
    assert len(problem) == 1 and "error" in problem[0] and "rename the folder" in problem[0]
    result = run_cli("build", cwd=tmp_path, env=ENV)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "build").exists()  # a refused build into a new folder makes nothing
    fixed = tmp_path / "content" / folder
    fixed.rename(tmp_path / "content" / "second")
    assert run_cli("build", cwd=tmp_path, env=ENV).returncode == 0  # and build/ is ours to replace
    assert (tmp_path / "build" / "second" / "second.pdf").is_file()

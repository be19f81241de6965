"""The `policypress` command as a user runs it: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from policypress import __version__
from tests.conftest import DOCUMENT, FROZEN, run_cli, write_content

PLACEHOLDER_LINE = (
    "content/code-of-conduct/sections/implementation.yaml:22:11: {sev}: placeholder "
    "'<insert roles / group>' left in the text (replace it with the real wording "
    "before approval)"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the frozen draft, so tests never touch (or depend on) the live content."""
    shutil.copytree(FROZEN, tmp_path / "content")
    return tmp_path


def test_check_on_the_default_content_warns_about_the_placeholder(project: Path):
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert PLACEHOLDER_LINE.format(sev="warning") in result.stdout.splitlines()
    advice = sum(": advice: " in line for line in result.stdout.splitlines())
    assert advice > 10  # the verbatim Code has long sentences and words such as 'ensure'
    assert result.stdout.splitlines()[-1] == (
        f"1 document(s) checked: 0 error(s), 4 warning(s), {advice} piece(s) of readability advice"
    )
    assert (
        "content: warning: History unavailable: this copy of the content is not in a git "
        "repository, so the changes and approvals cannot be listed. (build from a git clone of "
        "the repository to show the version history)"
    ) in result.stdout.splitlines()


def test_strict_check_fails_and_names_the_placeholder(project: Path):
    result = run_cli("check", "--strict", cwd=project)
    assert result.returncode == 1
    assert PLACEHOLDER_LINE.format(sev="error") in result.stdout.splitlines()


def test_check_json_is_a_list_of_problems(project: Path):
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.returncode == 0
    problems = json.loads(result.stdout)
    assert {tuple(sorted(p)) for p in problems} == {
        ("code", "column", "file", "hint", "line", "message", "severity")
    }
    assert {(p["file"], p["line"], p["code"]) for p in problems if p["severity"] != "advice"} == {
        ("content", 0, "no-history"),
        ("content/code-of-conduct/document.yaml", 0, "consultation-required"),
        ("content/code-of-conduct/document.yaml", 15, "placeholder"),
        ("content/code-of-conduct/sections/implementation.yaml", 22, "placeholder"),
    }
    advice = [p for p in problems if p["severity"] == "advice"]
    assert {p["code"] for p in advice} == {"hard-to-read"}
    assert {
        "file": "content/code-of-conduct/sections/the-code.yaml",
        "line": 105,
        "column": 23,
        "severity": "advice",
        "code": "hard-to-read",
        "message": "'rectify' is hard to read: write 'put right' or 'correct'",
        "hint": "it means the same in plain English, and the change is editorial",
    } in advice


def test_bad_content_exits_1_with_one_line_per_problem_and_no_traceback(tmp_path: Path):
    write_content(tmp_path, {"example/document.yaml": DOCUMENT.replace("title:", "titel:")})
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/example/document.yaml:1:1: error: unknown key 'titel' (did you mean 'title'?)"
        in result.stderr.splitlines()
    )
    assert result.stderr.splitlines()[-1] == (
        "policypress: 2 error(s) in the content; nothing was built (fix them and run again)"
    )


def test_debug_shows_the_traceback(tmp_path: Path):
    write_content(tmp_path, {"example/document.yaml": DOCUMENT.replace("title:", "titel:")})
    result = run_cli("--debug", "build", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "ContentError" in result.stderr


def test_a_missing_content_folder_is_explained(tmp_path: Path):
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "policypress: error: the content folder 'content' does not exist (run policypress from "
        "the repository's top folder, or pass --content DIR)"
    )


@pytest.mark.parametrize(
    "args", [["bogus"], ["check", "--format", "xml"], ["build", "--only", "epub"]]
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]):
    write_content(tmp_path)
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("policypress: usage error: ")
    assert "Traceback" not in result.stderr


def test_version_and_help_on_every_command(tmp_path: Path):
    assert run_cli("--version", cwd=tmp_path).stdout.strip() == f"policypress {__version__}"
    top = run_cli("--help", cwd=tmp_path)
    assert top.returncode == 0 and "Exit codes" in top.stdout
    commands = ["check", "build"]
    for command in commands:
        assert command in top.stdout
        result = run_cli(command, "--help", cwd=tmp_path)
        assert result.returncode == 0 and f"usage: policypress {command}" in result.stdout


def test_a_failed_build_leaves_the_previous_build_untouched(tmp_path: Path):
    write_content(tmp_path)
    assert run_cli("build", cwd=tmp_path).returncode == 0
    for output in (
        "example/example.docx",
        "example/example.pdf",
        "example/changes.json",
        "site/index.html",
        "site/example/index.html",
    ):
        assert (tmp_path / "build" / output).is_file(), output
    marker = tmp_path / "build" / "example" / "kept.txt"
    marker.write_text("from the last good build")
    write_content(tmp_path, {"example/document.yaml": DOCUMENT.replace("title:", "titel:")})
    assert run_cli("build", cwd=tmp_path).returncode == 1
    assert marker.read_text() == "from the last good build"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build")] == []


def test_the_console_script_is_installed(tmp_path: Path):
    import subprocess
    import sys

    script = Path(sys.executable).parent / "policypress"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.strip() == f"policypress {__version__}"

"""Earlier versions of the content are unpacked from `git archive` safely on every Python 3.11:
with Python's "data" filter where it exists (3.11.4 and later), and with the same checks by hand
on Debian 12's Python 3.11.2, which has no filters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policypress.history import HistoryError, content_at
from tests.conftest import REPO, Git, write_content


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


DEBIAN_PYTHON = Path("/usr/bin/python3")  # Debian 12's is 3.11.2: no tarfile filters


def _debian_python_without_filters() -> bool:
    if not DEBIAN_PYTHON.exists():
        return False
    done = subprocess.run(
        [
            str(DEBIAN_PYTHON),
            "-c",
            "import sys, tarfile; "
            "sys.exit(sys.version_info[:2] != (3, 11) or hasattr(tarfile, 'data_filter'))",
        ]
    )
    return done.returncode == 0


def _content_at(python: str, content: Path, revision: str, into: Path) -> Path:
    """content_at run by this Python, or by Debian's own (with the environment's pure-Python
    packages, such as jsonschema, on its path)."""
    if python == "this Python":
        return content_at(content, revision, into)
    site = next(Path(sys.prefix, "lib").glob("python3*/site-packages"))
    code = (
        "import sys; from pathlib import Path; from policypress.history import HistoryError, "
        "content_at\ntry: print(content_at(Path(sys.argv[1]), sys.argv[2], "
        "Path(sys.argv[3])))\nexcept HistoryError as exc: print('HistoryError:', exc); "
        "sys.exit(3)\n"
    )
    done = subprocess.run(
        [str(DEBIAN_PYTHON), "-c", code, str(content), revision, str(into)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": f"{REPO / 'scripts'}{os.pathsep}{site}"},
    )
    if done.returncode == 3:
        raise HistoryError(done.stdout.split("HistoryError: ", 1)[1].strip())
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


@pytest.fixture(params=["this Python", "Debian's Python 3.11.2"])
def python(request):
    if request.param != "this Python" and not _debian_python_without_filters():
        pytest.skip("Debian's Python 3.11 without tarfile filters is not on this machine")
    return request.param


def test_an_earlier_version_unpacks_whole(tmp_path: Path, python: str):
    content = write_content(tmp_path)
    git = Git(tmp_path)
    first = git.commit("First draft")
    (content / "example" / "sections" / "one.yaml").write_text("id: one\ntitle: Changed\n", "utf-8")
    git.commit("Change the section")
    unpacked = _content_at(python, content, first, tmp_path / "old")
    expected = {name: (tmp_path / "content" / name).read_bytes() for name in _files(content)}
    expected["example/sections/one.yaml"] = git(
        "show", f"{first}:content/example/sections/one.yaml"
    ).encode()
    assert _files(unpacked) == expected


def test_a_committed_link_leading_outside_is_refused(tmp_path: Path, python: str):
    content = write_content(tmp_path)
    os.symlink("/etc/passwd", content / "example" / "secret.yaml")
    git = Git(tmp_path)
    commit = git.commit("Add a link that leads outside")
    with pytest.raises(HistoryError, match="leads outside the content folder"):
        _content_at(python, content, commit, tmp_path / "old")
    assert not (tmp_path / "old" / "content" / "example" / "secret.yaml").exists()

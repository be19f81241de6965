"""The package works without a checkout: a wheel built with `uv build`, installed in a fresh virtual
environment, builds a folder that holds only `content/` (the DOCX, the PDF and the site)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import IDENTITY, REPO, Git

UV = Path(sys.executable).parent / "uv"  # the project's own uv (a development dependency)
PACKAGE_DATA = (
    "policypress/themes/docx/reference.docx",
    "policypress/themes/pdf/policy.typ",
    "policypress/themes/site/overrides/main.html",
    "policypress/templates/site/accessibility.html",
    "policypress/themes/site/pages/assets/policypress.css",
    "policypress/templates/site/home.html",
    "policypress/templates/site/assets/versions.js",
    "policypress/schemas/document.schema.json",
)


def _run(*args: str | Path, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.mark.slow  # about 30 s: a wheel, a virtual environment, two builds
def test_an_installed_wheel_builds_a_folder_holding_only_content(tmp_path: Path):
    # Offline: uv builds and installs from its cache (warm after scripts/setup), never downloads
    # Python, and nothing from the checkout is on the path of the new environment.
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "UV_"))
    }
    env |= {"UV_PYTHON_DOWNLOADS": "never", "UV_OFFLINE": "1", "PYTHONWARNINGS": "ignore"}

    _run(UV, "build", "--wheel", "--quiet", "--out-dir", tmp_path / "dist", cwd=REPO, env=env)
    [wheel] = (tmp_path / "dist").glob("policypress-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [n for n in PACKAGE_DATA if n not in names], "package data missing from the wheel"

    # A fresh environment with only the runtime dependencies, at the locked versions (so the
    # cache has them), then the wheel: an undeclared import would fail the build below.
    venv = tmp_path / "venv"
    _run(
        UV,
        "sync",
        "--frozen",
        "--no-dev",
        "--no-install-project",
        "--quiet",
        "--python",
        sys.executable,
        cwd=REPO,
        env={**env, "UV_PROJECT_ENVIRONMENT": str(venv)},
    )
    _run(
        UV,
        "pip",
        "install",
        "--quiet",
        "--python",
        venv / "bin" / "python",
        wheel,
        cwd=tmp_path,
        env=env,
    )
    installed = _run(
        venv / "bin" / "python",
        "-c",
        "import policypress.themes as t; print(t.DEFAULTS)",
        cwd=tmp_path,
        env=env,
    )
    assert Path(installed.strip()).is_relative_to(venv), (
        "policypress was not imported from the wheel"
    )
    assert not (venv / "bin" / "pandoc").exists(), "pandoc is for the bench only"

    project = tmp_path / "council"  # only content/, in git: no mkdocs.yml, no themes/
    shutil.copytree(REPO / "tests" / "fixtures" / "code-of-conduct", project / "content")
    Git(project).commit("Add the code of conduct", "First draft.")
    build_env = {**env, **IDENTITY, "SOURCE_DATE_EPOCH": "1795000000"}
    _run(venv / "bin" / "policypress", "build", cwd=project, env=build_env)

    out = project / "build"
    docx, pdf = (
        out / "code-of-conduct" / "code-of-conduct.docx",
        out / "code-of-conduct" / "code-of-conduct.pdf",
    )
    assert zipfile.ZipFile(docx).read(
        "word/styles.xml"
    )  # a Word file, made on the wheel's template
    assert pdf.read_bytes().startswith(b"%PDF-")
    site = out / "site"
    home = (site / "index.html").read_text("utf-8")
    assert "<title>The Council policies</title>" in home  # the built-in configuration names it
    assert 'href="code-of-conduct/"' in home
    assert (site / "accessibility" / "index.html").is_file()  # the package's statement
    assert (site / "assets" / "policypress.css").read_bytes() == (
        REPO
        / "scripts"
        / "policypress"
        / "themes"
        / "site"
        / "pages"
        / "assets"
        / "policypress.css"
    ).read_bytes()

    # The same folder built from the checkout gives the same bytes: the wheel carries the same
    # templates and theme, and nothing depends on where policypress is installed.
    _run(
        sys.executable,
        "-m",
        "policypress",
        "build",
        "--out",
        "from-checkout",
        cwd=project,
        env=build_env,
    )
    for path in sorted(p for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts):
        twin = project / "from-checkout" / path.relative_to(out)
        assert twin.read_bytes() == path.read_bytes(), f"{path.relative_to(out)} differs"

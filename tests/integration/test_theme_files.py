"""The theme's files as the site engine lists them: without Material's hidden icon folders, and
with exactly the static files MkDocs copies from a plain listing."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from policypress.site import engine


def test_the_theme_copies_the_same_files_from_a_short_listing(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides" / ".hidden").mkdir(parents=True)
    (tmp_path / "overrides" / ".hidden" / "icon.svg").write_text("<svg/>")
    (tmp_path / "overrides" / "extra.js").write_text("// kept")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  custom_dir: overrides\n"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plain = config.theme.get_env()  # MkDocs's own environment, its own loader
    ours = config.theme.get_env()
    ours.loader = engine._ThemeFiles(config.theme.dirs)

    listed = ours.list_templates()
    assert "extra.js" in listed and "main.html" in listed
    assert not any(part.startswith(".") for name in listed for part in name.split("/"))
    assert len(listed) * 10 < len(plain.list_templates())  # Material's 14,000 icons left out

    copied = []
    for env in (plain, ours):
        files = Files([])
        files.add_files_from_theme(env, config)
        copied.append([(f.src_uri, os.path.normpath(f.abs_src_path or "")) for f in files])
    assert copied[0] == copied[1]
    assert ("extra.js", str(tmp_path / "overrides" / "extra.js")) in copied[1]

"""The published history names a policy team, not a git identity (issue 23): the repository's
`.mailmap`, which git reads, gives each commit author the name readers see."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, Git, run_cli, write_content

MAINTAINERS = ("Seed b84a0856 maintainers", "maintainers@users.noreply.r-seed-b84a0856.example")


def test_the_repositorys_mailmap_names_the_team_in_the_history_and_the_site(tmp_path: Path):
    write_content(tmp_path)
    (tmp_path / ".mailmap").write_bytes((REPO / ".mailmap").read_bytes())
    Git(tmp_path).commit("First draft", "The first draft.", who=MAINTAINERS)
    history = run_cli("history", "example", cwd=tmp_path)
    assert history.returncode == 0, history.stderr
    assert "The first draft. (Housing Services)" in history.stdout
    assert "maintainers" not in history.stdout
    built = run_cli(
        "build", "--only", "site", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1795000000"}
    )
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "build" / "site" / "example" / "history" / "index.html").read_text("utf-8")
    assert "(Housing Services)" in page and "maintainers" not in page

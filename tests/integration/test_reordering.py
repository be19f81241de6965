"""Bullets swapped within a list are reported, with the citations that shift (issue 24).

Readers cite bullets by position ("3.1, point 8"), so a swap moves every such citation: it is a
change, editorial when the bullets stay in the same list, and listed in the change log.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from tests.conftest import FROZEN, run_cli

DOC = "code-of-conduct"


def _swapped(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FROZEN, old)
    shutil.copytree(FROZEN, new)
    path = new / DOC / "sections" / "the-code.yaml"
    text = path.read_text("utf-8")
    first = text.index("      - id: safeguard-information")
    second = text.index("      - id: promote-equality")
    third = text.index("      - id: cultural-sensitivity")
    path.write_text(text[:first] + text[second:third] + text[first:second] + text[third:], "utf-8")
    return old, new


def test_a_bullet_swap_is_reported_with_the_citations_that_shift(tmp_path: Path):
    old, new = _swapped(tmp_path)
    result = run_cli(
        "diff", DOC, "--from-path", str(old), "--to-path", str(new), "--format", "csv", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    where, what, weight = (
        header.index(n) for n in ("Where", "What changes", "Significant or editorial")
    )
    assert {row[weight] for row in body} == {"Editorial"}, body
    moved = [row for row in body if "moved within the same list" in row[what].lower()]
    assert len(moved) == 1, body
    # the bullet that moved says where it went, and the one it swapped with is now cited anew
    assert "3.1, point 8" in moved[0][what] and "3.1, point 9" in moved[0][what], moved
    assert sorted(row[where] for row in body) == ["3.1, point 8", "3.1, point 9"], body


def test_the_json_gives_each_reason_its_kind(tmp_path: Path):
    import json

    old, new = _swapped(tmp_path)
    result = run_cli(
        "diff",
        DOC,
        "--from-path",
        str(old),
        "--to-path",
        str(new),
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert sorted(k for c in changes for k in c["reason_kinds"]) == ["renumbered", "reordered"]
    assert all(len(c["reason_kinds"]) == len(c["reasons"]) for c in changes)

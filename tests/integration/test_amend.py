"""`policypress amend`: a revised Word file becomes a change to the YAML, every id kept."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from ruamel.yaml import YAML

from policypress.build import build
from policypress.render.docx_xml import bookmark
from tests.conftest import FROZEN, REPO, Git, run_cli

SECOND = REPO / "tests" / "fixtures" / "second-document"
EPOCH = "1795000000"


def _built(fixture: Path, doc_id: str, out: Path) -> Path:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        build(fixture, out, only={"docx"})
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return out / doc_id / f"{doc_id}.docx"


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("amend-docx")
    return {
        "code-of-conduct": _built(FROZEN, "code-of-conduct", root / "a"),
        "board-code": _built(SECOND, "board-code", root / "b"),
    }


def _repo(tmp_path: Path, fixture: Path) -> Git:
    shutil.copytree(fixture, tmp_path / "content")
    git = Git(tmp_path)
    git.commit("The policy as it stands")
    return git


def _paragraph(docx, item_id: str):
    name = bookmark(item_id)
    for paragraph in docx.paragraphs:
        if any(b.get(qn("w:name")) == name for b in paragraph._p.iter(qn("w:bookmarkStart"))):
            return paragraph
    raise AssertionError(f"no paragraph carries the bookmark of {item_id}")


def _reword(paragraph, old: str, new: str) -> None:
    for t in paragraph._p.iter(qn("w:t")):
        if old in (t.text or ""):
            t.text = t.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} is not in the paragraph")


def _tracked_insertion(paragraph, text: str, author: str, date: str) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="901" w:author="{author}" w:date="{date}">'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'
        )
    )


def _parts(content: Path, doc_id: str) -> dict[str, dict]:
    """Every part of the document's YAML by id: its own texts, and the ids of its lists."""
    out: dict[str, dict] = {}

    def walk(node, parent: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                out[node["id"]] = {
                    "parent": parent,
                    **{k: v for k, v in node.items() if isinstance(v, str)},
                    **{
                        k: [c.get("id") for c in v]
                        for k, v in node.items()
                        if isinstance(v, list) and v and isinstance(v[0], dict)
                    },
                }
                parent = node["id"]
            for value in node.values():
                walk(value, parent)
        elif isinstance(node, list):
            for value in node:
                walk(value, parent)

    for path in sorted((content / doc_id / "sections").glob("*.yaml")):
        walk(YAML(typ="safe").load(path.read_text(encoding="utf-8")), "")
    return out


def _diff_json(tmp_path: Path, before: Path, doc_id: str) -> list[dict]:
    done = run_cli(
        "diff",
        doc_id,
        "--from-path",
        str(before),
        "--to-path",
        "content",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["changes"]


CASES = {
    "code-of-conduct": (
        FROZEN,
        ("aims", "encourage integrity", "promote integrity"),
        ("scope", " Agency staff are included."),
        "report-breaches",
    ),
    "board-code": (
        SECOND,
        None,
        None,
        None,
    ),
}


def test_the_default_code_edited_with_python_docx_amends_exactly_three_parts(tmp_path, docx_files):
    git = _repo(tmp_path, FROZEN)
    before = tmp_path / "before"
    shutil.copytree(tmp_path / "content", before)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    _reword(_paragraph(docx, "aims"), "encourage integrity", "promote integrity")
    _tracked_insertion(
        _paragraph(docx, "scope"),
        " Agency staff are included.",
        "Alex Owner",
        "2026-12-01T09:30:00Z",
    )
    bullet = _paragraph(docx, "report-breaches")
    bullet._p.getparent().remove(bullet._p)
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))

    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    print(done.stdout)

    old, new = _parts(before, "code-of-conduct"), _parts(tmp_path / "content", "code-of-conduct")
    assert set(old) - set(new) == {"report-breaches"}
    assert set(new) == set(old) - {"report-breaches"}
    changed = {i for i in new if new[i] != old[i]}
    assert changed == {"aims", "scope", "integrity"}  # integrity: its list lost a bullet
    assert new["aims"]["text"] == old["aims"]["text"].replace(
        "encourage integrity", "promote integrity"
    )
    assert new["scope"]["text"] == old["scope"]["text"] + " Agency staff are included."
    assert new["integrity"]["bullets"] == [
        b for b in old["integrity"]["bullets"] if b != "report-breaches"
    ]
    assert "insertion by Alex Owner on 1 December 2026" in done.stdout
    assert "Change-summary: " in done.stdout

    changes = _diff_json(tmp_path, before, "code-of-conduct")
    assert sorted(c["id"] for c in changes) == ["aims", "report-breaches", "scope"]

    # git sees only the lines of those three parts
    numstat = git("diff", "--numstat").split("\n")
    touched = {line.split("\t")[2] for line in numstat if line}
    assert touched == {
        "content/code-of-conduct/sections/introduction.yaml",
        "content/code-of-conduct/sections/implementation.yaml",
        "content/code-of-conduct/sections/the-code.yaml",
    }
    removed = git("diff", "-U0", "content/code-of-conduct/sections/the-code.yaml")
    lines = [ln for ln in removed.splitlines() if ln[:1] in "+-" and ln[1:3] not in ("++", "--")]
    assert lines == [
        "-      - id: report-breaches",
        "-        text: >-",
        "-          Report any breaches of the code to the Council and the CIH.",
    ]
    assert "??" not in git("status", "--porcelain", "--untracked-files=all", "--", "content")
    assert git("rev-list", "--count", "HEAD").strip() == "1"  # nothing was committed


@pytest.mark.parametrize("doc_id", ["code-of-conduct", "board-code"])
def test_the_docx_policypress_made_amends_nothing(tmp_path, docx_files, doc_id):
    fixture = FROZEN if doc_id == "code-of-conduct" else SECOND
    git = _repo(tmp_path, fixture)
    done = run_cli("amend", doc_id, str(docx_files[doc_id]), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nothing to amend" in done.stdout
    assert git("status", "--porcelain") == ""


def test_bad_input_is_one_located_line(tmp_path, docx_files):
    _repo(tmp_path, FROZEN)
    (tmp_path / "notes.txt").write_text("not a Word file", encoding="utf-8")
    (tmp_path / "damaged.docx").write_bytes(docx_files["code-of-conduct"].read_bytes()[:4000])
    shutil.copy2(docx_files["code-of-conduct"], tmp_path / "paper.docx")
    cases = [
        (("notes.txt",), 2, "policypress: usage error: 'notes.txt' is not a Word .docx file"),
        (("missing.docx",), 2, "policypress: usage error: the file 'missing.docx' does not exist"),
        (
            ("damaged.docx",),
            1,
            "policypress: error: damaged.docx: ",  # the Word reader's own words follow
        ),
    ]
    for (name,), code, start in cases:
        done = run_cli("amend", "code-of-conduct", name, cwd=tmp_path)
        assert done.returncode == code, done.stderr
        assert done.stderr.startswith(start), done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "Traceback" not in done.stderr
    done = run_cli("amend", "no-such-code", "paper.docx", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "policypress: error: there is no document 'no-such-code' under the content folder "
        "(documents: code-of-conduct)\n"
    )

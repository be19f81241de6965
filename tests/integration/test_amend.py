"""`policypress amend`: a revised Word file becomes a change to the YAML, every id kept."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from ruamel.yaml import YAML

from policypress.build import build
from policypress.importer.blocks import excerpt
from policypress.render.docx_xml import bookmark
from tests.conftest import FROZEN, REPO, Git, run_cli
from tests.wordfiles import council_code

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
    # a point after a removed one is listed as renumbered: a consequence, not a change of its own
    return [c for c in json.loads(done.stdout)["changes"] if c["kind"] != "renumbered"]


def _spans(path: Path, wanted: set[str]) -> list[tuple[int, int]]:
    """The 1-based lines each wanted part takes in a section file: from its `- id:` line to the
    line before the next line set in no further than its dash."""
    text = path.read_text(encoding="utf-8").split("\n")
    spans = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("id") in wanted and node.lc.line > 0:
                first, dash = node.lc.line, node.lc.col - 2
                last = first + 1
                while last < len(text) and (
                    not text[last].strip() or len(text[last]) - len(text[last].lstrip()) > dash
                ):
                    last += 1
                spans.append((first + 1, last))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(YAML(typ="rt").load("\n".join(text)))
    return spans


def _only_lines_of(git: Git, root: Path, ids: set[str]) -> None:
    """`git diff` touches no line outside the parts `ids` (in the committed files)."""
    for line in git("diff", "--numstat").splitlines():
        name = line.split("\t")[2]
        committed = root / "committed" / name
        committed.parent.mkdir(parents=True, exist_ok=True)
        committed.write_text(git("show", f"HEAD:{name}"), encoding="utf-8")
        spans = _spans(committed, ids)
        for hunk in re.findall(r"^@@ -(\d+)(?:,(\d+))? ", git("diff", "-U0", name), re.M):
            start, count = int(hunk[0]), int(hunk[1] or 1)
            lines = range(start, start + count) if count else [start]
            assert all(any(a <= n <= b + 1 for a, b in spans) for n in lines), (name, hunk, spans)


CASES = {
    "code-of-conduct": (
        FROZEN,
        ("aims", "encourage integrity", "promote and reward integrity"),
        "scope",
        "report-breaches",
        "integrity",
    ),
    "board-code": (
        SECOND,
        ("no-gifts", "more than £25", "more than £50"),
        "customer-confidentiality",
        "declare-changes",
        "declare-interests",
    ),
}


@pytest.mark.parametrize("doc_id", sorted(CASES))
def test_a_cabinet_paper_edited_with_python_docx_amends_exactly_three_parts(
    tmp_path, docx_files, doc_id
):
    fixture, (reworded, old_words, new_words), inserted, deleted, holder = CASES[doc_id]
    git = _repo(tmp_path, fixture)
    before = tmp_path / "before"
    shutil.copytree(tmp_path / "content", before)
    docx = open_docx(str(docx_files[doc_id]))
    _reword(_paragraph(docx, reworded), old_words, new_words)
    _tracked_insertion(
        _paragraph(docx, inserted),
        " Agency staff are included.",
        "Alex Owner",
        "2026-12-01T09:30:00Z",
    )
    gone = _paragraph(docx, deleted)
    gone._p.getparent().remove(gone._p)
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))

    done = run_cli("amend", doc_id, str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr

    old, new = _parts(before, doc_id), _parts(tmp_path / "content", doc_id)
    assert set(new) == set(old) - {deleted}
    assert {i for i in new if new[i] != old[i]} == {reworded, inserted, holder}
    assert new[reworded]["text"] == old[reworded]["text"].replace(old_words, new_words)
    assert new[inserted]["text"] == old[inserted]["text"] + " Agency staff are included."
    lists = [k for k, v in old[holder].items() if isinstance(v, list) and deleted in v]
    assert [new[holder][k] for k in lists] == [
        [b for b in old[holder][k] if b != deleted] for k in lists
    ]
    assert "insertion by Alex Owner on 1 December 2026" in done.stdout
    gone = " ".join(w for w in old_words.split() if w not in new_words.split())
    came = " ".join(w for w in new_words.split() if w not in old_words.split())
    assert f"wording changed: {excerpt(gone)} becomes {excerpt(came)}" in done.stdout
    assert "Change-summary: " in done.stdout

    changes = _diff_json(tmp_path, before, doc_id)
    assert sorted(c["id"] for c in changes) == sorted([reworded, inserted, deleted])
    _only_lines_of(git, tmp_path, {reworded, inserted, deleted})
    # a few words reworded change the one line they are on, when no other part is in its file
    holder_file = next(
        p
        for p in (tmp_path / "content" / doc_id / "sections").glob("*.yaml")
        if f"id: {reworded}\n" in p.read_text(encoding="utf-8")
    )
    diff = git("diff", "-U0", "--", str(holder_file.relative_to(tmp_path))).splitlines()
    if not any(f"id: {other}\n" in holder_file.read_text() for other in (inserted, holder)):
        changed = [line[0] for line in diff if line[:1] in "+-" and line[:3] not in "+++---"]
        assert changed in (["-", "+"], ["-", "+", "+"]), diff
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
    shutil.copy2(docx_files["board-code"], tmp_path / "board.docx")
    done = run_cli("amend", "code-of-conduct", "board.docx", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("policypress: error: board.docx: only ")
    assert done.stderr.endswith(
        "parts of 'code-of-conduct' are in this Word file, so it looks like another document; "
        "nothing was changed (check the DOC-ID)\n"
    )
    done = run_cli("amend", "no-such-code", "paper.docx", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "policypress: error: there is no document 'no-such-code' under the content folder "
        "(documents: code-of-conduct)\n"
    )


def _copy_after(paragraph, text: str) -> None:
    """A new paragraph like `paragraph` (its style and number), after it, holding `text`."""
    new = copy.deepcopy(paragraph._p)
    for mark in [*new.iter(qn("w:bookmarkStart")), *new.iter(qn("w:bookmarkEnd"))]:
        mark.getparent().remove(mark)
    runs = list(new.iter(qn("w:t")))
    runs[-1].text = text
    paragraph._p.addnext(new)


def test_added_parts_get_new_ids_and_moved_parts_keep_their_lines(tmp_path, docx_files):
    git = _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    _copy_after(_paragraph(docx, "exemplary-attitude"), "Treat every tenant with courtesy.")
    _copy_after(_paragraph(docx, "induction"), "We will publish the Code on our website.")
    _paragraph(docx, "highest-competence")._p.addprevious(_paragraph(docx, "insurance")._p)
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))

    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    parts = _parts(tmp_path / "content", "code-of-conduct")
    assert parts["treat-every-tenant"] == {
        "parent": "integrity",
        "id": "treat-every-tenant",
        "text": "Treat every tenant with courtesy.",
    }
    assert parts["publish-code-website"]["parent"] == "implementation"
    assert parts["implementation"]["clauses"] == [
        "scope",
        "induction",
        "publish-code-website",
        "monitoring",
        "amendments",
    ]
    assert parts["integrity"]["bullets"][:3] == [
        "honest-business",
        "exemplary-attitude",
        "treat-every-tenant",
    ]
    assert parts["competence"]["bullets"][:2] == ["insurance", "highest-competence"]
    assert "a new point under 3.1 Act with integrity and respect" in done.stdout
    assert "3.2, point 5 moved" in done.stdout
    assert "Numbered again (policypress numbers the parts by their order):" in done.stdout
    assert "(“2.3 The <insert roles / group> will be…”): 2.3 in the Word file, now 2.4" in (
        done.stdout
    )
    moved = git("diff", "-U0", "content/code-of-conduct/sections/the-code.yaml")
    insurance = [
        "      - id: insurance",
        "        text: >-",
        "          Hold the appropriate levels of insurance for the work and duties they "
        "undertake.",
    ]
    assert all(f"-{line}" in moved and f"+{line}" in moved for line in insurance)
    again = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert "nothing to amend" in again.stdout, again.stdout


def test_the_owners_own_word_copy_is_matched_by_number_and_words(tmp_path):
    """A Word file policypress did not write: imported once, then edited in the owner's copy."""
    original = council_code(tmp_path / "code.docx")
    (tmp_path / "content").mkdir()
    shutil.copy2(FROZEN / "standards.yaml", tmp_path / "content" / "standards.yaml")
    done = run_cli("import", str(original), "--id", "council-code", cwd=tmp_path)
    assert "Not imported" not in done.stdout, done.stdout
    git = Git(tmp_path)
    git.commit("Imported from Word", "Imported from the council's Word file.")
    before = tmp_path / "before"
    shutil.copytree(tmp_path / "content", before)
    old = _parts(before, "council-code")

    docx = open_docx(str(original))
    clause = next(p for p in docx.paragraphs if p.text.startswith("1.2 Staff will"))
    _reword(clause, "professional, accountable", "professional, open, accountable")
    first = next(p for p in docx.paragraphs if p.text.startswith("1.1 The Code"))
    _tracked_insertion(
        first, " It applies to agency staff too.", "Alex Owner", "2026-12-02T09:00:00Z"
    )
    gone = next(p for p in docx.paragraphs if p.text == "Safeguard confidential information.")
    gone._p.getparent().remove(gone._p)
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))

    done = run_cli("amend", "council-code", str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    new = _parts(tmp_path / "content", "council-code")
    changed = {i for i in old if new.get(i) != old[i]}
    texts = {i: old[i].get("text", "") for i in old}
    reworded = next(i for i in old if texts[i].startswith("Staff will contribute"))
    inserted = next(i for i in old if texts[i].startswith("The Code sets out"))
    deleted = next(i for i in old if texts[i] == "Safeguard confidential information.")
    assert set(new) == set(old) - {deleted}
    holder = old[deleted]["parent"]
    assert changed == {reworded, inserted, deleted, holder}
    assert new[inserted]["text"] == texts[inserted] + " It applies to agency staff too."
    assert "To confirm" in done.stdout
    assert "1.2" in done.stdout.split("To confirm", 1)[1]
    changes = _diff_json(tmp_path, before, "council-code")
    assert sorted(c["id"] for c in changes) == sorted([reworded, inserted, deleted])
    _only_lines_of(git, tmp_path, {reworded, inserted, deleted})


def test_the_cover_contents_and_summary_are_left_out_by_the_bookmarks_not_by_their_styles(
    tmp_path, docx_files
):
    """LibreOffice saves the contents and summary headings in styles of its own; an owner may
    delete the "Summary of changes" heading. Everything before the first part's bookmark is
    still left out."""
    git = _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    heading = next(p for p in docx.paragraphs if p.text == "Summary of changes")
    heading._p.getparent().remove(heading._p)
    for paragraph in docx.paragraphs:
        if paragraph.style.name == "Contents Heading":
            paragraph.style = docx.styles["Normal"]
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))
    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Not amended" not in done.stdout
    assert "Left out the cover, the contents and the summary of changes" in done.stdout
    assert "nothing to amend" in done.stdout
    assert git("status", "--porcelain", "--", "content") == ""


def _tracked_deletion(paragraph, words: str, author: str, date: str) -> None:
    """Mark `words` in the paragraph's text as deleted with Word's track changes."""
    for t in paragraph._p.iter(qn("w:t")):
        if words in (t.text or ""):
            before, after = t.text.split(words, 1)
            run = t.getparent()
            t.text = before
            t.set(qn("xml:space"), "preserve")
            run.addnext(
                parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{after}</w:t></w:r>')
            )
            run.addnext(
                parse_xml(
                    f'<w:del {nsdecls("w")} w:id="902" w:author="{author}" w:date="{date}">'
                    f'<w:r><w:delText xml:space="preserve">{words}</w:delText></w:r></w:del>'
                )
            )
            return
    raise AssertionError(f"{words!r} is not in the paragraph")


def test_deletions_comments_and_what_cannot_be_held_are_listed_never_dropped(tmp_path, docx_files):
    git = _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    _tracked_deletion(
        _paragraph(docx, "induction"),
        " Likewise, we will also ensure that an accessible copy is available to tenants.",
        "Sam Editor",
        "2026-11-30T16:00:00Z",
    )
    monitoring = _paragraph(docx, "monitoring")
    docx.add_comment(monitoring.runs[-1], "Who is this? Name the team.", author="Kim Reviewer")
    picture = _paragraph(docx, "amendments")
    picture._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:drawing/></w:r>"))
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))

    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr  # something was not amended
    out = done.stdout
    assert "2.2: wording changed" in out
    assert (
        "2.2, in “2.2 As part of a new staff member’s ind…”: deletion by Sam Editor on 30 "
        "November 2026: “Likewise, we will also ensure that an a…”"
    ) in out
    assert "2.3, in “2.3 The <insert roles / group> will be…”: Kim Reviewer on " in out
    assert "“Who is this? Name the team.”" in out
    not_amended = out.split("Not amended", 1)[1]
    assert "a picture or drawing" in not_amended
    assert "(“2.4 We may occasionally need to update…”)" in not_amended
    parts = _parts(tmp_path / "content", "code-of-conduct")
    assert parts["induction"]["text"].endswith("and have an accessible copy.")
    assert parts["monitoring"]["text"] == _parts(FROZEN, "code-of-conduct")["monitoring"]["text"]
    assert git("status", "--porcelain", "--", "content").split() == [
        "M",
        "content/code-of-conduct/sections/implementation.yaml",
    ]


def test_a_new_cover_title_and_changed_standards_are_listed_not_dropped(tmp_path, docx_files):
    git = _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    title = next(p for p in docx.paragraphs if p.style.name == "Title")
    _reword(title, "Housing Staff", "Housing Officers")
    links = next(p for p in docx.paragraphs if p.text.endswith("Integrity, Inclusive and Ethical"))
    _reword(links, "Integrity, Inclusive and Ethical", "Integrity and Ethical")
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))

    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    not_amended = done.stdout.split("Not amended", 1)[1]
    assert (
        "(“Code of Conduct for Housing Officers”): the cover now says this, but the cover is "
        "made from document.yaml; change 'title' there by hand"
    ) in not_amended
    assert (
        "content/code-of-conduct/sections/the-code.yaml:10: 3.1 Act with integrity and respect: "
        "the standards it links to changed in the Word file; change them in the YAML by hand"
    ) in not_amended
    assert "No file was changed: the rest of the Word file has the document's text." in done.stdout
    assert git("status", "--porcelain", "--", "content") == ""


@pytest.mark.parametrize(
    "words",
    [
        'Staff must: act fairly # always, and say "yes" & mean it.',
        "- not a list, {not: a map}, [not a list] *not bold*",
        "A soft\xadhyphen, a line\u2028separator and a next-line\x85mark.",
        "  Leading spaces, then a tab\tand trailing spaces.  ",
    ],
    ids=["yaml-syntax", "markdown-syntax", "odd-characters", "spaces"],
)
def test_any_wording_from_word_is_written_so_yaml_reads_it_back(tmp_path, docx_files, words):
    _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    paragraph = _paragraph(docx, "aims")
    texts = list(paragraph._p.iter(qn("w:t")))
    texts[-1].text = words
    texts[-1].set(qn("xml:space"), "preserve")
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))
    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    load = run_cli("check", cwd=tmp_path)
    if "\u2028" in words:  # written as it is; `check` then names it on its line
        assert "introduction.yaml:18:11: error: invisible character U+2028" in load.stdout
    else:
        assert load.returncode == 0, load.stdout + load.stderr
    written = _parts(tmp_path / "content", "code-of-conduct")["aims"]["text"]
    plain = re.sub(r"\\([\\`*_\[\]])", r"\1", written)  # the Word reader escapes Markdown
    assert " ".join(plain.split()) == " ".join(words.split())
    if "\u2028" not in words:  # (amend, like every command, stops at an error in the content)
        again = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
        assert "nothing to amend" in again.stdout, again.stdout


def test_a_file_with_windows_line_ends_and_a_byte_order_mark_keeps_them(tmp_path, docx_files):
    _repo(tmp_path, FROZEN)
    section = tmp_path / "content" / "code-of-conduct" / "sections" / "introduction.yaml"
    windows = b"\xef\xbb\xbf" + section.read_bytes().replace(b"\n", b"\r\n")
    section.write_bytes(windows)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    _reword(_paragraph(docx, "aims"), "encourage integrity", "promote integrity")
    _copy_after(_paragraph(docx, "aims"), "Staff can ask their manager about the Code.")
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))
    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    after = section.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in after.replace(b"\r\n", b"")  # every line still ends in \r\n
    expected = windows.replace(b"encourage integrity", b"promote integrity")
    assert after.startswith(expected[: expected.index(b"staff will contribute")])
    assert b"  - id: staff-ask-manager\r\n    text: >-\r\n" in after


def test_a_whole_point_deleted_or_inserted_with_track_changes_is_the_proposal(tmp_path, docx_files):
    """Word marks a whole paragraph's deletion or insertion on its runs and on its mark."""
    _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    gone = _paragraph(docx, "insurance")
    mark = f'<w:del {nsdecls("w")} w:id="903" w:author="Sam Editor" w:date="2026-11-29T10:00:00Z"/>'
    gone._p.get_or_add_pPr().append(parse_xml(f"<w:rPr {nsdecls('w')}>{mark}</w:rPr>"))
    for run in list(gone._p.iter(qn("w:r"))):
        wrapper = parse_xml(mark)
        run.addprevious(wrapper)
        wrapper.append(run)
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")
    _copy_after(_paragraph(docx, "seek-guidance"), "Mentor a new colleague each year.")
    added = _paragraph(docx, "seek-guidance")._p.getnext()
    for run in list(added.iter(qn("w:r"))):
        wrapper = parse_xml(
            f'<w:ins {nsdecls("w")} w:id="904" w:author="Alex Owner" '
            'w:date="2026-11-29T11:00:00Z"/>'
        )
        run.addprevious(wrapper)
        wrapper.append(run)
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))

    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    parts = _parts(tmp_path / "content", "code-of-conduct")
    assert "insurance" not in parts
    assert parts["competence"]["bullets"] == [
        "highest-competence",
        "seek-guidance",
        "mentor-new-colleague",
        "self-assess",
        "pioneer-service",
    ]
    assert "deletion by Sam Editor on 29 November 2026: “Hold the appropriate levels of" in (
        done.stdout
    )
    assert "insertion by Alex Owner on 29 November 2026: “Mentor a new colleague each year.”" in (
        done.stdout
    )


def test_a_new_heading_and_a_point_moved_to_another_list(tmp_path, docx_files):
    git = _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    _reword(_paragraph(docx, "integrity"), "integrity and respect", "integrity, respect and care")
    _paragraph(docx, "seek-guidance")._p.addnext(_paragraph(docx, "report-breaches")._p)
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))

    done = run_cli("amend", "code-of-conduct", str(revised), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    parts = _parts(tmp_path / "content", "code-of-conduct")
    assert parts["integrity"]["title"] == "Act with integrity, respect and care"
    assert "report-breaches" not in parts["integrity"]["bullets"]
    assert parts["competence"]["bullets"][:3] == [
        "highest-competence",
        "seek-guidance",
        "report-breaches",
    ]
    assert parts["report-breaches"]["text"] == (
        "Report any breaches of the code to the Council and the CIH."
    )
    assert "3.1 Act with integrity and respect: heading changed" in done.stdout
    assert "3.1, point 12 moved, now under 3.2 Maintain professional competence" in done.stdout
    diff = git("diff", "-U0").splitlines()
    moved = [line for line in diff if "report-breaches" in line or "Report any breaches" in line]
    assert sorted(moved) == sorted(
        [
            "-      - id: report-breaches",
            "-          Report any breaches of the code to the Council and the CIH.",
            "+      - id: report-breaches",
            "+          Report any breaches of the code to the Council and the CIH.",
        ]
    )


def test_another_documents_errors_do_not_stop_it_its_own_do(tmp_path, docx_files):
    _repo(tmp_path, FROZEN)
    other = tmp_path / "content" / "other-policy"
    (other / "sections").mkdir(parents=True)
    (other / "document.yaml").write_text("title: [unfinished\n", encoding="utf-8")
    done = run_cli("amend", "code-of-conduct", str(docx_files["code-of-conduct"]), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nothing to amend" in done.stdout
    own = tmp_path / "content" / "code-of-conduct" / "sections" / "introduction.yaml"
    own.write_text(own.read_text(encoding="utf-8") + "  - text: [unfinished\n", encoding="utf-8")
    done = run_cli("amend", "code-of-conduct", str(docx_files["code-of-conduct"]), cwd=tmp_path)
    assert done.returncode == 1
    assert "content/code-of-conduct/sections/introduction.yaml:" in done.stderr
    assert "other-policy" not in done.stderr
    assert done.stderr.strip().endswith("no file was changed (fix them and run again)")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_keeps_the_bookmarks_and_the_tracked_changes(tmp_path, docx_files):
    """Saved again by LibreOffice (which renames styles and rewrites the package), the edited
    paper amends the same three parts."""
    import subprocess

    _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    _reword(_paragraph(docx, "aims"), "encourage integrity", "promote integrity")
    _tracked_insertion(
        _paragraph(docx, "scope"),
        " Agency staff are included.",
        "Alex Owner",
        "2026-12-01T09:30:00Z",
    )
    gone = _paragraph(docx, "report-breaches")
    gone._p.getparent().remove(gone._p)
    docx.save(str(tmp_path / "edited.docx"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "lo"),
            str(tmp_path / "edited.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    done = run_cli("amend", "code-of-conduct", str(tmp_path / "lo" / "edited.docx"), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "To confirm" not in done.stdout and "Not amended" not in done.stdout
    assert "insertion by Alex Owner on 1 December 2026" in done.stdout
    old, new = _parts(FROZEN, "code-of-conduct"), _parts(tmp_path / "content", "code-of-conduct")
    assert {i for i in old if new.get(i) != old[i]} == {
        "aims",
        "scope",
        "report-breaches",
        "integrity",
    }


def test_a_dry_run_shows_the_changes_as_a_diff_and_writes_nothing(tmp_path, docx_files):
    git = _repo(tmp_path, FROZEN)
    docx = open_docx(str(docx_files["code-of-conduct"]))
    _reword(_paragraph(docx, "aims"), "encourage integrity", "promote integrity")
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))
    done = run_cli("amend", "code-of-conduct", str(revised), "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(
        "The files would change like this:\n"
        "--- content/code-of-conduct/sections/introduction.yaml\n"
        "+++ content/code-of-conduct/sections/introduction.yaml\n"
        "@@ -16,7 +16,7 @@\n"
        " \n"
        "   - id: aims\n"
        "     text: >-\n"
        "-      The Code is designed to encourage integrity, inclusiveness, and ethical decision "
        "making,\n"
        "+      The Code is designed to promote integrity, inclusiveness, and ethical decision "
        "making,\n"
        "       while supporting the development of skills, and the promotion of knowledge and "
        "leadership\n"
        "       among housing staff. By adhering to this Code, staff will contribute to a "
        "professional,\n"
        "       accountable and respectful housing service.\n"
        "Nothing was written (--dry-run).\n"
    )
    assert git("status", "--porcelain", "--", "content") == ""


def test_a_main_principle_and_an_appendix_text_change_the_list_of_policies_is_listed(
    tmp_path, docx_files
):
    _repo(tmp_path, SECOND)
    docx = open_docx(str(docx_files["board-code"]))
    principle = next(p for p in docx.paragraphs if p.text.startswith("Main principle"))
    _reword(principle, "residents first", "residents and staff first")
    _reword(
        next(p for p in docx.paragraphs if p.text.startswith("Each board member")),
        "every year",
        "every April",
    )
    _reword(
        next(p for p in docx.paragraphs if p.text == "Complaints Policy"),
        "Complaints Policy",
        "Complaints and Compliments Policy",
    )
    revised = tmp_path / "revised.docx"
    docx.save(str(revised))
    done = run_cli("amend", "board-code", str(revised), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    parts = _parts(tmp_path / "content", "board-code")
    assert parts["conduct"]["principle"].endswith(
        "puts the interests of residents and staff first."
    )
    assert parts["declaration"]["intro"].startswith(
        "Each board member signs this declaration every April.\n\n"
    )
    assert "A Standards of conduct: main principle changed: “and staff” added" in done.stdout
    assert "Appendix A Declaration form: introduction changed" in done.stdout
    assert (
        "the list of associated policies changed; document.yaml holds it: change "
        "'associated-policies' there by hand"
    ) in done.stdout.split("Not amended", 1)[1]

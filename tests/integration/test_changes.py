"""Change detection end to end through git, on the real Code of Conduct: five amendments after
an approval, each classified right in the JSON, the site, the cabinet DOCX and the redline."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from tests.conftest import FROZEN, IDENTITY, REPO, Git, run_cli

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}
DOC = "code-of-conduct"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "content" / DOC / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Git:
    root = tmp_path_factory.mktemp("changes")
    shutil.copytree(FROZEN, root / "content")
    git = Git(root)
    git.commit("Add the draft code", "First draft.", date="2026-01-05T10:00:00+00:00")
    edit(root, "document.yaml", "review-period: TBC", "review-period: 3 years")
    edit(root, "sections/implementation.yaml", "<insert roles / group>", "Housing Management Team")
    git.commit(
        "Fill in the placeholders",
        "Named the monitoring team and set a 3-year review.",
        date="2026-01-20T10:00:00+00:00",
    )
    git.consult(date="2026-02-01", doc=DOC)
    approved = run_cli(
        "approve", DOC, "--by", "Cabinet", "--date", "2026-03-01", cwd=root, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr
    assert "version 1.0" in approved.stdout
    edit(root, "sections/the-code.yaml", "responsible decisions.", "responsible decision.")
    git.commit(
        "Fix the grammar of a duty in 3.1",
        "Corrected 'decisions' to 'decision'.",
        date="2026-04-01T10:00:00+00:00",
    )
    edit(
        root,
        "sections/the-code.yaml",
        'cih: [Knowledgeable, Skilled]\n    lead-in: "Staff must:"',
        'cih: [Knowledgeable, Skilled]\n    lead-in: "Staff should:"',
    )
    edit(
        root,
        "sections/the-code.yaml",
        """      - id: insurance
        text: >-
          Hold the appropriate levels of insurance for the work and duties they undertake.
""",
        "",
    )
    edit(
        root,
        "sections/implementation.yaml",
        "  - id: amendments",
        """  - id: complaints
    text: >-
      Tenants can complain about a breach of this Code to the Council.

  - id: amendments""",
    )
    edit(root, "sections/implementation.yaml", "(50% or more of their", "(at least 40% of their")
    git.commit(
        "Propose changes from the 2026 review",
        "Proposed: softer competence duties, a complaints clause and a lower threshold.",
        date="2026-04-10T10:00:00+00:00",
    )
    return git


def test_each_amendment_is_classified_right(amended: Git):
    result = run_cli("diff", DOC, "--format", "json", cwd=amended.root, env=TODAY)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["from"] == f"version 1.0 ({DOC}/v1.0)"
    assert report["consultation_required"] is True
    changes = {c["id"]: c for c in report["changes"]}
    typo = changes["impartial-judgement"]
    assert (typo["kind"], typo["significance"], typo["number"]) == ("modified", "editorial", "3.1")
    assert {"op": "delete", "text": "decisions"} in typo["words"]
    weaker = changes["competence:lead-in"]
    assert weaker["significance"] == "significant"
    assert weaker["reasons"] == ["obligation weakened: 'must' → 'should'"]
    new = changes["complaints"]
    assert (new["kind"], new["significance"], new["number"], new["before"]) == (
        "added",
        "significant",
        "2.4",
        None,
    )
    gone = changes["insurance"]
    assert (gone["kind"], gone["significance"], gone["after"]) == ("removed", "significant", None)
    threshold = changes["scope"]
    assert threshold["significance"] == "significant"
    assert threshold["reasons"][0].startswith(
        "number, amount, date or time period changed: '50% or more'"
    )
    renumbered = changes["amendments"]
    assert (renumbered["kind"], renumbered["significance"], renumbered["number"]) == (
        "renumbered",
        "editorial",
        "2.5",
    )
    assert set(changes) == {
        "impartial-judgement",
        "competence:lead-in",
        "complaints",
        "insurance",
        "scope",
        "amendments",
    }


def test_approval_waits_for_consultation_then_takes_a_major_version(amended: Git):
    refused = run_cli(
        "approve", DOC, "--by", "Cabinet", "--date", "2026-05-01", cwd=amended.root, env=TODAY
    )
    assert refused.returncode == 1
    strict = run_cli("check", "--strict", cwd=amended.root, env=TODAY)
    assert strict.returncode == 1
    assert (
        "no closed tenant consultation covers the significant changes since version 1.0, "
        "approved by Cabinet on 1 March 2026 (clause 2.1; clause 2.4; 3.2, words before the "
        "list; 3.2, point 5)"
    ) in strict.stdout


def test_outputs_show_the_changes(amended: Git):
    assert run_cli("build", "--redline", cwd=amended.root, env=TODAY).returncode == 0
    out = amended.root / "build" / DOC
    assert "Tenant consultation is needed before approval" in (out / "changes.md").read_text(
        "utf-8"
    )
    assert (out / "changes.csv").read_text("utf-8").splitlines()[0] == (
        "\ufeffDocument,Changes to,Proposed version,Where,Heading,What changes,Why it matters,"
        "Significant or "
        "editorial,Consultation,Current wording,Proposed wording"
    )
    page = (amended.root / "build" / "site" / DOC / "changes" / "index.html").read_text("utf-8")
    # why it matters says what the change means for staff, not the change again
    assert (
        "(“Staff should:”): “must” becomes “should”.</strong></p><p>Important change: Staff are "
        "given more choice: this is no longer a firm duty.</p>"
    ) in html.unescape(page)
    assert '<del><span class="pp-sr">removed: </span>must</del>' in page
    cabinet = open_docx(out / f"{DOC}.docx")
    texts = [p.text for p in cabinet.paragraphs]
    assert "Summary of changes" in texts
    table = next(t for t in cabinet.tables if t.rows[0].cells[0].text == "Where")
    rows = {r.cells[0].paragraphs[0].text: r.cells[5].text for r in table.rows[1:]}
    assert rows["Clause 2.4"] == "Significant" and rows["3.1, point 4"] == "Editorial"
    redline = open_docx(out / f"{DOC}-redline.docx")
    body = redline.element.body
    deleted = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in body.iter(qn("w:del"))]
    inserted = ["".join(t.text for t in i.iter(qn("w:t"))) for i in body.iter(qn("w:ins"))]
    assert "must" in deleted and "should" in inserted
    assert (
        "Hold the appropriate levels of insurance for the work and duties they undertake."
        in deleted
    )
    assert "Tenants can complain about a breach of this Code to the Council." in inserted
    first = next(body.iter(qn("w:ins")))
    assert (
        first.get(qn("w:author")) == "Siân Öztürk"
        and first.get(qn("w:date")) == "2026-04-10T00:00:00Z"
    )


def test_a_decision_overrides_until_the_text_changes_again(amended: Git, tmp_path: Path):
    report = json.loads(
        run_cli("diff", DOC, "--format", "json", cwd=amended.root, env=TODAY).stdout
    )
    threshold = next(c for c in report["changes"] if c["id"] == "scope")
    decisions = amended.root / "content" / DOC / "decisions.yaml"
    decisions.write_text(
        f"- clause: scope\n  fingerprint: {threshold['fingerprint']}\n  decision: editorial\n"
        "  reason: The threshold was always meant to be 40%.\n  by: Policy owner\n",
        "utf-8",
    )
    try:
        again = json.loads(
            run_cli("diff", DOC, "--format", "json", cwd=amended.root, env=TODAY).stdout
        )
        scope = next(c for c in again["changes"] if c["id"] == "scope")
        assert scope["significance"] == "editorial"
        assert scope["decision"] == "The threshold was always meant to be 40%. (Policy owner)"
        edit(amended.root, "sections/implementation.yaml", "at least 40%", "at least 45%")
        check = run_cli("check", cwd=amended.root, env=TODAY)
        assert (
            "content/code-of-conduct/decisions.yaml:1:3: warning: the decision on 'scope' in "
            "code-of-conduct no longer applies" in check.stdout
        )
    finally:
        decisions.unlink()
        amended("checkout", "--", "content")


def test_diff_between_two_folders_without_git(tmp_path: Path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FROZEN, old)
    shutil.copytree(FROZEN, new)
    path = new / DOC / "sections" / "the-code.yaml"
    path.write_text(
        path.read_text("utf-8").replace("Report any breaches", "Always report any breaches"),
        "utf-8",
    )
    result = run_cli(
        "diff", DOC, "--from-path", str(old), "--to-path", str(new), "--format", "csv", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert len(rows) == 2 and rows[1].split(",", 3)[3].startswith(
        '"3.1, point 12",3.1 Act with integrity and respect,“Report” becomes “Always report”.,'
        "Something must now happen more or less often than before.,Significant,"
    )
    html = run_cli(
        "diff",
        DOC,
        "--from-path",
        str(old),
        "--to-path",
        str(new),
        "--format",
        "html",
        cwd=tmp_path,
    )
    assert '<ins><span class="pp-sr">added: </span>Always report</ins>' in html.stdout


def test_diff_on_the_project_itself_runs():
    """The live content may be edited and approved at any time: only check that diff works on it."""
    result = run_cli("diff", DOC, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Changes to "), result.stdout[:200]

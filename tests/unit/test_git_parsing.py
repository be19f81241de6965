"""The parsers of git's output, on hostile sample output: separators, newlines, control
characters and markup in every free-text field, and the writer and reader of approval tags."""

from __future__ import annotations

import subprocess

from hypothesis import given
from hypothesis import strategies as st

from policypress import gitparse

A, B, C = "a" * 40, "b" * 40, "c" * 40
NO_NUL = st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)))


def _commit(sha, parents, author, subject, trailer, files=""):
    return (
        "\0".join([sha, parents, "2026-01-05T10:00:00+00:00", author, subject, trailer, ""])
        + "\0"
        + files
    )


def test_log_with_old_separators_newlines_and_a_hash_named_file():
    out = (
        _commit(
            A,
            B,
            "Eve\x1eMallory",
            "Fix\x1e things\x1f now\x01",
            "Line one\x1e\nline two\n",
            f"\nM\0content/doc/{C}\0R100\0content/old/x.yaml\0content/new/x.yaml\0",
        )
        + _commit(B, "", "<b>Ana</b>", "{{ 7*7 }} #set", "")
        + "\0"
    )
    first, second = gitparse.parse_log(out)
    assert (first.sha, first.parents, first.author, first.subject, first.summary) == (
        A,
        (B,),
        "Eve Mallory",
        "Fix things now",
        "Line one",
    )
    assert first.files == (
        ("M", f"content/doc/{C}"),
        ("R", "content/old/x.yaml", "content/new/x.yaml"),
    )
    assert (second.parents, second.author, second.subject, second.files) == (
        (),
        "<b>Ana</b>",
        "{{ 7*7 }} #set",
        (),
    )


@given(author=NO_NUL, subject=NO_NUL, summary=NO_NUL, path=NO_NUL.filter(lambda p: p.strip("\n")))
def test_log_fields_can_hold_anything_but_nul(author, subject, summary, path):
    out = _commit(A, f"{B} {C}", author, subject, summary, f"\nA\0{path}\0") + _commit(
        B, "", "x", "y", ""
    )
    entries = gitparse.parse_log(out)
    assert [e.sha for e in entries] == [A, B]
    assert entries[0].author == gitparse.clean(author) and entries[0].subject == gitparse.clean(
        subject
    )
    assert entries[0].files == (("A", path),)
    assert all(
        not gitparse.bad_character(t)
        for t in (entries[0].author, entries[0].subject, entries[0].summary)
    )


def _ref(name, message: bytes, kind=b"tag", target_kind=b"commit"):
    return (
        b"\0".join(
            [
                b"refs/tags/" + name,
                kind,
                A.encode(),
                target_kind,
                B.encode(),
                str(len(message)).encode(),
                message,
            ]
        )
        + b"\n"
    )


def test_tags_are_read_by_length_whatever_their_message_holds():
    hostile = "Notes\x1e\x1f\n\nrefs/tags/x/v9.9\0tag\n\u00e9\u202e".encode().replace(b"\0", b"")
    out = _ref(b"notes", hostile) + _ref(b"doc/v1.0", b"") + _ref(b"light", b"", b"commit", b"")
    notes, empty, light = gitparse.parse_tags(out)
    assert (notes.name, notes.kind, notes.target_kind, notes.target, notes.message) == (
        "notes",
        "tag",
        "commit",
        B,
        hostile.decode(),
    )
    assert (empty.name, empty.message) == ("doc/v1.0", "")
    assert (light.kind, light.target_kind) == ("commit", "")


@given(st.lists(st.binary().map(lambda b: b.replace(b"\0", b"")), max_size=4))
def test_tag_messages_of_any_bytes_come_back_whole(messages):
    out = b"".join(_ref(f"t/v{n}.0".encode(), m) for n, m in enumerate(messages))
    assert [t.message for t in gitparse.parse_tags(out)] == [
        m.decode("utf-8", "replace") for m in messages
    ]


def test_tag_output_that_is_not_as_git_said_is_refused():
    broken = _ref(b"t", b"abc").replace(b"\x003\x00", b"\x009\x00")
    try:
        gitparse.parse_tags(broken)
    except gitparse.GitOutputError as exc:
        assert "not as long as git said" in str(exc)
    else:
        raise AssertionError("a wrong length was accepted")


def test_approval_trailers_only_count_in_the_trailer_block_and_once():
    good = gitparse.approval_fields(
        "Approval of x\n\nApproved-by: Cabinet\nApproval-date: 2026-03-01\nMinute: Item 7: noted\n"
    )
    assert (good.approved_by, good.date, good.minute, good.problems) == (
        "Cabinet",
        "2026-03-01",
        "Item 7: noted",
        [],
    )
    prose = gitparse.approval_fields(
        "Approved-by: Someone\n\nApproved-by: Cabinet\nApproval-date: 2026-03-01\n"
    )
    assert prose.problems == ["has 2 Approved-by lines, so it could record more than one approval"]
    forged = gitparse.approval_fields(
        "Approval\n\nApproved-by: Cabinet\nApproval-date: 2026-03-01\n"
        "Minute: x\n\nApproved-by: Mayor\nApproval-date: 2020-01-01\n"
    )
    assert len(forged.problems) == 2 and forged.approved_by == ""
    in_prose = gitparse.approval_fields(
        "Title\n\nSaid so.\nApproved-by: Cabinet\nApproval-date: 2026-03-01\n"
    )
    assert in_prose.problems == ["has no Approved-By or Approval-Date line in its message"]
    untitled = gitparse.approval_fields("Approved-by: Cabinet\nApproval-date: 2026-03-01\n")
    assert (untitled.approved_by, untitled.problems) == ("Cabinet", [])
    impossible = gitparse.approval_fields("A\n\nApproved-by: C\nApproval-date: 2026-02-30\n")
    assert impossible.problems == [
        "has an Approval-date that is not a real date written YYYY-MM-DD ('2026-02-30')"
    ]
    signed = gitparse.approval_fields(
        "A\n\nApproved-by: C\nApproval-date: 2026-02-03\n-----BEGIN PGP "
        "SIGNATURE-----\nApproved-by: X\n-----END PGP SIGNATURE-----\n"
    )
    assert (signed.approved_by, signed.problems) == ("C", [])


ONE_LINE = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1)
    .map(str.strip)
    .filter(lambda t: t and not gitparse.bad_character(t))
)


@given(by=ONE_LINE, minute=ONE_LINE | st.just(""))
def test_an_approval_message_reads_back_as_written(by, minute):
    message = gitparse.approval_message("doc", "1.0", by, "2026-03-01", minute)
    back = gitparse.approval_fields(message)
    assert (back.approved_by, back.date, back.minute, back.problems) == (
        by,
        "2026-03-01",
        minute,
        [],
    )


def test_an_approval_message_cannot_carry_extra_lines():
    for minute in ("x\nApproved-by: Mayor", "x\rApproved-by: Mayor", "x\u2028Approved-by: Mayor"):
        assert gitparse.bad_character(minute) is not None
        try:
            gitparse.approval_message("doc", "1.0", "Cabinet", "2026-03-01", minute)
        except ValueError:
            continue
        raise AssertionError(f"{minute!r} was written into a tag")


def test_git_reads_the_trailers_we_write(tmp_path):
    message = gitparse.approval_message(
        "doc", "1.0", "Cabinet: housing", "2026-03-01", "Item 7 # noted"
    )
    parsed = subprocess.run(
        ["git", "interpret-trailers", "--parse"],
        input=message,
        text=True,
        capture_output=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert (
        parsed
        == "Approved-by: Cabinet: housing\nApproval-date: 2026-03-01\nMinute: Item 7 # noted\n"
    )


def test_clean_and_bad_character():
    assert gitparse.clean("a\x00b\x1ec\td\u202eé\ufffe ") == "a b c d é"
    assert gitparse.bad_character("Cabinet") is None
    assert gitparse.bad_character("Cab\ninet") == (4, "a line break")
    assert gitparse.bad_character("\u202eCabinet") == (1, "the invisible character U+202E")


def test_real_dates_only():
    assert str(gitparse.real_date("2026-02-28")) == "2026-02-28"
    assert [
        gitparse.real_date(d) for d in ("2026-02-30", "20260228", "2026-W09-6", "٢٠٢٦-02-28", "")
    ] == [None] * 5


def test_status_paths_with_newlines_arrows_and_quotes():
    out = (
        'M  content/a/x.yaml\0?? content/b/new\nline -> "q".md\0R  '
        "content/c/new.yaml\0content/d/old.yaml\0"
    )
    assert gitparse.parse_status(out) == [
        "content/a/x.yaml",
        'content/b/new\nline -> "q".md',
        "content/c/new.yaml",
        "content/d/old.yaml",
    ]


def test_ignore_revs_with_a_bad_byte_and_a_non_hash():
    revs, problems = gitparse.parse_ignore_revs(
        b"\xef\xbb\xbf# fmt\nABCDEF12 # reflow\nab\xe9cd\nHEAD~1\n"
    )
    assert revs == ["abcdef12"]
    assert [(line, col, severity) for line, col, severity, _, _ in problems] == [
        (3, 3, "error"),
        (4, 1, "warning"),
    ]
    assert problems[0][3] == "the line is not UTF-8 text (byte 0xe9 cannot be read)"


def test_same_version_groups():
    assert gitparse.same_version(
        [
            ("d/v1.0", "1.0"),
            ("d/v01.0", "1.0"),
            ("d/v1.00", "1.0"),
            ("d/v2.0", "2.0"),
            ("d/v02.0", "2.0"),
        ]
    ) == [["d/v1.0", "d/v01.0", "d/v1.00"], ["d/v2.0", "d/v02.0"]]

"""Nothing is silently lost: every word of every text in the source appears, in order, in the
DOCX, the PDF and the site page of its document.

The source words are the model's texts in reading order (`Document.texts()`, cross-references
shown as numbers) and the section and audience headings. Each output's text is read as its
readers' tools would (python-docx, pdfminer, the page's HTML) and split into words. Each source
text must appear in the output in order, word after word, with at most a few words between two
of its words (a clause number, a page header at a page break); the texts themselves must come
in source order. A dropped, joined-away or reordered passage fails.

Run on every content folder under tests/fixtures/ (a folder holding document folders, such as
tests/fixtures/second-document) and on generated documents (hypothesis). To check another
fixture, add its folder under tests/fixtures/: it is found by itself.
"""

from __future__ import annotations

import html.parser
import os
import re
import tempfile
import textwrap
import unicodedata
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfminer.high_level import extract_text

from policypress.build import build
from policypress.load.loader import load_library
from policypress.model import Document
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures"
CONTENT_FOLDERS = sorted(
    p for p in FIXTURES.iterdir() if p.is_dir() and any(p.glob("*/document.yaml"))
)
EPOCH = "1795000000"
GAP = 40  # the most words an output may put between two words of one text (page header, numbers)


# -- words -------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case words: punctuation, quotes, dashes, soft hyphens and ligatures do not count."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.findall(r"\w+", text.lower())


def source_texts(document: Document) -> list[list[str]]:
    """Each text of the document as words, in reading order."""
    return [words(text.plain(document.numbers)) for _, text in document.texts()]


def headings(document: Document) -> list[list[str]]:
    out = []
    for section in document.all_sections():
        out.append(words(section.title))
        out += [words(group.audience) for group in section.groups]
    return out


def docx_words(path: Path) -> list[str]:
    """Body paragraphs and table cells, in document order (tabs and breaks are spaces)."""
    body = open_docx(path).element.body
    parts = []
    for element in body.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:p")):
        parts.append(element.text or "" if element.tag == qn("w:t") else " ")
    return words("".join(parts))


def pdf_words(path: Path) -> list[str]:
    return words(extract_text(str(path)))


class _Main(html.parser.HTMLParser):
    """The text of a site page's main content (the article), without scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.skip = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += tag not in ("br", "img", "hr", "input", "meta", "link", "wbr")
        if tag in ("script", "style"):
            self.skip += 1
        self.text.append(" ")

    def handle_endtag(self, tag):
        if self.depth and tag not in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1
        self.text.append(" ")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data)


def site_words(page: Path) -> list[str]:
    parser = _Main()
    parser.feed(page.read_text("utf-8"))
    found = words("".join(parser.text))
    assert found, f"no main content found in {page}"
    return found


# -- the invariant -----------------------------------------------------------------------------


def _match(text: list[str], out: list[str], start: int) -> tuple[int, int] | None:
    """(first, after last) of the first place at or after `start` where `text` appears word after
    word, with at most GAP other words between two of its words; None if it does not."""
    for first in range(start, len(out)):
        if out[first] != text[0]:
            continue
        at = first
        for word in text[1:]:
            try:
                at = out.index(word, at + 1, at + 2 + GAP)
            except ValueError:
                break
        else:
            return first, at + 1
    return None


def missing(texts: list[list[str]], out: list[str]) -> list[str]:
    """The source texts that do not appear, in order, in `out` (empty when all do)."""
    problems, position = [], 0
    for text in texts:
        if not text:
            continue
        found = _match(text, out, position)
        if found is None:
            shown = " ".join(out[max(position - 5, 0) : position + 30])
            problems.append(f"not found in order: {' '.join(text)!r} (output from here: {shown!r})")
            continue
        position = found[1]
    return problems


def assert_conserved(document: Document, outputs: dict[str, list[str]]) -> None:
    texts, titles = source_texts(document), headings(document)
    assert sum(len(t) for t in texts) > 0
    for name, out in outputs.items():
        assert not missing(texts, out), f"{name} of {document.id}:\n" + "\n".join(
            missing(texts, out)
        )
        assert not missing(titles, out), f"{name} of {document.id}:\n" + "\n".join(
            missing(titles, out)
        )


def _build(content: Path, out: Path, only: set[str] | None = None) -> None:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        build(content, out, only=only)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


# -- the fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=CONTENT_FOLDERS, ids=[p.name for p in CONTENT_FOLDERS])
def built(request, tmp_path_factory):
    content: Path = request.param
    out = tmp_path_factory.mktemp(content.name) / "build"
    _build(content, out)
    return content, out


def test_the_fixtures_include_the_default_document_and_the_second_document():
    assert {"code-of-conduct", "second-document", "bilingual"} <= {p.name for p in CONTENT_FOLDERS}


def test_every_source_word_is_in_every_output_in_order(built):
    content, out = built
    library = load_library(content, content.parent).library
    assert library.documents
    for document in library.documents:
        folder = out / document.id
        assert_conserved(
            document,
            {
                "DOCX": docx_words(folder / f"{document.id}.docx"),
                "PDF": pdf_words(folder / f"{document.id}.pdf"),
                "site page": site_words(out / "site" / document.id / "index.html"),
            },
        )
        if document.translation is not None:  # its translation's own files, in its own words
            code = document.translation.language.split("-")[0]
            assert_conserved(
                document.translation.document,
                {
                    "translated PDF": pdf_words(folder / f"{document.id}.{code}.pdf"),
                    "translated DOCX": docx_words(folder / f"{document.id}.{code}.docx"),
                    "translated site page": site_words(
                        out / "site" / code / document.id / "index.html"
                    ),
                },
            )


def test_the_check_fails_when_a_passage_is_dropped_or_moved(built):
    """The invariant is not vacuous: take a text out of an output, or swap two, and it fails."""
    content, out = built
    document = load_library(content, content.parent).library.documents[0]
    texts = [t for t in source_texts(document) if len(t) >= 4]
    output = docx_words(out / document.id / f"{document.id}.docx")
    assert not missing(texts, output)
    position = 0
    for text in texts[: len(texts) // 2]:  # where the middle text is, as the check finds it
        position = _match(text, output, position)[1]
    first, end = _match(texts[len(texts) // 2], output, position)
    assert missing(texts, output[:first] + output[end:])  # the whole passage gone
    rare = next(
        i
        for i in range(first, end)
        if output[i] in texts[len(texts) // 2] and output.count(output[i]) == 1
    )
    assert missing(texts, output[:rare] + output[rare + 1 :])  # one of its words gone
    assert missing([texts[1], texts[0], *texts[2:]], output)  # two texts in the wrong order


# -- generated documents -----------------------------------------------------------------------

WORD = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=3, max_size=8)  # no vowels: no real words
SENTENCE = st.lists(WORD, min_size=2, max_size=10).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


@st.composite
def a_list(draw, depth: int = 1) -> list[str]:
    """Markdown lines of a list, nested up to three levels."""
    ordered = draw(st.booleans())
    start = draw(st.integers(min_value=1, max_value=30))
    lines = []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        marker = f"{start + index}." if ordered else "-"
        lines.append(f"{marker} {draw(SENTENCE)}")
        if depth < 3 and draw(st.integers(min_value=0, max_value=3)) == 0:
            lines += [" " * (len(marker) + 1) + line for line in draw(a_list(depth + 1))]
    return lines


@st.composite
def a_block(draw) -> list[str]:
    kind = draw(st.sampled_from(["paragraph", "list", "quote"]))
    if kind == "paragraph":
        return textwrap.wrap(draw(PARAGRAPH), 70)
    if kind == "list":
        return draw(a_list())
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=2))
    return [line for n, p in enumerate(paragraphs) for line in ([">"] if n else []) + ["> " + p]]


@st.composite
def a_document(draw) -> tuple[str, str]:
    """(section YAML, the Markdown of every text in order) for a section using every construct."""
    intro = "\n\n".join("\n".join(b) for b in draw(st.lists(a_block(), min_size=1, max_size=5)))
    principle = "\n\n".join(draw(st.lists(PARAGRAPH, min_size=1, max_size=3)))
    bullets = draw(st.lists(SENTENCE, min_size=1, max_size=4))
    closing = "\n\n".join("\n".join(b) for b in draw(st.lists(a_block(), min_size=1, max_size=2)))
    clause = "\n\n".join("\n".join(b) for b in draw(st.lists(a_block(), min_size=1, max_size=3)))
    lead_in, audience = draw(SENTENCE), draw(WORD)

    def literal(text: str, indent: str) -> str:
        return "|\n" + "\n".join(indent + line if line else "" for line in text.split("\n"))

    folded = (
        ">-\n"
        + "\n".join(
            "  " + line if line else ""
            for p in principle.split("\n\n")
            for line in textwrap.wrap(p, 60) + [""]
        ).rstrip()
    )
    yaml = (
        f"id: one\ntitle: {draw(WORD)} {draw(WORD)}\nprinciple: {folded}\n"
        f"intro: {literal(intro, '  ')}\nlead-in: {lead_in}\nbullets:\n"
        + "".join(f"  - id: b{n}\n    text: {text}\n" for n, text in enumerate(bullets))
        + f"closing: {literal(closing, '  ')}\n"
        + f"groups:\n  - id: g\n    audience: {audience}\n    clauses:\n"
        + f"      - id: c\n        text: {literal(clause, '          ')}\n"
    )
    return yaml, "\n".join([principle, intro, lead_in, *bullets, closing, clause])


DOCUMENT_YAML = """\
title: Generated document
organisation: Example Homes
document-type: Policy
status: draft
policy-owner: Governance Team
approving-body: Board
review-period: 2 years
applies-to: Everyone.
summary: Generated.
numbering: lettered
sections:
  - sections/one.yaml
"""


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a_document())
def test_generated_documents_lose_no_word_in_the_model_or_the_docx_or_the_pdf(generated):
    section, markdown = generated
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        (content / "gen" / "sections").mkdir(parents=True)
        (content / "standards.yaml").write_text(
            (FIXTURES / "second-document" / "standards.yaml").read_text()
        )
        (content / "gen" / "document.yaml").write_text(DOCUMENT_YAML)
        (content / "gen" / "sections" / "one.yaml").write_text(section)
        document = load_library(content, Path(tmp)).library.document("gen")
        # the loader keeps every word, in order (list numbers are not words here)
        model = [w for t in source_texts(document) for w in t if not w.isdigit()]
        assert model == [w for w in words(markdown) if not w.isdigit()]
        _build(content, Path(tmp) / "build", only={"docx", "pdf"})
        folder = Path(tmp) / "build" / "gen"
        assert_conserved(
            document,
            {"DOCX": docx_words(folder / "gen.docx"), "PDF": pdf_words(folder / "gen.pdf")},
        )

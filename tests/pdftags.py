"""The text of each element of a tagged PDF's structure tree, as assistive technology reads it:
pdfminer collects the characters drawn in each marked-content sequence (by page and MCID), and
the structure tree (read with pikepdf) says which sequences belong to which element."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage


class _Marked(PDFPageAggregator):
    """Collects the characters drawn inside each marked-content sequence, by (page, MCID)."""

    def __init__(self) -> None:
        super().__init__(PDFResourceManager(), laparams=LAParams())
        self.page = 0
        self.open: list[int | None] = []
        self.chars: dict[tuple[int, int], list[str]] = {}
        self.languages: dict[tuple[int, int], str] = {}  # a sequence's own /Lang

    def begin_tag(self, tag, props=None) -> None:
        mcid = props.get("MCID") if isinstance(props, dict) else None
        lang = props.get("Lang") if isinstance(props, dict) else None
        if mcid is not None and lang is not None:
            self.languages[(self.page, mcid)] = lang.decode() if isinstance(lang, bytes) else lang
        self.open.append(mcid if mcid is not None else (self.open[-1] if self.open else None))

    def end_tag(self) -> None:
        if self.open:
            self.open.pop()

    def render_char(self, *args, **kwargs) -> float:
        width = super().render_char(*args, **kwargs)
        if self.open and self.open[-1] is not None:
            self.chars.setdefault((self.page, self.open[-1]), []).append(
                self.cur_item._objs[-1].get_text()
            )
        return width


def _kids(node) -> list:
    kids = node.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _read(path: Path) -> _Marked:
    device = _Marked()
    interpreter = PDFPageInterpreter(device.rsrcmgr, device)
    with open(path, "rb") as handle:
        for number, page in enumerate(PDFPage.get_pages(handle)):
            device.page = number
            interpreter.process_page(page)
    return device


def marked_languages(path: Path) -> list[tuple[str, str]]:
    """(language, text) of each marked-content sequence that names its own language (/Lang in
    its properties, as typst marks `text(lang: ...)`), in the order drawn."""
    device = _read(path)
    return [(lang, "".join(device.chars.get(key, []))) for key, lang in device.languages.items()]


def tagged_texts(path: Path) -> list[tuple[str, str]]:
    """(tag, text) of every structure element in reading order (a parent before its children),
    the text with its white space collapsed: ("BlockQuote", "Our vision …")."""
    device = _read(path)
    out: list[tuple[str, str]] = []
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}

        def text(node, page: int) -> str:
            if isinstance(node, int):
                return "".join(device.chars.get((page, node), []))
            if not isinstance(node, pikepdf.Dictionary):
                return ""
            page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
            if "/MCID" in node and "/S" not in node:
                return "".join(device.chars.get((page, int(node.MCID)), []))
            return "".join(text(kid, page) for kid in _kids(node))

        def walk(node, page: int) -> None:
            if not isinstance(node, pikepdf.Dictionary):
                return
            page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
            if "/S" in node:
                out.append((str(node.S)[1:], re.sub(r"\s+", " ", text(node, page)).strip()))
            for kid in _kids(node):
                walk(kid, page)

        walk(pdf.Root.StructTreeRoot, 0)
    return out


def struct_types(pdf: pikepdf.Pdf) -> dict[str, int]:
    """How many elements of each type the structure tree has, such as {"/H1": 1, "/P": 12}."""
    found: dict[str, int] = {}
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if "/S" in node:
            found[str(node.S)] = found.get(str(node.S), 0) + 1
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
    return found


def assert_pdf_ua(path: Path, language: str) -> None:
    """The PDF/UA tags every PDF has (as tests/integration/test_docx_pdf.py checks the English
    one): a marked structure tree with headings, paragraphs, lists and a table with headers,
    the title shown, the PDF/UA part in its metadata, and `language` as its language."""
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root, path.name
        assert bool(pdf.Root.MarkInfo.Marked) is True, path.name
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True, path.name
        assert str(pdf.Root.Lang) == language, path.name
        assert pdf.open_metadata().get("pdfuaid:part") == "1", path.name
        types = struct_types(pdf)
    for tag in ("/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD"):
        assert types.get(tag, 0) > 0, (path.name, tag, types)

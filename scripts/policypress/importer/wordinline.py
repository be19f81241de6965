"""What a Word paragraph holds besides plain runs, turned into text as Word shows it.

- Text boxes and shapes with text (`w:txbxContent`, inside `w:drawing` or `mc:AlternateContent`,
  whose `mc:Choice` Word 2010 and later write and whose `mc:Fallback` older readers use): their
  paragraphs, read as ordinary paragraphs after the one that holds them.
- Equations (OMML, `m:oMath`): their text on one line, with fractions as a/b, powers and indices
  as superscript and subscript characters where Unicode has them (x², H₂O) and as x^(n+1) where
  it does not, roots as √.
- Symbols (`w:sym`, or text in the Symbol font): the Unicode character the symbol font draws.
- Superscript and subscript runs: the Unicode superscript or subscript characters (m², CO₂);
  ordinal endings (1st, 2nd) as ordinary letters, which read the same.
- Strict Open XML: the same package with the ordinary (transitional) names, so it reads as any
  other Word file.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx.oxml.ns import qn

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
TEXT_BOX = qn("w:txbxContent")

SUPER = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", strict=True))
SUB = dict(zip("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", strict=True))
ORDINAL = re.compile(r"(?i)^(st|nd|rd|th|er|e|re|o|a)$")

# The Symbol font's letters (Adobe Symbol encoding); characters not listed are the same as ASCII.
_SYMBOL_LETTERS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ",
        strict=True,
    )
)
_SYMBOL_HIGH = dict(
    zip(
        range(0xA1, 0xBD),
        "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…",
        strict=True,
    )
)
_SYMBOL_HIGH.update(zip(range(0xC0, 0xE2), "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈", strict=True))
_SYMBOL_HIGH.update({0xE5: "∑", 0xF1: "〉", 0xF2: "∫"})
_SYMBOL_ASCII = {'"': "∀", "$": "∃", "'": "∋", "*": "∗", "-": "−", "@": "≅", "\\": "∴", "^": "⊥"}
_SYMBOL_ASCII["~"] = "∼"
# The few Wingdings symbols policies use as marks, by Microsoft's mapping.
_WINGDINGS = {0xFC: "✔", 0xFB: "✘", 0xFD: "☒", 0xFE: "☑", 0xA7: "▪", 0x6C: "●", 0xD8: "➢"}


def symbol_char(font: str, code: int) -> str | None:
    """The character the symbol font `font` draws for `code` (0xF000 and up: its private use
    form), or None when it has none in Unicode that policypress knows."""
    code = code - 0xF000 if code >= 0xF000 else code
    name = font.strip().lower()
    if name == "symbol":
        if code >= 0xA0:
            return _SYMBOL_HIGH.get(code)
        char = chr(code)
        return _SYMBOL_LETTERS.get(char) or _SYMBOL_ASCII.get(char) or char
    if name.startswith("wingdings"):
        return _WINGDINGS.get(code)
    return chr(code) if code >= 0x20 else None


def symbol_text(text: str) -> str:
    """Text typed in the Symbol font, as the characters it shows: "q" -> "θ"."""
    return "".join(symbol_char("Symbol", ord(c)) or c for c in text)


def script(text: str, kind: str) -> tuple[str, bool]:
    """A superscript or subscript run's text as characters that keep it, and whether it kept
    it: ("2", "superscript") -> ("²", True); ordinal endings stay letters ("st", True)."""
    table = SUPER if kind == "superscript" else SUB
    if kind == "superscript" and ORDINAL.match(text.strip()):
        return text, True
    if text and all(c in table for c in text):
        return "".join(table[c] for c in text), True
    return text, False


def run_shape(rpr) -> tuple[str, bool]:
    """(superscript, subscript or "", whether the run is in the Symbol font) of a run."""
    if rpr is None:
        return "", False
    fonts = rpr.find(qn("w:rFonts"))
    symbol = fonts is not None and (fonts.get(qn("w:ascii")) or "").lower() == "symbol"
    vertical = rpr.find(qn("w:vertAlign"))
    return (vertical.get(qn("w:val"), "") if vertical is not None else ""), symbol


def shaped(text: str, shape: tuple[str, bool], problems) -> str:
    """A run's text as Word shows it: in the Symbol font, superscript or subscript."""
    vertical, symbol_font = shape
    if symbol_font:
        text = symbol_text(text)
    if vertical in ("superscript", "subscript") and text.strip():
        text, kept = script(text, vertical)
        if not kept:
            problems.append(
                ("skipped", f"“{text}” is set as {vertical} in Word and shown as ordinary text")
            )
    return text


def piece(child, text: str, look: tuple, shape: tuple[str, bool], problems, boxes: list) -> list:
    """The segments (text, *look) of one piece of a run: its text (`text`, read by the
    caller), a symbol, a tab, a break or a hyphen. A text box's paragraphs are added to `boxes`;
    a picture, a symbol with no character and a note mark are reported in `problems`."""
    tag = child.tag
    if tag == qn("w:t"):
        return [(shaped(text, shape, problems), *look)]
    if tag == qn("w:sym"):
        font, code = child.get(qn("w:font"), ""), child.get(qn("w:char"), "")
        char = symbol_char(font, int(code, 16)) if re.fullmatch(r"[0-9A-Fa-f]{1,4}", code) else None
        if char:
            return [(char, *look)]
        problems.append(
            (
                "lost",
                f"a symbol from the {font or 'symbol'} font (code {code}) with no letter of its "
                "own (type it as a letter or in words)",
            )
        )
    elif tag == qn("w:tab"):
        return [("\t", *look)]
    elif tag in (qn("w:br"), qn("w:cr")):
        return [("\n", *look)] if child.get(qn("w:type")) in (None, "textWrapping") else []
    elif tag == qn("w:noBreakHyphen"):
        return [("-", *look)]
    elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object"), f"{MC}AlternateContent"):
        paragraphs = text_box_paragraphs(child)
        if paragraphs is not None:
            boxes += paragraphs
        else:
            problems.append(("lost", PICTURE))
    elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
        problems.append(("lost", FOOTNOTE))
    return []


PICTURE = "a picture or drawing; the source format holds text only (describe it in words)"
FOOTNOTE = "a footnote; the source format has no footnotes (move its text into the paragraph)"


# -- text boxes ----------------------------------------------------------------------------------


def text_box_paragraphs(element) -> list | None:
    """The paragraphs of the text boxes in a drawing, shape or `mc:AlternateContent` (taking the
    choice Word 2010 and later read, else the fallback), or None when it holds no text box."""
    if element.tag == f"{MC}AlternateContent":
        for branch in (f"{MC}Choice", f"{MC}Fallback"):
            found = element.find(branch)
            if found is not None:
                paragraphs = _box_paragraphs(found)
                if paragraphs is not None:
                    return paragraphs
        return None
    return _box_paragraphs(element)


def _box_paragraphs(element) -> list | None:
    boxes = [b for b in element.iter(TEXT_BOX)]
    outer = [b for b in boxes if not any(a.tag == TEXT_BOX for a in b.iterancestors())]
    if not outer:
        return None
    return [p for box in outer for p in box.findall(qn("w:p"))]


# -- equations -----------------------------------------------------------------------------------


def _group(text: str) -> str:
    return text if len(text) <= 1 or text.isalnum() else f"({text})"


def _scripted(base: str, text: str, kind: str) -> str:
    shown, kept = script(text, kind)
    if kept and shown != text:
        return base + shown
    return base + ("^" if kind == "superscript" else "_") + _group(text)


def _child(element, name: str) -> str:
    found = element.find(f"{M}{name}")
    return math_text(found) if found is not None else ""


def _property(element, props: str, name: str, default: str) -> str:
    found = element.find(f"{M}{props}/{M}{name}")
    return found.get(f"{M}val", default) if found is not None else default


def math_text(element) -> str:
    """An OMML equation (or part of one) as one line of text."""
    tag = element.tag.removeprefix(M)
    if tag == "t":
        return element.text or ""
    if tag == "f":
        return f"{_group(_child(element, 'num'))}/{_group(_child(element, 'den'))}"
    if tag == "sSup":
        return _scripted(_child(element, "e"), _child(element, "sup"), "superscript")
    if tag == "sSub":
        return _scripted(_child(element, "e"), _child(element, "sub"), "subscript")
    if tag == "sSubSup":
        base = _scripted(_child(element, "e"), _child(element, "sub"), "subscript")
        return _scripted(base, _child(element, "sup"), "superscript")
    if tag == "rad":
        degree = _child(element, "deg")
        return f"{degree}√{_group(_child(element, 'e'))}"
    if tag == "d":
        begin = _property(element, "dPr", "begChr", "(")
        end = _property(element, "dPr", "endChr", ")")
        between = _property(element, "dPr", "sepChr", "|")
        parts = [math_text(e) for e in element.findall(f"{M}e")]
        return begin + between.join(parts) + end
    if tag == "nary":
        sign = _property(element, "naryPr", "chr", "∫")
        limits = _child(element, "sub"), _child(element, "sup")
        bounds = "".join(
            f"{mark}{_group(text)}" for mark, text in zip("_^", limits, strict=True) if text
        )
        return f"{sign}{bounds} {_child(element, 'e')}".strip()
    if tag.endswith("Pr"):
        return ""
    return "".join(math_text(child) for child in element)


# -- Strict Open XML -----------------------------------------------------------------------------

STRICT = re.compile(rb"http://purl\.oclc\.org/ooxml/([A-Za-z]+)/([A-Za-z]+)")


def transitional(path: Path) -> io.BytesIO | None:
    """A file saved as Strict Open XML, with the names every Word file uses since 2007
    (`http://purl.oclc.org/ooxml/wordprocessingml/main` is
    `http://schemas.openxmlformats.org/wordprocessingml/2006/main`), or None when the file is
    not Strict. The sizes were checked before (package.check_package)."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        main = next((n for n in names if n.endswith("_rels/.rels")), "")
        if not main or b"purl.oclc.org/ooxml" not in package.read(main):
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as fixed:
            for name in names:
                data = package.read(name)
                if name.endswith((".xml", ".rels")):
                    data = STRICT.sub(rb"http://schemas.openxmlformats.org/\1/2006/\2", data)
                    data = data.replace(b'w:conformance="strict"', b"")
                fixed.writestr(name, data)
    out.seek(0)
    return out

"""The fonts the PDF is set in, and which characters they can show.

A tagged PDF (PDF/UA-1) may not contain a character its fonts have no glyph for, so typst
refuses to make one. `check` asks `unshowable()` first and names the character and its line,
instead of letting `build` fail with typst's message. Only the font files are read (their
character maps), once per process and only when a text has a character beyond Latin-1.
"""

from __future__ import annotations

import struct
import subprocess
from functools import cache
from pathlib import Path

FAMILY = "DejaVu Sans"
# The faces body text, headings, emphasis and strong text use: a character must be in all of them.
FACES = ("Book", "Bold", "Oblique", "Bold Oblique")

# Unicode's default-ignorable code points: typst shows them as nothing, so no glyph is needed.
_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_ALWAYS = frozenset("\t\n\r\u2028\u2029")


def unshowable(text: str) -> list[str]:
    """The distinct characters of `text` the PDF's fonts cannot show, in order of appearance."""
    if all(ord(c) < 0x100 for c in text):
        return []  # every font used covers Latin-1 (controls are refused before this)
    covered = _coverage()
    if covered is None:
        return []  # the fonts are not installed here: typst uses its own and says what is missing
    missing: list[str] = []
    for char in text:
        code = ord(char)
        if (
            code >= 0x100
            and code not in covered
            and char not in _ALWAYS
            and char not in missing
            and not any(low <= code <= high for low, high in _IGNORABLE)
        ):
            missing.append(char)
    return missing


@cache
def font_files(family: str = FAMILY) -> dict[str, Path]:
    """Each style of `family` ("Bold", "Book", ...) and its file, as fontconfig finds them.

    fontconfig is how the system says where its fonts are (`scripts/setup` installs it with the
    fonts), so no folder is written into the code. Empty when fontconfig or the family is missing.
    """
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{style[0]}\\t%{file}\\n", f":family={family}"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, Path] = {}
    for line in sorted(listed.splitlines()):  # sorted: the same choice on every run
        style, _, file = line.partition("\t")
        if file and style not in found:
            found[style] = Path(file)
    return found


@cache
def font_dirs() -> tuple[Path, ...]:
    """The folders holding the PDF's faces, for typst (which is told to ignore all others)."""
    files = font_files()
    return tuple(sorted({files[face].parent for face in FACES if face in files}))


@cache
def _coverage() -> frozenset[int] | None:
    files = font_files()
    paths = [files[face] for face in FACES if face in files]
    if not paths:
        return None
    sets = []
    for path in paths:
        try:
            sets.append(_cmap(path.read_bytes()))
        except (OSError, struct.error, ValueError):
            return None
    return frozenset.intersection(*sets)


def _cmap(font: bytes) -> frozenset[int]:
    """The code points a TrueType font maps to a glyph (cmap formats 4 and 12)."""
    tables = struct.unpack_from(">H", font, 4)[0]
    offset = next(
        struct.unpack_from(">I", font, 12 + 16 * i + 8)[0]
        for i in range(tables)
        if font[12 + 16 * i : 12 + 16 * i + 4] == b"cmap"
    )
    count = struct.unpack_from(">H", font, offset + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, start = struct.unpack_from(">HHI", font, offset + 4 + 8 * i)
        subtables[(platform, encoding)] = offset + start
    for key in ((3, 10), (0, 4), (0, 6)):
        if key in subtables and struct.unpack_from(">H", font, subtables[key])[0] == 12:
            return _format12(font, subtables[key])
    for key in ((3, 1), (0, 3), (0, 1), (0, 0)):
        if key in subtables and struct.unpack_from(">H", font, subtables[key])[0] == 4:
            return _format4(font, subtables[key])
    raise ValueError("no Unicode character map")


def _format12(font: bytes, at: int) -> frozenset[int]:
    groups = struct.unpack_from(">I", font, at + 12)[0]
    codes: set[int] = set()
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", font, at + 16 + 12 * i)
        codes.update(range(first + (glyph == 0), last + 1))
    return frozenset(codes)


def _format4(font: bytes, at: int) -> frozenset[int]:
    segments = struct.unpack_from(">H", font, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", font, at + 14)
    starts = struct.unpack_from(f">{segments}H", font, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", font, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", font, ranges_at)
    codes: set[int] = set()
    for i, (first, last, delta, range_offset) in enumerate(
        zip(starts, ends, deltas, range_offsets, strict=True)
    ):
        for code in range(first, last + 1):
            if code == 0xFFFF:
                continue
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = ranges_at + 2 * i + range_offset + 2 * (code - first)
                glyph = struct.unpack_from(">H", font, where)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                codes.add(code)
    return frozenset(codes)

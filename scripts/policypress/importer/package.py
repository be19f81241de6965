"""A Word file as the zip package it is: its sizes and its damage checked before python-docx
reads it.

python-docx inflates every part of the package into memory. A small file can declare parts of
gigabytes (a "zip bomb"), so the sizes the package declares are checked first, before anything
is inflated; zipfile never inflates a part beyond its declared size. Then each part is inflated
once, in pieces, so a damaged part is named instead of ending in a traceback.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from policypress.errors import PolicyPressError

# Far more than any policy needs (the Code of Conduct's file is under 1 MB unpacked), and little
# enough to hold in memory. Pictures count: a file with large photographs may need saving again
# with smaller ones ("Compress Pictures" in Word).
MAX_UNPACKED = 200 * 1024 * 1024
MAX_PARTS = 5000
_CHUNK = 1024 * 1024
_AGAIN = "open it in Word, save it again as a .docx document and import that"


def check_package(path: Path) -> None:
    """Refuse a Word file whose parts are too big or too many, or that is damaged, naming the
    part; nothing is inflated past the sizes the file declares."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            _check_sizes(path, parts)
            for part in parts:
                _inflate(path, package, part)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise PolicyPressError(
            f"{path}: cannot be read as a Word file ({exc.__class__.__name__}); "
            "save it from Word as a .docx document and try again"
        ) from None


def _check_sizes(path: Path, parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise PolicyPressError(
            f"{path}: holds {len(parts):,} parts, more than the {MAX_PARTS:,} policypress reads; "
            f"a Word document has a few dozen. {_AGAIN[0].upper()}{_AGAIN[1:]}"
        )
    total = 0
    for part in parts:
        total += part.file_size
        if total > MAX_UNPACKED:
            raise PolicyPressError(
                f"{path}: would take more than {MAX_UNPACKED // 2**20} MB once unpacked "
                f"(the part {part.filename} alone would take {_mb(part.file_size)}), more than "
                "policypress reads. If it holds large pictures, make them smaller in Word "
                "(Compress Pictures) and save it again; otherwise the file is not a real Word "
                "document"
            )


def _inflate(path: Path, package: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    try:
        with package.open(part) as stream:
            while stream.read(_CHUNK):
                pass
    except (zlib.error, zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
        why = "damaged"
        if isinstance(exc, NotImplementedError):  # before RuntimeError, its base class
            why = "packed in a way Word does not use"
        elif isinstance(exc, RuntimeError):
            why = "protected by a password"
        raise PolicyPressError(
            f"{path}: the part {part.filename} of this Word file is {why}, so it cannot be "
            f"read; {_AGAIN}"
        ) from None


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size:,} bytes"

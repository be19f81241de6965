"""The one CSV writer: every CSV policypress makes (`history --format csv`, `diff --format csv`,
`build/<doc>/changes.csv`) goes through `csv_text`, so a cell is data, never a formula.

Excel and LibreOffice run a cell that begins with `=`, `+`, `-` or `@` (also after a tab or a
carriage return) as a formula, and the consultation officer opens these files in Excel. OWASP's
rule (https://owasp.org/www-community/attacks/CSV_Injection) puts a `'` before such a cell, which
the spreadsheet takes as text. OWASP's rule wins over looks: a change such as "- 5%" reads
"'- 5%", with the quote showing, but every word is there and nothing runs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """`text` as a spreadsheet cell that cannot run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Iterable[str]]) -> str:
    """Rows as CSV text (lines end in LF; quotes as the csv module writes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()

"""What a change to who a document applies to means for its readers, in one sentence: who gains
cover and who loses it, when a threshold such as "50% or more of their working hours" says
which way. Pure: reads the old and new wording only."""

from __future__ import annotations

import re

# a sentence that says who the document covers
ABOUT_COVER = re.compile(r"\bappl(?:y|ies) to\b|\bcover(?:s|ed)?\b", re.IGNORECASE)
# "50% or more of their standard working hours": the figure, its unit, which way, and of what
THRESHOLD = re.compile(
    r"(\d+(?:\.\d+)?)\s*(%|per ?cent)?\s+or (more|over|above)\b((?: of [^).,;]+)?)", re.IGNORECASE
)
GENERAL = "It changes who must follow this document: check whether it now applies to you."


def about_cover(text: str | None) -> bool:
    """Whether `text` says who the document applies to."""
    return bool(ABOUT_COVER.search(text or ""))


def _figure(match: re.Match) -> float:
    return float(match[1])


def cover(before: str | None, after: str | None) -> str:
    """ "Staff at 40% to under 50% of their standard working hours are now covered too." when a
    lower limit falls, who is no longer covered when it rises, and the general sentence when the
    wording does not say which way."""
    old, new = THRESHOLD.search(before or ""), THRESHOLD.search(after or "")
    if not old or not new or _figure(old) == _figure(new):
        return GENERAL
    low, high = sorted((old, new), key=_figure)
    span = f"{low[1]}{low[2] or ''} to under {high[1]}{high[2] or ''}{new[4] or old[4]}"
    if _figure(new) < _figure(old):
        return f"Staff at {span} are now covered too."
    return f"Staff at {span} are no longer covered."

"""What a change to who a document applies to means for its readers, in one sentence: who gains
cover and who loses it, when a threshold such as "50% or more of their working hours" says
which way. Pure: reads the old and new wording only."""

from __future__ import annotations

import re

from policypress.i18n import N_, translator

# a sentence that says who the document covers
ABOUT_COVER = re.compile(r"\bappl(?:y|ies) to\b|\bcover(?:s|ed)?\b", re.IGNORECASE)
# "50% or more of their standard working hours": the figure, its unit, which way, and of what
THRESHOLD = re.compile(
    r"(\d+(?:\.\d+)?)\s*(%|per ?cent)?\s+or (more|over|above)\b((?: of [^).,;]+)?)", re.IGNORECASE
)
GENERAL = N_("It changes who must follow this document: check whether it now applies to you.")


def about_cover(text: str | None) -> bool:
    """Whether `text` says who the document applies to."""
    return bool(ABOUT_COVER.search(text or ""))


def _figure(match: re.Match) -> float:
    return float(match[1])


def cover(before: str | None, after: str | None, language: str = "en") -> str:
    """ "Staff at 40% to under 50% of their standard working hours are now covered too." when a
    lower limit falls, who is no longer covered when it rises, and the general sentence when the
    wording does not say which way. In another `language`, the general sentence when the wording
    names what the figure is of ("of their working hours"): those words are the original's."""
    _ = translator(language)
    old, new = THRESHOLD.search(before or ""), THRESHOLD.search(after or "")
    if not old or not new or _figure(old) == _figure(new):
        return _(GENERAL)
    of = new[4] or old[4]
    if of and _(GENERAL) != GENERAL:  # a translation: "of …" is in the original's words
        return _(GENERAL)
    low, high = sorted((old, new), key=_figure)
    span = {"low": f"{low[1]}{low[2] or ''}", "high": f"{high[1]}{high[2] or ''}", "of": of}
    if _figure(new) < _figure(old):
        return _("Staff at %(low)s to under %(high)s%(of)s are now covered too.") % span
    return _("Staff at %(low)s to under %(high)s%(of)s are no longer covered.") % span

"""The Welsh beside each English change, in words, for the change log and the cabinet paper (for
a document in two languages): whether a changed part's translation keeps up with it, and its
wording as it was and as it is (policypress/beside.py finds them).
"""

from __future__ import annotations

from policypress import describe, i18n
from policypress.beside import Beside
from policypress.translations import language_name


def named(tag: str, language: str) -> str:
    """The language of `tag` (such as cy-GB) as a sentence in `language` (the page's) names it:
    "Welsh" in English, "Cymraeg" and "Saesneg" in Welsh; the tag for one policypress does not
    name."""
    _ = i18n.translator(language)
    names = {"cy": _("Welsh"), "en": _("English")}
    return names.get(tag.split("-")[0].lower(), language_name(tag))


def state(side: Beside, change, language: str) -> str:
    """Whether the translation of one changed part keeps up with it, in one sentence in
    `language` (the page's), such as "The Welsh text was brought up to date with this
    change."."""
    _ = i18n.translator(language)
    said = {"language": named(side.language, language)}
    if side.state == "missing":
        return _("There is no %(language)s text for this part yet.") % said
    if side.state == "stale":
        return _("The %(language)s text is out of date: it does not yet follow this change.") % said
    if change.after is None:
        return _("The %(language)s text is taken out too.") % said
    if side.before == side.after:
        return _("The %(language)s text is up to date. Its words stay the same.") % said
    return _("The %(language)s text was brought up to date with this change.") % said


def labels(report, tag: str) -> tuple[str, str]:
    """The headings of the translation's wording (`tag`: its language, such as cy-GB):
    "Current Welsh wording", "Proposed Welsh wording"."""
    _ = i18n.translator(report.document.meta.language)
    language = {"language": named(tag, report.document.meta.language)}
    return (
        _("Current %(language)s wording") % language,
        _("Proposed %(language)s wording") % language,
    )


def header(report) -> list[str]:
    """The change log's columns for the translation: "Current Welsh wording", "Proposed Welsh
    wording", "Welsh text"; none for a document in one language."""
    translation = report.document.translation
    if translation is None:
        return []
    _ = i18n.translator(report.document.meta.language)
    language = {"language": named(translation.language, report.document.meta.language)}
    return [*labels(report, translation.language), _("%(language)s text") % language]


def wordings(report, change) -> tuple[str, list[tuple[str, str]]] | None:
    """One changed place's translation: whether it keeps up, and its wording to quote, each
    after its heading (as it was, then as it is when that differs); None when it has none."""
    side = report.beside.get(change.id)
    if side is None:
        return None
    current, proposed = labels(report, side.language)
    quoted = [(current, side.before)] if side.before is not None else []
    if side.after is not None and side.after != side.before and side.state != "missing":
        quoted.append((proposed, side.after))
    return state(side, change, report.document.meta.language), quoted


def cells(report, change) -> list[str]:
    """The translation's current and proposed wording of a change, and whether it keeps up
    with it, for the change log's three columns: each place's after its label, for a change
    made in several places."""
    found: list[list[str]] = [[], [], []]
    for label, part in describe.wordings(change):
        side = report.beside.get(part.id)
        if side is None:
            continue
        texts = (
            side.before or "",
            side.after or "",
            state(side, part, report.document.meta.language),
        )
        for cell, text in zip(found, texts, strict=True):
            cell.append(f"{label}: {text}" if label else text)
    return ["\n\n".join(cell) for cell in found]

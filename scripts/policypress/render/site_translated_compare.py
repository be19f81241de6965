"""The translation's comparison pages, beside the original's (render/site_versions.py):
`/cy/<doc>/compare/` and a page for each pair of editions that both have a translation. The
changes are the original's, judged on it and described as its pages describe them; each has
the translation's text beside it, as on the translation's What's changing page.
"""

from __future__ import annotations

from policypress import i18n
from policypress.beside import sides
from policypress.changes import compare as diff
from policypress.model import language_folder
from policypress.render import changes_beside, common, site_versions
from policypress.render.site_translated import Shown, TranslatedPage, alternates, back
from policypress.render.site_versions import Edition
from policypress.versions import pair_slug


def _editions(shown: Shown) -> list[Edition]:
    """What can be compared, as the original's pages have it: each approved version, then the
    proposal; each edition's document is the original's."""
    found = [Edition(v.slug, "", v.document, f"{v.slug}/") for v in shown.versions]
    if shown.proposal:
        number = shown.vc.proposed
        slug = f"proposed-{number}" if number else "proposed"
        found.append(Edition(slug, "", shown.document, "draft/"))
    return found


def _in_translation(shown: Shown, edition: Edition) -> Edition:
    """`edition` in the translation's words: its label and its translated document."""
    translation = edition.document.translation
    assert translation is not None
    language = translation.document.meta.language
    _ = i18n.translator(language)
    if edition.href == "draft/":
        label = common.short_version(shown.vc, language)
        label = label[:1].lower() + label[1:]
    else:
        label = _("version %(version)s") % {"version": edition.slug.removeprefix("v")}
    return Edition(edition.slug, label, translation.document, edition.href)


def compare_pages(shown: Shown) -> list[TranslatedPage]:
    """`/cy/<doc>/compare/` and a page for each pair of editions that both have a translation:
    the original's changes (judged on the original, with its words), each with the
    translation's text beside it. None when fewer than two editions have a translation."""
    document = shown.document
    if document.translation is None:
        return []
    editions = _editions(shown)
    chosen = [
        (old, new)
        for old, new in site_versions.pairs(editions)
        if old.document.translation is not None and new.document.translation is not None
    ]
    if not chosen:
        return []
    text = document.translation.document
    language = text.meta.language
    code = language_folder(document.translation.language)
    folder = f"{code}/{document.id}/compare/"
    _ = i18n.translator(language)
    site = _("%(organisation)s policies") % {"organisation": text.meta.organisation}
    welsh = {e.slug: _in_translation(shown, e) for e in editions if e.document.translation}
    index = site_versions.compare_index(
        text,
        list(welsh.values()),
        [(welsh[old.slug], welsh[new.slug]) for old, new in chosen],
    )
    title = site_versions.compare_name(text)
    pages: list[TranslatedPage] = [
        TranslatedPage(
            folder + "index.md",
            index,
            language,
            f"{title} \u2013 {text.meta.title}",
            alternates(document, "compare/"),
            site,
            back(document, "compare/"),
            {},
        )
    ]
    pages += [
        _pair_page(shown, editions, old, new, (welsh[old.slug], welsh[new.slug]), site)
        for old, new in chosen
    ]
    return pages


def _pair_page(
    shown: Shown,
    editions: list[Edition],
    old: Edition,
    new: Edition,
    translated: tuple[Edition, Edition],
    site: str,
) -> TranslatedPage:
    """`/cy/<doc>/compare/<old>-to-<new>/`: the original's changes from `old` to `new`, each
    with the translation's text beside it (`translated`: the two editions in its words)."""
    document = shown.document
    assert document.translation is not None
    text = document.translation.document
    language = text.meta.language
    code = language_folder(document.translation.language)
    slug = pair_slug(old.slug, new.slug)
    changes = _changes(shown, editions, old, new)
    found = sides(new.document, old.document, changes)
    beside = {
        part.id: (found[part.id], changes_beside.state(found[part.id], part, language))
        for change in changes
        for part in (change.parts or (change,))
        if part.id in found
    }
    page = site_versions.compare_page(text, *translated, changes, document.meta.language, beside)
    return TranslatedPage(
        f"{code}/{document.id}/compare/{slug}.md",
        page,
        language,
        site_versions.compare_name(text, *translated) + f" \u2013 {text.meta.title}",
        alternates(document, f"compare/{slug}/"),
        site,
        back(document, f"compare/{slug}/"),
        {},
    )


def _changes(shown: Shown, editions: list[Edition], old: Edition, new: Edition) -> list:
    """The original's changes from `old` to `new`: against the version in force, the proposal's
    are What's changing's, with the policy owner's words (one decision, one description)."""
    report = shown.report
    if shown.proposal and report is not None and editions[-2:] == [old, new]:
        return list(getattr(report, "changes", []))
    return diff(old.document, new.document)

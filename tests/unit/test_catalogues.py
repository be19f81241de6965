"""The interface words come from gettext catalogues (issue 25): the template lists every word the
code and the templates mark, and the Welsh catalogue translates each one, keeping its
placeholders."""

from __future__ import annotations

import datetime

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from policypress import i18n
from tests.conftest import REPO

PACKAGE = REPO / "scripts" / "policypress"
LOCALE = PACKAGE / "locale"


def _marked() -> set[str]:
    """Every message the code and the templates mark today, extracted as scripts/messages does."""
    with open(LOCALE / "babel.cfg", encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(PACKAGE), method_map, options_map):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalogue(path):
    with open(path, "rb") as file:
        return read_po(file, locale="cy" if "cy" in path.parts else None)


def test_the_template_lists_exactly_the_words_the_code_marks():
    listed = {m.id for m in _catalogue(LOCALE / "policypress.pot") if m.id}
    assert listed == _marked(), "run scripts/messages to extract the words again"


def test_the_welsh_catalogue_translates_every_word_and_keeps_its_placeholders():
    welsh = _catalogue(LOCALE / "cy" / "LC_MESSAGES" / "policypress.po")
    untranslated = sorted(
        m.id for m in welsh if m.id and (not m.string or m.fuzzy) and not m.obsolete
    )
    assert untranslated == [], "translate these in the Welsh catalogue"
    assert {m.id for m in welsh if m.id} >= _marked()
    assert [(m.id, errors) for m, errors in welsh.check()] == []
    same = sorted(m.id for m in welsh if m.id and m.string == m.id)
    assert same == [], "a Welsh word the same as its English is probably not translated"


def test_welsh_words_and_dates_come_from_the_catalogue_and_english_stays_as_written():
    _ = i18n.translator("cy-GB")
    assert _("Version %(version)s") % {"version": "2.0"} == "Fersiwn 2.0"
    assert i18n.translator("en-GB")("Version %(version)s") == "Version %(version)s"
    day = datetime.date(2026, 3, 3)
    assert (i18n.long_date(day, "cy-GB"), i18n.long_date(day, "en-GB")) == (
        "3 Mawrth 2026",
        "3 March 2026",
    )
    # a language policypress has no words for keeps its English words and dates
    assert i18n.translator("fr")("Contents") == "Contents"
    assert i18n.long_date(day, "fr") == "3 March 2026"

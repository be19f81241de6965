"""The words of policypress's own outputs, in the reader's language: gettext catalogues read
through Babel.

The code and the templates write every interface word in English, marked `_("...")`; that
English is the message id. `locale/policypress.pot` lists them all (`scripts/messages` extracts
it again). `locale/cy/LC_MESSAGES/policypress.po` holds the Welsh. The `.po` source is the only
copy kept in git: it is compiled in memory the first time a Welsh word is needed, so a compiled
file can never be out of step with its source.

A language with no catalogue (English) shows the English message ids.
"""

from __future__ import annotations

import datetime
import gettext
import io
from functools import cache
from importlib import resources

DOMAIN = "policypress"


def _code(language: str) -> str:
    """ "cy" for "cy-GB" or "cy": the catalogue's folder."""
    return language.split("-")[0].lower() or "en"


def _source(code: str):
    return resources.files("policypress") / "locale" / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def has_catalogue(language: str) -> bool:
    """Whether policypress writes its own words in `language` (English always does)."""
    code = _code(language)
    return code == "en" or _source(code).is_file()


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The message catalogue for `language` (a tag such as cy-GB); English when there is none."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    code = _code(language)
    if code == "en" or not has_catalogue(code):
        return gettext.NullTranslations()
    with _source(code).open("rb") as file:
        catalog = read_po(file, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def translates(language: str) -> bool:
    """Whether policypress writes its own words in `language` other than in English."""
    return _code(language) != "en" and has_catalogue(language)


def N_(message: str) -> str:
    """Marks an English message kept in a table, for `scripts/messages` to find: the code
    translates it where it is shown, `translator(language)(TABLE[key])`."""
    return message


def translator(language: str):
    """`_` for `language`: `_("Version %(version)s") % {"version": "1.0"}`."""
    return catalogue(language).gettext


def long_date(day: datetime.date, language: str = "en") -> str:
    """'1 December 2026', or in Welsh '1 Rhagfyr 2026': the form councils use. A language with no
    catalogue has its dates in English, like the rest of policypress's words."""
    code = _code(language)
    if code == "en" or not has_catalogue(code):
        return f"{day.day} {day:%B %Y}"
    from babel.dates import format_date  # Babel's CLDR data ships in the package

    return format_date(day, "d MMMM y", locale=code)

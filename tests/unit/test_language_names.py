"""A translation's language is named in the words of the page that names it: a Welsh sentence
says 'Saesneg' and 'Cymraeg', never the English word 'English'."""

from __future__ import annotations

import pytest

from policypress.beside import Beside
from policypress.render import changes_beside


@pytest.mark.parametrize(
    ("tag", "page", "said"),
    [
        ("cy-GB", "en-GB", "There is no Welsh text for this part yet."),
        ("cy-GB", "cy-GB", "Nid oes testun Cymraeg ar gyfer y rhan hon eto."),
        # a document written in Welsh, with its translation in English
        ("en-GB", "cy-GB", "Nid oes testun Saesneg ar gyfer y rhan hon eto."),
        ("en-GB", "en-GB", "There is no English text for this part yet."),
    ],
)
def test_a_missing_translation_is_named_in_the_page_language(tag: str, page: str, said: str):
    side = Beside(tag, before=None, after=None, state="missing")
    assert changes_beside.state(side, None, page) == said

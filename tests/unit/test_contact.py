"""A contact's phone number as a tel: link: digits only, whatever spacing the council typed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from policypress.load.schema import validator
from policypress.settings import Contact

PHONE = validator("site.schema.json").schema["$defs"]["contact"]["properties"]["phone"]["pattern"]


def test_tel_keeps_digits_and_an_international_plus():
    assert Contact(phone="01234 567890").tel == "01234567890"
    assert Contact(phone="+44 (0)1234 567890").tel == "+441234567890"
    assert Contact(phone="(01234) 567-890").tel == "01234567890"
    assert Contact(phone="").tel == ""


@given(st.lists(st.sampled_from("0123456789 ()-"), min_size=1, max_size=24), st.booleans())
def test_every_number_the_schema_accepts_becomes_a_link_of_digits(chars, plus):
    phone = ("+" if plus else "") + "".join(chars)
    if not re.search(PHONE, phone):
        return
    digits = sum(c.isdigit() for c in phone)
    tel = Contact(phone=phone).tel
    assert re.fullmatch(r"\+?[0-9]{1,15}", tel)
    assert tel.startswith("+") == plus
    assert 3 <= digits <= 15


def test_a_team_is_named_with_the():
    from policypress.render.common import the_team

    assert the_team("Governance Team") == "the Governance Team"
    assert the_team("Housing Services") == "the Housing Services"
    assert the_team("The Housing Team") == "The Housing Team"
    assert the_team("Housing Services Property Assets (Housing)") == (
        "Housing Services Property Assets (Housing)"
    )
    assert the_team("Jo Bloggs") == "Jo Bloggs" and the_team("") == ""

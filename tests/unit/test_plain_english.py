"""The curated plain-English pairs: a swap of one side for the other is editorial, in any sentence
and either direction, and never hides a real change made in the same edit."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policypress.changes import classify_text
from policypress.plainwords import PAIRS, PREPOSITIONS, forms

FORMS = forms()
# Ordinary words from the Code, including some that are also plain alternatives ("to", "use",
# "about", "more", "help", "before") so that a swap has to be found among look-alikes.
FILLER = (
    "staff",
    "tenants",
    "the",
    "code",
    "decisions",
    "to",
    "use",
    "about",
    "more",
    "help",
    "before",
    "and",
    "of",
    "their",
    "council",
    "work",
    "with",
    "in",
    "records",
    "housing",
    "services",
    "we",
    "they",
    "keep",
    "records",
    "open",
    "fair",
    "a",
    "team",
    "report",
)


@st.composite
def sentences(draw):
    """(before, after): a sentence of ordinary words and hard phrases, and the same sentence with
    some of the hard phrases swapped for a plain alternative of the same form."""
    before: list[str] = []
    after: list[str] = []
    swapped = 0
    for _ in range(draw(st.integers(1, 6))):
        before_words = draw(st.lists(st.sampled_from(FILLER), max_size=4))
        before += before_words
        after += before_words
        hard, plain, _, _ = draw(st.sampled_from(FORMS))
        thing = draw(st.lists(st.sampled_from(FILLER), min_size=1, max_size=3))
        before += list(hard) + thing
        if draw(st.booleans()) or not swapped:
            swapped += 1
            if "…" in plain:
                gap = plain.index("…")
                after += list(plain[:gap]) + thing + list(plain[gap + 1 :])
            else:
                after += list(plain) + thing
        else:
            after += list(hard) + thing
    tail = draw(st.lists(st.sampled_from(FILLER), max_size=3))
    before += tail
    after += tail
    return " ".join(before).capitalize() + ".", " ".join(after).capitalize() + "."


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences())
def test_only_curated_swaps_is_editorial_both_ways(pair):
    before, after = pair
    got, reasons = classify_text(before, after)
    assert got == "editorial", (before, after, reasons)
    assert any(r.startswith("plain-English wording: ") for r in reasons), reasons
    back, reasons = classify_text(after, before)
    assert back == "editorial", (after, before, reasons)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences(), st.data())
def test_a_swap_never_hides_a_negation(pair, data):
    before, after = pair
    words = after.rstrip(".").split(" ")
    at = data.draw(st.integers(1, len(words)))
    negated = (
        " ".join(words[:at] + [data.draw(st.sampled_from(["not", "never"]))] + words[at:]) + "."
    )
    got, reasons = classify_text(before, negated)
    assert got == "significant", (before, negated, reasons)
    assert any("negation" in r or "obligation" in r for r in reasons), reasons


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences(), st.integers(1, 999), st.integers(1, 999), st.data())
def test_a_swap_never_hides_a_changed_number(pair, old, new, data):
    before, after = pair
    if old == new:
        new += 1
    words_before = before.rstrip(".").split(" ")
    words_after = after.rstrip(".").split(" ")
    at = data.draw(st.integers(0, min(len(words_before), len(words_after))))
    before = " ".join(words_before[:at] + [str(old)] + words_before[at:]) + "."
    # the number goes in after the same words when it can; anywhere else is a change too
    after = " ".join(words_after[:at] + [str(new)] + words_after[at:]) + "."
    got, reasons = classify_text(before, after)
    assert got == "significant", (before, after, reasons)
    assert any("number" in r for r in reasons), reasons


def test_the_list_is_curated_and_its_forms_line_up():
    assert 40 <= len(PAIRS) <= 80
    for source, hard, plain in PAIRS:
        assert source, hard
        assert all(len(p.split("|")) == len(hard.split("|")) for p in plain), hard
    hard_words = {f[0] for f in FORMS}
    for wanted in (
        "rectify",
        "rectifies",
        "rectified",
        "ensure",
        "ensures",
        "ensured",
        "utilising",
        "commence",
        "endeavour",
        "purchase",
        "sufficient",
        "obtain",
    ):
        assert (wanted,) in hard_words, wanted
    assert ("in", "accordance", "with") in hard_words and ("prior", "to") in hard_words
    assert PREPOSITIONS["sensitivity"] == ("to",)

"""Properties of the classifier (issue 24): the same number or list written another way is
editorial; any change to the number, the list's items or its commas is significant."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policypress.wording import classify_text

WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
UNITS = ("working days", "days", "weeks", "months", "per cent of their hours")
ITEMS = ("personal", "financial", "medical", "sensitive", "confidential", "privileged", "legal")


@given(st.integers(min_value=2, max_value=20), st.sampled_from(UNITS))
def test_a_number_in_words_or_digits_is_the_same(n: int, unit: str):
    got, reasons = classify_text(f"Reply within {n} {unit}.", f"Reply within {WORDS[n]} {unit}.")
    assert got == "editorial" and reasons[0].kind == "number-form", reasons


@given(
    st.integers(min_value=2, max_value=20),
    st.integers(min_value=2, max_value=20),
    st.sampled_from(UNITS),
    st.booleans(),
)
def test_another_number_is_significant(n: int, m: int, unit: str, in_words: bool):
    if n == m:
        return
    new = WORDS[m] if in_words else str(m)
    got, reasons = classify_text(f"Reply within {n} {unit}.", f"Reply within {new} {unit}.")
    assert got == "significant" and reasons[0].kind == "number", reasons


def _list(items: list[str], commas: bool = True) -> str:
    joined = (", " if commas else " ").join(items[:-1])
    return f"Staff must protect {joined} or {items[-1]} information."


lists = st.lists(st.sampled_from(ITEMS), min_size=3, max_size=5, unique=True)


@given(lists, st.randoms(use_true_random=False))
def test_the_same_items_in_another_order_are_editorial(items: list[str], random):
    shuffled = list(items)
    random.shuffle(shuffled)
    if shuffled == items:
        return
    got, reasons = classify_text(_list(items), _list(shuffled))
    assert got == "editorial" and reasons[0].kind == "reordered", reasons


@given(lists)
def test_a_comma_taken_out_of_the_list_is_significant(items: list[str]):
    got, reasons = classify_text(_list(items), _list(items, commas=False))
    assert got == "significant" and reasons[0].kind == "punctuation", reasons


@given(lists, st.data())
def test_an_item_taken_out_is_significant(items: list[str], data):
    gone = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    fewer = items[:gone] + items[gone + 1 :]
    got, reasons = classify_text(_list(items), _list(fewer))
    assert got == "significant" and reasons[0].kind == "scope", reasons

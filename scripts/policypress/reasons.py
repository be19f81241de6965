"""Why a change is editorial or significant: one `Reason` per change of wording, of a known kind.

A `Reason` is a string (the plain words readers see, "the duty is weaker: 'must' → 'should'")
that also carries its `kind`, one of `KINDS`. Each kind says whether it makes a change
significant; `describe` can word a reason by its kind. Plain strings still work where a reason
comes from elsewhere (a policy owner's decision): `kind_of` gives "" for them.
"""

from __future__ import annotations

SIGNIFICANT = "significant"
EDITORIAL = "editorial"

# kind -> (what it makes a change, what it means in a reader's words)
KINDS: dict[str, tuple[str, str]] = {
    "duty": (SIGNIFICANT, "a word that sets a duty changes"),
    "negation": (SIGNIFICANT, "a word such as 'not' changes, which can reverse the meaning"),
    "number": (SIGNIFICANT, "a number, amount or limit changes"),
    "time": (SIGNIFICANT, "when, or by when, something must happen changes"),
    "how-often": (SIGNIFICANT, "how often, or how consistently, something must happen changes"),
    "condition": (SIGNIFICANT, "a condition changes"),
    "scope": (SIGNIFICANT, "what it covers changes"),
    "standard": (SIGNIFICANT, "the standard expected changes"),
    "entitlement": (SIGNIFICANT, "what people are entitled to changes"),
    "who": (SIGNIFICANT, "who it applies to, or who must act, changes"),
    "who-decides": (SIGNIFICANT, "who decides changes"),
    "named": (SIGNIFICANT, "a named role, body, standard or law changes"),
    "meaning": (SIGNIFICANT, "the words change and may change the meaning"),
    "punctuation": (SIGNIFICANT, "punctuation that changes the meaning"),
    "moved": (SIGNIFICANT, "moved to another heading or audience"),
    "added": (SIGNIFICANT, "new"),
    "removed": (SIGNIFICANT, "taken out"),
    "cosmetic": (EDITORIAL, "only capitals, spacing, hyphens or punctuation change"),
    "spelling": (EDITORIAL, "a spelling is corrected or changed"),
    "grammar": (EDITORIAL, "grammar is corrected"),
    "plain-words": (EDITORIAL, "plainer words with the same meaning"),
    "number-form": (EDITORIAL, "the same number written another way"),
    "abbreviation": (EDITORIAL, "an abbreviation written out, or a name shortened"),
    "voice": (EDITORIAL, "the same duty for the same people, said the other way round"),
    "reordered": (EDITORIAL, "the same words or items in another order"),
    "renumbered": (EDITORIAL, "its number changes because other items moved"),
    "merged": (EDITORIAL, "two points joined into one, with both duties kept"),
}


class Reason(str):
    """A reason in plain words, with its kind (a key of `KINDS`)."""

    kind: str

    def __new__(cls, kind: str, text: str) -> Reason:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of reason: {kind}")
        reason = super().__new__(cls, text)
        reason.kind = kind
        return reason

    def __reduce__(self):
        return (Reason, (self.kind, str(self)))

    @property
    def significant(self) -> bool:
        return KINDS[self.kind][0] == SIGNIFICANT


def kind_of(reason: str) -> str:
    """The kind of a reason, or "" for a plain string (a recorded decision)."""
    return getattr(reason, "kind", "")


def verdict(reasons: list[Reason]) -> tuple[str, list[Reason]]:
    """(significance, reasons) for a change with these reasons: significant when any reason is,
    and then only the significant reasons are given; each reason once."""
    unique = list(dict.fromkeys(reasons))
    significant = [r for r in unique if r.significant]
    if significant:
        return SIGNIFICANT, significant
    return EDITORIAL, unique

"""Why a change matters to the people a document covers ("Why it matters"), in the reader's
language: who is affected and what they must now do, not the change again, which "What
changes" already says.

Pure: reads a `changes.Change` by its fields, as `describe` does. Each sentence is a whole
message in the catalogue, so its Welsh keeps Welsh word order.
"""

from __future__ import annotations

from policypress.cover import about_cover, cover
from policypress.describe import sentence
from policypress.i18n import N_, translator
from policypress.reasons import kind_of

# by the kind of reason that found the change (reasons.KINDS)
IMPACTS = {
    "duty": N_("What staff have to do changes: read the new wording."),
    "negation": N_("The meaning may be reversed: read the new wording carefully."),
    "number": N_(
        "A figure, limit or deadline is different: anyone this covers must now work to the new one."
    ),
    "time": N_(
        "When something must happen changes: anyone this covers must now work to the new timing."
    ),
    "how-often": N_("Something must now happen more or less often than before."),
    "condition": N_("When the duty applies changes: check whether it now applies to you."),
    "scope": N_("What this covers changes: check whether it now applies to you."),
    "standard": N_("The standard staff must meet changes."),
    "entitlement": N_("What people can expect to receive changes."),
    "who": N_(
        "It changes who this applies to, or who must act: check whether it now applies to you."
    ),
    "who-decides": N_("A different person or body now decides."),
    "named": N_("Who is responsible, or the rule referred to, changes: contact the one now named."),
    "punctuation": N_("The punctuation changes the meaning: read the new wording."),
    "moved": N_(
        "It now sits under a different heading, so it may apply to different people or situations."
    ),
}
# the same, by how a reason starts, where its kind says less than its words
OPENING_IMPACTS = (
    ("obligation weakened", N_("Staff are given more choice: this is no longer a firm duty.")),
    ("obligation strengthened", N_("Staff now have to do this: it becomes a firm duty.")),
    (
        "who it applies to changed",
        N_("It changes who must follow this document: check whether it now applies to you."),
    ),
    (
        "who these provisions apply to changed",
        N_("It changes who these duties apply to: check whether they now apply to you."),
    ),
    (
        "the standards this section links to changed",
        N_("The professional standards these duties are linked to change."),
    ),
    ("how often it is reviewed changed", N_("The document is reviewed on a different timetable.")),
    ("who approves it changed", N_("A different body now approves this document.")),
)
ADDED = N_("This is new: it applies once the change is approved.")
REMOVED = N_("This no longer applies once the change is approved.")
WORDING = N_("What it asks of staff may change: read the new wording.")
SAME = N_("Nobody needs to do anything differently.")


def _impact(change, reason: str, language: str) -> str:
    """What one reason means for readers; a decision recorded by the policy owner is kept as
    written."""
    _ = translator(language)
    low = reason.lower()
    if low.startswith("recorded as editorial by"):
        return sentence(reason, language)
    if change.significance != "significant":
        return _(SAME)
    if change.kind in ("added", "removed"):
        return _(ADDED) if change.kind == "added" else _(REMOVED)
    if change.id == "meta:applies-to" or (
        kind_of(reason) == "number" and about_cover(change.before)
    ):
        return cover(change.before, change.after, language)
    found = next((impact for start, impact in OPENING_IMPACTS if low.startswith(start)), "")
    return _(found or IMPACTS.get(kind_of(reason), WORDING))


def why(change, language: str = "en") -> str:
    """Why a change matters to the people the document covers: who is affected and what they
    must now do, in sentences, once each (for a change made in several places, theirs too)."""
    parts = change.parts or (change,)
    found = [_impact(p, r, language) for p in parts for r in (p.reasons or ("",))]
    if change.significance == "significant":  # a significant part says more than "the same"
        same = translator(language)(SAME)
        found = [f for f in found if f != same] or found
    return " ".join(dict.fromkeys(found))

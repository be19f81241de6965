"""Curated word lists for plain English: same-meaning pairs and the usual preposition after a word.

Data only, used twice: `changes` treats a swap between a pair's two sides (either way) as an
editorial change, and `validate` advises the plain side where the text uses the hard one.

Each pair is (source, hard forms, plain alternatives). Forms are separated by `|` and line up:
the n-th hard form means the n-th form of each alternative ("ensured" ↔ "made sure", never
"make sure"), so a change of tense or number is never taken for a plain-English swap. `…` in an
alternative stands for one to three words placed inside it ("put them right").

Only pairs whose two sides mean the same in a policy's sentences are listed: words with another
common meaning ("provide", "permit", "state", "objective") are left out on purpose.
"""

from __future__ import annotations

PEC = "Plain English Campaign, A to Z of alternative words"
GOVUK = "GOV.UK style guide, plain English: words to avoid"

PAIRS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        PEC,
        "rectify|rectifies|rectified|rectifying",
        (
            "put … right|puts … right|put … right|putting … right",
            "correct|corrects|corrected|correcting",
        ),
    ),
    (PEC, "in accordance with", ("in line with",)),
    (PEC, "ensure|ensures|ensured|ensuring", ("make sure|makes sure|made sure|making sure",)),
    (
        PEC,
        "commence|commences|commenced|commencing",
        ("start|starts|started|starting", "begin|begins|began|beginning"),
    ),
    (PEC, "commencement", ("start",)),
    (GOVUK, "utilise|utilises|utilised|utilising", ("use|uses|used|using",)),
    (GOVUK, "utilisation", ("use",)),
    (PEC, "prior to", ("before",)),
    (PEC, "in order to", ("to",)),
    (PEC, "so as to", ("to",)),
    (
        PEC,
        "terminate|terminates|terminated|terminating",
        ("end|ends|ended|ending", "stop|stops|stopped|stopping"),
    ),
    (PEC, "endeavour|endeavours|endeavoured|endeavouring", ("try|tries|tried|trying",)),
    (PEC, "attempt|attempts|attempted|attempting", ("try|tries|tried|trying",)),
    (PEC, "purchase|purchases|purchased|purchasing", ("buy|buys|bought|buying",)),
    (PEC, "assist|assists|assisted|assisting", ("help|helps|helped|helping",)),
    (PEC, "assistance", ("help",)),
    (GOVUK, "facilitate|facilitates|facilitated|facilitating", ("help|helps|helped|helping",)),
    (PEC, "require|requires|required|requiring", ("need|needs|needed|needing",)),
    (PEC, "necessitate|necessitates|necessitated|necessitating", ("need|needs|needed|needing",)),
    (PEC, "sufficient", ("enough",)),
    (PEC, "additional", ("extra", "more")),
    (PEC, "obtain|obtains|obtained|obtaining", ("get|gets|got|getting",)),
    (PEC, "regarding", ("about",)),
    (PEC, "with regard to", ("about",)),
    (PEC, "in relation to", ("about",)),
    (PEC, "in respect of", ("about",)),
    (PEC, "in the event that", ("if",)),
    (PEC, "notwithstanding", ("despite", "in spite of")),
    (PEC, "demonstrate|demonstrates|demonstrated|demonstrating", ("show|shows|showed|showing",)),
    (
        PEC,
        "implement|implements|implemented|implementing",
        ("carry … out|carries … out|carried … out|carrying … out",),
    ),
    (
        PEC,
        "undertake|undertakes|undertook|undertaking",
        ("carry … out|carries … out|carried … out|carrying … out",),
    ),
    (
        PEC,
        "anticipate|anticipates|anticipated|anticipating",
        ("expect|expects|expected|expecting",),
    ),
    (PEC, "approximately", ("about",)),
    (PEC, "subsequently", ("later",)),
    (PEC, "subsequent to", ("after",)),
    (PEC, "modify|modifies|modified|modifying", ("change|changes|changed|changing",)),
    (PEC, "retain|retains|retained|retaining", ("keep|keeps|kept|keeping",)),
    (PEC, "reside|resides|resided|residing", ("live|lives|lived|living",)),
    (PEC, "dwelling|dwellings", ("home|homes",)),
    (PEC, "remuneration", ("pay",)),
    (PEC, "expenditure", ("spending",)),
    (PEC, "finalise|finalises|finalised|finalising", ("finish|finishes|finished|finishing",)),
    (GOVUK, "initiate|initiates|initiated|initiating", ("start|starts|started|starting",)),
    (
        PEC,
        "ascertain|ascertains|ascertained|ascertaining",
        ("find out|finds out|found out|finding out",),
    ),
    (PEC, "enquire|enquires|enquired|enquiring", ("ask|asks|asked|asking",)),
    (PEC, "possess|possesses|possessed|possessing", ("have|has|had|having",)),
    (PEC, "personnel", ("staff",)),
    (PEC, "remainder", ("rest",)),
    (PEC, "particulars", ("details",)),
    (PEC, "adjacent to", ("next to",)),
    (PEC, "in excess of", ("more than",)),
    (PEC, "per annum", ("a year",)),
    (PEC, "in lieu of", ("instead of",)),
    (PEC, "in conjunction with", ("together with",)),
    (PEC, "due to the fact that", ("because",)),
    (PEC, "in the vicinity of", ("near",)),
    (PEC, "numerous", ("many",)),
    (PEC, "whilst", ("while",)),
    (PEC, "amongst", ("among",)),
    (
        PEC,
        "comply with|complies with|complied with|complying with",
        ("keep to|keeps to|kept to|keeping to",),
    ),
    (PEC, "at this point in time", ("now",)),
)

OPC = "Office of the Parliamentary Counsel, drafting guidance (shall, may)"
REVIEWED = "reviewed for legal meaning by the policy team (issue 24)"

# Pairs that mean the same in a policy's sentences but are not advice to write one over the
# other: a change between them is editorial, and the readability check never suggests them.
# Each was read for legal meaning: "may" ↔ "might" is the same permission, "must" ↔ "should" is
# not (and is not here); "unlawful" ↔ "illegal" is not (unlawful is wider); "where" ↔ "if" only
# as a condition, which is how policies use "where" before a clause. "any" ↔ "every" is not:
# after "not" or "if" they differ ("not any gift", "not every gift"); "each" ↔ "every" is.
# "maintain" ↔ "keep" is not: to maintain a home is to repair it.
SAME: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (OPC, "may", ("might",)),
    (OPC, "shall", ("must",)),
    (OPC, "where", ("if",)),
    (REVIEWED, "every", ("each",)),
    (REVIEWED, "any", ("a", "an")),
    (REVIEWED, "nobody", ("no one",)),
    (REVIEWED, "more than", ("over",)),
    (REVIEWED, "less favourably", ("worse",)),
    (REVIEWED, "always", ("at all times",)),
    (REVIEWED, "adverse", ("negative",)),
    (REVIEWED, "broader", ("wider",)),
    (REVIEWED, "among", ("amongst",)),
    (REVIEWED, "disclose|discloses|disclosed|disclosing", ("declare|declares|declared|declaring",)),
    (GOVUK, "align with", ("are in line with",)),
    (GOVUK, "as required", ("when needed", "if needed", "as needed")),
    (PEC, "as a result of", ("because of",)),
    (
        PEC,
        "safeguard|safeguards|safeguarded|safeguarding",
        ("protect|protects|protected|protecting",),
    ),
    (PEC, "strive|strives|strove|striving", ("try|tries|tried|trying",)),
    (PEC, "pursue|pursues|pursued|pursuing", ("look for|looks for|looked for|looking for",)),
    (PEC, "enhance|enhances|enhanced|enhancing", ("improve|improves|improved|improving",)),
    (
        PEC,
        "undertake|undertakes|undertook|undertaking",
        ("carry out|carries out|carried out|carrying out",),
    ),
    (
        PEC,
        "implement|implements|implemented|implementing",
        ("carry out|carries out|carried out|carrying out",),
    ),
    (
        PEC,
        "consider|considers|considered|considering",
        ("take into account|takes into account|taken into account|taking into account",),
    ),
    (PEC, "adhere to|adheres to|adhered to|adhering to", ("keep to|keeps to|kept to|keeping to",)),
    (
        PEC,
        "maintain|maintains|maintained|maintaining",
        ("keep up|keeps up|kept up|keeping up",),
    ),
    (
        PEC,
        "deal with|deals with|dealt with|dealing with",
        ("handle|handles|handled|handling",),
    ),
    (PEC, "in addition", ("also",)),
    (PEC, "in the event of", ("if there is",)),
    (PEC, "forthwith", ("now", "at once")),
    (PEC, "inform|informs|informed|informing", ("tell|tells|told|telling",)),
    (PEC, "request|requests|requested|requesting", ("ask for|asks for|asked for|asking for",)),
    (PEC, "locate|locates|located|locating", ("find|finds|found|finding",)),
    (PEC, "indicate|indicates|indicated|indicating", ("show|shows|showed|showing",)),
    (PEC, "despatch|despatches|despatched|despatching", ("send|sends|sent|sending",)),
    (PEC, "consequently", ("so",)),
    (PEC, "therefore", ("so",)),
    (PEC, "frequently", ("often",)),
    (PEC, "principal", ("main",)),
    (PEC, "in the course of", ("during", "while")),
    (PEC, "with effect from", ("from",)),
    (PEC, "in accordance with", ("under",)),
    (PEC, "persons", ("people",)),
    (PEC, "individuals", ("people",)),
    (PEC, "receive|receives|received|receiving", ("get|gets|got|getting",)),
    (PEC, "acquire|acquires|acquired|acquiring", ("get|gets|got|getting",)),
    (PEC, "concerning", ("about",)),
    (PEC, "on behalf of", ("for",)),
    (PEC, "in the near future", ("soon",)),
    (PEC, "at the present time", ("now",)),
    (PEC, "whether or not", ("whether",)),
)

# Forms that are also nouns ("any attempt to", "a purchase", "this endeavour"), where the plain
# word would not fit: the readability check does not suggest replacing them. A swap is still
# editorial: "attempt to resolve it" → "try to resolve it".
NOT_ADVISED = frozenset({"attempt", "attempts", "purchase", "purchases", "endeavour", "endeavours"})

# The preposition a word takes in standard English, from the Oxford and Cambridge learner's
# dictionaries. Swapping one preposition after the same word is a correction only when the new
# one is listed for that word and the old one is not: "sensitivity for" → "sensitivity to".
# Words that take several prepositions with different meanings ("responsible for" and
# "responsible to") list them all, so a swap between them stays significant.
PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "sensitivity": ("to",),
    "sensitive": ("to",),
    "insensitive": ("to",),
    "commitment": ("to",),
    "committed": ("to",),
    "dedication": ("to",),
    "dedicated": ("to",),
    "accordance": ("with",),
    "compliance": ("with",),
    "compliant": ("with",),
    "comply": ("with",),
    "consistent": ("with",),
    "aligned": ("with",),
    "alignment": ("with",),
    "familiar": ("with",),
    "adherence": ("to",),
    "adhere": ("to",),
    "conducive": ("to",),
    "contribution": ("to",),
    "contribute": ("to",),
    "relevant": ("to",),
    "similar": ("to",),
    "opposed": ("to",),
    "approach": ("to",),
    "reference": ("to",),
    "resistant": ("to",),
    "prior": ("to",),
    "respect": ("for",),
    "regard": ("for", "to"),
    "responsible": ("for", "to"),
    "responsibility": ("for", "to"),
    "accountable": ("for", "to"),
    "suitable": ("for",),
    "eligible": ("for",),
    "empathy": ("for", "with"),
    "aware": ("of",),
    "awareness": ("of",),
    "capable": ("of",),
    "tolerant": ("of",),
    "tolerance": ("of",),
    "knowledge": ("of",),
    "proud": ("of",),
    "ownership": ("of",),
    "interest": ("in",),
    "interested": ("in",),
    "participate": ("in",),
    "participation": ("in",),
    "pride": ("in",),
    "confidence": ("in",),
    "impact": ("on",),
    "focus": ("on",),
    "emphasis": ("on",),
    "reliance": ("on",),
    "dependent": ("on",),
    "based": ("on",),
    "insist": ("on",),
    "expert": ("in", "on"),
    "skilled": ("in", "at"),
}
PREPOSITION_WORDS = frozenset({"for", "to", "of", "on", "in", "at", "with"})


def forms(
    pairs: tuple[tuple[str, str, tuple[str, ...]], ...] = PAIRS,
) -> list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]]:
    """Every aligned form: (hard words, one plain alternative's words with '…' for a gap,
    all the alternatives as written for that form, source), longest hard form first. Of the
    advice pairs unless `pairs` says otherwise (`PAIRS + SAME`: every same-meaning pair)."""
    out = []
    for source, hard, plain in pairs:
        hard_forms = hard.split("|")
        alternatives = [p.split("|") for p in plain]
        for n, form in enumerate(hard_forms):
            written = tuple(a[n].replace(" … ", " ") for a in alternatives)
            for alternative in alternatives:
                out.append((tuple(form.split()), tuple(alternative[n].split()), written, source))
    return sorted(out, key=lambda f: -len(f[0]))

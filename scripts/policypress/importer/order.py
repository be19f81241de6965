"""A written section's keys in the order a policy owner reads them: its heading, its prose, then
its clauses, groups and subsections (and a clause's text before its items)."""

from __future__ import annotations

SECTION_ORDER = (
    "id",
    "title",
    "unnumbered",
    "start",
    "kind",
    "items",
    "standards",
    "principle",
    "intro",
    "lead-in",
    "bullets",
    "numbered",
    "closing",
    "clauses",
    "groups",
    "sections",
)
CLAUSE_ORDER = ("id", "text", "items", "bullets", "numbered", "closing")


def ordered(node: dict, order: tuple[str, ...] = SECTION_ORDER) -> dict:
    """A section or clause with its keys in the order a policy owner reads them."""
    out = {key: node[key] for key in order if key in node}
    for key in ("clauses",):
        if key in out:
            out[key] = [ordered(c, CLAUSE_ORDER) for c in out[key]]
    if "groups" in out:
        out["groups"] = [
            {**g, "clauses": [ordered(c, CLAUSE_ORDER) for c in g["clauses"]]}
            for g in out["groups"]
        ]
    if "sections" in out:
        out["sections"] = [ordered(s) for s in out["sections"]]
    return out

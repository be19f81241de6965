"""Where a part that kept its words now sits: moved to another heading or audience (which may
change whom it applies to), moved within its list (with the citations that now point
elsewhere), or renumbered because other parts came or went. changes.py calls `position_of`."""

from __future__ import annotations

from difflib import SequenceMatcher

from policypress.comparable import Item
from policypress.reasons import Reason


def place(parent: Item | None) -> str:
    """Where an item sits, as a reader finds it: "3.1 Staff members", "clause 2.4"."""
    if parent is None:
        return "the top level"
    if parent.kind in ("section", "group"):
        return " ".join(part for part in (parent.number, parent.text) if part)
    return f"{parent.label}" if parent.label else parent.id


ORDERED = ("clause", "point")


def out_of_order(before: dict[str, Item], after: dict[str, Item]) -> set[str]:
    """The clauses and points that moved within the same list: under the same parent, out of
    the longest run that kept its order (of two swapped, the one that moved)."""
    moved: set[str] = set()
    parents = {item.parent for item in after.values() if item.kind in ORDERED}
    for parent in parents:

        def stays(key: str, item: Item, other: dict[str, Item], parent: str = parent) -> bool:
            return (
                item.parent == parent
                and item.kind in ORDERED
                and key in other
                and other[key].parent == parent
            )

        old = [k for k, item in before.items() if stays(k, item, after)]
        new = [k for k, item in after.items() if stays(k, item, before)]
        kept: set[str] = set()
        for i, _, size in SequenceMatcher(a=old, b=new, autojunk=False).get_matching_blocks():
            kept.update(old[i : i + size])
        moved |= set(new) - kept
    return moved


def _reordering(previous: Item, item: Item, before: dict[str, Item], after: dict[str, Item]) -> str:
    """A moved item's reason, with every citation in its list that now points elsewhere."""
    shifted = [
        f"{before[key].where} is now {other.where}"
        for key, other in after.items()
        if other.parent == item.parent
        and key != item.id
        and key in before
        and before[key].parent == item.parent
        and before[key].where != other.where
    ]
    text = f"moved within the same list, from {previous.where} to {item.where}"
    return text + (f", so citations change: {'; '.join(shifted)}" if shifted else "")


def position_of(
    key: str,
    previous: Item,
    item: Item,
    moved: set[str],
    before: dict[str, Item],
    after: dict[str, Item],
) -> tuple[str, str, list[str]] | None:
    """(kind, significance, reasons) when an item with the same text moved or was renumbered:
    to another heading or audience, within its list, or because others moved."""
    if previous.parent != item.parent:
        text = (
            f"moved from {place(before.get(previous.parent))} to "
            f"{place(after.get(item.parent))}: it may now apply differently"
        )
        return "moved", "significant", [Reason("moved", text)]
    if key in moved:
        return (
            "moved",
            "editorial",
            [Reason("reordered", _reordering(previous, item, before, after))],
        )
    because = "because other items were added, removed or moved"
    if previous.number != item.number and item.kind in ("section", "clause", "point"):
        how = (
            f"renumbered from {previous.number} to {item.number}"
            if previous.number and item.number
            else f"now numbered {item.number}"
            if item.number
            else f"no longer numbered (it was {previous.number})"
        )
        return "renumbered", "editorial", [Reason("renumbered", f"{how} {because}")]
    if previous.where != item.where and item.kind == "point":
        text = f"now {item.where} (it was {previous.where}) {because}"
        return "renumbered", "editorial", [Reason("renumbered", text)]
    return None

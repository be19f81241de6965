"""Short, readable, unique ids for imported parts, made as `policypress add-ids` makes them."""

from __future__ import annotations

import re

from policypress import ids

ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def slug(text: str, words: int = 3) -> str:
    """The id `policypress add-ids` would give this text (Word's placeholders left out)."""
    return ids.slug(re.sub(r"[\ue000-\ue002]", " ", text), words)


class Ids:
    """Hands out ids, each used once in a document."""

    def __init__(self):
        self.used: set[str] = set()

    def take(self, wanted: str, fallback: str = "item") -> str:
        base = (
            wanted if ID.match(wanted or "") and len(wanted) <= 36 else (slug(wanted) or fallback)
        )
        if not ID.match(base):
            base = fallback
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate

    def for_block(self, block, fallback: str, scope: str = "") -> str:
        """An id from a policypress bookmark (c_some_id) when the file has one, else from words;
        a heading used in many parts ("Main principle") is named after the part (`scope`)."""
        for name in block.bookmarks:
            if name.startswith("c_"):
                wanted = name[2:].replace("_", "-")
                if ID.match(wanted) and wanted not in self.used:
                    return self.take(wanted)
        wanted = slug(block.plain) or fallback
        if scope and wanted in self.used:
            scoped = slug(f"{scope} {block.plain}", words=4)
            wanted = scoped if scoped not in self.used and len(scoped) <= 36 else wanted
        return self.take(wanted, fallback)

"""Word's styles and paragraph properties: a style's name and what it inherits (`basedOn`),
bold and italic flags, indents, and the heading level of a paragraph."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

OFF = ("0", "false", "off")


class Styles:
    def __init__(self, styles_element):
        self.info: dict[str, dict] = {}
        for style in styles_element.findall(qn("w:style")) if styles_element is not None else []:
            ppr, rpr = style.find(qn("w:pPr")), style.find(qn("w:rPr"))
            num = ppr.find(qn("w:numPr")) if ppr is not None else None
            name = style.find(qn("w:name"))
            based = style.find(qn("w:basedOn"))
            outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
            ind = ppr.find(qn("w:ind")) if ppr is not None else None
            self.info[style.get(qn("w:styleId"))] = {
                "indent": indent(ind),
                "name": name.get(qn("w:val")) if name is not None else style.get(qn("w:styleId")),
                "based": based.get(qn("w:val")) if based is not None else None,
                "outline": outline.get(qn("w:val")) if outline is not None else None,
                "num": num,
                "bold": flag(rpr, "w:b"),
                "italic": flag(rpr, "w:i"),
            }
        self.default = next(
            (
                s.get(qn("w:styleId"))
                for s in (
                    styles_element.findall(qn("w:style")) if styles_element is not None else []
                )
                if s.get(qn("w:default")) in ("1", "true") and s.get(qn("w:type")) == "paragraph"
            ),
            None,
        )

    def chain(self, style_id: str | None):
        seen = set()
        style_id = style_id or self.default
        while style_id and style_id in self.info and style_id not in seen:
            seen.add(style_id)
            yield self.info[style_id]
            style_id = self.info[style_id]["based"]

    def name(self, style_id: str | None) -> str:
        return next((s["name"] for s in self.chain(style_id)), "Normal")

    def names(self, style_id: str | None) -> list[str]:
        return [s["name"].lower() for s in self.chain(style_id)]

    def first(self, style_id: str | None, key: str):
        return next((s[key] for s in self.chain(style_id) if s[key] is not None), None)


def indent(ind) -> int | None:
    """The left indent in twentieths of a point that a `w:ind` sets, or None when it sets none."""
    if ind is None:
        return None
    value = ind.get(qn("w:left")) or ind.get(qn("w:start"))
    return int(value) if value and value.lstrip("-").isdigit() else None


def flag(rpr, tag: str) -> bool | None:
    if rpr is None:
        return None
    found = rpr.find(qn(tag))
    if found is None:
        return None
    return found.get(qn("w:val"), "true").lower() not in OFF


def heading_level(ppr, style_id: str | None, styles: Styles) -> int:
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    value = outline.get(qn("w:val")) if outline is not None else styles.first(style_id, "outline")
    if value is not None and value.isdigit() and int(value) < 9:
        return int(value) + 1
    for name in styles.names(style_id):
        match = re.fullmatch(r"heading ([1-9])", name)
        if match:
            return int(match.group(1))
    return 0

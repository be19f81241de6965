"""The site's page templates: a Jinja environment with autoescape always on.

Every page is a Jinja template in `policypress/templates/site/` that writes Markdown with HTML
blocks (MkDocs turns the Markdown headings into the table of contents and the search index).
Strings from content reach a page only through the template engine, which escapes them, in
attributes too. Two things are built as markup outside a template, each in one function here:
`spans` (a clause's formatted text, every piece of text escaped) and the `heading` filter (a
Markdown heading's text, escaped for both Markdown and HTML).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple, cast

import jinja2
from markupsafe import Markup, escape

from policypress import describe, i18n, impacts, templatecache
from policypress.errors import RenderError
from policypress.model import BulletList, Paragraph, Quote, Span
from policypress.render import common, record
from policypress.render.changes_log import KIND
from policypress.translations import language_name

TEMPLATES = "templates/site"
# The characters Python-Markdown takes as syntax when they follow a backslash; `&` and `<` are
# written as HTML entities instead (Python-Markdown shows a backslash before them).
_MD_SYNTAX = re.compile(r"([\\`*_{}\[\]>()#+\-.!])")
ID_FORM = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")  # as ids in the schemas


class Link(NamedTuple):
    """A table cell or list item that links somewhere: the template writes the <a>."""

    href: str
    text: str
    hreflang: str = ""  # the language of the page it leads to, when not the page's own


def heading(text: str) -> Markup:
    """Text for a Markdown heading line: on one line, Markdown syntax and HTML both escaped."""
    one_line = " ".join(str(text).split())
    if not one_line:  # Markdown would show the heading's {#id} as text
        raise RenderError(
            "a heading with no text reached the site (this is a bug in policypress: "
            "blank titles are refused when content is read)"
        )
    return Markup(_MD_SYNTAX.sub(r"\\\1", one_line.replace("&", "&amp;").replace("<", "&lt;")))


def anchor(value: str) -> str:
    """An id written into a heading's `{#id}`: Markdown's attribute lists read more than an id
    there, so only the id form (checked where ids and keys are loaded) may reach it."""
    if not ID_FORM.fullmatch(value):
        raise RenderError(
            f"'{value}' cannot be used as an anchor on the site: it is not in the id form "
            "(this is a bug in policypress: ids and keys are checked when content is read)"
        )
    return value


def spans(items: tuple[Span, ...], numbers: dict[str, str]) -> Markup:
    """A text's spans as HTML: the one place a clause's formatted text is marked as markup."""
    return Markup(_spans(items, numbers))


def _spans(items: tuple[Span, ...], numbers: dict[str, str]) -> str:
    """The tags are fixed; every piece of text, address and number is escaped."""
    out: list[str] = []
    for span in items:
        kind = span.kind
        if kind == "text":
            out.append(escape(span.text))
        elif kind in ("em", "strong"):
            out.append(f"<{kind}>{_spans(span.children, numbers)}</{kind}>")
        elif kind == "code":
            out.append(f"<code>{escape(span.text)}</code>")
        elif kind == "break":
            out.append("<br>")
        elif kind == "link":
            out.append(f'<a href="{escape(span.target)}">{_spans(span.children, numbers)}</a>')
        elif kind == "ref":
            number = numbers.get(span.target, span.target)
            out.append(f'<a href="#{escape(span.target)}">{escape(number)}</a>')
    return "".join(out)


def slug(name: str) -> str:
    """A standard's name as the end of an anchor: 'Selflessness' -> 'selflessness'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _environment(language: str = "en") -> jinja2.Environment:
    """The templates' environment for pages in `language`: its interface words come from the
    language's catalogue (`_()` in a template), and so do its dates."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("policypress", TEMPLATES),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,  # every page writes HTML, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=templatecache.shared(),  # compiled once, kept beside the packages
    )
    env.filters.update(
        heading=heading,
        anchor=anchor,
        spans=spans,
        slug=slug,
        size=size,
        named=common.named,  # "" while a detail is still "TBC"
        in_sentence=lambda name: common.in_sentence(name, language),
        long_date=lambda when: common.long_date(when, language),
        # "contact the Housing Team" is English grammar: other languages take the name as written
        the=common.the_team if language == "en" else str.strip,
    )
    # newstyle: `_("... %(name)s", name=value)` escapes the value, as `{{ value }}` would
    cast(Any, env).install_gettext_translations(i18n.catalogue(language), newstyle=True)
    # One test per kind of block, so a template can say `block is paragraph`.
    env.tests.update(
        paragraph=lambda b: isinstance(b, Paragraph),
        bullet_list=lambda b: isinstance(b, BulletList),
        quote=lambda b: isinstance(b, Quote),
        link=lambda value: isinstance(value, Link),
    )
    env.globals.update(
        kinds=KIND,
        words=describe.runs,
        # each change in the page's language: where it is, what it does, why it matters
        wordings=lambda change: describe.wordings(change, language),
        described=lambda change: describe.description(change, language),
        named_change=lambda change: describe.named(change, language),
        what=lambda change: describe.what(change, language),
        why=lambda change: impacts.why(change, language),
        record_header=record.record_header(language),
        no_record=record.no_record(language),
        language=language,
        in_language=lambda tag: in_language(tag, language),
    )
    return env


def in_language(tag: str, language: str) -> str:
    """The label before words in another language than the page's (`tag`, such as en-GB), in
    `language`: "In English:", "Yn Saesneg:"."""
    _ = i18n.translator(language)
    labels = {"cy": _("In Welsh:"), "en": _("In English:")}
    return labels.get(tag.split("-")[0].lower()) or f"{language_name(tag)}:"


ENV = _environment()


@cache
def environment(language: str = "en") -> jinja2.Environment:
    """The environment for pages in `language` (a tag such as cy-GB): English's is ENV."""
    code = language.split("-")[0].lower()
    return ENV if code == "en" or not i18n.has_catalogue(code) else _environment(code)


def render(template: str, language: str = "en", **values: Any) -> str:
    """A whole page (Markdown with HTML blocks) from `template`, in `language`."""
    return environment(language).get_template(template).render(**values)


def macro(template: str, name: str, language: str = "en") -> Callable[..., Markup]:
    """A macro of `template`, to call from Python: what it returns is escaped markup."""
    return getattr(environment(language).get_template(template).module, name)

"""The website's pages about one document, and the home and standards pages, from the model.

The pages are written by the Jinja templates in `policypress/templates/site/` (see site_html):
this module chooses what each page shows and hands the templates plain values, never markup.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

from markupsafe import Markup

from policypress import i18n
from policypress.consultation import has_closed
from policypress.history import today
from policypress.model import Document, Framework, Library, Section, VersionControl
from policypress.render import changes_beside, common, record
from policypress.render.site_html import Link, macro, render

# One framework's table on the standards page: (framework, caption, header, rows, not linked);
# the caption is None when the document links to none of the framework's standards.
StandardsTable = tuple[Framework, str | None, list[str], list[list[str]], list[str]]


class DocumentPages:
    """The pages of one document: the text, what's changing, version history."""

    def __init__(
        self,
        document: Document,
        library: Library,
        vc: VersionControl,
        downloads: dict[str, int],
        report=None,
        depth: int = 0,
        banner: str = "",
    ):
        self.report = report
        self.document = document
        self.numbers = document.numbers
        self.library = library
        self.vc = vc
        self.downloads = downloads  # file name -> size in bytes
        self.up = "../" * depth  # from this page's folder to the document's, e.g. from v1.0/
        self.banner = banner  # markup from banners.html: replaces the status banner
        self.language = document.meta.language  # of the page's own words, too

    # -- read by the templates ---------------------------------------------------------------
    def standards_of(self, section: Section) -> list[tuple[Framework, list[str]]]:
        """Each framework the section links to, with the names of the standards it links to."""
        frameworks = {f.key: f for f in self.library.frameworks}
        return [
            (frameworks[key], [link.name for link in section.standards if link.framework == key])
            for key in dict.fromkeys(link.framework for link in section.standards)
        ]

    @cached_property
    def changed(self) -> frozenset[str]:
        """The ids of the clauses and items a proposal changes (a clause whose text, or any
        item in it, is new, changed or moved), so its page can mark them; none without an
        approved version to change."""
        if self.report is None or not self.report.since:
            return frozenset()
        ids = {c.id for c in self.report.parts if c.kind in ("added", "modified", "moved")}

        def touched(points) -> bool:
            return any(p.id in ids or touched(p.points) for p in points)

        clauses = {
            clause.id
            for section in self.document.all_sections()
            for clause in (*section.clauses, *(c for g in section.groups for c in g.clauses))
            if clause.id in ids or touched(clause.points)
        }
        return frozenset(clauses | ids)

    @property
    def fields(self) -> list[tuple[str, str]]:
        return common.version_fields(self.document, self.vc)

    @property
    def closed_consultations(self) -> list:
        """The document's consultations that have closed, newest first ("You said, we did")."""
        day = today()
        return sorted(
            (c for c in self.document.consultations if has_closed(c, day)),
            key=lambda c: (c.closed, c.opened),
            reverse=True,
        )

    @property
    def rows(self) -> list[tuple[str, str, str, str, list[str]]]:
        """The approval record: one row per version, with the changes it approved."""
        tongue = self.vc.summaries_language
        if not tongue or tongue[:2] == self.language[:2]:
            return record.record_rows(self.vc, self.language)

        def line(row, language: str) -> Markup:
            """A change whose summary is in the original's language, tagged so: a screen reader
            reads "Staff agree a visit…" in English on a Welsh page."""
            plain = dataclasses.replace(row, summary="\x00")
            before, after = record.change_line(plain, language).split("\x00")
            return Markup('{}<span lang="{}">{}</span>{}').format(
                before, tongue, row.summary, after
            )

        return record.record_rows(self.vc, self.language, line)

    # -- the pages ---------------------------------------------------------------------------
    def text_page(self, links: list[tuple[str, str]] | None = None, title: str = "") -> str:
        """The document's text. `links` (href, text) replace the usual links under the summary."""
        _ = i18n.translator(self.language)
        links = links or [
            (f"{self.up}changes/", _("What's changing")),
            (f"{self.up}history/", _("Version history")),
            (f"{self.up}download/", _("Download this document as PDF or Word")),
        ]
        banner = self.banner
        if not banner:
            banner = (
                macro("banners.html", "draft", self.language)(self.document, self.vc)
                if common.is_draft(self.document, self.vc)
                else macro("banners.html", "approved", self.language)(self.vc)
            )
        return render(
            "document.html",
            self.language,
            page=self,
            title=title or self.document.meta.title,
            links=links,
            banner=banner,
        )

    def history_page(self, versions: list | None = None) -> str:
        """The version-control tables, then `versions` (rows from site_versions.versions_rows)."""
        _ = i18n.translator(self.language)
        heading = _("Version history: %(title)s") % {"title": self.document.meta.title}
        return render(
            "history.html", self.language, page=self, versions=versions or [], heading=heading
        )

    def changes_page(self, shown: bool = True, original: Document | None = None) -> str:
        """What's changing; with `shown` false, that no changes are proposed (drafts are not
        published). `original`: the document this page's text translates, when it is a
        translation's page: the changes are the original's, in its words. While a consultation is
        open on a document in two languages, Have your say asks about the Welsh language."""
        _ = i18n.translator(self.language)
        heading = _("What's changing: %(title)s") % {"title": self.document.meta.title}
        source = original or self.document
        return render(
            "changes.html",
            self.language,
            page=self,
            shown=shown,
            heading=heading,
            original=source.meta.language if original else "",
            welsh_question=source.translation is not None,
            beside=self.beside if original else {},
        )

    @property
    def beside(self) -> dict:
        """Each changed part's translation, by the part's id, on the translation's page: its
        text as it was and as it is, and whether it keeps up, in a sentence in the page's
        language."""
        if self.report is None:
            return {}
        return {
            part.id: (side, changes_beside.state(side, part, self.language))
            for part in self.report.parts
            if (side := self.report.beside.get(part.id)) is not None
        }


def home_page(
    library: Library,
    tables: list[tuple[Document, VersionControl]],
    proposals: dict | None = None,
    consulting: dict | None = None,
    language: str = "en",
) -> str:
    """Every document with its status, version and last change. `proposals`: document id ->
    (the proposal's label, its open consultation or None, its version control), for documents
    with changes proposed to the version in force: the home page says so, with the closing date
    and a link; the last change is the proposal's. `consulting`: document id -> its open
    consultation, shown first, with the way to respond. `language`: the page's, for a home page
    of the documents' translations (`tables` then holds the translated texts)."""
    _ = i18n.translator(language)
    english = language.split("-")[0] == "en"
    proposals, consulting = proposals or {}, consulting or {}
    rows, proposed, respond = [], [], []
    for document, vc in tables:
        if document.id in consulting:
            respond.append((document, consulting[document.id]))
        last = vc.rows[0] if vc.rows else None
        if document.id in proposals:
            proposed.append(_proposed(document, proposals[document.id], language))
            last = next((r for r in proposals[document.id][2].rows if r.date), last)
        tongue = vc.summaries_language  # a translation's: the summary is the original's
        summary = Markup('<span lang="{}">{}</span>').format(tongue, last.summary) if last else ""
        change = (
            f"{common.long_date(last.date, language)}: "
            + (summary if tongue and tongue[:2] != language[:2] else last.summary)
            if last
            else _("No changes recorded yet.")
        )
        rows.append(
            [
                Link(f"{document.id}/", document.meta.title),
                common.status_label(document, vc)
                + (_("; changes proposed") if document.id in proposals else ""),
                # never "Draft": the version this text would become (the Status says not
                # yet approved)
                common.short_version(vc, language) if vc.version == "Draft" else vc.version,
                change,
            ]
        )
    standards = "standards/" if english else "../standards/"
    return render(
        "home.html",
        language,
        rows=rows,
        proposed=proposed,
        respond=respond,
        standards=standards,
    )


def _proposed(document: Document, proposal: tuple, language: str) -> dict:
    """A document with changes proposed, as the home page lists it: its proposal's label and
    when its consultation closes."""
    label, consultation, working = proposal
    if language.split("-")[0] != "en":  # the label is the original's: the version's words
        label = common.short_version(working, language)
    return {
        "id": document.id,
        "title": document.meta.title,
        "label": label,
        "closes": common.long_date(consultation.closed, language)
        if consultation and consultation.closed
        else "",
    }


def standards_page(library: Library) -> str:
    """Each framework a document links to, its standards in brief, then for each document a table
    per framework it links to, and a plain sentence for each framework it does not link to (a
    table of "No" would read as if the document failed every standard)."""
    # (document, [(framework, caption, header, rows, not_linked) or (framework, None, ...)])
    documents = []
    used = set()
    for document in library.documents:
        sections = [s for s in document.all_sections() if s.kind == "text"]
        parts: list[StandardsTable] = []
        for framework in library.frameworks:
            linked = {
                (s.id, link.name)
                for s in sections
                for link in s.standards
                if link.framework == framework.key
            }
            if not linked:
                parts.append((framework, None, [], [], []))
                continue
            used.add(framework.key)
            names = [n for n in framework.names() if any(name == n for _, name in linked)]
            rows = [
                [s.heading] + ["Yes" if (s.id, n) in linked else "No" for n in names]
                for s in sections
            ]
            not_linked = [n for n in framework.names() if n not in names]
            parts.append(
                (
                    framework,
                    f"{document.meta.title}: {framework.title}",
                    ["Section", *names],
                    rows,
                    not_linked,
                )
            )
        documents.append((document, parts))
    frameworks = [f for f in library.frameworks if f.key in used]
    return render("standards.html", frameworks=frameworks, documents=documents)


def accessibility_page(library: Library, language: str = "en", organisation: str = "") -> str:
    """The accessibility statement, with the content the 2018 accessibility regulations require,
    from content/site.yaml (see load/site.py): each setting left out has a true sentence instead.
    In another `language`, `organisation` is the organisation's name in it."""
    settings = library.site.accessibility
    # Full compliance is claimed only when the council says so (after an audit of its own).
    compliance = settings.compliance or "partially"
    organisations = {common.named(d.meta.organisation) for d in library.documents} - {""}
    # Without a site contact, each document's own (a document may name one in document.yaml).
    contacts = (
        [] if library.site.contact else [(d, d.contact) for d in library.documents if d.contact]
    )
    return render(
        "accessibility.html",
        language,
        settings=settings,
        compliance=compliance,
        organisation=organisation or (organisations.pop() if len(organisations) == 1 else ""),
        contact=library.site.contact,
        contacts=contacts,
        built=today().isoformat(),
    )

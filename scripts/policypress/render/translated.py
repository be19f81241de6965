"""A document's translation as files of its own: `<doc-id>.cy.pdf` and `<doc-id>.cy.docx` for a
Welsh translation.

The translated document (load/translation.py) goes through the same renderer as the original,
with its own words (i18n.py) and its language tagged throughout. Its version control is the
original's, which records the approvals of both, with the policy owner in the translation's
words.
"""

from __future__ import annotations

from policypress.model import Document, Library, VersionControl, language_folder
from policypress.render import common, docx, pdf


def render(
    document: Document, library: Library, vc: VersionControl, report=None
) -> dict[str, bytes]:
    """The translation's files, by name; none for a document in one language."""
    translation = document.translation
    if translation is None:
        return {}
    text = translation.document
    own = common.in_translation(vc, document)  # its own policy owner and approving body
    code = language_folder(translation.language)
    data = pdf.typst_data(text, library, own)
    files = {f"{document.id}.{code}.pdf": pdf.compile_pdf(data, vc.edition_date)}
    for name, content in docx.render(text, library, own).items():
        files[name.removesuffix(".docx") + f".{code}.docx"] = content
    return files

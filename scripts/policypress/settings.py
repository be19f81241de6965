"""Settings for the whole site (content/site.yaml) and a document's contact details: what the
loader reads (load/site.py) and the site's pages show. Frozen, no I/O, as in model.py."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SITE_NAME = "Policies"  # the site's name when the documents do not name one organisation
# Ids no document may have: a document's id names its folder in build/ and on the site, and
# build/site/ is the website, whose own pages and files are in these folders; build/site-src/
# holds the website's MkDocs project.
RESERVED_IDS = ("accessibility", "assets", "search", "site", "site-src", "standards")


@dataclass(frozen=True)
class Contact:
    """How tenants reach the council about a document (content/site.yaml or document.yaml)."""

    team: str = ""  # who answers, e.g. "Housing Policy Team"; "" to leave it unnamed
    email: str = ""
    phone: str = ""  # as written: "01234 567890"; the site's tel: link keeps digits only
    phone_hours: str = ""  # e.g. "Monday to Friday, 9am to 5pm"
    address: tuple[str, ...] = ()  # the postal address, one line each

    def __bool__(self) -> bool:
        return bool(self.email or self.phone or self.address)

    @property
    def tel(self) -> str:
        """The phone number for a `tel:` link: digits only, with a leading + kept and an
        international number's "(0)" left out ("+44 (0)1234 567890" -> "+441234567890")."""
        number = self.phone.replace("(0)", "") if self.phone.startswith("+") else self.phone
        digits = "".join(c for c in number if c in "0123456789")
        return ("+" + digits if number.startswith("+") else digits) if digits else ""


@dataclass(frozen=True)
class Accessibility:
    """What the site's accessibility statement says beyond its fixed text (content/site.yaml)."""

    compliance: str = ""  # "fully", "partially", "not", or "" (read as "partially")
    known_issues: tuple[str, ...] = ()  # content that is not yet accessible, one sentence each
    prepared: str = ""  # ISO date the statement was prepared
    reviewed: str = ""  # ISO date it was last reviewed


@dataclass(frozen=True)
class SiteSettings:
    """content/site.yaml: settings for the whole site. Every field may be left out."""

    contact: Contact = Contact()
    accessibility: Accessibility = Accessibility()

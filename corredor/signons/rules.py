"""Plain rules of signing, with no database: tokens, expiry, domain suggestions, grouping."""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

TOKEN_BYTES = 32  # 256 random bits; the issue asks for at least 128
TOKEN_VALID = timedelta(days=7)
UNCONFIRMED_KEPT = timedelta(days=7)


def new_token() -> tuple[str, str]:
    """A fresh token for the email and the digest to store in its place."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_expired(sent_at: datetime, now: datetime) -> bool:
    return now > sent_at + TOKEN_VALID


def registrable_host(url: str) -> str:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def domain_matches(email: str, website: str) -> bool:
    """The email's domain is the website's host or one of its subdomains (mail.ufcw.org vs
    ufcw.org, ufcw.org vs www.ufcw.org): a hint that the signer speaks for the organization.
    A hint only; a moderator decides."""
    if "@" not in email or not website:
        return False
    domain = email.rsplit("@", 1)[1].strip().lower().rstrip(".")
    host = registrable_host(website)
    if not domain or not host or "." not in host:
        return False
    return domain == host or domain.endswith(f".{host}") or host.endswith(f".{domain}")


@dataclass
class CountryGroup:
    country: str
    label: str
    organizations: list = field(default_factory=list)
    individuals: list = field(default_factory=list)
    count: int = 0  # every counted signature of the country, named or not
    organization_count: int = 0
    individual_count: int = 0


@dataclass
class Signatories:
    groups: list[CountryGroup]
    total: int
    unnamed: int

    @property
    def named(self) -> int:
        return self.total - self.unnamed


def group_signatories(counted: Iterable, country_order: list[tuple[str, str]]) -> Signatories:
    """Counted signatures grouped by country (in `country_order`), organizations before
    individuals; those who did not agree to be named are counted, never listed."""
    groups = {code: CountryGroup(code, str(label)) for code, label in country_order}
    totals: Counter[str] = Counter()
    unnamed = 0
    for signature in counted:
        group = groups[signature.country]
        group.count += 1
        totals[signature.country] += 1
        if signature.is_organization:
            group.organization_count += 1
        else:
            group.individual_count += 1
        if not signature.show_publicly:
            unnamed += 1
        elif signature.is_organization:
            group.organizations.append(signature)
        else:
            group.individuals.append(signature)
    ordered = [group for group in groups.values() if group.count]
    return Signatories(groups=ordered, total=sum(totals.values()), unnamed=unnamed)

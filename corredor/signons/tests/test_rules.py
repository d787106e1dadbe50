"""The plain rules of signing: tokens, their expiry, the "domain matches" hint and the grouping
of signatories by country. No database: the rules take plain values."""

from __future__ import annotations

import base64
import hashlib
import re
import string
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corredor.signons.rules import (
    TOKEN_VALID,
    domain_matches,
    group_signatories,
    new_token,
    token_digest,
    token_expired,
)

# The package's autouse fixtures (frozen time, an empty outbox) are harmless to share between
# examples; the runs are derandomized so that a failure reproduces.
PROPERTIES = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

URLSAFE = re.compile(r"^[A-Za-z0-9_-]+$")
SENT = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
COUNTRIES = [("US", "United States"), ("MX", "Mexico"), ("CA", "Canada"), ("other", "Other")]


# Tokens ------------------------------------------------------------------------------------


def test_a_token_carries_at_least_128_random_bits_in_url_safe_characters() -> None:
    token, _digest = new_token()
    assert URLSAFE.match(token), token
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) * 8 >= 128


def test_every_token_is_new() -> None:
    tokens = {new_token()[0] for _ in range(500)}
    assert len(tokens) == 500


def test_the_digest_stored_is_the_sha256_hex_of_the_token() -> None:
    token, digest = new_token()
    assert digest == hashlib.sha256(token.encode()).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert token_digest(token) == digest
    assert token not in digest


def test_different_tokens_have_different_digests() -> None:
    (first, first_digest), (second, second_digest) = new_token(), new_token()
    assert first != second and first_digest != second_digest


def test_a_token_that_is_not_ascii_still_has_a_digest() -> None:
    """A mangled link may carry anything; looking it up must not raise."""
    assert re.fullmatch(r"[0-9a-f]{64}", token_digest("é\ud800"))


# Expiry ------------------------------------------------------------------------------------


def test_a_link_lives_seven_days() -> None:
    assert timedelta(days=7) == TOKEN_VALID


@pytest.mark.parametrize(
    ("after", "expired"),
    [
        (timedelta(0), False),
        (timedelta(days=6, hours=23, minutes=59), False),
        (timedelta(days=7), False),  # the last moment of the seventh day still works
        (timedelta(days=7, microseconds=1), True),
        (timedelta(days=7, seconds=1), True),
        (timedelta(days=30), True),
    ],
)
def test_a_link_expires_just_after_seven_days(after: timedelta, expired: bool) -> None:
    assert token_expired(SENT, SENT + after) is expired


def test_a_clock_that_went_back_does_not_expire_a_link() -> None:
    assert token_expired(SENT, SENT - timedelta(minutes=5)) is False


# The "domain matches" hint ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "website", "matches"),
    [
        ("maria@ufcw.org", "https://ufcw.org", True),
        ("maria@ufcw.org", "https://www.ufcw.org/", True),
        ("maria@ufcw.org", "ufcw.org", True),  # typed without a scheme
        ("maria@ufcw.org", "www.ufcw.org", True),
        ("maria@ufcw.org", "http://ufcw.org/about/us?lang=es", True),
        ("maria@ufcw.org", "https://ufcw.org:8443", True),
        ("maria@mail.ufcw.org", "https://ufcw.org", True),  # the email is on a subdomain
        ("maria@mail.ufcw.org", "https://www.ufcw.org", True),
        ("maria@ufcw.org", "https://local7.ufcw.org", True),  # the site is on a subdomain
        ("Maria@UFCW.org", "HTTPS://WWW.UFCW.ORG", True),  # case does not matter
        ("maria@ufcw.org ", "ufcw.org", True),  # nor a stray space
        ("maria@ufcw.org", "https://ufcw.org.", True),  # nor the root's dot
        ("maria@gmail.com", "https://ufcw.org", False),  # a personal address
        ("maria@ufcw.org", "https://seiu.org", False),  # an unrelated domain
        ("maria@ufcw.org", "https://notufcw.org", False),  # a suffix is not a subdomain
        ("maria@notufcw.org", "https://ufcw.org", False),
        ("maria@ufcw.org", "https://ufcw.org.evil.example", False),
        ("maria@ufcw.org", "https://ufcw.com", False),  # same name, other domain
        ("maria@ufcw.org", "", False),  # no website
        ("maria@ufcw.org", "https://", False),  # a website with no host
        ("maria@localhost", "http://localhost", False),  # no real domain at all
        ("not-an-email", "https://ufcw.org", False),
        ("maria@", "https://ufcw.org", False),
    ],
)
def test_domain_matches(email: str, website: str, matches: bool) -> None:
    assert domain_matches(email, website) is matches


LABELS = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12)
TLDS = st.sampled_from(["org", "com", "net", "mx", "ca", "org.mx", "com.mx", "co.uk"])
SUBDOMAINS = st.sampled_from(["", "www.", "mail.", "local7.", "a.b."])
EMAIL_SUBDOMAINS = st.sampled_from(["", "mail.", "a.b."])
SCHEMES = st.sampled_from(["", "http://", "https://"])


@PROPERTIES
@given(LABELS, LABELS, TLDS, SUBDOMAINS, SUBDOMAINS, SCHEMES)
def test_domain_matches_is_never_true_for_another_registrable_domain(
    ours: str, theirs: str, tld: str, email_sub: str, site_sub: str, scheme: str
) -> None:
    if ours == theirs:
        theirs = f"{theirs}x"
    email = f"someone@{email_sub}{ours}.{tld}"
    website = f"{scheme}{site_sub}{theirs}.{tld}/"
    assert domain_matches(email, website) is False


@PROPERTIES
@given(LABELS, TLDS, EMAIL_SUBDOMAINS, SUBDOMAINS, SCHEMES)
def test_domain_matches_for_any_host_of_the_same_domain(
    name: str, tld: str, email_sub: str, site_sub: str, scheme: str
) -> None:
    # One side may sit on a subdomain of the other (www. aside); two different subdomains are
    # two different hosts, no hint.
    if email_sub and site_sub not in ("", "www."):
        email_sub = ""
    email = f"someone@{email_sub}{name}.{tld}"
    website = f"{scheme}{site_sub}{name}.{tld}"
    assert domain_matches(email, website) is True


# Grouping the signatories ----------------------------------------------------------------


@dataclass
class Signer:
    """What group_signatories reads of a signature."""

    name: str
    country: str
    is_organization: bool = False
    show_publicly: bool = True


def test_groups_follow_the_country_order_given_and_skip_empty_countries() -> None:
    signers = [
        Signer("Jean", "CA"),
        Signer("Ana", "MX"),
        Signer("Sam", "US"),
        Signer("Lee", "other"),
        Signer("Luz", "MX"),
    ]
    found = group_signatories(signers, COUNTRIES)
    assert [group.country for group in found.groups] == ["US", "MX", "CA", "other"]
    assert [group.label for group in found.groups] == [
        "United States",
        "Mexico",
        "Canada",
        "Other",
    ]
    only_mexico = group_signatories([Signer("Ana", "MX")], COUNTRIES)
    assert [group.country for group in only_mexico.groups] == ["MX"]


def test_organizations_and_individuals_are_listed_apart_in_the_order_received() -> None:
    signers = [
        Signer("Jean", "CA"),
        Signer("Syndicat", "CA", is_organization=True),
        Signer("Marie", "CA"),
        Signer("Centre", "CA", is_organization=True),
    ]
    (canada,) = group_signatories(signers, COUNTRIES).groups
    assert [s.name for s in canada.organizations] == ["Syndicat", "Centre"]
    assert [s.name for s in canada.individuals] == ["Jean", "Marie"]


def test_those_who_did_not_agree_to_be_named_are_counted_never_listed() -> None:
    signers = [
        Signer("Named person", "US"),
        Signer("Secret person", "US", show_publicly=False),
        Signer("Secret org", "US", is_organization=True, show_publicly=False),
        Signer("Named org", "MX", is_organization=True),
    ]
    found = group_signatories(signers, COUNTRIES)
    us, mx = found.groups
    assert [s.name for s in us.individuals] == ["Named person"]
    assert us.organizations == []
    assert (us.count, us.organization_count, us.individual_count) == (3, 1, 2)
    assert (mx.count, mx.organization_count, mx.individual_count) == (1, 1, 0)
    assert (found.total, found.unnamed, found.named) == (4, 2, 2)


def test_a_country_of_unnamed_signers_only_is_still_a_group() -> None:
    found = group_signatories([Signer("Secret", "CA", show_publicly=False)], COUNTRIES)
    (canada,) = found.groups
    assert canada.count == 1 and canada.individuals == [] and canada.organizations == []


def test_no_signature_means_no_group() -> None:
    found = group_signatories([], COUNTRIES)
    assert found.groups == [] and found.total == 0 and found.unnamed == 0 and found.named == 0


SIGNERS = st.lists(
    st.builds(
        Signer,
        name=st.text(max_size=5),
        country=st.sampled_from([code for code, _label in COUNTRIES]),
        is_organization=st.booleans(),
        show_publicly=st.booleans(),
    ),
    max_size=40,
)


@PROPERTIES
@given(SIGNERS)
def test_every_signature_is_counted_once_and_listed_at_most_once(signers: list[Signer]) -> None:
    found = group_signatories(signers, COUNTRIES)
    assert found.total == len(signers) == sum(group.count for group in found.groups)
    assert found.unnamed == sum(not s.show_publicly for s in signers)
    assert found.named == sum(s.show_publicly for s in signers)
    listed = [s for group in found.groups for s in (*group.organizations, *group.individuals)]
    assert sorted(map(id, listed)) == sorted(id(s) for s in signers if s.show_publicly)
    order = [code for code, _label in COUNTRIES]
    assert [group.country for group in found.groups] == [
        code for code in order if any(s.country == code for s in signers)
    ]
    for group in found.groups:
        assert group.count == group.organization_count + group.individual_count
        assert group.organization_count == sum(
            s.is_organization for s in signers if s.country == group.country
        )
        assert all(s.is_organization for s in group.organizations)
        assert not any(s.is_organization for s in group.individuals)
        assert all(s.country == group.country for s in (*group.organizations, *group.individuals))

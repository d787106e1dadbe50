"""Shared test fixtures: the personas.

Alice founded Centro Alfa and is its admin. Bob works with her at Centro Alfa (his role
depends on the test). Charlie is the admin of another organization, Unión Beta, and must
never see anything of Centro Alfa.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from corredor.accounts import actions
from corredor.accounts.choices import Country, OrganizationKind, Role
from corredor.accounts.models import Membership, Organization, User

PASSWORD = "a-long-test-password-9"


@pytest.fixture(autouse=True)
def _english_until_a_request_says_otherwise() -> Any:
    # A request activates its language in this thread; do not let it leak into the next test.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_of_its_own(settings: Any, tmp_path: Any) -> None:
    # Uploads, packages and PDFs go to the test's own folder, never to a developer's data
    # (`corredor purge`, run by tests, deletes files that the test database does not name).
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _plain_static_files(settings: Any) -> None:
    # Tests do not run collectstatic, so no hashed manifest exists.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(email: str, full_name: str = "", language: str = "en") -> User:
    return User.objects.create_user(email, PASSWORD, full_name=full_name, language=language)


def make_organization(
    creator: User, slug: str, name: str, country: str = Country.US
) -> Organization:
    return actions.create_organization(
        creator, slug=slug, name=name, country=country, kind=OrganizationKind.WORKER_CENTER
    )


def join(organization: Organization, user: User, role: str) -> Membership:
    """Add `user` to `organization` the way people do: an admin invites, the user accepts."""
    admin = Membership.objects.filter(organization=organization, role=Role.ADMIN).first()
    if admin is None:
        raise ValueError(f"{organization} has no admin to invite anyone")
    invitation = actions.invite_member(organization, user.email, role, "en", admin.user)
    return actions.accept_invitation(invitation, user)


def add_authenticator(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def signed_in_client(user: User, *, verified: bool = True) -> Client:
    """A client signed in as `user`; `verified` also passes the second factor (adding an
    authenticator if the user has none)."""
    client = Client()
    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or add_authenticator(
            user
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def alice(db: None) -> User:
    return make_user("alice@alfa.example", "Alice Álvarez", "es")


@pytest.fixture
def alfa(alice: User) -> Organization:
    return make_organization(alice, "centro-alfa", "Centro Alfa", Country.MX)


@pytest.fixture
def bob(db: None) -> User:
    return make_user("bob@alfa.example", "Bob Brown")


@pytest.fixture
def charlie(db: None) -> User:
    return make_user("charlie@beta.example", "Charlie Côté", "fr")


@pytest.fixture
def beta(charlie: User) -> Organization:
    return make_organization(charlie, "union-beta", "Unión Beta", Country.CA)


@pytest.fixture
def bob_as(alfa: Organization, bob: User) -> Callable[[str], Client]:
    """Bob, at Centro Alfa, with the given role, signed in (second factor passed)."""

    def _client(role: str) -> Client:
        join(alfa, bob, role)
        mail.outbox.clear()
        return signed_in_client(bob)

    return _client

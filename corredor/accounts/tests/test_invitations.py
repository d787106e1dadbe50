from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from corredor.accounts import actions
from corredor.accounts.choices import Role
from corredor.accounts.models import AuditEntry, Invitation, Membership, User
from corredor.conftest import PASSWORD, signed_in_client


def invite(client, organization, email="dana@alfa.example", role=Role.MEMBER, language="es"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("accounts:member_invite", args=[organization.slug]),
            {"email": email, "role": role, "language": language},
        )


def link_in(message) -> str:
    match = re.search(r"http://\S+/invitations/\S+/", message.body)
    assert match, message.body
    return match.group(0).removeprefix(settings.SITE_URL)


@pytest.fixture
def admin_client(alfa, alice):
    return signed_in_client(alice)


def test_an_admin_invites_by_email_in_the_chosen_language(admin_client, alfa) -> None:
    response = invite(admin_client, alfa, "Dana@Alfa.example", Role.STAFF, "es")
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["dana@alfa.example"]
    assert "Centro Alfa" in message.subject
    assert message.extra_headers["Content-Language"] == "es"
    assert "/es/invitations/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/es/invitations/" in html
    invitation = Invitation.objects.get()
    assert invitation.role == Role.STAFF
    assert AuditEntry.objects.filter(
        action="invitation.create", actor__email="alice@alfa.example"
    ).exists()


def test_a_new_person_creates_an_account_from_the_link_and_joins(
    admin_client, alfa, client
) -> None:
    invite(admin_client, alfa)
    url = link_in(mail.outbox[-1])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "full_name": "Dana Díaz",
            "language": "es",
            "password1": "una-clave-larga-123",
            "password2": "una-clave-larga-123",
        },
    )
    assert response.status_code == 302
    dana = User.objects.get(email="dana@alfa.example")
    assert dana.full_name == "Dana Díaz"
    assert Membership.objects.get(user=dana, organization=alfa).role == Role.MEMBER
    assert client.session["_auth_user_id"] == str(dana.pk)


def test_mismatched_passwords_save_nothing(admin_client, alfa, client) -> None:
    invite(admin_client, alfa)
    url = link_in(mail.outbox[-1])
    response = client.post(
        url,
        {
            "full_name": "Dana",
            "language": "es",
            "password1": "una-clave-larga-123",
            "password2": "otra",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email="dana@alfa.example").exists()
    assert Invitation.objects.get().is_pending


def test_a_weak_password_is_refused(admin_client, alfa, client) -> None:
    invite(admin_client, alfa)
    url = link_in(mail.outbox[-1])
    response = client.post(
        url,
        {"full_name": "Dana", "language": "en", "password1": "12345678", "password2": "12345678"},
    )
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="dana@alfa.example").exists()


def test_a_link_works_only_once(admin_client, alfa, client, bob) -> None:
    invite(admin_client, alfa, bob.email)
    url = link_in(mail.outbox[-1])
    bob_client = signed_in_client(bob)
    assert bob_client.post(url).status_code == 302
    assert bob_client.get(url).status_code == 404


def test_an_expired_link_does_not_work(admin_client, alfa, client) -> None:
    invite(admin_client, alfa)
    url = link_in(mail.outbox[-1])
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(url)
    assert response.status_code == 404
    assert "accounts/invitation_invalid.html" in [t.name for t in response.templates]


def test_a_tampered_link_does_not_work(admin_client, alfa, client) -> None:
    invite(admin_client, alfa)
    url = link_in(mail.outbox[-1])
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_a_withdrawn_invitation_no_longer_works(admin_client, alfa, client) -> None:
    invite(admin_client, alfa)
    url = link_in(mail.outbox[-1])
    invitation = Invitation.objects.get()
    admin_client.post(reverse("accounts:invitation_revoke", args=[alfa.slug, invitation.uuid]))
    assert client.get(url).status_code == 404


def test_someone_signed_in_with_another_address_cannot_accept(admin_client, alfa, charlie) -> None:
    invite(admin_client, alfa, "dana@alfa.example")
    url = link_in(mail.outbox[-1])
    response = signed_in_client(charlie).post(url)
    assert response.status_code == 403
    assert not Membership.objects.filter(user=charlie, organization=alfa).exists()


def test_an_existing_account_is_asked_to_sign_in_first(admin_client, alfa, bob, client) -> None:
    invite(admin_client, alfa, bob.email)
    url = link_in(mail.outbox[-1])
    response = client.get(url)
    assert reverse("accounts:login") in response.content.decode()
    assert (
        client.post(
            url, {"full_name": "x", "password1": PASSWORD, "password2": PASSWORD}
        ).status_code
        == 200
    )
    assert not Membership.objects.filter(user=bob, organization=alfa).exists()


def test_inviting_a_member_again_is_refused_with_a_clear_message(admin_client, alfa, alice) -> None:
    response = invite(admin_client, alfa, alice.email)
    assert response.status_code == 200
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = translation.gettext("This person is already a member of the organization.")
    assert response.context["form"].errors["email"] == [expected]
    assert Invitation.objects.count() == 0


def test_a_bad_address_is_refused_and_nothing_is_sent(admin_client, alfa) -> None:
    response = invite(admin_client, alfa, "not-an-address")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


def test_a_second_invitation_replaces_the_first(admin_client, alfa) -> None:
    invite(admin_client, alfa)
    invite(admin_client, alfa, role=Role.VIEWER)
    assert Invitation.objects.pending().get().role == Role.VIEWER


def test_a_rolled_back_invitation_sends_no_email(alfa, alice) -> None:
    from django.db import transaction

    with (
        TestCase.captureOnCommitCallbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.invite_member(alfa, "eve@alfa.example", Role.MEMBER, "en", alice)
        raise RuntimeError
    assert mail.outbox == []
    assert not Invitation.objects.exists()

"""Every write about accounts and organizations, each in one transaction with its audit
entry, its email scheduled after commit. Views and tests call these, never the models."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from corredor.accounts.choices import Role, TokenScope
from corredor.accounts.models import (
    ApiToken,
    AuditEntry,
    Invitation,
    Membership,
    Organization,
    User,
    hash_token,
    normalize_email,
)
from corredor.lib.email import send_on_commit

INVITATION_SALT = "corredor.accounts.invitation"
TOKEN_PREFIX = "corr_"  # noqa: S105 (a public marker, not a secret)


class ActionError(Exception):
    """A refused action; the message is translated and safe to show to the user."""


def record(
    action: str,
    obj: Model,
    *,
    actor: User | None,
    organization: Organization | None,
    **metadata: Any,
) -> AuditEntry:
    return AuditEntry.objects.create(
        organization=organization,
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(getattr(obj, "uuid", obj.pk)),
        metadata=metadata,
    )


@transaction.atomic
def create_organization(creator: User, **fields: Any) -> Organization:
    organization = Organization.objects.create(**fields)
    Membership.objects.create(user=creator, organization=organization, role=Role.ADMIN)
    record("organization.create", organization, actor=creator, organization=organization)
    return organization


@transaction.atomic
def update_organization(organization: Organization, actor: User, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.save()
    record(
        "organization.update",
        organization,
        actor=actor,
        organization=organization,
        fields=sorted(fields),
    )


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(str(invitation.uuid), salt=INVITATION_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation | None:
    """The pending invitation a link names, or None when the link is forged, expired, used
    or revoked."""
    max_age = timedelta(days=settings.INVITATION_VALID_DAYS)
    try:
        invitation_uuid = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    invitation = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(uuid=invitation_uuid)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return None
    return invitation


@transaction.atomic
def invite_member(
    organization: Organization, email: str, role: str, language: str, invited_by: User
) -> Invitation:
    email = normalize_email(email)
    if Membership.objects.filter(organization=organization, user__email=email).exists():
        raise ActionError(_("This person is already a member of the organization."))
    # A new invitation replaces any earlier one to the same address.
    Invitation.objects.filter(organization=organization, email=email).pending().update(
        revoked_at=timezone.now()
    )
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        language=language,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    with override(language):
        path = reverse("accounts:invitation", args=[invitation_token(invitation)])
    send_on_commit(
        "invitation",
        email,
        {
            "invitation": invitation,
            "organization": organization,
            "inviter": invited_by,
            "role_label": Role(role).label,
            "url": settings.SITE_URL + path,
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
        language,
    )
    record("invitation.create", invitation, actor=invited_by, organization=organization, role=role)
    return invitation


@transaction.atomic
def revoke_invitation(invitation: Invitation, actor: User) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record("invitation.revoke", invitation, actor=actor, organization=invitation.organization)


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    # Lock the row: two clicks on the same link must not both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ActionError(_("This invitation is no longer valid."))
    if normalize_email(user.email) != invitation.email:
        raise ActionError(_("This invitation was sent to another email address."))
    membership, created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        "invitation.accept",
        invitation,
        actor=user,
        organization=invitation.organization,
        role=membership.role,
        new_member=created,
    )
    return membership


@transaction.atomic
def create_account_from_invitation(
    invitation: Invitation, full_name: str, password: str, language: str
) -> User:
    if User.objects.filter(email=invitation.email).exists():
        raise ActionError(_("An account with this email address exists already: sign in."))
    user = User.objects.create_user(
        invitation.email, password, full_name=full_name, language=language
    )
    accept_invitation(invitation, user)
    return user


def _ensure_an_admin_remains(membership: Membership) -> None:
    others = Membership.objects.filter(organization=membership.organization, role=Role.ADMIN)
    if membership.role == Role.ADMIN and not others.exclude(pk=membership.pk).exists():
        raise ActionError(
            _("An organization needs at least one admin. Make someone else admin first.")
        )


@transaction.atomic
def change_role(membership: Membership, role: str, actor: User) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role == membership.role:
        return
    if role != Role.ADMIN:
        _ensure_an_admin_remains(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        "membership.change_role",
        membership.user,
        actor=actor,
        organization=membership.organization,
        old=old,
        new=role,
    )


@transaction.atomic
def remove_member(membership: Membership, actor: User) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_an_admin_remains(membership)
    membership.delete()
    record(
        "membership.remove",
        membership.user,
        actor=actor,
        organization=membership.organization,
        role=membership.role,
    )


@transaction.atomic
def create_api_token(user: User, name: str, scope: str = TokenScope.READ) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never stored nor shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, scope=scope, prefix=raw[:12], key_hash=hash_token(raw)
    )
    record("api_token.create", token, actor=user, organization=None, scope=scope)
    return token, raw


@transaction.atomic
def revoke_api_token(token: ApiToken, actor: User) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record("api_token.revoke", token, actor=actor, organization=None)


def authenticate_token(raw: str) -> ApiToken | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


@transaction.atomic
def record_second_factor_enabled(user: User) -> None:
    record("two_factor.enable", user, actor=user, organization=None)


RECOVERY_CODES = 10


@transaction.atomic
def make_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes: each signs in once instead of the phone's code.

    Returned for showing once; django-otp keeps them to compare against."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    record("two_factor.recovery_codes", user, actor=user, organization=None)
    return codes

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from corredor.accounts import actions, throttling
from corredor.accounts.choices import Role
from corredor.accounts.decorators import second_factor_url, signed_in
from corredor.accounts.forms import (
    AccountFromInvitationForm,
    ApiTokenForm,
    EmailAuthenticationForm,
    InvitationForm,
    LocalizedPasswordResetForm,
    OrganizationForm,
    OrganizationSettingsForm,
    ProfileForm,
    RoleForm,
    TokenForm,
)
from corredor.accounts.models import ApiToken, Invitation, Membership, User
from corredor.accounts.permissions import (
    ROLE_PERMISSIONS,
    Perm,
    get_membership_or_404,
    requires_second_factor,
)


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:
        throttling.clear_failures(form.get_user().email)
        return super().form_valid(form)  # logs in, which rotates the session key

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if requires_second_factor(self.request.user):
            return second_factor_url(self.request, url)
        return url


class PasswordResetView(auth_views.PasswordResetView):
    form_class = LocalizedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


@login_required
@sensitive_post_parameters("token")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: show a QR code and the key, then check one code."""
    next_url = _safe_next(request, reverse("accounts:home"))
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(second_factor_url(request, next_url))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                actions.record_second_factor_enabled(request.user)
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is on. Keep your phone safe."))
            request.session["recovery_codes"] = actions.make_recovery_codes(request.user)
            return redirect(
                reverse("accounts:recovery_codes") + "?" + urlencode({"next": next_url})
            )
        form.add_error(
            "token", _("That code did not match. Check the time on your phone and try again.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "qr_svg": qr.svg_inline(scale=4, dark="#111", light="#fff", omitsize=False),
        },
    )


@login_required
@sensitive_post_parameters("token")
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, reverse("accounts:home"))
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect(second_factor_url(request, next_url))
    # A recovery code (used once) stands in for a lost phone.
    devices += list(StaticDevice.objects.filter(user=request.user, confirmed=True))
    form = TokenForm(request.POST or None, accept_recovery_codes=True)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            allowed, _data = device.verify_is_allowed()
            if allowed and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(next_url)
        form.add_error(
            "token",
            _(
                "That code did not match, or too many codes were tried. "
                "Wait a moment and try again."
            ),
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@signed_in
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show new recovery codes once (after set-up), or make a new set (POST)."""
    if request.method == "POST":
        request.session["recovery_codes"] = actions.make_recovery_codes(request.user)
        return redirect("accounts:recovery_codes")
    codes = request.session.pop("recovery_codes", None)
    if codes is None:
        return redirect("accounts:home")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": _safe_next(request, reverse("accounts:home"))},
    )


@signed_in
def account_home(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:home")
    memberships = Membership.objects.filter(user=user).select_related("organization")
    return render(
        request,
        "accounts/home.html",
        {
            "form": form,
            "memberships": memberships,
            "has_second_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "recovery_codes_left": StaticToken.objects.filter(device__user=user).count(),
        },
    )


@signed_in
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, raw = actions.create_api_token(
            request.user, form.cleaned_data["name"], form.cleaned_data["scope"]
        )
        # Shown on the next page once, then gone: only its hash is stored.
        request.session["new_api_token"] = raw
        return redirect("accounts:api_tokens")
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "new_token": request.session.pop("new_api_token", None),
            "tokens": ApiToken.objects.filter(user=request.user).active(),
        },
    )


@require_POST
@signed_in
def api_token_revoke(request: HttpRequest, token_uuid: str) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.active(), uuid=token_uuid, user=request.user)
    actions.revoke_api_token(token, request.user)
    messages.success(request, _("The token is revoked. Programs using it can no longer connect."))
    return redirect("accounts:api_tokens")


@signed_in
def organization_create(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = actions.create_organization(request.user, **form.cleaned_data)
        return redirect(organization)
    return render(request, "accounts/organization_form.html", {"form": form})


@signed_in
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_membership_or_404(request.user, slug)
    organization = membership.organization
    can_manage = Perm.MANAGE_MEMBERS in _perms(membership)
    members = (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return render(
        request,
        "accounts/organization_detail.html",
        {
            "organization": organization,
            "membership": membership,
            "members": members,
            "can_manage": can_manage,
            "can_edit_settings": Perm.MANAGE_SETTINGS in _perms(membership),
            "invitations": organization.invitations.pending().select_related("invited_by")
            if can_manage
            else [],
            "can_edit_records": Perm.EDIT in _perms(membership),
            "petitions": organization.petitions.order_by("-filed_on", "reference")[:100],
            "calendar_url": settings.SITE_URL
            + reverse("open:deadlines_ics")
            + "?"
            + urlencode({"organization": organization.slug, "key": organization.calendar_key}),
        },
    )


def _perms(membership: Membership) -> frozenset[Perm]:
    return ROLE_PERMISSIONS[membership.role]


@signed_in
def organization_settings(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_membership_or_404(request.user, slug, Perm.MANAGE_SETTINGS)
    organization = membership.organization
    form = OrganizationSettingsForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        actions.update_organization(organization, request.user, **form.cleaned_data)
        messages.success(request, _("The organization's details are saved."))
        return redirect(organization)
    return render(
        request, "accounts/organization_settings.html", {"form": form, "organization": organization}
    )


@signed_in
def member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_membership_or_404(request.user, slug, Perm.MANAGE_MEMBERS)
    organization = membership.organization
    form = InvitationForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite_member(
                organization, invited_by=request.user, **form.cleaned_data
            )
        except actions.ActionError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("Invitation sent to {email}.").format(email=invitation.email),
            )
            return redirect(organization)
    return render(
        request, "accounts/member_invite.html", {"form": form, "organization": organization}
    )


@signed_in
def member_edit(request: HttpRequest, slug: str, user_uuid: str) -> HttpResponse:
    own = get_membership_or_404(request.user, slug, Perm.MANAGE_MEMBERS)
    organization = own.organization
    target = get_object_or_404(
        Membership.objects.select_related("user"), organization=organization, user__uuid=user_uuid
    )
    form = RoleForm(request.POST or None, initial={"role": target.role})
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                actions.remove_member(target, request.user)
                messages.success(
                    request, _("{name} is no longer a member.").format(name=target.user)
                )
                return redirect(organization)
            if form.is_valid():
                actions.change_role(target, form.cleaned_data["role"], request.user)
                messages.success(request, _("The role is changed."))
                return redirect(organization)
        except actions.ActionError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "accounts/member_edit.html",
        {"form": form, "organization": organization, "target": target},
    )


@require_POST
@signed_in
def invitation_revoke(request: HttpRequest, slug: str, invitation_uuid: str) -> HttpResponse:
    membership = get_membership_or_404(request.user, slug, Perm.MANAGE_MEMBERS)
    invitation = get_object_or_404(
        Invitation.objects.pending(), organization=membership.organization, uuid=invitation_uuid
    )
    actions.revoke_invitation(invitation, request.user)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect(membership.organization)


@sensitive_post_parameters("password1", "password2")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open an invitation link: create an account, or sign in, then join."""
    invitation = actions.invitation_from_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    context: dict[str, Any] = {
        "invitation": invitation,
        "role_label": Role(invitation.role).label,
    }
    user = request.user
    if user.is_authenticated:
        if user.email != invitation.email:
            context["wrong_account"] = True
            return render(request, "accounts/invitation_accept.html", context, status=403)
        if request.method == "POST":
            try:
                actions.accept_invitation(invitation, user)
            except actions.ActionError as error:
                raise Http404(str(error)) from None
            messages.success(
                request,
                _("Welcome to {organization}.").format(organization=invitation.organization),
            )
            return redirect(invitation.organization)
        return render(request, "accounts/invitation_accept.html", context)

    if User.objects.filter(email=invitation.email).exists():
        context["login_url"] = reverse("accounts:login") + "?next=" + request.path
        return render(request, "accounts/invitation_accept.html", context)

    form = AccountFromInvitationForm(
        request.POST or None, email=invitation.email, initial={"language": get_language()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            new_user = actions.create_account_from_invitation(
                invitation,
                form.cleaned_data["full_name"],
                form.cleaned_data["password1"],
                form.cleaned_data["language"],
            )
        except actions.ActionError as error:
            form.add_error(None, str(error))
        else:
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome to {organization}.").format(organization=invitation.organization),
            )
            return redirect(invitation.organization)
    context["form"] = form
    return render(request, "accounts/invitation_accept.html", context)

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from corredor.accounts import throttling
from corredor.accounts.choices import Role
from corredor.accounts.models import ApiToken, Organization, User, normalize_email
from corredor.lib.email import send_email


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("The email address or the password is not right. Please try again."),
        "inactive": _("The email address or the password is not right. Please try again."),
    }

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        if email and self.cleaned_data.get("password"):
            if throttling.is_locked(email):
                minutes = settings.LOGIN_FAILURE_WINDOW_MINUTES
                message = ngettext(
                    "Too many failed attempts to sign in to this account. For your safety, "
                    "try again in %(minutes)s minute, or reset your password.",
                    "Too many failed attempts to sign in to this account. For your safety, "
                    "try again in %(minutes)s minutes, or reset your password.",
                    minutes,
                )
                raise ValidationError(message, code="locked", params={"minutes": minutes})
            try:
                return super().clean()
            except ValidationError:
                throttling.record_failure(email)
                raise
        return self.cleaned_data


class LocalizedPasswordResetForm(PasswordResetForm):
    """Sends the reset email in the account holder's language, not the requester's."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user: User = context["user"]
        with translation.override(user.language):
            context["reset_url"] = settings.SITE_URL + reverse(
                "accounts:password_reset_confirm",
                kwargs={"uidb64": context["uid"], "token": context["token"]},
            )
        send_email("password_reset", to_email, context, user.language)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        help_text=_("Open your authenticator app and type the code it shows for Corredor."),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split()).lower()
        if token.isdigit() and len(token) == 6:
            return token
        if self.accept_recovery_codes and len(token) == 8 and token.isalnum():
            return token
        if self.accept_recovery_codes:
            raise ValidationError(
                _("The code has six digits (or, for a recovery code, eight letters and digits)."),
                code="format",
            )
        raise ValidationError(_("The code has six digits."), code="format")

    def __init__(self, *args: Any, accept_recovery_codes: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accept_recovery_codes = accept_recovery_codes


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name", "slug", "country", "kind", "website"]

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"].lower()
        if Organization.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Another organization uses this short name already."))
        return slug


class OrganizationSettingsForm(OrganizationForm):
    class Meta(OrganizationForm.Meta):
        fields = ["name", "country", "kind", "website", "testimony_retention_days"]

    def clean_testimony_retention_days(self) -> int:
        days: int = self.cleaned_data["testimony_retention_days"]
        if not 30 <= days <= 3650:
            raise ValidationError(_("Choose between 30 days and 10 years (3,650 days)."))
        return days


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.MEMBER,
        help_text=_(
            "Admins manage members and settings. Staff see everything, including who the "
            "workers are. Members work on cases but never see workers' identities. Viewers "
            "only read."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation email"), choices=settings.LANGUAGES
    )

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AccountFromInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", _("The two passwords are not the same."))
            else:
                candidate = User(email=self.email, full_name=data.get("full_name", ""))
                try:
                    password_validation.validate_password(password1, candidate)
                except ValidationError as error:
                    self.add_error("password1", error)
        return data


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "scope"]

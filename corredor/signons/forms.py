from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from corredor.accounts.choices import Country, OrganizationKind
from corredor.accounts.models import Organization
from corredor.signons.choices import SignerKind
from corredor.signons.models import Letter

HONEYPOT = "nickname"


class SignatureForm(forms.Form):
    """The one validation of a signature, for the page and the API alike."""

    kind = forms.ChoiceField(
        label=_("I sign as"), choices=SignerKind.choices, widget=forms.RadioSelect
    )
    organization_name = forms.CharField(
        label=_("Name of the organization"), max_length=200, required=False
    )
    organization_kind = forms.ChoiceField(
        label=_("Kind of organization"),
        choices=[("", _("Choose one")), *OrganizationKind.choices],
        required=False,
    )
    organization_website = forms.URLField(
        label=_("Organization's website"), max_length=200, required=False, assume_scheme="https"
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    title = forms.CharField(label=_("Your role or title"), max_length=200, required=False)
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", _("Choose one")), *Country.choices]
    )
    city = forms.CharField(label=_("City or town"), max_length=120)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send you a link to confirm. Your email is never shown."),
    )
    show_publicly = forms.BooleanField(
        label=_("My name (or my organization's) may appear in the public list of signers"),
        required=False,
    )
    wants_updates = forms.BooleanField(label=_("Send me news about this letter"), required=False)
    # A field people never see: bots that fill every field give themselves away.
    nickname = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args: Any, letter: Letter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.letter = letter
        kinds = letter.kinds
        self.fields["kind"].choices = [c for c in SignerKind.choices if c[0] in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
            self.fields["kind"].widget = forms.HiddenInput()
        if SignerKind.ORGANIZATION not in kinds:
            for name in ("organization_name", "organization_kind", "organization_website"):
                del self.fields[name]
        elif SignerKind.INDIVIDUAL not in kinds:
            self.fields["title"].label = _("Your role in the organization")
        if SignerKind.INDIVIDUAL in kinds and not letter.asks_title:
            self.fields["title"].help_text = _("Only if you sign for an organization.")
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == SignerKind.ORGANIZATION:
            required = {
                "organization_name": _("Give the name of the organization."),
                "organization_kind": _("Choose the kind of organization."),
                "title": _("Give your role in the organization."),
            }
            for name, message in required.items():
                if name in self.fields and not data.get(name):
                    self.add_error(name, message)
        elif data.get("kind") == SignerKind.INDIVIDUAL and not self.letter.asks_title:
            data["title"] = ""
        return data


class LetterForm(forms.ModelForm):
    class Meta:
        model = Letter
        fields = [
            "organization",
            "slug",
            "title_en",
            "title_es",
            "title_fr",
            "body_en",
            "body_es",
            "body_fr",
            "recipients",
            "who_may_sign",
            "asks_title",
            "opens_on",
            "closes_on",
            "visibility",
        ]
        widgets = {
            "body_en": forms.Textarea(attrs={"rows": 12}),
            "body_es": forms.Textarea(attrs={"rows": 12}),
            "body_fr": forms.Textarea(attrs={"rows": 12}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if self.instance.pk:
            del self.fields["organization"]
            del self.fields["slug"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The letter cannot close before it opens."))
        return data


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(
        label=_("Delivered on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    recipients = forms.CharField(
        label=_("Delivered to"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
        required=False,  # so that clean_recipients can say what is missing
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For example Washington, D.C."),
    )
    language = forms.ChoiceField(label=_("Language of the letter"))

    def __init__(self, *args: Any, letter: Letter, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.initial.setdefault("recipients", letter.recipients)

    def clean_recipients(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["recipients"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise forms.ValidationError(_("Name at least one recipient."))
        return lines


class ModerationForm(forms.Form):
    signature = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[("hide", "hide"), ("show", "show"), ("verify", "verify"), ("unverify", "unverify")]
    )

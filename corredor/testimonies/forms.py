"""The intake, in short steps. The public form carries each finished step's answers in hidden
fields to the next (nothing is stored on the server until the last step is sent) and
validates everything again at the end; it works the same with JavaScript off."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from corredor.testimonies.choices import Consent, Industry, Origin, Program
from corredor.testimonies.files import clean_uploads
from corredor.testimonies.rules import MAX_FILES, abuse_choices

NARRATIVE_MAX = 20_000
HONEYPOT = "nickname"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


@dataclass(frozen=True)
class Step:
    name: str
    title: Any
    fields: tuple[str, ...]


STEPS = (
    Step("story", _("What happened"), ("narrative", "happened_when", "place")),
    Step("work", _("Your work"), ("program", "origin", "industry", "employer", "recruiter")),
    Step("abuses", _("What you lived through"), ("abuses",)),
    Step(
        "contact",
        _("How to reach you"),
        ("name", "phone", "whatsapp", "email", "preferred_language"),
    ),
    Step("consent", _("Your choices"), tuple(f"consent_{kind}" for kind in Consent.values)),
)


class IntakeForm(forms.Form):
    narrative = forms.CharField(
        label=_("Tell us what happened"),
        help_text=_("In your own words, in any language. Take your time."),
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    happened_when = forms.CharField(
        label=_("When did it happen?"),
        help_text=_("A year or a season is enough, for example “summer 2023”."),
        max_length=100,
        required=False,
    )
    place = forms.CharField(
        label=_("Where did it happen?"),
        help_text=_("Town, state or province."),
        max_length=300,
        required=False,
    )
    program = forms.ChoiceField(
        label=_("Visa or program"), choices=Program.choices, widget=forms.RadioSelect
    )
    origin = forms.ChoiceField(
        label=_("Country you come from"),
        choices=[("", _("Choose one")), *Origin.choices],
    )
    industry = forms.ChoiceField(
        label=_("Kind of work"), choices=[("", _("Choose one")), *Industry.choices]
    )
    employer = forms.CharField(
        label=_("Employer"),
        help_text=_("The company or the boss, and where they are. If you know."),
        max_length=500,
        required=False,
    )
    recruiter = forms.CharField(
        label=_("Recruiter"),
        help_text=_("Who recruited you, and where. If you know."),
        max_length=500,
        required=False,
    )
    abuses = forms.MultipleChoiceField(
        label=_("Did any of these happen to you? Choose all that apply."),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        help_text=_("You can leave it empty. We use a code instead of your name everywhere."),
        max_length=200,
        required=False,
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    whatsapp = forms.CharField(label=_("WhatsApp (optional)"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email (optional)"), max_length=254, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language we should use with you"), choices=settings.LANGUAGES
    )
    nickname = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["abuses"].choices = abuse_choices()
        for kind, label in Consent.choices:
            self.fields[f"consent_{kind}"] = forms.BooleanField(label=label, required=False)
        self.fields["consent_keep"].help_text = _(
            "Needed to keep your account at all. You can withdraw it later with your receipt code."
        )
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def consents(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data.get(f"consent_{kind}")) for kind in Consent.values}

    def clean_narrative(self) -> str:
        text: str = self.cleaned_data["narrative"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Tell us a little more: at least a sentence."))
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("consent_keep"):
            self.add_error(
                "consent_keep",
                _(
                    "We can keep your account only if you tick this box. Without it, nothing "
                    "is saved."
                ),
            )
        has_contact = any(data.get(name) for name in ("phone", "whatsapp", "email"))
        if data.get("consent_contact") and not has_contact:
            self.add_error(
                "consent_contact",
                _("To be contacted, give a phone, a WhatsApp number or an email (step 4)."),
            )
        if data.get("consent_named_use") and not data.get("name"):
            self.add_error(
                "consent_named_use", _("To be named in a petition, give your name (step 4).")
            )
        return data

    def step_errors(self, step: Step) -> dict[str, Any]:
        """This step's errors only (the later steps are not filled in yet)."""
        self.is_valid()
        return {name: self.errors[name] for name in step.fields if name in self.errors}

    def testimony_fields(self) -> dict[str, Any]:
        """What the model stores, from the cleaned data."""
        names = (
            "narrative",
            "happened_when",
            "place",
            "program",
            "origin",
            "industry",
            "employer",
            "recruiter",
            "abuses",
            "name",
            "phone",
            "whatsapp",
            "email",
            "preferred_language",
        )
        values = {name: self.cleaned_data.get(name) or "" for name in names}
        values["abuses"] = list(self.cleaned_data.get("abuses") or [])
        return values


class AttachmentsForm(forms.Form):
    attachments = MultipleFileField(
        label=_("Photos or documents (optional)"),
        # format_lazy: a `%` here would translate once, at import, into English for all.
        help_text=format_lazy(
            _(
                "Pay stubs, contracts, photos: JPEG, PNG or PDF, up to {count} files of 10 MB "
                "each. We remove the location and camera details from photos."
            ),
            count=MAX_FILES,
        ),
        required=False,
    )

    def clean_attachments(self) -> list:
        return clean_uploads(self.cleaned_data.get("attachments") or [])


class StaffIntakeForm(IntakeForm):
    """A testimony taken by phone or in person: staff read each choice to the worker."""

    channel = forms.ChoiceField(
        label=_("How was it taken?"),
        choices=[("phone", _("Staff, by phone")), ("in_person", _("Staff, in person"))],
    )
    language = forms.ChoiceField(
        label=_("Language spoken with the worker"), choices=settings.LANGUAGES
    )
    other_names = forms.CharField(
        label=_("Other names in the account"),
        help_text=_(
            "Co-workers, family, supervisors: one per line. They are removed from the "
            "text that members and partners see."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields[HONEYPOT]
        for kind, label in Consent.choices:
            self.fields[f"consent_{kind}"].label = _("The worker agreed, when read: “%(text)s”") % {
                "text": label
            }

    @property
    def is_spam(self) -> bool:
        return False

    def testimony_fields(self) -> dict[str, Any]:
        values = super().testimony_fields()
        values["other_names"] = self.cleaned_data.get("other_names") or ""
        return values


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        help_text=_("The code you received when you gave your account, like ABCD-EFGH-JKMN."),
        max_length=40,
    )


class WithdrawForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    kinds = forms.MultipleChoiceField(
        label=_("What do you withdraw?"),
        choices=Consent.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing to withdraw.")},
    )


class RedactionForm(forms.Form):
    redacted = forms.CharField(
        label=_("The account as members and partners will read it"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=NARRATIVE_MAX,
    )


class ExcerptForm(forms.Form):
    """An excerpt of a testimony and whether it may name the worker: the fields of every form
    that takes a testimony's words elsewhere (petition evidence, a draft's exhibits)."""

    excerpt = forms.CharField(
        label=_("Excerpt"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Names, phones, addresses and document numbers are removed again."),
    )
    named = forms.BooleanField(
        label=_("Name the worker (only with their consent to be named)"), required=False
    )

    def refuse(self, refused: Exception) -> None:
        """Say which consent the worker has not given (`actions.NotAllowed`)."""
        needed = Consent(str(refused.args[0]))
        self.add_error(
            "named" if needed == Consent.NAMED_USE else None,
            _("The worker has not agreed to this use: “%(text)s”") % {"text": needed.label},
        )


class EvidenceForm(ExcerptForm):
    petition = forms.ModelChoiceField(label=_("Petition"), queryset=None)

    field_order = ["petition", "excerpt", "named"]

    def __init__(self, *args: Any, petitions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["petition"].queryset = petitions

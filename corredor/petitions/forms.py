from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from corredor.accounts.models import Organization
from corredor.petitions.choices import AgainstCountry, Precision, Visibility
from corredor.petitions.models import Petition
from corredor.treaties.labels import EVENT_LABELS, local, office_name
from corredor.treaties.rulebook import rulebook


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """An action's ValidationError shown on the form: on its field when the form has one,
    otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


def mechanism_choices() -> list[tuple[str, str]]:
    return [(code, local(m.name)) for code, m in rulebook().mechanisms.items()]


def office_choices() -> list[tuple[str, str]]:
    return [(code, office_name(code)) for code in rulebook().offices]


def principle_choices(mechanism: str | None = None) -> list[tuple[str, str]]:
    choices = []
    for code, m in rulebook().mechanisms.items():
        if mechanism and code != mechanism:
            continue
        prefix = local(m.agreement.short)
        for principle in m.principles.values():
            choices.append((principle.code, f"{prefix} {principle.code}: {local(principle.name)}"))
    return choices


def stage_choices() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for m in rulebook().mechanisms.values():
        for stage in m.stages:
            seen.setdefault(stage.code, local(stage.name))
    return list(seen.items())


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    agreement = forms.ChoiceField(label=_("Agreement"), required=False)
    mechanism = forms.ChoiceField(label=_("Mechanism"), required=False)
    office = forms.ChoiceField(label=_("Receiving office"), required=False)
    against = forms.ChoiceField(
        label=_("Country complained against"),
        required=False,
        choices=[("", _("Any")), *list(AgainstCountry.choices)],
    )
    principle = forms.ChoiceField(label=_("Principle or article"), required=False)
    status = forms.ChoiceField(label=_("Stage"), required=False)
    year = forms.IntegerField(label=_("Year filed"), required=False, min_value=1994, max_value=2100)
    overdue = forms.BooleanField(label=_("Only petitions past a deadline"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["agreement"].choices = anything + [
            (code, local(a.short)) for code, a in rulebook().agreements.items()
        ]
        self.fields["mechanism"].choices = anything + mechanism_choices()
        self.fields["office"].choices = anything + office_choices()
        self.fields["principle"].choices = anything + principle_choices()
        self.fields["status"].choices = anything + stage_choices()

    def filter(self, petitions: QuerySet[Petition], today: date) -> QuerySet[Petition]:
        if not self.is_valid():
            return petitions.none()
        data = self.cleaned_data
        if data["q"]:
            for word in data["q"].lower().split():
                petitions = petitions.filter(search_text__contains=word)
        if data["agreement"]:
            codes = [
                c for c, m in rulebook().mechanisms.items() if m.agreement.code == data["agreement"]
            ]
            petitions = petitions.filter(mechanism__in=codes)
        for field, column in (
            ("mechanism", "mechanism"),
            ("office", "office"),
            ("against", "against_country"),
            ("status", "stage"),
        ):
            if data[field]:
                petitions = petitions.filter(**{column: data[field]})
        if data["principle"]:
            petitions = petitions.filter(principle_keys__contains=f"|{data['principle']}|")
        if data["year"]:
            petitions = petitions.filter(filed_on__year=data["year"])
        if data["overdue"]:
            petitions = petitions.filter(next_due_on__lt=today)
        return petitions


class PetitionForm(forms.ModelForm):
    """Create or edit a petition. Venue and dates are checked against the rulebook by the
    action; its errors come back on the fields."""

    mechanism = forms.ChoiceField(label=_("Mechanism"))
    office = forms.ChoiceField(label=_("Receiving office"))
    principles = forms.MultipleChoiceField(
        label=_("Principles or articles invoked"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line."),
    )

    class Meta:
        model = Petition
        fields = [
            "reference",
            "mechanism",
            "office",
            "against_country",
            "principles",
            "title_en",
            "title_es",
            "title_fr",
            "summary_en",
            "summary_es",
            "summary_fr",
            "petitioners",
            "sources",
            "visibility",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mechanism"].choices = mechanism_choices()
        self.fields["office"].choices = office_choices()
        self.fields["principles"].choices = principle_choices()
        if self.instance.pk:
            self.initial["sources"] = "\n".join(self.instance.sources)

    def clean_sources(self) -> list[str]:
        urls = [line.strip() for line in self.cleaned_data["sources"].splitlines() if line.strip()]
        validator = forms.URLField(assume_scheme="https")
        return [validator.clean(url) for url in urls]


class NewPetitionForm(PetitionForm):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    filed_on = forms.DateField(
        label=_("Date filed"), widget=forms.DateInput(attrs={"type": "date"})
    )
    filed_precision = forms.ChoiceField(
        label=_("How precisely the date is known"), choices=Precision.choices, initial=Precision.DAY
    )

    class Meta(PetitionForm.Meta):
        fields = ["organization", *PetitionForm.Meta.fields]

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["visibility"].initial = Visibility.INTERNAL


class EventForm(forms.Form):
    code = forms.ChoiceField(label=_("What happened"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    precision = forms.ChoiceField(
        label=_("How precisely the date is known"), choices=Precision.choices, initial=Precision.DAY
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source_url = forms.URLField(
        label=_("Source (web address)"), required=False, assume_scheme="https"
    )
    document = forms.FileField(label=_("Document"), required=False)

    def __init__(self, *args: Any, petition: Petition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [
            (code, str(EVENT_LABELS.get(code, code))) for code in petition.rules.events
        ]

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from corredor.accounts.models import Organization
from corredor.campaigns.choices import ActionType
from corredor.campaigns.models import Action, Campaign, Publication
from corredor.petitions.models import Petition
from corredor.signons.models import Letter


class TimelineFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Type of action"),
        required=False,
        choices=[("", _("Any")), *ActionType.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)


class CampaignForm(forms.ModelForm):
    members = forms.CharField(
        label=_("Coalition members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One organization per line, optionally followed by its country: US, MX or CA."),
    )

    class Meta:
        model = Campaign
        fields = [
            "organization",
            "slug",
            "title_en",
            "title_es",
            "title_fr",
            "summary_en",
            "summary_es",
            "summary_fr",
            "goals_en",
            "goals_es",
            "goals_fr",
            "petitions",
            "letters",
            "visibility",
        ]
        widgets = {
            "petitions": forms.CheckboxSelectMultiple,
            "letters": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization],
        petitions: QuerySet[Petition],
        letters: QuerySet[Letter],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["petitions"].queryset = petitions
        self.fields["letters"].queryset = letters
        if self.instance.pk:
            del self.fields["organization"]
            self.initial["members"] = "\n".join(
                f"{m.name}, {m.country}" if m.country else m.name
                for m in self.instance.members.all()
            )

    def clean_members(self) -> list[tuple[str, str]]:
        members = []
        for line in self.cleaned_data["members"].splitlines():
            if not line.strip():
                continue
            name, _sep, country = line.rpartition(",")
            country = country.strip().upper()
            if not name or country not in ("US", "MX", "CA"):
                name, country = line, ""
            members.append((name.strip(), country))
        return members


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "date",
            "precision",
            "type",
            "title_en",
            "title_es",
            "title_fr",
            "summary_en",
            "summary_es",
            "summary_fr",
            "organizations",
            "link_url",
            "petition",
            "letter",
            "visibility",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    link_url = forms.URLField(
        label=_("Link to a document"), required=False, max_length=500, assume_scheme="https"
    )

    def __init__(
        self,
        *args: Any,
        petitions: QuerySet[Petition],
        letters: QuerySet[Letter] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["petition"].queryset = petitions
        self.fields["letter"].queryset = letters if letters is not None else Letter.objects.none()


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = [
            "slug",
            "published_on",
            "publisher",
            "title_en",
            "title_es",
            "title_fr",
            "summary_en",
            "summary_es",
            "summary_fr",
            "pdf",
            "visibility",
        ]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"})}

    def clean_pdf(self) -> Any:
        pdf = self.cleaned_data.get("pdf")
        if pdf and hasattr(pdf, "read"):
            head = pdf.read(5)
            pdf.seek(0)
            if head != b"%PDF-":
                raise forms.ValidationError(_("This file is not a PDF."), code="not_pdf")
        return pdf

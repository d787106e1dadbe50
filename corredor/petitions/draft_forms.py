"""Forms for drafting: they validate what people type; `drafting` decides and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corredor.accounts.models import Organization
from corredor.petitions.choices import AgainstCountry, ExhibitKind, Language
from corredor.petitions.forms import mechanism_choices, office_choices, principle_choices
from corredor.petitions.package import SAME_LANGUAGE_TWICE, PackageError, PackageExhibit, open_pdf
from corredor.testimonies.files import CleanFile, clean_uploads
from corredor.testimonies.forms import ExcerptForm

SECTION_MAX = 100_000  # characters: a long section, well beyond any office's page limits


class DraftDetailsForm(forms.Form):
    reference = forms.CharField(
        label=_("Working reference"),
        max_length=60,
        help_text=_("For example “Jornaleros 2026”. The petition keeps it when it is filed."),
    )
    authoritative_language = forms.ChoiceField(
        label=_("Authoritative language"),
        choices=Language.choices,
        help_text=_("The text that counts. Translations are checked against it."),
    )
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=300, required=False)
    title_fr = forms.CharField(label=_("Title in French"), max_length=300, required=False)
    principles = forms.MultipleChoiceField(
        label=_("Principles or articles invoked"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    petitioners = forms.CharField(
        label=_("Petitioners"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. Organizations by name; people only with their written consent."),
    )

    reviewers = forms.ModelMultipleChoiceField(
        label=_("Share for review with"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Coalition partners: their members read the sections and comment on them. They "
            "never see the exhibits or the package."
        ),
    )

    def __init__(
        self, *args: Any, mechanism: str, partners: QuerySet[Organization], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["principles"].choices = principle_choices(mechanism)
        self.fields["reviewers"].queryset = partners


class NewDraftForm(DraftDetailsForm):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    mechanism = forms.ChoiceField(label=_("Mechanism"))
    office = forms.ChoiceField(label=_("Receiving office"))
    against_country = forms.ChoiceField(
        label=_("Country complained against"), choices=AgainstCountry.choices
    )

    field_order = ["organization", "mechanism", "office", "against_country", "reference"]

    def __init__(
        self, *args: Any, organizations: QuerySet[Organization], mechanism: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, mechanism=mechanism, partners=Organization.objects.all(), **kwargs)
        del self.fields["reviewers"]  # shared once it exists, from its details
        self.fields["organization"].queryset = organizations
        self.fields["mechanism"].choices = mechanism_choices()
        self.fields["office"].choices = office_choices()
        # Principles depend on the mechanism, chosen on this very form: offer them all.
        self.fields["principles"].choices = principle_choices()


class SupplementForm(forms.Form):
    reference = forms.CharField(label=_("Working reference"), max_length=60)
    authoritative_language = forms.ChoiceField(
        label=_("Authoritative language"), choices=Language.choices
    )


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=SECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 18}),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Older version"), min_value=1)
    b = forms.IntegerField(label=_("Newer version"), min_value=1)


class DocumentExhibitForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(
        label=_("Document"),
        help_text=_("A PDF, or a photo (JPEG or PNG), of at most 10 MB."),
    )

    def __init__(self, *args: Any, number: int, **kwargs: Any) -> None:
        """`number`: the exhibit's number in the package, for the messages that name it."""
        super().__init__(*args, **kwargs)
        self.number = number

    def clean_file(self) -> CleanFile:
        cleaned = clean_uploads([self.cleaned_data["file"]])[0]
        if cleaned.content_type == "application/pdf":
            exhibit = PackageExhibit(
                number=self.number,
                title=self.cleaned_data.get("title") or cleaned.original_name,
                kind=ExhibitKind.DOCUMENT,
            )
            try:
                open_pdf(cleaned.content, exhibit)  # as the package will open it
            except PackageError as error:
                raise ValidationError(str(error), code="damaged") from error
        return cleaned


class TestimonyExhibitForm(ExcerptForm):
    testimony = forms.ModelChoiceField(
        label=_("Testimony"), queryset=None, to_field_name="pseudonym"
    )
    title = forms.CharField(label=_("Title"), max_length=300)

    field_order = ["testimony", "title", "excerpt", "named"]

    def __init__(self, *args: Any, testimonies: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["testimony"].queryset = testimonies
        self.fields["testimony"].label_from_instance = lambda testimony: testimony.pseudonym


class LetterExhibitForm(forms.Form):
    letter = forms.ModelChoiceField(label=_("Letter"), queryset=None, to_field_name="slug")
    title = forms.CharField(label=_("Title"), max_length=300, required=False)

    def __init__(self, *args: Any, letters: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["letter"].queryset = letters
        self.fields["letter"].label_from_instance = lambda letter: letter.title


class PackageForm(forms.Form):
    lang = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    bilingual = forms.ChoiceField(
        label=_("Side by side with"),
        required=False,
        choices=[("", _("No second language")), *Language.choices],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("bilingual") and data.get("bilingual") == data.get("lang"):
            self.add_error("bilingual", SAME_LANGUAGE_TWICE)
        return data


class FilingForm(PackageForm):
    filed_on = forms.DateField(
        label=_("Filed on"),
        help_text=_("The day the office received it. The deadlines count from this date."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    override_reason = forms.CharField(
        label=_("Reason to file despite the check"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only an administrator can file an incomplete petition; the reason is kept."),
    )

    field_order = ["filed_on", "lang", "bilingual", "override_reason"]

    def __init__(self, *args: Any, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_override:
            del self.fields["override_reason"]

    def clean_filed_on(self) -> Any:
        filed_on = self.cleaned_data["filed_on"]
        if filed_on > timezone.localdate():
            raise ValidationError(_("A filing date cannot be in the future."), code="future")
        return filed_on

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from corredor.treaties.labels import COUNTRY_LABELS, RIGHT_LABELS, SCOPE_LABELS
from corredor.treaties.rulebook import COUNTRIES, RIGHTS, SCOPES, rulebook


def first_filing_day() -> date:
    """The first day any agreement in the rulebook took filings."""
    return min(agreement.in_force_from for agreement in rulebook().agreements.values())


class WhereToFileForm(forms.Form):
    """What a matter is about, in the words of `routing.where_to_file`; only its codes pass."""

    country = forms.ChoiceField(
        label=_("Which country failed to enforce its labor law?"),
        help_text=_("The country where the workers' rights were denied, not where they come from."),
        choices=[(code, COUNTRY_LABELS[code]) for code in COUNTRIES],
        widget=forms.RadioSelect,
    )
    scope = forms.ChoiceField(
        label=_("Is it about one workplace or the whole labor system?"),
        help_text=_(
            "One workplace: a farm, a factory, a mine. The whole system: how the country "
            "enforces its labor law everywhere, for example for every worker on a visa."
        ),
        choices=[(code, SCOPE_LABELS[code]) for code in SCOPES],
        widget=forms.RadioSelect,
    )
    rights = forms.MultipleChoiceField(
        label=_("Which rights are at stake?"),
        help_text=_("Choose all that apply. If you do not know yet, choose none."),
        choices=[(code, RIGHT_LABELS[code]) for code in RIGHTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    on = forms.DateField(
        label=_("When would you file?"),
        help_text=_("Leave it empty for today. An earlier date shows what was possible then."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
        initial=timezone.localdate,
    )

    def clean_on(self) -> date:
        on: date | None = self.cleaned_data["on"]
        if on is None:
            return timezone.localdate()
        first = first_filing_day()
        if on < first:
            raise forms.ValidationError(
                gettext(
                    "No agreement took labor complaints before {date}: choose that day or later."
                ).format(date=date_format(first, "DATE_FORMAT")),
                code="before_agreements",
            )
        return on

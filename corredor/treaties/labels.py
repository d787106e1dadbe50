"""Translated words for the rulebook's codes, and sentences for the venue and completeness
problems.

The rulebook carries its own names in three languages (`local`); the codes shared by every
mechanism (events, statuses, confidence, tiers, countries) are translated here with gettext.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from corredor.treaties.rulebook import Text, rulebook
from corredor.treaties.venue import Problem

EVENT_LABELS: dict[str, Promise] = {
    "filed": pgettext_lazy("event", "Filing"),
    "accepted_for_review": pgettext_lazy("event", "Acceptance for review"),
    "declined": pgettext_lazy("event", "Review declined"),
    "review_declined": pgettext_lazy("event", "Refusal to review"),
    "hearing_held": pgettext_lazy("event", "Public hearing"),
    "review_extended": pgettext_lazy("event", "Review extended"),
    "supplement_filed": pgettext_lazy("event", "Supplement filed"),
    "report_issued": pgettext_lazy("event", "Report issued"),
    "review_completed": pgettext_lazy("event", "Review completed"),
    "consultations_requested": pgettext_lazy("event", "Consultations requested"),
    "consultations_accepted": pgettext_lazy("event", "Consultations accepted"),
    "ministerial_agreement": pgettext_lazy("event", "Ministerial agreement"),
    "outreach_report": pgettext_lazy("event", "Outreach report"),
    "meeting_with_government": pgettext_lazy("event", "Meeting with a government"),
    "petition_filed": pgettext_lazy("event", "Petition filed"),
    "petition_declined": pgettext_lazy("event", "Petition declined"),
    "review_requested": pgettext_lazy("event", "Review requested"),
    "review_agreed": pgettext_lazy("event", "Review agreed"),
    "remediation_agreed": pgettext_lazy("event", "Remediation agreed"),
    "panel_requested": pgettext_lazy("event", "Panel requested"),
    "panel_constituted": pgettext_lazy("event", "Panel constituted"),
    "panel_determination": pgettext_lazy("event", "Panel determination"),
    "response_to_petitioner": pgettext_lazy("event", "Response to the petitioners"),
}

STATUS_LABELS: dict[str, Promise] = {
    "met": gettext_lazy("Met on time"),
    "met_in_extension": gettext_lazy("Met within the allowed extension"),
    "met_late": gettext_lazy("Met late"),
    "pending": gettext_lazy("Pending"),
    "overdue": gettext_lazy("Overdue"),
    "not_applicable": gettext_lazy("No longer applicable"),
}

CONFIDENCE_LABELS: dict[str, Promise] = {
    "confirmed": gettext_lazy("Confirmed in a public source"),
    "practice": gettext_lazy("Observed practice, not read in the rule text"),
    "unverified": gettext_lazy("Deadline not yet verified against the text"),
}

TIER_LABELS: dict[str, Promise] = {
    "consultations": gettext_lazy("Review and ministerial consultations"),
    "evaluation_committee": gettext_lazy("Up to an evaluation committee of experts"),
    "arbitral_panel": gettext_lazy("Up to an arbitral panel"),
}

COUNTRY_LABELS: dict[str, Promise] = {
    "US": gettext_lazy("United States"),
    "MX": gettext_lazy("Mexico"),
    "CA": gettext_lazy("Canada"),
}

# What a matter is about (routing.where_to_file): the codes of rulebook.RIGHTS and SCOPES.
RIGHT_LABELS: dict[str, Promise] = {
    "free_association": gettext_lazy("Freedom of association"),
    "collective_bargaining": gettext_lazy("Collective bargaining"),
    "strike": gettext_lazy("The right to strike"),
    "forced_labor": gettext_lazy("Forced labor"),
    "child_labor": gettext_lazy("Child labor"),
    "discrimination": gettext_lazy("Discrimination at work"),
    "equal_pay": gettext_lazy("Equal pay for women and men"),
    "minimum_wage": gettext_lazy("Minimum wage"),
    "hours": gettext_lazy("Hours of work"),
    "safety_health": gettext_lazy("Safety and health at work"),
    "injury_compensation": gettext_lazy("Compensation for work injuries and illnesses"),
    "migrant_workers": gettext_lazy("Protection of migrant workers"),
    "violence": gettext_lazy("Violence against workers"),
}

SCOPE_LABELS: dict[str, Promise] = {
    "workplace": gettext_lazy("One workplace"),
    "system": gettext_lazy("The country's labor system as a whole"),
}


def local(text: Text) -> str:
    """The rulebook's text in the active language (English when it has none)."""
    language = (get_language() or "en")[:2]
    return text.get(language) or text["en"]


def event_label(code: str) -> str:
    return str(EVENT_LABELS.get(code, code))


def office_name(code: str) -> str:
    office = rulebook().offices.get(code)
    return local(office.name) if office else code


def owed_by_label(code: str) -> str:
    if code in COUNTRY_LABELS:
        return str(COUNTRY_LABELS[code])
    return office_name(code)


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def section_name(mechanism: str, code: str) -> str:
    try:
        return local(rulebook().mechanism(mechanism).section(code).name)
    except KeyError:
        return code


def problem_message(problem: Problem) -> str:
    """One clear sentence, in the active language, for a refused filing or event, or for
    an element a petition lacks (completeness.check)."""
    p = problem.params
    rules = rulebook()
    if problem.code == "unknown_mechanism":
        return _("There is no mechanism with the code “{code}”.").format(code=p["code"])
    if problem.code == "office_not_in_mechanism":
        return _("The office “{code}” does not receive filings under this mechanism.").format(
            code=p["code"]
        )
    if problem.code == "unknown_country":
        return _("“{code}” is not a country this mechanism covers.").format(code=p["code"])
    if problem.code == "own_office":
        # Whole sentences per country: articles and prepositions differ in each language.
        naalc = p["mechanism"] == "naalc"
        sentences = {
            ("US", True): _(
                "A NAALC communication about the United States must go to Mexico's or "
                "Canada's office."
            ),
            ("MX", True): _(
                "A NAALC communication about Mexico must go to the United States' or "
                "Canada's office."
            ),
            ("CA", True): _(
                "A NAALC communication about Canada must go to the United States' or "
                "Mexico's office."
            ),
            ("US", False): _(
                "A submission about the United States must go to Mexico's or Canada's "
                "contact point."
            ),
            ("MX", False): _(
                "A submission about Mexico must go to the United States' or Canada's contact point."
            ),
            ("CA", False): _(
                "A submission about Canada must go to the United States' or Mexico's contact point."
            ),
        }
        return sentences[(p["country"], naalc)]
    if problem.code == "pair_not_covered":
        return _(
            "The Rapid Response mechanism does not let this office bring a case about {country}."
        ).format(country=COUNTRY_LABELS.get(p["country"], p["country"]))
    if problem.code == "before_agreement":
        agreement = rules.agreements[p["agreement"]]
        return _("The {agreement} applies only to filings from {date}.").format(
            agreement=local(agreement.short), date=p["date"]
        )
    if problem.code == "after_agreement":
        agreement = rules.agreements[p["agreement"]]
        return _(
            "The {agreement} ended on {date}: no filing can be made under it after that."
        ).format(agreement=local(agreement.short), date=p["date"])
    if problem.code == "unknown_event":
        return _("The event “{code}” does not exist in this mechanism.").format(code=p["code"])
    if problem.code == "bad_precision":
        return _("A date is known to the day or to the month.")
    if problem.code == "unknown_principle":
        return _("These principles or articles are not part of this mechanism: {codes}.").format(
            codes=p["codes"]
        )
    if problem.code == "reference_taken":
        return _("Another petition already uses the reference {reference}.").format(
            reference=p["reference"]
        )
    if problem.code == "events_not_in_mechanism":
        return _(
            "This petition has events that the new mechanism does not know: {codes}. Delete "
            "them first."
        ).format(codes=p["codes"])
    if problem.code == "filing_required":
        return _("A petition keeps its filing event: change its date instead of deleting it.")
    if problem.code == "event_before_filing":
        return _("An event cannot come before the filing ({filed_on}).").format(
            filed_on=p["filed_on"]
        )
    return _completeness_message(problem) or problem.code


def _completeness_message(problem: Problem) -> str | None:
    p = problem.params
    if problem.code == "section_empty":
        return _(
            "The section “{section}” is empty in the authoritative language ({language})."
        ).format(
            section=section_name(p["mechanism"], p["section"]),
            language=language_name(p["language"]),
        )
    if problem.code == "section_empty_no_exhibits":
        return _(
            "The section “{section}” is empty in the authoritative language ({language}) and "
            "no exhibit is attached."
        ).format(
            section=section_name(p["mechanism"], p["section"]),
            language=language_name(p["language"]),
        )
    if problem.code == "no_petitioners":
        return _("Add at least one petitioner: the office you file with requires their names.")
    if problem.code == "language_required":
        mechanism = rulebook().mechanisms.get(p["mechanism"])
        rule = mechanism.languages_at(p["office"]) if mechanism else None
        languages = p["languages"].split(",")
        if len(languages) == 1:
            # The rulebook's sentence says which office; this one says what to do.
            return (
                _("{rule} Make {language} the authoritative language.")
                .format(
                    rule=local(rule.statement.text) if rule else "",
                    language=language_name(languages[0]),
                )
                .strip()
            )
        return (
            _("{rule} Make one of these the authoritative language: {languages}.")
            .format(
                rule=local(rule.statement.text) if rule else "",
                languages=", ".join(language_name(code) for code in languages),
            )
            .strip()
        )
    if problem.code == "unknown_language":
        return _("“{code}” is not one of Corredor's languages (English, Spanish, French).").format(
            code=p["code"]
        )
    if problem.code == "unknown_section":
        return _("This mechanism has no section “{code}”.").format(code=p["section"])
    return None

"""Every write to a petition goes through an action: checked against the rulebook, saved in one
transaction with its history and an audit entry, or refused with a clear message and nothing
saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from corredor.accounts.models import AuditEntry
from corredor.petitions import actions
from corredor.petitions.choices import Precision, Visibility
from corredor.petitions.models import Petition, PetitionEvent
from corredor.petitions.tests.conftest import days_ago, file_petition, pilots_petition


def stored_states(petition: Petition) -> dict[str, str]:
    return dict(petition.stored_obligations.values_list("rule", "state"))


def audit_trail(petition: Petition) -> list[tuple[str, str | None]]:
    entries = AuditEntry.objects.filter(
        object_type="petitions.petition", object_id=str(petition.uuid)
    ).order_by("created_at", "id")
    return [(entry.action, entry.actor.email if entry.actor else None) for entry in entries]


def assert_nothing_saved() -> None:
    assert Petition.objects.count() == 0
    assert PetitionEvent.objects.count() == 0
    assert Petition.history.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="petition.").exists()


# Filing: who may file where, and when


def test_it_refuses_a_naalc_communication_about_the_us_filed_with_the_us_office(
    alfa, alice
) -> None:
    with pytest.raises(ValidationError) as refusal:
        file_petition(
            "US NAO 2005-99",
            mechanism="naalc",
            office="us-nao",
            against="US",
            filed_on=date(2005, 5, 27),
            organization=alfa,
            actor=alice,
        )
    assert refusal.value.message_dict == {
        "office": [
            "A NAALC communication about the United States must go to Mexico's or Canada's office."
        ]
    }
    assert_nothing_saved()


def test_it_refuses_a_naalc_communication_filed_after_the_naalc_ended(alfa, alice) -> None:
    with pytest.raises(ValidationError) as refusal:
        file_petition(
            "MEX NAO 2020-1",
            mechanism="naalc",
            office="mx-nao",
            against="US",
            filed_on=date(2020, 7, 1),
            organization=alfa,
            actor=alice,
        )
    assert refusal.value.message_dict == {
        "filed_on": ["The NAALC ended on 2020-06-30: no filing can be made under it after that."]
    }
    assert_nothing_saved()


def test_it_refuses_a_usmca_submission_filed_before_the_usmca_began(alfa, alice) -> None:
    with pytest.raises(ValidationError) as refusal:
        file_petition(
            "USMCA MX 2020-0",
            mechanism="usmca-23.11",
            office="mx-stps",
            against="US",
            filed_on=date(2020, 6, 30),
            organization=alfa,
            actor=alice,
        )
    assert refusal.value.message_dict == {
        "filed_on": ["The USMCA applies only to filings from 2020-07-01."]
    }
    assert_nothing_saved()


def test_it_accepts_each_agreement_on_its_first_and_last_days(db) -> None:
    on_the_last_naalc_day = file_petition(
        "MEX NAO 2020-1",
        mechanism="naalc",
        office="mx-nao",
        against="US",
        filed_on=date(2020, 6, 30),
    )
    on_the_first_usmca_day = file_petition(
        "USMCA MX 2020-1",
        mechanism="usmca-23.11",
        office="mx-stps",
        against="US",
        filed_on=date(2020, 7, 1),
    )
    assert on_the_last_naalc_day.filed_on == date(2020, 6, 30)
    assert on_the_first_usmca_day.filed_on == date(2020, 7, 1)


def test_it_refuses_principles_the_mechanism_does_not_have(db) -> None:
    with pytest.raises(ValidationError) as refusal:
        file_petition("RRM Alfa 1", principles=["annex-31-a", "7"])
    assert refusal.value.message_dict == {
        "principles": ["These principles or articles are not part of this mechanism: 7."]
    }
    assert_nothing_saved()


def test_a_filing_known_only_to_the_month_is_stored_on_the_first_of_the_month(db) -> None:
    petition = actions.create_petition(
        actor=None,
        organization=None,
        filed_on=date(1999, 8, 17),
        filed_precision=Precision.MONTH,
        reference="US NAO 9902",
        mechanism="naalc",
        office="us-nao",
        against_country="MX",
        visibility=Visibility.PUBLIC,
    )
    filing = petition.events.get()
    assert (filing.code, filing.date, filing.precision) == ("filed", date(1999, 8, 1), "month")
    assert (petition.filed_on, petition.filed_precision) == (date(1999, 8, 1), "month")


# Events


def test_it_refuses_an_event_the_mechanism_does_not_know_and_saves_nothing(alfa, alice) -> None:
    petition = file_petition("RRM Alfa 1", organization=alfa, actor=alice)
    with pytest.raises(ValidationError) as refusal:
        actions.record_event(petition, actor=alice, code="report_issued", on=days_ago(1))
    assert refusal.value.message_dict == {
        "code": ["The event “report_issued” does not exist in this mechanism."]
    }
    assert list(petition.events.values_list("code", flat=True)) == ["petition_filed"]
    assert PetitionEvent.history.count() == 1
    assert audit_trail(petition) == [("petition.create", "alice@alfa.example")]


def test_it_refuses_an_event_dated_before_the_filing_and_saves_nothing(alfa, alice) -> None:
    petition = file_petition("RRM Alfa 1", organization=alfa, actor=alice)
    with pytest.raises(ValidationError) as refusal:
        actions.record_event(petition, actor=alice, code="review_requested", on=days_ago(28))
    assert refusal.value.message_dict == {
        "date": ["An event cannot come before the filing (2026-10-28)."]
    }
    assert petition.events.count() == 1
    petition.refresh_from_db()
    assert petition.stage == "petition"
    assert audit_trail(petition) == [("petition.create", "alice@alfa.example")]


def test_an_event_known_only_to_the_month_is_stored_on_the_first_of_the_month(db) -> None:
    petition = file_petition(
        "MEX NAO 2015-1",
        mechanism="naalc",
        office="mx-nao",
        against="US",
        filed_on=date(2015, 5, 26),
    )
    event = actions.record_event(
        petition, actor=None, code="report_issued", on=date(2018, 7, 19), precision="month"
    )
    event.refresh_from_db()
    assert (event.date, event.precision) == (date(2018, 7, 1), "month")
    petition.refresh_from_db()
    assert (petition.answered_on, petition.answered_precision) == (date(2018, 7, 1), "month")


def test_an_event_in_the_month_of_a_filing_known_to_the_day_is_accepted(db) -> None:
    # The month's first day comes before the filing, but the event may be any day of it.
    petition = file_petition(
        "MEX NAO 2015-1",
        mechanism="naalc",
        office="mx-nao",
        against="US",
        filed_on=date(2015, 5, 26),
    )
    actions.record_event(
        petition, actor=None, code="supplement_filed", on=date(2015, 5, 28), precision="month"
    )
    assert petition.events.count() == 2


# Status derives from the events


def test_status_follows_each_event_recorded_and_deleted(alfa, alice) -> None:
    petition = file_petition("RRM Alfa 1", organization=alfa, actor=alice)
    assert (petition.stage, petition.closed, petition.answered_on) == ("petition", False, None)
    assert petition.next_due_on == date(2026, 11, 27)
    assert stored_states(petition) == {"us-ilc-rrm-petition": "open"}

    requested = actions.record_event(
        petition, actor=alice, code="review_requested", on=date(2026, 11, 14)
    )
    petition.refresh_from_db()
    assert petition.stage == "review_requested"
    assert petition.next_due_on == date(2026, 11, 24)
    assert stored_states(petition) == {
        "us-ilc-rrm-petition": "met",
        "rrm-respondent-agrees": "open",
    }

    declined = actions.record_event(
        petition, actor=alice, code="petition_declined", on=date(2026, 11, 20)
    )
    petition.refresh_from_db()
    assert (petition.stage, petition.closed) == ("declined", True)
    assert petition.answered_on == date(2026, 11, 20)

    actions.delete_event(declined, actor=alice)
    actions.delete_event(requested, actor=alice)
    petition.refresh_from_db()
    assert (petition.stage, petition.closed, petition.answered_on) == ("petition", False, None)
    assert petition.next_due_on == date(2026, 11, 27)
    assert stored_states(petition) == {"us-ilc-rrm-petition": "open"}


def test_status_measures_the_days_to_the_first_decision_and_to_the_report(db) -> None:
    petition = pilots_petition()
    assert stored_states(petition) == {"us-nao-accept-1994": "open"}
    actions.record_event(petition, actor=None, code="accepted_for_review", on=date(2005, 7, 20))
    actions.record_event(petition, actor=None, code="report_issued", on=date(2006, 1, 10))
    petition.refresh_from_db()
    assert (petition.days_to_first_decision, petition.days_to_report) == (54, 228)
    assert petition.stage == "report"
    assert petition.next_due_on is None
    assert stored_states(petition) == {
        "us-nao-accept-1994": "met",
        "us-nao-report-1994": "met_in_extension",
    }


def test_the_filing_event_cannot_be_deleted(alfa, alice) -> None:
    petition = file_petition("RRM Alfa 1", organization=alfa, actor=alice)
    filing = petition.events.get()
    with pytest.raises(ValidationError) as refusal:
        actions.delete_event(filing, actor=alice)
    assert refusal.value.messages == [
        "A petition keeps its filing event: change its date instead of deleting it."
    ]
    assert petition.events.filter(pk=filing.pk).exists()
    assert audit_trail(petition) == [("petition.create", "alice@alfa.example")]


# History and audit


def test_every_change_keeps_history_and_an_audit_entry(alfa, alice) -> None:
    petition = file_petition("RRM Alfa 1", organization=alfa, actor=alice)
    assert petition.history.count() == 1

    actions.update_petition(petition, actor=alice, title_es="Una petición de Centro Alfa")
    assert petition.history.count() == 2
    assert petition.history.first().title_es == "Una petición de Centro Alfa"
    assert petition.history.last().title_es == ""

    event = actions.record_event(
        petition, actor=alice, code="review_requested", on=date(2026, 11, 14)
    )
    actions.delete_event(event, actor=alice)
    assert list(
        PetitionEvent.history.filter(code="review_requested").values_list("history_type", flat=True)
    ) == ["-", "+"]

    assert audit_trail(petition) == [
        ("petition.create", "alice@alfa.example"),
        ("petition.update", "alice@alfa.example"),
        ("petition.event.add", "alice@alfa.example"),
        ("petition.event.delete", "alice@alfa.example"),
    ]
    update = AuditEntry.objects.get(action="petition.update")
    assert update.organization == alfa
    assert update.metadata == {"fields": ["title_es"]}


def test_an_update_that_moves_a_petition_to_a_refused_venue_saves_nothing(alfa, alice) -> None:
    petition = pilots_petition(organization=alfa, actor=alice)
    with pytest.raises(ValidationError) as refusal:
        actions.update_petition(petition, actor=alice, against_country="US")
    assert list(refusal.value.message_dict) == ["office"]
    petition.refresh_from_db()
    assert petition.against_country == "MX"
    assert petition.history.count() == 1
    assert [action for action, _actor in audit_trail(petition)] == ["petition.create"]


def test_history_names_the_actor_even_outside_a_request(alfa, alice) -> None:
    petition = file_petition("RRM Alfa 1", organization=alfa, actor=alice)
    assert petition.history.first().history_user == alice


def test_changing_the_mechanism_of_a_petition_with_events_it_does_not_know_is_refused(
    alfa, alice
) -> None:
    petition = file_petition("RRM Alfa 1", organization=alfa, actor=alice)
    with pytest.raises(ValidationError):
        actions.update_petition(petition, actor=alice, mechanism="usmca-23.11", office="us-otla")
    petition.refresh_from_db()
    assert petition.mechanism == "usmca-rrm"


def test_the_petition_in_hand_shows_its_new_measures_after_an_event(db) -> None:
    petition = file_petition("RRM Alfa 1", events=(("review_requested", date(2026, 11, 1)),))
    actions.record_event(petition, actor=None, code="review_agreed", on=date(2026, 11, 5))
    assert petition.days_to_first_decision == 8


def test_a_reference_that_would_share_another_petitions_address_is_refused(db) -> None:
    file_petition("RRM Alfa 1")
    with pytest.raises(ValidationError):
        file_petition("RRM-Alfa-1")

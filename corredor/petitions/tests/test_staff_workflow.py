"""Members of an organization file, edit and follow its petitions through forms; viewers only
read them; other organizations never learn they exist. Errors come back translated and nothing
is saved."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from corredor.accounts.choices import Role
from corredor.accounts.models import AuditEntry
from corredor.conftest import join, signed_in_client
from corredor.petitions import actions
from corredor.petitions.choices import Visibility
from corredor.petitions.models import Petition, PetitionEvent
from corredor.petitions.tests.conftest import file_petition

NEW = "/en/petitions/new/"


def new_petition(organization, **changes: Any) -> dict[str, Any]:
    return {
        "organization": organization.pk,
        "reference": "RRM Alfa 1",
        "mechanism": "usmca-rrm",
        "office": "us-ilc",
        "against_country": "MX",
        "principles": ["annex-31-a"],
        "title_en": "Dismissals at a parts plant in Querétaro",
        "title_es": "Despidos en una planta de autopartes en Querétaro",
        "petitioners": "Centro Alfa and two workers",
        "sources": "https://example.org/petition\nhttps://example.org/annex",
        "visibility": Visibility.INTERNAL,
        "filed_on": "2026-10-28",
        "filed_precision": "day",
        **changes,
    }


def edited(petition: Petition, **changes: Any) -> dict[str, Any]:
    return {
        "reference": petition.reference,
        "mechanism": petition.mechanism,
        "office": petition.office,
        "against_country": petition.against_country,
        "principles": petition.principles,
        "title_en": petition.title_en,
        "title_es": petition.title_es,
        "visibility": petition.visibility,
        "sources": "\n".join(petition.sources),
        **changes,
    }


@pytest.fixture
def internal(alfa, alice) -> Petition:
    return file_petition(
        "RRM Alfa 1",
        organization=alfa,
        actor=alice,
        visibility=Visibility.INTERNAL,
        title_en="Dismissals at a parts plant",
    )


def test_a_member_files_an_internal_petition_through_the_form(alfa, bob, bob_as, client) -> None:
    member = bob_as(Role.MEMBER)
    response = member.post(NEW, new_petition(alfa))
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/en/petitions/rrm-alfa-1/"
    assert (petition.organization, petition.visibility) == (alfa, "internal")
    assert petition.principles == ["annex-31-a"]
    assert petition.sources == ["https://example.org/petition", "https://example.org/annex"]
    assert (petition.filed_on, petition.stage) == (date(2026, 10, 28), "petition")
    assert petition.history.get().history_user == bob
    assert AuditEntry.objects.get(action="petition.create").actor == bob
    assert member.get(petition.get_absolute_url()).status_code == 200
    assert client.get(petition.get_absolute_url()).status_code == 404


def test_a_member_records_an_event_through_the_form(internal, bob, bob_as) -> None:
    member = bob_as(Role.MEMBER)
    url = f"/en/petitions/{internal.slug}/events/new/"
    assert member.get(url).status_code == 200
    response = member.post(
        url,
        {
            "code": "review_requested",
            "date": "2026-11-14",
            "precision": "day",
            "note": "USTR asked Mexico to review the plant",
            "source_url": "https://example.org/ustr",
        },
    )
    assert response.status_code == 302
    event = internal.events.get(code="review_requested")
    assert (event.date, event.note, event.created_by) == (
        date(2026, 11, 14),
        "USTR asked Mexico to review the plant",
        bob,
    )
    assert PetitionEvent.history.filter(code="review_requested").get().history_user == bob
    internal.refresh_from_db()
    assert (internal.stage, internal.next_due_on) == ("review_requested", date(2026, 11, 24))


def test_a_member_records_an_event_known_only_to_the_month(internal, bob_as) -> None:
    bob_as(Role.MEMBER).post(
        f"/en/petitions/{internal.slug}/events/new/",
        {"code": "meeting_with_government", "date": "2026-11-18", "precision": "month"},
    )
    event = internal.events.get(code="meeting_with_government")
    assert (event.date, event.precision) == (date(2026, 11, 1), "month")


def test_a_member_edits_a_petition_and_history_names_them(internal, bob, bob_as) -> None:
    response = bob_as(Role.MEMBER).post(
        f"/en/petitions/{internal.slug}/edit/",
        edited(internal, title_fr="Licenciements dans une usine de pièces"),
    )
    assert response.status_code == 302
    internal.refresh_from_db()
    assert internal.title_fr == "Licenciements dans une usine de pièces"
    assert internal.history.count() == 2
    assert internal.history.first().history_user == bob
    assert AuditEntry.objects.get(action="petition.update").metadata == {"fields": ["title_fr"]}


def test_a_member_deletes_an_event_but_not_the_filing(internal, bob_as) -> None:
    member = bob_as(Role.MEMBER)
    meeting = actions.record_event(
        internal, actor=None, code="meeting_with_government", on=date(2026, 11, 2)
    )
    filing = internal.events.get(code="petition_filed")

    response = member.post(f"/en/petitions/{internal.slug}/events/{meeting.uuid}/delete/")
    assert response.status_code == 302
    assert not internal.events.filter(pk=meeting.pk).exists()

    response = member.post(f"/en/petitions/{internal.slug}/events/{filing.uuid}/delete/")
    assert response.status_code == 302
    assert internal.events.filter(pk=filing.pk).exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The event is deleted.",
        "A petition keeps its filing event: change its date instead of deleting it.",
    ]


def test_deleting_an_event_needs_a_post(internal, bob_as) -> None:
    filing = internal.events.get()
    url = f"/en/petitions/{internal.slug}/events/{filing.uuid}/delete/"
    assert bob_as(Role.MEMBER).get(url).status_code == 405


@pytest.mark.parametrize("page", ["edit/", "events/new/"])
def test_a_viewer_may_not_change_a_petition(internal, bob_as, page) -> None:
    viewer = bob_as(Role.VIEWER)
    assert viewer.get(f"/en/petitions/{internal.slug}/{page}").status_code == 403
    assert viewer.post(f"/en/petitions/{internal.slug}/{page}", {}).status_code == 403


def test_a_viewer_may_not_delete_an_event(internal, bob_as) -> None:
    filing = internal.events.get()
    response = bob_as(Role.VIEWER).post(
        f"/en/petitions/{internal.slug}/events/{filing.uuid}/delete/"
    )
    assert response.status_code == 403


def test_a_viewer_cannot_file_a_petition_for_the_organization(alfa, bob_as) -> None:
    response = bob_as(Role.VIEWER).post(NEW, new_petition(alfa))
    # Refused by the page (see the 403 test below) or by the form's organization field.
    assert response.status_code in (200, 403)
    assert not Petition.objects.exists()


def test_a_viewer_gets_403_on_the_new_petition_page(alfa, bob_as) -> None:
    assert bob_as(Role.VIEWER).get(NEW).status_code == 403


def test_a_member_cannot_file_for_another_organization(alfa, beta, bob_as) -> None:
    response = bob_as(Role.MEMBER).post(NEW, new_petition(beta))
    assert response.status_code == 200
    assert response.context["form"].errors["organization"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("method", "page"),
    [("get", ""), ("get", "edit/"), ("get", "events/new/"), ("post", "events/new/")],
)
def test_another_organization_gets_404_on_an_internal_petition(
    internal, beta, charlie, method, page
) -> None:
    response = getattr(signed_in_client(charlie), method)(f"/en/petitions/{internal.slug}/{page}")
    assert response.status_code == 404
    assert internal.events.count() == 1


def test_another_organization_cannot_delete_an_event(internal, beta, charlie) -> None:
    filing = internal.events.get()
    url = f"/en/petitions/{internal.slug}/events/{filing.uuid}/delete/"
    assert signed_in_client(charlie).post(url).status_code == 404


def test_an_anonymous_visitor_is_asked_to_sign_in(client, db) -> None:
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/sign-in/?next=/en/petitions/new/"


def test_a_staff_member_passes_the_second_factor_before_filing(alfa, bob) -> None:
    join(alfa, bob, Role.STAFF)
    response = signed_in_client(bob, verified=False).get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/two-step/set-up/?next=")
    assert signed_in_client(bob).get(NEW).status_code == 200


# Translated errors, and nothing saved


def spanish(message: str) -> str:
    with translation.override("es"):
        return gettext(message)


def french(message: str) -> str:
    with translation.override("fr"):
        return gettext(message)


def test_a_refused_venue_is_explained_in_spanish_on_the_office_field(alfa, bob_as) -> None:
    member: Client = bob_as(Role.MEMBER)
    response = member.post(
        "/es/petitions/new/",
        new_petition(
            alfa,
            reference="US NAO 2005-99",
            mechanism="naalc",
            office="us-nao",
            against_country="US",
            principles=["1"],
            filed_on="2005-05-27",
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["office"] == [
        spanish(
            "A NAALC communication about the United States must go to Mexico's or Canada's office."
        )
    ]
    assert not Petition.objects.exists()
    assert not PetitionEvent.objects.exists()


def test_a_missing_field_is_explained_in_spanish(alfa, bob_as) -> None:
    response = bob_as(Role.MEMBER).post("/es/petitions/new/", new_petition(alfa, reference=""))
    assert response.context["form"].errors["reference"] == ["Este campo es obligatorio."]
    assert "Este campo es obligatorio." in response.content.decode()
    assert not Petition.objects.exists()


def test_an_event_before_the_filing_is_explained_in_french(internal, bob_as) -> None:
    response = bob_as(Role.MEMBER).post(
        f"/fr/petitions/{internal.slug}/events/new/",
        {"code": "review_requested", "date": "2026-10-01", "precision": "day"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [
        french("An event cannot come before the filing ({filed_on}).").format(filed_on="2026-10-28")
    ]
    assert internal.events.count() == 1


def test_a_malformed_event_date_is_explained_in_french(internal, bob_as) -> None:
    response = bob_as(Role.MEMBER).post(
        f"/fr/petitions/{internal.slug}/events/new/",
        {"code": "review_requested", "date": "le 14 novembre", "precision": "day"},
    )
    assert response.context["form"].errors["date"] == ["Saisissez une date valide."]
    assert internal.events.count() == 1


def test_an_event_the_mechanism_does_not_know_is_not_offered(internal, bob_as) -> None:
    response = bob_as(Role.MEMBER).post(
        f"/en/petitions/{internal.slug}/events/new/",
        {"code": "report_issued", "date": "2026-11-14", "precision": "day"},
    )
    assert response.context["form"].errors["code"] == [
        "Select a valid choice. report_issued is not one of the available choices."
    ]
    assert internal.events.count() == 1


def test_an_edit_to_a_refused_venue_is_refused_and_nothing_changes(alfa, alice, bob_as) -> None:
    petition = file_petition(
        "US NAO 2005-02",
        mechanism="naalc",
        office="us-nao",
        against="MX",
        filed_on=date(2005, 5, 27),
        organization=alfa,
        actor=alice,
        visibility=Visibility.INTERNAL,
    )
    response = bob_as(Role.MEMBER).post(
        f"/es/petitions/{petition.slug}/edit/", edited(petition, against_country="US")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["office"] == [
        spanish(
            "A NAALC communication about the United States must go to Mexico's or Canada's office."
        )
    ]
    petition.refresh_from_db()
    assert petition.against_country == "MX"
    assert petition.history.count() == 1


def test_an_edit_to_another_mechanism_is_refused_with_a_message(internal, bob_as) -> None:
    response = bob_as(Role.MEMBER).post(
        f"/en/petitions/{internal.slug}/edit/",
        edited(internal, mechanism="usmca-23.11", office="us-otla", principles=["23.3"]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    internal.refresh_from_db()
    assert internal.mechanism == "usmca-rrm"

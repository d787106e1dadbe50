from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from corredor.accounts.choices import Role
from corredor.campaigns.models import Action, Campaign, Publication
from corredor.campaigns.tests.conftest import add_action, make_campaign
from corredor.conftest import join, signed_in_client


def test_a_member_starts_a_campaign_with_its_coalition(alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    response = signed_in_client(bob).post(
        "/en/campaigns/new/",
        {
            "organization": alfa.pk,
            "slug": "h2a-women",
            "title_en": "Migrant women in H-2 programs",
            "visibility": "public",
            "members": "Centro Alfa, MX\nAllies United, US\nA network without country",
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(slug="h2a-women")
    assert sorted(campaign.members.values_list("name", "country")) == [
        ("A network without country", ""),
        ("Allies United", "US"),
        ("Centro Alfa", "MX"),
    ]


def test_an_action_known_only_to_the_month_is_stored_on_its_first_day(alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    campaign = make_campaign(alfa)
    response = signed_in_client(bob).post(
        f"/en/campaigns/{campaign.slug}/actions/new/",
        {"date": "2017-05-19", "precision": "month", "type": "strategy_meeting",
         "title_en": "Campaign launched", "visibility": "public"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Action.objects.get().date == date(2017, 5, 1)


def test_a_bad_action_is_refused_in_the_users_language_and_nothing_is_saved(alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    campaign = make_campaign(alfa)
    response = signed_in_client(bob).post(
        f"/es/campaigns/{campaign.slug}/actions/new/", {"date": "not a date", "type": "press"}
    )
    assert response.status_code == 200
    with translation.override("es"):
        assert (
            str(response.context["form"].fields["date"].error_messages["invalid"])
            in (response.context["form"].errors["date"])
        )
    assert not Action.objects.exists()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_publication_takes_a_pdf_and_refuses_anything_else(alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    campaign = make_campaign(alfa)
    client = signed_in_client(bob)
    url = f"/en/campaigns/{campaign.slug}/publications/new/"
    data = {
        "slug": "coerced",
        "published_on": "2017-12-13",
        "title_en": "Coerced",
        "visibility": "public",
    }
    fake = client.post(url, {**data, "pdf": SimpleUploadedFile("r.pdf", b"<html>not a pdf</html>")})
    assert fake.context["form"].errors["pdf"]
    assert not Publication.objects.exists()
    real = client.post(url, {**data, "pdf": SimpleUploadedFile("r.pdf", PDF)})
    assert real.status_code == 302
    publication = Publication.objects.get()
    assert client.get("/en/publications/coerced/").status_code == 200
    assert publication.pdf.name.endswith(".pdf")


@pytest.mark.parametrize("role", [Role.VIEWER])
def test_viewers_cannot_change_a_campaign(alfa, bob, role) -> None:
    join(alfa, bob, role)
    campaign = make_campaign(alfa)
    client = signed_in_client(bob)
    base = f"/en/campaigns/{campaign.slug}"
    for url in ["/en/campaigns/new/", f"{base}/edit/", f"{base}/actions/new/", f"{base}/pdf/"]:
        assert client.get(url).status_code == 403, url


def test_staff_download_the_campaign_as_a_pdf_with_its_public_actions(alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    campaign = make_campaign(alfa)
    add_action(campaign, title_en="Comments to the trade office")
    add_action(campaign, title_en="Private planning", visibility="internal")
    response = signed_in_client(bob).get(f"/en/campaigns/{campaign.slug}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Protect migrant workers" in text
    assert "Comments to the trade office" in text
    assert "Private planning" not in text


def test_an_editor_changes_and_deletes_an_action(alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    campaign = make_campaign(alfa)
    action = add_action(campaign)
    client = signed_in_client(bob)
    base = f"/en/campaigns/{campaign.slug}/actions/{action.uuid}"
    assert f"{base}/" in client.get(f"/en/campaigns/{campaign.slug}/").content.decode()
    response = client.post(
        f"{base}/",
        {"date": "2017-06-13", "precision": "day", "type": "comments_submitted",
         "title_en": "Comments, corrected", "visibility": "public"},
    )  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title_en, action.date) == ("Comments, corrected", date(2017, 6, 13))
    assert client.post(f"{base}/delete/").status_code == 302
    assert not Action.objects.exists()


def test_a_viewer_cannot_change_or_delete_an_action(alfa, bob) -> None:
    join(alfa, bob, Role.VIEWER)
    campaign = make_campaign(alfa)
    action = add_action(campaign)
    client = signed_in_client(bob)
    base = f"/en/campaigns/{campaign.slug}/actions/{action.uuid}"
    assert client.get(f"{base}/").status_code == 403
    assert client.post(f"{base}/delete/").status_code == 403
    assert Action.objects.filter(pk=action.pk).exists()


def test_an_editor_edits_a_publication(alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    campaign = make_campaign(alfa)
    client = signed_in_client(bob)
    data = {
        "slug": "coerced",
        "published_on": "2017-12-13",
        "title_en": "Coerced",
        "visibility": "public",
    }
    client.post(f"/en/campaigns/{campaign.slug}/publications/new/", data)
    response = client.post(
        f"/en/campaigns/{campaign.slug}/publications/coerced/edit/",
        {**data, "title_en": "Coerced under NAFTA"},
    )
    assert response.status_code == 302
    assert Publication.objects.get().title_en == "Coerced under NAFTA"

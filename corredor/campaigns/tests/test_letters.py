"""A campaign's sign-on letters: linked from the campaign, counted in its key numbers,
named by its actions, and their deliveries in its timeline without being entered twice."""

from __future__ import annotations

from datetime import date

from django.test import Client

from corredor.campaigns.models import Campaign
from corredor.campaigns.tests.conftest import add_action, make_campaign
from corredor.conftest import signed_in_client
from corredor.petitions.choices import Visibility
from corredor.signons.models import Delivery
from corredor.signons.tests.conftest import add_signature, make_letter


def test_key_numbers_count_the_signers_of_its_letters(alfa) -> None:
    campaign = make_campaign(alfa)
    letter = make_letter(alfa)
    other = make_letter(alfa, slug="second-letter", title_en="Second letter")
    campaign.letters.add(letter, other)
    for number in range(3):
        add_signature(letter, number)
    add_signature(other, 10)
    add_signature(other, 11, hidden=True)  # hidden by a moderator: not counted
    add_signature(other, 12, confirmed_at=None)  # never confirmed: not counted
    page = Client().get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert "Signers of its letters" in page
    assert "<dd>4<ul" in page.replace("\n", "")
    assert "End recruitment fees</a>: 3 signatures" in page
    assert "Second letter</a>: 1 signature" in page


def test_an_internal_letter_is_not_counted_on_the_public_page(alfa) -> None:
    campaign = make_campaign(alfa)
    draft = make_letter(alfa, visibility=Visibility.INTERNAL)
    campaign.letters.add(draft)
    add_signature(draft, 1)
    page = Client().get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert "End recruitment fees" not in page


def test_a_delivery_is_an_action_in_the_timeline_and_its_feed(alfa) -> None:
    campaign = make_campaign(alfa)
    letter = make_letter(alfa)
    campaign.letters.add(letter)
    Delivery.objects.create(
        letter=letter,
        delivered_on=date(2018, 8, 17),
        recipients="United States Trade Representative",
        place="Washington, D.C.",
        language="en",
        sha256="0" * 64,
        signatures=30,
    )
    page = Client().get(f"/es/campaigns/{campaign.slug}/").content.decode()
    assert "Carta entregada: Fin a las cuotas de reclutamiento" in page
    assert "En Washington, D.C., a United States Trade Representative, con 30 firmas." in page
    feed = Client().get(f"/feeds/campaigns/{campaign.slug}.atom").content.decode()
    assert "Letter delivered: End recruitment fees" in feed


def test_an_action_links_its_letter(alfa, alice) -> None:
    campaign = make_campaign(alfa)
    letter = make_letter(alfa)
    campaign.letters.add(letter)
    client = signed_in_client(alice)
    response = client.post(
        f"/en/campaigns/{campaign.slug}/actions/new/",
        {
            "date": "2018-08-21",
            "precision": "day",
            "type": "press",
            "title_en": "Press conference on the letter",
            "letter": letter.pk,
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    page = Client().get(f"/en/campaigns/{campaign.slug}/").content.decode()
    assert f'<a href="/en/letters/{letter.slug}/">End recruitment fees</a>' in page


def test_an_action_cannot_link_a_letter_outside_its_campaign(alfa, alice) -> None:
    campaign = make_campaign(alfa)
    outside = make_letter(alfa, slug="outside")
    response = signed_in_client(alice).post(
        f"/en/campaigns/{campaign.slug}/actions/new/",
        {
            "date": "2018-08-21",
            "precision": "day",
            "type": "press",
            "title_en": "X",
            "letter": outside.pk,
            "visibility": "public",
        },
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Campaign.objects.get().actions.exists()


def test_the_campaign_form_links_letters(alfa, alice) -> None:
    campaign = make_campaign(alfa)
    letter = make_letter(alfa)
    add_action(campaign)
    response = signed_in_client(alice).post(
        f"/en/campaigns/{campaign.slug}/edit/",
        {
            "slug": campaign.slug,
            "title_en": campaign.title_en,
            "visibility": "public",
            "letters": [letter.pk],
            "members": "Centro Alfa, MX",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Campaign.objects.get().letters.all()) == [letter]

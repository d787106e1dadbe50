"""Evidence shows on its petition's page: the redacted excerpt, to the organization's own
people only, never cached; a withdrawn testimony's evidence is gone."""

from __future__ import annotations

from django.test import Client

from corredor.accounts.choices import Role
from corredor.conftest import join, signed_in_client
from corredor.petitions.choices import Visibility
from corredor.testimonies import actions
from corredor.testimonies.tests.conftest import WORKER_NAME, alfa_petition, give


def _page(client, petition) -> tuple[int, str, str]:
    response = client.get(petition.get_absolute_url())
    return response.status_code, response.content.decode(), response.get("Cache-Control", "")


def test_members_see_the_redacted_excerpt_on_the_petition(alfa, alice, bob) -> None:
    petition = alfa_petition(alfa, alice)
    taken = give(alfa, "anonymous_use")
    actions.add_evidence(
        taken.testimony, petition, f"{WORKER_NAME} pagó 8,000 pesos.", named=False, actor=alice
    )
    join(alfa, bob, Role.MEMBER)
    status, page, cache = _page(signed_in_client(bob), petition)
    assert status == 200
    assert "Evidence from testimonies" in page and taken.testimony.pseudonym in page
    assert "pagó 8,000 pesos" in page and "Pérez" not in page
    assert "no-store" in cache


def test_outsiders_never_see_evidence_even_on_a_public_petition(alfa, alice, charlie) -> None:
    petition = alfa_petition(alfa, alice)
    petition.visibility = Visibility.PUBLIC
    petition.save()
    taken = give(alfa, "anonymous_use")
    actions.add_evidence(
        taken.testimony, petition, "Nos quitaron los pasaportes.", named=False, actor=alice
    )
    for client in (Client(), signed_in_client(charlie)):
        status, page, cache = _page(client, petition)
        assert status == 200
        assert "Evidence from testimonies" not in page and "pasaportes" not in page
        assert "no-store" not in cache


def test_withdrawn_consent_takes_the_evidence_away(alfa, alice) -> None:
    petition = alfa_petition(alfa, alice)
    taken = give(alfa, "anonymous_use")
    actions.add_evidence(
        taken.testimony, petition, "Nos quitaron los pasaportes.", named=False, actor=alice
    )
    actions.withdraw(taken.testimony, ["anonymous_use"])
    status, page, _cache = _page(signed_in_client(alice), petition)
    assert status == 200 and "Evidence from testimonies" not in page

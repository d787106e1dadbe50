"""A testimony becomes evidence in a petition as a redacted excerpt, and only with the worker's
consent to anonymous use; an excerpt that names them needs their consent to be named."""

from __future__ import annotations

import pytest

from corredor.conftest import signed_in_client
from corredor.testimonies import actions
from corredor.testimonies.models import Evidence
from corredor.testimonies.tests.conftest import WORKER_NAME, WORKER_PHONE, alfa_petition, give

EXCERPT = f"Yo, {WORKER_NAME}, pagué 8,000 pesos al reclutador. Llamen al {WORKER_PHONE}."


@pytest.fixture
def petition(alfa, alice):
    return alfa_petition(alfa, alice)


def url(testimony) -> str:
    return f"/en/testimonies/t/{testimony.pseudonym}/evidence/"


def test_without_consent_to_anonymous_use_an_excerpt_is_refused(alfa, alice, petition) -> None:
    testimony = give(alfa, "contact", "share").testimony
    with pytest.raises(actions.NotAllowed):
        actions.add_evidence(testimony, petition, EXCERPT, named=False, actor=alice)

    response = signed_in_client(alice).post(
        url(testimony), {"petition": petition.pk, "excerpt": EXCERPT}
    )
    assert response.status_code == 422
    assert "The worker has not agreed to this use" in response.content.decode()
    assert "without my name, in petitions and reports" in response.content.decode()
    assert Evidence.objects.count() == 0


def test_with_consent_to_anonymous_use_the_excerpt_is_stored_redacted(
    alfa, alice, petition
) -> None:
    testimony = give(alfa, "anonymous_use").testimony
    response = signed_in_client(alice).post(
        url(testimony), {"petition": petition.pk, "excerpt": EXCERPT}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.petition, evidence.testimony, evidence.named) == (petition, testimony, False)
    assert evidence.created_by == alice
    assert WORKER_NAME not in evidence.excerpt
    assert "Guadalupe" not in evidence.excerpt
    assert WORKER_PHONE not in evidence.excerpt
    assert "pagué 8,000 pesos al reclutador" in evidence.excerpt

    page = signed_in_client(alice).get(f"/en/testimonies/t/{testimony.pseudonym}/")
    assert petition.reference in page.content.decode()


def test_the_form_offers_the_redacted_account_as_the_excerpt(alfa, alice, petition) -> None:
    testimony = give(alfa, "anonymous_use").testimony
    page = signed_in_client(alice).get(url(testimony)).content.decode()
    assert "[NAME]" in page
    assert WORKER_NAME not in page


def test_a_named_excerpt_needs_consent_to_be_named(alfa, alice, petition) -> None:
    testimony = give(alfa, "anonymous_use").testimony
    response = signed_in_client(alice).post(
        url(testimony), {"petition": petition.pk, "excerpt": EXCERPT, "named": "on"}
    )
    assert response.status_code == 422
    assert "You may name me in a petition." in response.content.decode()
    assert Evidence.objects.count() == 0
    with pytest.raises(actions.NotAllowed):
        actions.add_evidence(testimony, petition, EXCERPT, named=True, actor=alice)


def test_with_consent_to_be_named_the_excerpt_keeps_the_name(alfa, alice, petition) -> None:
    testimony = give(alfa, "anonymous_use", "named_use").testimony
    evidence = actions.add_evidence(
        testimony, petition, f"{WORKER_NAME} pagué 8,000 pesos.", named=True, actor=alice
    )
    assert evidence.named is True
    assert WORKER_NAME in evidence.excerpt


def test_a_withdrawn_consent_no_longer_allows_evidence(alfa, alice, petition) -> None:
    taken = give(alfa, "anonymous_use")
    actions.withdraw(taken.testimony, ["anonymous_use"])
    with pytest.raises(actions.NotAllowed):
        actions.add_evidence(taken.testimony, petition, EXCERPT, named=False, actor=alice)


def test_members_may_link_evidence_but_viewers_may_not(alfa, bob_as, petition) -> None:
    testimony = give(alfa, "anonymous_use").testimony
    member = bob_as("member")
    response = member.post(url(testimony), {"petition": petition.pk, "excerpt": EXCERPT})
    assert response.status_code == 302
    assert WORKER_NAME not in Evidence.objects.get().excerpt


def test_viewers_may_not_link_evidence(alfa, bob_as, petition) -> None:
    testimony = give(alfa, "anonymous_use").testimony
    viewer = bob_as("viewer")
    assert viewer.get(url(testimony)).status_code == 403
    response = viewer.post(url(testimony), {"petition": petition.pk, "excerpt": EXCERPT})
    assert response.status_code == 403
    assert Evidence.objects.count() == 0


def test_another_organizations_petition_cannot_be_chosen(alfa, alice, beta, charlie) -> None:
    theirs = alfa_petition(beta, charlie, reference="RRM Beta 1")
    testimony = give(alfa, "anonymous_use").testimony
    response = signed_in_client(alice).post(
        url(testimony), {"petition": theirs.pk, "excerpt": EXCERPT}
    )
    assert response.status_code == 422
    assert Evidence.objects.count() == 0

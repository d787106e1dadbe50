"""Staff review the automatic redaction: what it found is highlighted in the full account, and
the text they save is what members, partners and petitions read, with who reviewed it and
when."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corredor.conftest import signed_in_client
from corredor.testimonies.models import AccessEntry, Testimony
from corredor.testimonies.tests.conftest import WORKER_NAME, WORKER_PHONE, give

NOW = datetime(2026, 4, 14, 16, 0, tzinfo=UTC)


@pytest.fixture
def testimony(alfa):
    return give(alfa, "anonymous_use").testimony


def url(testimony: Testimony) -> str:
    return f"/en/testimonies/t/{testimony.pseudonym}/redaction/"


def test_the_review_highlights_each_name_and_number_found(testimony, bob_as, bob) -> None:
    response = bob_as("staff").get(url(testimony))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<mark title="name">{WORKER_NAME}</mark>' in page
    assert f'<mark title="phone">{WORKER_PHONE}</mark>' in page
    assert "<mark" not in page.split("pasaportes")[0].split("El reclutador")[1]
    # The text to correct starts as the automatic redaction.
    assert "[NAME]" in page and "[PHONE]" in page
    (entry,) = AccessEntry.objects.all()
    assert (entry.user, entry.action, entry.pseudonym) == (
        bob,
        "view_identity",
        testimony.pseudonym,
    )


def test_names_recorded_on_the_testimony_are_highlighted_too(alfa, alice) -> None:
    testimony = give(
        alfa,
        narrative="El mayordomo Rigoberto Salas nos gritaba todos los días en el campo.",
        name="",
        other_names="Rigoberto Salas",
    ).testimony
    page = signed_in_client(alice).get(url(testimony)).content.decode()
    assert '<mark title="name">Rigoberto Salas</mark>' in page
    assert "Rigoberto" not in Testimony.objects.get().redacted_narrative


def test_saving_the_review_changes_the_redacted_text_and_records_who_and_when(
    testimony, bob_as, bob, time_machine
) -> None:
    time_machine.move_to(NOW, tick=False)
    client = bob_as("staff")
    corrected = "Me llamo [NAME]. El reclutador en [PLACE] me cobró 8,000 pesos."
    response = client.post(url(testimony), {"redacted": corrected})
    assert response.status_code == 302
    assert response["Location"] == f"/en/testimonies/t/{testimony.pseudonym}/"

    testimony.refresh_from_db()
    assert testimony.redacted_narrative == corrected
    assert testimony.redaction_reviewed_by == bob
    assert testimony.redaction_reviewed_at == NOW
    assert "pasaportes" in testimony.narrative  # the full account is untouched
    assert list(AccessEntry.objects.values_list("action", flat=True)) == ["edit"]


def test_members_read_the_reviewed_text(testimony, alice, bob_as) -> None:
    signed_in_client(alice).post(url(testimony), {"redacted": "Cobro de 8,000 pesos en [PLACE]."})
    page = bob_as("member").get(f"/en/testimonies/t/{testimony.pseudonym}/").content.decode()
    assert "Cobro de 8,000 pesos en [PLACE]." in page
    assert "not yet reviewed" not in page


def test_an_unreviewed_redaction_is_flagged(testimony, bob_as) -> None:
    page = bob_as("member").get(f"/en/testimonies/t/{testimony.pseudonym}/").content.decode()
    assert "redacted automatically, not yet reviewed" in page


def test_an_empty_redaction_is_refused(testimony, alice) -> None:
    response = signed_in_client(alice).post(url(testimony), {"redacted": ""})
    assert response.status_code == 422
    testimony.refresh_from_db()
    assert testimony.redaction_reviewed_at is None
    assert "[NAME]" in testimony.redacted_narrative


def test_script_in_the_account_is_highlighted_as_text(alfa, alice) -> None:
    testimony = give(
        alfa, narrative="Me llamo Ana Ruiz <script>alert(1)</script> y trabajo."
    ).testimony
    page = signed_in_client(alice).get(url(testimony)).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

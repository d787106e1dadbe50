"""With the receipt code and no account, a worker withdraws any consent: the use stops at once,
their name, contact details and files are deleted at once, and withdrawing consent to keep the
account withdraws the whole testimony, which the next purge deletes entirely."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from corredor.conftest import signed_in_client
from corredor.testimonies import actions
from corredor.testimonies.files import CleanFile, strip_image
from corredor.testimonies.models import AccessEntry, Attachment, ConsentRecord, Evidence, Testimony
from corredor.testimonies.tests.conftest import (
    WORKER_EMAIL,
    WORKER_NAME,
    WORKER_PHONE,
    alfa_petition,
    give,
    photo,
)

URL = "/{}/testify/withdraw/"
NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def files_on_disk() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def taken(alfa, alice):
    image = CleanFile(strip_image(photo(), "image/jpeg"), "image/jpeg", "foto.jpg")
    taken = give(alfa, "contact", "anonymous_use", "share", files=[image])
    actions.add_evidence(
        taken.testimony, alfa_petition(alfa, alice), "Pagué 8,000 pesos.", named=False, actor=alice
    )
    return taken


def withdraw(code: str, *kinds: str, language: str = "es", client: Client | None = None):
    client = client or Client()
    data = {"code": code, "kinds": list(kinds), "step": "withdraw"}
    return client.post(URL.format(language), data)


def in_force(testimony: Testimony) -> set[str]:
    return {c.kind for c in ConsentRecord.objects.filter(testimony=testimony) if c.in_force}


def test_the_withdrawal_page_asks_for_the_code_without_an_account(db) -> None:
    response = Client().get(URL.format("fr"))
    assert response.status_code == 200
    with translation.override("fr"):
        assert escape(gettext("Your receipt code")) in response.content.decode()


@pytest.mark.parametrize("language", ["es", "en", "fr"])
def test_a_wrong_code_is_refused_with_a_translated_message(taken, language) -> None:
    response = Client().post(URL.format(language), {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 422
    with translation.override(language):
        expected = gettext("We find no account with this code. Check each letter.")
    assert escape(expected) in response.content.decode()
    assert 'value="AAAA-BBBB-CCCC"' in response.content.decode()


def test_the_right_code_offers_each_consent_to_withdraw(taken) -> None:
    response = Client().post(URL.format("es"), {"code": taken.receipt_code})
    page = response.content.decode()
    assert response.status_code == 200
    for kind in ("keep", "contact", "anonymous_use", "named_use", "share"):
        assert f'name="kinds" value="{kind}"' in page
    assert f'type="hidden" name="code" value="{taken.receipt_code}"' in page
    # The worker learns nothing new from the code: no name, no account.
    assert WORKER_NAME not in page
    assert "pasaportes" not in page


def test_the_code_works_in_lower_case_and_without_dashes(taken) -> None:
    typed = taken.receipt_code.lower().replace("-", "")
    assert Client().post(URL.format("es"), {"code": typed}).status_code == 200
    spaced = " ".join(taken.receipt_code.split("-")).lower()
    response = withdraw(spaced, "share")
    assert response.status_code == 200
    assert "share" not in in_force(taken.testimony)


def test_withdrawing_contact_deletes_the_identity_and_files_at_once(
    taken, django_capture_on_commit_callbacks
) -> None:
    assert len(files_on_disk()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = withdraw(taken.receipt_code, "contact")
    assert response.status_code == 200
    with translation.override("es"):
        done = gettext(
            "Done. What you withdrew stopped at once, and your name, contact details and "
            "files are deleted."
        )
    assert escape(done) in response.content.decode()

    testimony = Testimony.objects.get()
    assert (testimony.name, testimony.phone, testimony.whatsapp, testimony.email) == ("",) * 4
    assert WORKER_NAME not in testimony.narrative
    assert WORKER_PHONE not in testimony.narrative
    assert "8,000 pesos" in testimony.narrative  # the account stays, without who told it
    assert Attachment.objects.count() == 0
    assert files_on_disk() == []
    assert in_force(testimony) == {"keep", "anonymous_use", "share"}
    assert testimony.consents.get(kind="contact").withdrawn_at is not None
    assert testimony.withdrawn_at is None


def test_after_withdrawing_contact_staff_see_no_identity_left(taken, alice) -> None:
    withdraw(taken.receipt_code, "contact")
    page = signed_in_client(alice).get(f"/en/testimonies/t/{taken.testimony.pseudonym}/?reveal=1")
    html = page.content.decode()
    assert page.status_code == 200
    for secret in (WORKER_NAME, "Guadalupe", WORKER_PHONE, WORKER_EMAIL):
        assert secret not in html
    assert "8,000 pesos" in html


def test_withdrawing_anonymous_use_removes_the_evidence_and_stops_that_use(
    taken, alfa, alice
) -> None:
    assert Evidence.objects.count() == 1
    withdraw(taken.receipt_code, "anonymous_use")
    assert Evidence.objects.count() == 0
    assert "anonymous_use" not in in_force(taken.testimony)
    assert Testimony.objects.with_consent("anonymous_use").count() == 0
    with pytest.raises(actions.NotAllowed):
        actions.add_evidence(
            Testimony.objects.get(),
            alfa_petition(alfa, alice, "RRM 2"),
            "x",
            named=False,
            actor=alice,
        )


def test_withdrawing_sharing_hides_it_from_partners_at_once(taken, beta, charlie) -> None:
    url = f"/en/testimonies/t/{taken.testimony.pseudonym}/"
    partner = signed_in_client(charlie)
    assert partner.get(url).status_code == 200
    withdraw(taken.receipt_code, "share")
    assert partner.get(url).status_code == 404


def test_withdrawing_consent_to_keep_it_withdraws_the_whole_testimony(
    taken, alice, django_capture_on_commit_callbacks
) -> None:
    staff = signed_in_client(alice)
    url = f"/en/testimonies/t/{taken.testimony.pseudonym}/"
    staff.get(url + "?reveal=1")
    with django_capture_on_commit_callbacks(execute=True):
        assert withdraw(taken.receipt_code, "keep").status_code == 200

    testimony = Testimony.objects.get()
    assert testimony.withdrawn_at is not None
    assert (testimony.narrative, testimony.redacted_narrative, testimony.employer) == ("",) * 3
    assert in_force(testimony) == set()
    assert Evidence.objects.count() == 0
    assert files_on_disk() == []
    assert staff.get(url).status_code == 404
    assert (
        taken.testimony.pseudonym not in staff.get("/en/testimonies/centro-alfa/").content.decode()
    )
    # The code now finds nothing: there is nothing left to withdraw.
    assert Client().post(URL.format("es"), {"code": taken.receipt_code}).status_code == 422

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge", stdout=io.StringIO())
    assert Testimony.objects.count() == 0
    assert ConsentRecord.objects.count() == 0
    # The access log keeps its entry, by pseudonym only.
    (entry,) = AccessEntry.objects.all()
    assert (entry.testimony, entry.pseudonym) == (None, taken.testimony.pseudonym)


def test_choosing_nothing_to_withdraw_says_so_and_changes_nothing(taken) -> None:
    response = withdraw(taken.receipt_code, language="fr")
    assert response.status_code == 422
    with translation.override("fr"):
        expected = escape(gettext("Choose at least one thing to withdraw."))
    assert expected in response.content.decode()
    assert withdraw(taken.receipt_code, "nonsense").status_code == 422
    assert in_force(taken.testimony) == {"keep", "contact", "anonymous_use", "share"}


def test_a_forged_code_at_the_second_step_changes_nothing(taken) -> None:
    response = withdraw("ZZZZ-ZZZZ-ZZZZ", "keep")
    assert response.status_code == 404
    assert Testimony.objects.get().withdrawn_at is None


def test_too_many_tries_from_one_network_are_refused(taken, settings) -> None:
    settings.TESTIMONY_RATE_LIMIT = 2
    client = Client()
    assert client.post(URL.format("es"), {"code": "AAAA-BBBB-CCCC"}).status_code == 422
    assert client.post(URL.format("es"), {"code": "AAAA-BBBB-DDDD"}).status_code == 422
    response = Client().post(URL.format("en"), {"code": taken.receipt_code})
    assert response.status_code == 429
    assert "Too many tries from your network. Please wait 60 minutes." in response.content.decode()
    assert withdraw(taken.receipt_code, "keep").status_code == 429
    assert Testimony.objects.get().withdrawn_at is None


@pytest.mark.parametrize(("minutes", "said"), [(1, "wait 1 minute."), (45, "wait 45 minutes.")])
def test_the_refusal_gives_the_window_as_configured(
    taken, settings, time_machine, minutes, said
) -> None:
    time_machine.move_to(NOW, tick=False)
    settings.TESTIMONY_RATE_LIMIT = 0
    settings.TESTIMONY_RATE_WINDOW_MINUTES = minutes
    response = Client().post(URL.format("en"), {"code": taken.receipt_code})
    assert response.status_code == 429
    assert f"Too many tries from your network. Please {said}" in response.content.decode()
    assert response["Retry-After"] == str(minutes * 60)


def test_any_withdrawal_removes_evidence_that_names_the_worker(alfa, alice) -> None:
    named = give(alfa, "anonymous_use", "named_use").testimony
    actions.add_evidence(
        named, alfa_petition(alfa, alice), f"{WORKER_NAME} lo vio todo.", named=True, actor=alice
    )
    actions.add_evidence(
        named, alfa_petition(alfa, alice, "RRM 3"), "Lo vio todo.", named=False, actor=alice
    )
    actions.withdraw(named, ["share"])  # not even a use of the account: identity still goes
    assert list(Evidence.objects.values_list("named", flat=True)) == [False]
    assert WORKER_NAME not in Testimony.objects.get().redacted_narrative

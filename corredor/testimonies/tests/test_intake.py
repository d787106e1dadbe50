"""The public intake: five short steps in Spanish, English or French, with a progress indicator,
that carry the answers forward in hidden fields, store nothing until the last step checks,
record each consent with the words shown, and give the worker a receipt code once."""

from __future__ import annotations

import gzip
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from corredor.lib.models import RateAttempt
from corredor.testimonies import actions
from corredor.testimonies.choices import Consent
from corredor.testimonies.forms import STEPS
from corredor.testimonies.models import Attachment, ConsentRecord, Testimony
from corredor.testimonies.tests.conftest import (
    STEP_ANSWERS,
    WORKER_EMAIL,
    WORKER_NAME,
    walk_intake,
)

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
RECEIPT = re.compile(r'<code translate="no">([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</code>')
URL = "/{}/testify/centro-alfa/"


def in_language(language: str, text: str) -> str:
    """`text` as a page in `language` shows it: translated, then HTML-escaped."""
    with translation.override(language):
        return escape(gettext(text))


def step_title(language: str, index: int) -> str:
    with translation.override(language):
        return escape(str(STEPS[index].title))


def progress(language: str, number: int) -> str:
    with translation.override(language):
        return escape(gettext("Step %(number)s of %(total)s") % {"number": number, "total": 5})


def answers(*changes: dict, **by_step: dict) -> list[dict]:
    """STEP_ANSWERS with some answers changed: `step_3={"name": ""}` changes step 4."""
    steps = [dict(step) for step in STEP_ANSWERS]
    for key, change in by_step.items():
        steps[int(key.removeprefix("step_"))].update(change)
    return steps


def final_consents(**consents: str) -> list[dict]:
    steps = answers()
    steps[4] = consents
    return steps


def receipt_on(page: str) -> str | None:
    match = RECEIPT.search(page)
    return match.group(1) if match else None


def ticked(page: str, kind: str) -> bool:
    tag = re.search(rf'<input type="checkbox" name="consent_{kind}"[^>]*>', page)
    assert tag is not None, f"no box for {kind}"
    return " checked" in tag.group(0)


def assert_nothing_stored() -> None:
    assert Testimony.objects.count() == 0
    assert ConsentRecord.objects.count() == 0
    assert Attachment.objects.count() == 0


# Steps and the progress indicator


@pytest.mark.parametrize("language", ["es", "en", "fr"])
def test_each_step_shows_its_title_and_where_the_worker_is_in_the_language_of_the_page(
    alfa, language
) -> None:
    client = Client()
    page = client.get(URL.format(language)).content.decode()
    assert f'<html lang="{language}">' in page
    assert progress(language, 1) in page
    assert f'<li aria-current="step">{step_title(language, 0)}</li>' in page
    assert page.count('aria-current="step"') == 1

    carried: dict = {}
    for index, step in enumerate(STEP_ANSWERS[:-1]):
        carried.update(step)
        response = client.post(URL.format(language), {**carried, "step": index, "go": "next"})
        page = response.content.decode()
        assert response.status_code == 200
        assert progress(language, index + 2) in page
        assert f'<li aria-current="step">{step_title(language, index + 1)}</li>' in page
        assert page.count('class="done"') == index + 1
    assert in_language(language, "Send my account") in page


def test_the_first_step_shows_the_organization_and_no_step_is_stored(alfa) -> None:
    response = Client().get(URL.format("es"))
    assert response.status_code == 200
    assert "Centro Alfa" in response.content.decode()
    assert Testimony.objects.count() == 0


def test_an_unknown_organization_has_no_intake(db) -> None:
    assert Client().get("/es/testify/nobody/").status_code == 404


def test_next_with_an_error_stays_on_the_step_with_422_and_keeps_what_was_typed(alfa) -> None:
    client = Client()
    work = {"program": "", "origin": "MX", "industry": "", "employer": "Granjas del Sur LLC"}
    response = client.post(URL.format("es"), {**STEP_ANSWERS[0], **work, "step": 1, "go": "next"})
    page = response.content.decode()
    assert response.status_code == 422
    assert progress("es", 2) in page
    assert in_language("es", "This field is required.") in page
    assert 'value="Granjas del Sur LLC"' in page
    assert '<option value="MX" selected>' in page
    # The first step's answer travels on, hidden.
    assert escape(STEP_ANSWERS[0]["narrative"]) in page
    assert Testimony.objects.count() == 0


def test_a_story_of_a_few_letters_is_refused_on_the_first_step(alfa) -> None:
    response = Client().post(URL.format("en"), {"narrative": "Bad", "step": 0, "go": "next"})
    assert response.status_code == 422
    assert progress("en", 1) in response.content.decode()
    assert "at least a sentence" in response.content.decode()


def test_back_goes_to_the_previous_step_keeping_every_answer(alfa) -> None:
    client = Client()
    carried = {**STEP_ANSWERS[0], **STEP_ANSWERS[1], **STEP_ANSWERS[2]}
    response = client.post(URL.format("es"), {**carried, "step": 2, "go": "back"})
    page = response.content.decode()
    assert response.status_code == 200
    assert progress("es", 2) in page
    assert 'value="Granjas del Sur LLC, Georgia"' in page
    assert 'value="H-2A" required id="id_program_0" checked' in page
    assert escape(STEP_ANSWERS[0]["narrative"]) in page
    for code in STEP_ANSWERS[2]["abuses"]:
        assert f'type="hidden" name="abuses" value="{code}"' in page


def test_back_from_the_first_step_stays_there(alfa) -> None:
    response = Client().post(URL.format("en"), {**STEP_ANSWERS[0], "step": 0, "go": "back"})
    assert response.status_code == 200
    assert progress("en", 1) in response.content.decode()


def test_going_back_from_the_last_step_keeps_the_consents_ticked(alfa) -> None:
    client = Client()
    carried = {k: v for step in STEP_ANSWERS for k, v in step.items()}
    back = client.post(URL.format("en"), {**carried, "step": 4, "go": "back"})
    assert progress("en", 4) in back.content.decode()
    hidden = re.findall(r'name="(consent_\w+)" value="(\w+)"', back.content.decode())
    assert dict(hidden)["consent_keep"] == "True"
    assert dict(hidden)["consent_named_use"] == "False"
    forward = client.post(URL.format("en"), {**dict(hidden), **carried, "step": 3, "go": "next"})
    assert ticked(forward.content.decode(), "keep")
    assert not ticked(forward.content.decode(), "named_use")


# The last step


def test_the_last_step_stores_the_testimony_with_each_consent_as_it_was_shown(
    alfa, time_machine, django_capture_on_commit_callbacks
) -> None:
    time_machine.move_to(NOW, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = walk_intake(Client(), "centro-alfa")
    assert response.status_code == 302

    testimony = Testimony.objects.get()
    assert re.fullmatch(r"T-\d{4}", testimony.pseudonym)
    assert testimony.organization == alfa
    assert (testimony.channel, testimony.language, testimony.preferred_language) == (
        "web",
        "es",
        "es",
    )
    assert testimony.narrative == STEP_ANSWERS[0]["narrative"]
    assert testimony.name == WORKER_NAME
    assert testimony.email == WORKER_EMAIL
    assert testimony.employer == "Granjas del Sur LLC, Georgia"
    assert testimony.abuses == ["recruitment_fees", "confiscated_documents"]
    assert testimony.year == 2023
    assert testimony.created_at == NOW
    assert WORKER_NAME not in testimony.redacted_narrative
    assert "55 1234 5678" not in testimony.redacted_narrative

    records = {record.kind: record for record in testimony.consents.all()}
    assert set(records) == set(Consent.values)
    given = {kind for kind, record in records.items() if record.given}
    assert given == {"keep", "contact", "anonymous_use"}
    with translation.override("es"):
        shown = {kind: str(label) for kind, label in Consent.choices}
    for kind, record in records.items():
        assert record.text == shown[kind]
        assert (record.language, record.channel, record.recorded_at) == ("es", "web", NOW)
        assert record.withdrawn_at is None


def test_consent_records_keep_the_words_of_the_language_the_worker_used(alfa) -> None:
    walk_intake(Client(), "centro-alfa", language="fr")
    record = ConsentRecord.objects.get(kind="keep")
    with translation.override("fr"):
        assert record.text == str(Consent.KEEP.label)
    assert record.language == "fr"


def test_the_receipt_code_is_shown_once_after_a_redirect(alfa) -> None:
    client = Client()
    response = walk_intake(client, "centro-alfa")
    assert response.status_code == 302
    assert response["Location"] == "/es/testify/centro-alfa/thanks/"

    first = client.get(response["Location"])
    code = receipt_on(first.content.decode())
    assert code is not None
    assert actions.find_by_receipt(code) == Testimony.objects.get()

    again = client.get(response["Location"])
    assert again.status_code == 200
    assert receipt_on(again.content.decode()) is None
    assert code not in again.content.decode()


def test_the_receipt_code_is_emailed_in_the_workers_language_when_they_allow_contact(
    alfa, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    steps = answers(step_3={"preferred_language": "fr"})
    with django_capture_on_commit_callbacks(execute=True):
        response = walk_intake(client, "centro-alfa", steps)
    code = receipt_on(client.get(response["Location"]).content.decode())

    (message,) = mail.outbox
    assert message.to == [WORKER_EMAIL]
    assert message.extra_headers["Content-Language"] == "fr"
    assert code in message.body
    assert code in message.alternatives[0][0]
    assert "/fr/testify/withdraw/" in message.body
    with translation.override("fr"):
        assert gettext(
            "With this code, and without an account, you can withdraw your choices at any time "
            "here:"
        ) in " ".join(message.body.split())
    # The email names neither the worker nor what happened.
    assert WORKER_NAME not in message.body + message.subject
    assert "pasaportes" not in message.body


def test_no_email_without_consent_to_contact(alfa, django_capture_on_commit_callbacks) -> None:
    steps = final_consents(consent_keep="on", consent_anonymous_use="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = walk_intake(Client(), "centro-alfa", steps)
    assert response.status_code == 302
    assert Testimony.objects.get().email == WORKER_EMAIL
    assert mail.outbox == []


def test_no_email_when_the_worker_allows_contact_by_phone_only(
    alfa, django_capture_on_commit_callbacks
) -> None:
    steps = answers(step_3={"email": ""})
    with django_capture_on_commit_callbacks(execute=True):
        response = walk_intake(Client(), "centro-alfa", steps)
    assert response.status_code == 302
    assert Testimony.objects.get().consented("contact")
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["es", "en", "fr"])
def test_without_consent_to_keep_it_nothing_is_stored_and_the_worker_is_told_why(
    alfa, language
) -> None:
    steps = final_consents(consent_contact="on", consent_share="on")
    response = walk_intake(Client(), "centro-alfa", steps, language=language)
    page = response.content.decode()
    assert response.status_code == 422
    assert progress(language, 5) in page
    assert (
        in_language(
            language,
            "We can keep your account only if you tick this box. Without it, nothing is saved.",
        )
        in page
    )
    assert ticked(page, "share")
    assert not ticked(page, "keep")
    assert escape(STEP_ANSWERS[0]["narrative"]) in page
    assert_nothing_stored()


def test_consent_to_contact_needs_a_phone_whatsapp_or_email(alfa) -> None:
    steps = answers(step_3={"phone": "", "whatsapp": "", "email": ""})
    response = walk_intake(Client(), "centro-alfa", steps, language="fr")
    assert response.status_code == 422
    assert (
        in_language("fr", "To be contacted, give a phone, a WhatsApp number or an email (step 4).")
        in response.content.decode()
    )
    assert_nothing_stored()


def test_consent_to_be_named_needs_a_name(alfa) -> None:
    steps = answers(step_3={"name": ""})
    steps[4]["consent_named_use"] = "on"
    response = walk_intake(Client(), "centro-alfa", steps)
    assert response.status_code == 422
    assert (
        in_language("es", "To be named in a petition, give your name (step 4).")
        in response.content.decode()
    )
    assert_nothing_stored()


def test_an_account_over_20000_characters_is_refused_and_kept_on_the_page(alfa) -> None:
    long = "Trabajamos sin pago. " * 953  # 20,013 characters
    steps = answers(step_0={"narrative": long})
    response = walk_intake(Client(), "centro-alfa", steps, language="es")
    page = response.content.decode()
    assert response.status_code == 422
    assert progress("es", 1) in page
    with translation.override("es"):
        expected = ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            20000,
        )
    assert escape(expected % {"limit_value": 20000, "show_value": len(long.strip())}) in page
    assert long.strip() in page
    assert_nothing_stored()


def test_an_overlong_account_slipped_into_the_last_step_is_refused_too(alfa) -> None:
    carried = {k: v for step in STEP_ANSWERS for k, v in step.items()}
    carried["narrative"] = "x" * 20_001
    response = Client().post(URL.format("en"), {**carried, "step": 4, "go": "next"})
    assert response.status_code == 422
    assert progress("en", 1) in response.content.decode()
    assert_nothing_stored()


def test_script_in_a_field_is_stored_as_text_and_shown_escaped(alfa, bob_as) -> None:
    script = "<script>alert(1)</script>"
    steps = answers(
        step_0={"narrative": f"Nos pagaron la mitad. {script}", "place": script},
        step_1={"employer": script},
        step_3={"name": f"Ana {script}"},
    )
    response = walk_intake(Client(), "centro-alfa", steps)
    assert response.status_code == 302
    testimony = Testimony.objects.get()
    assert testimony.narrative == f"Nos pagaron la mitad. {script}"
    assert testimony.employer == script

    page = bob_as("staff").get(f"/en/testimonies/t/{testimony.pseudonym}/?reveal=1")
    html = page.content.decode()
    assert page.status_code == 200
    assert script not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_script_typed_into_a_step_comes_back_escaped(alfa) -> None:
    response = Client().post(
        URL.format("en"),
        {"narrative": "<script>alert(1)</script>", "place": '"><img src=x>', "step": 0},
    )
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Spam


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(alfa) -> None:
    client = Client()
    steps = answers(step_4={"nickname": "spam-bot"})
    response = walk_intake(client, "centro-alfa", steps)
    assert response.status_code == 302
    assert_nothing_stored()
    assert receipt_on(client.get(response["Location"]).content.decode()) is None


def test_the_honeypot_is_out_of_the_way_of_people(alfa) -> None:
    page = Client().get(URL.format("es")).content.decode()
    assert re.search(r'<div class="hp">.*name="nickname"[^>]*tabindex="-1"', page, re.S)
    assert 'autocomplete="off"' in page


def test_past_the_rate_limit_the_worker_sees_why_and_keeps_the_text(alfa, settings) -> None:
    settings.TESTIMONY_RATE_LIMIT = 1
    assert walk_intake(Client(), "centro-alfa").status_code == 302

    second = answers(step_0={"narrative": "Otro relato: nos quitaron los pasaportes en la granja."})
    response = walk_intake(Client(), "centro-alfa", second, language="en")
    page = response.content.decode()
    assert response.status_code == 429
    assert (
        escape(
            "Many accounts have come from your network in the last 60 minutes. Please wait a "
            "little and send again: what you wrote is kept on this page."
        )
        in page
    )
    assert "Otro relato: nos quitaron los pasaportes en la granja." in page
    assert 'role="alert"' in page
    assert Testimony.objects.count() == 1
    # The network is counted by a keyed hash, never by its address.
    assert not RateAttempt.objects.filter(key__contains="127.0.0.1").exists()


@pytest.mark.parametrize(
    ("minutes", "said"), [(1, "in the last 1 minute."), (90, "in the last 90 minutes.")]
)
def test_the_rate_limit_message_gives_the_window_as_configured(
    alfa, settings, time_machine, minutes, said
) -> None:
    time_machine.move_to(NOW, tick=False)
    settings.TESTIMONY_RATE_LIMIT = 0
    settings.TESTIMONY_RATE_WINDOW_MINUTES = minutes
    response = walk_intake(Client(), "centro-alfa", language="en")
    assert response.status_code == 429
    assert f"Many accounts have come from your network {said}" in response.content.decode()
    assert response["Retry-After"] == str(minutes * 60)


def test_forms_with_errors_do_not_use_up_the_rate_limit(alfa, settings) -> None:
    settings.TESTIMONY_RATE_LIMIT = 1
    refused = final_consents(consent_contact="on")
    assert walk_intake(Client(), "centro-alfa", refused).status_code == 422
    assert walk_intake(Client(), "centro-alfa").status_code == 302


# Weight


def test_the_intake_page_with_its_stylesheet_weighs_at_most_60_kb_compressed(alfa) -> None:
    html = Client().get(URL.format("es")).content
    css = (Path(settings.BASE_DIR) / "static" / "corredor" / "site.css").read_bytes()
    weight = len(gzip.compress(html)) + len(gzip.compress(css))
    assert weight <= 60 * 1024, f"{weight} bytes compressed"
    assert b"<script" not in html  # usable with JavaScript off: none is needed


def test_the_attachments_help_is_in_the_workers_language_with_the_file_count() -> None:
    from corredor.testimonies.forms import AttachmentsForm

    with translation.override("es"):
        spanish = str(AttachmentsForm().fields["attachments"].help_text)
    with translation.override("en"):
        english = str(AttachmentsForm().fields["attachments"].help_text)
    assert spanish.startswith("Talones de pago")
    assert "hasta 10 archivos de 10 MB cada uno" in spanish
    assert "up to 10 files of 10 MB each" in english

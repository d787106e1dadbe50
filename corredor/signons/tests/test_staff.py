"""Staff pages of a letter: writing it, who may run it, moderating its signatures, exporting
them, and delivering it as a PDF that names only those who agreed to be named."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from corredor.accounts.models import AuditEntry
from corredor.campaigns.choices import ActionType
from corredor.campaigns.tests.conftest import make_campaign
from corredor.conftest import signed_in_client
from corredor.petitions.choices import Visibility
from corredor.signons.models import Delivery, Letter, Signature
from corredor.signons.tests.conftest import (
    ORGANIZATION_SIGNER,
    TODAY,
    add_organization,
    add_signature,
    make_letter,
)

LETTER = "/en/letters/fair-recruitment/"


def letter_form_data(**changes: Any) -> dict[str, Any]:
    return {
        "slug": "harvest-wages",
        "title_en": "Fair wages at harvest",
        "title_es": "Salarios justos en la cosecha",
        "title_fr": "",
        "body_en": "We ask for fair wages.",
        "body_es": "Pedimos salarios justos.",
        "body_fr": "",
        "recipients": "Department of Labor\nSecretaría del Trabajo",
        "who_may_sign": "both",
        "opens_on": "2026-11-20",
        "closes_on": "2026-12-31",
        "visibility": "public",
        **changes,
    }


def text(response: Any) -> str:
    return response.content.decode()


def row_of(page: str, needle: str) -> str:
    """The table row of the signatures page that holds `needle`."""
    (row,) = [row for row in page.split("<tr>") if needle in row]
    return row


# Writing a letter --------------------------------------------------------------------------


def test_staff_write_a_new_letter(bob_as, alfa, bob) -> None:
    client = bob_as("staff")
    assert client.get("/en/letters/new/").status_code == 200
    response = client.post("/en/letters/new/", letter_form_data(organization=alfa.pk))
    assert response.status_code == 302
    assert response["Location"] == "/en/letters/harvest-wages/"
    letter = Letter.objects.get()
    assert letter.organization == alfa
    assert letter.title_es == "Salarios justos en la cosecha"
    assert letter.recipient_list == ["Department of Labor", "Secretaría del Trabajo"]
    assert (letter.opens_on, letter.closes_on) == (date(2026, 11, 20), date(2026, 12, 31))
    entry = AuditEntry.objects.get(action="letter.create")
    assert entry.actor == bob and entry.organization == alfa
    assert entry.object_id == str(letter.uuid)
    page = client.get(response["Location"])
    assert "Fair wages at harvest" in text(page)


def test_the_admin_writes_a_letter_too(alice, alfa) -> None:
    client = signed_in_client(alice)
    response = client.post("/en/letters/new/", letter_form_data(organization=alfa.pk))
    assert response.status_code == 302
    assert Letter.objects.get().organization == alfa


def test_a_letter_cannot_close_before_it_opens(bob_as, alfa) -> None:
    data = letter_form_data(organization=alfa.pk, opens_on="2026-12-10", closes_on="2026-12-01")
    response = bob_as("staff").post("/en/letters/new/", data)
    assert response.status_code == 200
    assert "The letter cannot close before it opens." in text(response)
    assert response.context["form"].errors["closes_on"]
    assert not Letter.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="letter.").exists()


def test_a_letter_cannot_be_written_for_another_organization(bob_as, alfa, beta) -> None:
    response = bob_as("staff").post("/en/letters/new/", letter_form_data(organization=beta.pk))
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not Letter.objects.exists()


def test_staff_edit_a_letter_and_the_change_is_audited(bob_as, letter, bob) -> None:
    client = bob_as("staff")
    data = letter_form_data(title_en="End recruitment fees now", slug="ignored")
    del data["slug"]
    response = client.post(f"{LETTER}edit/", data)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.title_en == "End recruitment fees now"
    assert letter.slug == "fair-recruitment"  # a letter's address never changes
    assert AuditEntry.objects.filter(action="letter.update", actor=bob).count() == 1


# Who may run a letter ----------------------------------------------------------------------

MANAGEMENT_GETS = ["edit/", "signatures/", "signatures.csv", "deliver/"]


@pytest.mark.parametrize("role", ["viewer", "member"])
def test_members_and_viewers_cannot_run_letters(bob_as, letter, role) -> None:
    """Only editors (admin and staff) write letters and see signers' emails."""
    signature = add_signature(letter, 1)
    client = bob_as(role)
    assert client.get(LETTER).status_code == 200
    assert "Signatures and moderation" not in text(client.get(LETTER))
    assert client.get("/en/letters/new/").status_code == 403
    assert client.post("/en/letters/new/", letter_form_data()).status_code == 403
    for path in MANAGEMENT_GETS:
        assert client.get(f"{LETTER}{path}").status_code == 403, path
    moderate = client.post(f"{LETTER}moderate/", {"signature": signature.pk, "action": "hide"})
    assert moderate.status_code == 403
    deliver = client.post(
        f"{LETTER}deliver/",
        {"delivered_on": "2026-11-24", "recipients": "USTR", "language": "en"},
    )
    assert deliver.status_code == 403
    assert Signature.objects.get().hidden is False
    assert not Delivery.objects.exists()
    assert Letter.objects.count() == 1


def test_an_outsider_does_not_find_an_internal_letter(alfa, charlie, beta) -> None:
    draft = make_letter(alfa, visibility=Visibility.INTERNAL)
    signature = add_signature(draft, 1)
    client = signed_in_client(charlie)
    assert client.get(LETTER).status_code == 404
    for path in MANAGEMENT_GETS:
        assert client.get(f"{LETTER}{path}").status_code == 404, path
    moderate = client.post(f"{LETTER}moderate/", {"signature": signature.pk, "action": "hide"})
    assert moderate.status_code == 404
    assert Signature.objects.get().hidden is False


def test_an_outsider_may_read_a_public_letter_but_not_run_it(letter, charlie, beta) -> None:
    signature = add_signature(letter, 1)
    client = signed_in_client(charlie)
    assert client.get(LETTER).status_code == 200
    for path in MANAGEMENT_GETS:
        assert client.get(f"{LETTER}{path}").status_code == 403, path
    moderate = client.post(f"{LETTER}moderate/", {"signature": signature.pk, "action": "hide"})
    assert moderate.status_code == 403
    deliver = client.post(
        f"{LETTER}deliver/",
        {"delivered_on": "2026-11-24", "recipients": "USTR", "language": "en"},
    )
    assert deliver.status_code == 403
    edit = client.post(f"{LETTER}edit/", letter_form_data(title_en="Taken over"))
    assert edit.status_code == 403
    assert Letter.objects.get().title_en == "End recruitment fees"
    assert Signature.objects.get().hidden is False and not Delivery.objects.exists()


def test_someone_signed_out_is_sent_to_sign_in(letter) -> None:
    for path in MANAGEMENT_GETS:
        response = Client().get(f"{LETTER}{path}")
        assert response.status_code == 302, path
        assert response["Location"].startswith("/en/account/sign-in/?next=")
    assert Client().get("/en/letters/new/").status_code == 302


def test_an_internal_letter_is_a_draft_its_own_members_see(alfa, bob_as) -> None:
    make_letter(alfa, visibility=Visibility.INTERNAL)
    page = bob_as("viewer").get(LETTER)
    assert page.status_code == 200 and "Draft (internal)" in text(page)


# Moderation --------------------------------------------------------------------------------


def test_hiding_a_signature_takes_it_off_the_count_and_the_list(bob_as, letter, bob) -> None:
    spam = add_signature(letter, 1, name="Buy Cheap Pills", email="spam@spam.example")
    add_signature(letter, 2, name="Ana Ruiz")
    assert "Buy Cheap Pills" in text(Client().get(LETTER))
    client = bob_as("staff")
    response = client.post(f"{LETTER}moderate/", {"signature": spam.pk, "action": "hide"})
    assert response.status_code == 302
    assert response["Location"] == f"{LETTER}signatures/?show=all"
    spam.refresh_from_db()
    assert spam.hidden is True
    entry = AuditEntry.objects.get(action="letter.signature.moderate")
    assert entry.actor == bob and entry.organization == letter.organization
    assert entry.object_id == str(letter.uuid)
    assert entry.metadata["signature"] == spam.pk and entry.metadata["hidden"] is True
    assert "spam@spam.example" not in json.dumps(entry.metadata)
    assert "@" not in json.dumps(entry.metadata)
    page = text(Client().get(LETTER))
    assert "Buy Cheap Pills" not in page and "Ana Ruiz" in page
    assert "<strong data-live-total>1</strong> signature so far" in page
    api = Client().get("/api/v1/letters/fair-recruitment").json()
    assert api["signatures"] == 1


def test_showing_a_hidden_signature_counts_it_again(bob_as, letter) -> None:
    hidden = add_signature(letter, 1, name="Wrongly Hidden", hidden=True)
    assert "Wrongly Hidden" not in text(Client().get(LETTER))
    client = bob_as("staff")
    response = client.post(
        f"{LETTER}moderate/", {"signature": hidden.pk, "action": "show", "show": "hidden"}
    )
    assert response["Location"] == f"{LETTER}signatures/?show=hidden"  # back to the same tab
    hidden.refresh_from_db()
    assert hidden.hidden is False
    assert "Wrongly Hidden" in text(Client().get(LETTER))
    entry = AuditEntry.objects.get(action="letter.signature.moderate")
    assert entry.metadata["hidden"] is False
    assert "signer1@example.org" not in json.dumps(entry.metadata)


def test_verifying_an_organization_marks_it_verified_and_can_be_undone(bob_as, letter, bob) -> None:
    union = add_organization(letter, 1, organization_name="Jornaleros del Valle")
    client = bob_as("staff")
    client.post(f"{LETTER}moderate/", {"signature": union.pk, "action": "verify"})
    union.refresh_from_db()
    assert union.verified_at == timezone.now() and union.verified_by == bob
    page = text(Client().get(LETTER))
    assert re.search(r"Jornaleros del Valle.*?badge-ok\">verified</span>", page, re.S)
    client.post(f"{LETTER}moderate/", {"signature": union.pk, "action": "unverify"})
    union.refresh_from_db()
    assert union.verified_at is None and union.verified_by is None
    entries = AuditEntry.objects.filter(action="letter.signature.moderate").order_by("pk")
    assert [e.metadata["verified"] for e in entries] == [True, False]
    for entry in entries:
        assert "signer1@example.org" not in json.dumps(entry.metadata)


def test_a_signature_of_another_letter_cannot_be_moderated_through_this_one(
    bob_as, letter, beta
) -> None:
    theirs = make_letter(beta, slug="beta-letter")
    other = add_signature(theirs, 1)
    response = bob_as("staff").post(f"{LETTER}moderate/", {"signature": other.pk, "action": "hide"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.hidden is False
    assert not AuditEntry.objects.filter(action="letter.signature.moderate").exists()


def test_an_unknown_moderation_action_changes_nothing(bob_as, letter) -> None:
    signature = add_signature(letter, 1)
    client = bob_as("staff")
    response = client.post(f"{LETTER}moderate/", {"signature": signature.pk, "action": "delete"})
    assert response.status_code == 302
    assert Signature.objects.get().hidden is False
    assert not AuditEntry.objects.filter(action="letter.signature.moderate").exists()
    assert client.get(f"{LETTER}moderate/").status_code == 405
    elsewhere = client.post(
        f"{LETTER}moderate/",
        {"signature": signature.pk, "action": "hide", "show": "//evil.example/"},
    )
    assert elsewhere["Location"] == f"{LETTER}signatures/?show=all"


def test_the_domain_matches_hint_shows_for_an_organization_writing_from_its_domain(
    bob_as, letter
) -> None:
    add_organization(
        letter,
        1,
        email="maria@jornaleros.example.org",
        organization_website="https://www.jornaleros.example.org",
    )
    add_organization(
        letter,
        2,
        email="someone@gmail.example",
        organization_website="https://otherunion.example.org",
    )
    add_organization(letter, 3, email="nosite@union.example.org", organization_website="")
    add_signature(letter, 4, email="person@jornaleros.example.org")  # an individual
    add_organization(
        letter,
        5,
        email="done@verified.example.org",
        organization_website="https://verified.example.org",
        verified_at=timezone.now(),
    )
    badge = '<span class="badge badge-ok">domain matches</span>'
    page = text(bob_as("staff").get(f"{LETTER}signatures/"))
    assert badge in row_of(page, "maria@jornaleros.example.org")
    assert page.count(badge) == 1
    for email in ("someone@gmail.example", "nosite@union.example.org"):
        assert badge not in row_of(page, email)
    assert badge not in row_of(page, "person@jornaleros.example.org")
    assert badge not in row_of(page, "done@verified.example.org")  # verified already


def test_an_organization_signing_on_the_page_from_its_domain_gets_the_hint(bob_as, letter) -> None:
    assert Client().post(LETTER, ORGANIZATION_SIGNER).status_code == 302
    page = text(bob_as("staff").get(f"{LETTER}signatures/"))
    assert '<span class="badge badge-ok">domain matches</span>' in row_of(
        page, "maria@jornaleros.example.org"
    )


def test_the_signatures_page_lists_every_signature_with_its_email_and_is_never_cached(
    bob_as, letter
) -> None:
    add_signature(letter, 1, name="Counted Person")
    add_signature(letter, 2, name="Unconfirmed Person", confirmed_at=None)
    add_signature(letter, 3, name="Hidden Person", hidden=True)
    add_organization(letter, 4, organization_name="Unverified Union")
    client = bob_as("staff")
    response = client.get(f"{LETTER}signatures/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = text(response)
    for number in range(1, 5):
        assert f"signer{number}@example.org" in page
    filtered = {
        show: text(client.get(f"{LETTER}signatures/?show={show}"))
        for show in ("confirmed", "unconfirmed", "hidden", "unverified")
    }
    assert "Counted Person" in filtered["confirmed"]
    assert "Unconfirmed Person" not in filtered["confirmed"]
    assert "Hidden Person" not in filtered["confirmed"]
    assert "Unconfirmed Person" in filtered["unconfirmed"]
    assert "Counted Person" not in filtered["unconfirmed"]
    assert "Hidden Person" in filtered["hidden"] and "Counted Person" not in filtered["hidden"]
    assert "Unverified Union" in filtered["unverified"]
    assert "Counted Person" not in filtered["unverified"]
    counts = client.get(f"{LETTER}signatures/").context["counts"]
    assert counts == {"all": 4, "confirmed": 2, "unconfirmed": 1, "hidden": 1, "unverified": 1}


def test_the_signatures_page_costs_the_same_queries_for_few_signatures_or_many(
    bob_as, letter, bob
) -> None:
    client = bob_as("staff")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{LETTER}signatures/").status_code == 200
        return len(captured)

    add_organization(letter, 1, verified_at=timezone.now(), verified_by=bob)
    add_signature(letter, 2)
    few = queries()
    for number in range(3, 40):
        if number % 2:
            add_organization(letter, number, verified_at=timezone.now(), verified_by=bob)
        else:
            add_signature(letter, number)
    assert queries() == few


def test_the_public_letter_page_costs_the_same_queries_for_few_signatures_or_many(
    letter,
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(LETTER).status_code == 200
        return len(captured)

    add_signature(letter, 1)
    few = queries()
    for number in range(2, 40):
        add_organization(letter, number, country=["US", "MX", "CA"][number % 3])
    assert queries() == few


# Export ------------------------------------------------------------------------------------


def read_csv(response: Any) -> list[dict[str, str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")  # for spreadsheets to read the accents right
    return list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))


def test_the_export_has_every_signature_under_a_header_row(bob_as, letter, beta) -> None:
    add_signature(letter, 1, name="Ana Ruiz", city="Oaxaca", country="MX")
    add_signature(letter, 2, name="Not Yet", confirmed_at=None)
    add_signature(letter, 3, name="Hidden One", hidden=True, show_publicly=False)
    add_organization(letter, 4, organization_name="Unión del Valle", verified_at=timezone.now())
    add_signature(make_letter(beta, slug="beta-letter"), 5, name="Other Letter")
    response = bob_as("staff").get(f"{LETTER}signatures.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        'attachment; filename="fair-recruitment-signatures.csv"'
    )
    content = response.content.decode("utf-8").removeprefix("\ufeff")
    assert next(csv.reader(io.StringIO(content))) == [
        "kind",
        "organization_name",
        "organization_kind",
        "organization_website",
        "name",
        "title",
        "email",
        "country",
        "city",
        "show_publicly",
        "wants_updates",
        "language",
        "signed_at",
        "confirmed_at",
        "verified",
        "hidden",
    ]
    rows = read_csv(response)
    assert [row["email"] for row in rows] == [f"signer{n}@example.org" for n in (1, 2, 3, 4)]
    by_name = {row["name"]: row for row in rows}
    assert by_name["Ana Ruiz"]["city"] == "Oaxaca" and by_name["Ana Ruiz"]["country"] == "MX"
    assert by_name["Not Yet"]["confirmed_at"] == ""
    assert by_name["Ana Ruiz"]["confirmed_at"] != ""
    assert by_name["Hidden One"]["hidden"] == "yes"
    assert by_name["Hidden One"]["show_publicly"] == "no"
    union = next(row for row in rows if row["kind"] == "organization")
    assert union["organization_name"] == "Unión del Valle" and union["verified"] == "yes"
    assert "Other Letter" not in by_name


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"]
)
def test_a_cell_that_looks_like_a_formula_is_made_inert(bob_as, letter, typed) -> None:
    add_signature(letter, 1, name=typed, city=typed)
    add_organization(letter, 2, organization_name=typed, title=typed)
    rows = read_csv(bob_as("staff").get(f"{LETTER}signatures.csv"))
    assert rows[0]["name"] == rows[0]["city"] == f"'{typed}"
    assert rows[1]["organization_name"] == rows[1]["title"] == f"'{typed}"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value


# Delivery ----------------------------------------------------------------------------------


@pytest.fixture
def signers(letter: Letter) -> dict[str, Signature]:
    return {
        "union": add_organization(
            letter,
            1,
            organization_name="Farmworker Justice",
            city="Washington",
            email="fj@fj.example.org",
        ),
        "named": add_signature(
            letter,
            2,
            name="Ana Ruiz",
            title="Profesora",
            country="MX",
            city="Oaxaca",
            email="ana@example.mx",
        ),
        "unnamed": add_signature(
            letter, 3, name="Secret Person", show_publicly=False, email="secret@example.com"
        ),
        "unnamed_org": add_organization(
            letter,
            4,
            organization_name="Quiet Coalition",
            show_publicly=False,
            email="quiet@coalition.example",
        ),
        "hidden": add_signature(letter, 5, name="Hidden Spammer", hidden=True),
        "unconfirmed": add_signature(letter, 6, name="Unconfirmed Person", confirmed_at=None),
    }


def deliver(client: Client, **changes: Any) -> Any:
    data = {
        "delivered_on": "2026-11-20",
        "recipients": "United States Trade Representative\n\n  Secretaría de Economía  ",
        "place": "Washington, D.C.",
        "language": "es",
        **changes,
    }
    return client.post(f"{LETTER}deliver/", data)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_delivering_keeps_a_pdf_with_the_named_signers_only(bob_as, letter, signers, bob) -> None:
    client = bob_as("staff")
    form = client.get(f"{LETTER}deliver/")
    assert form.status_code == 200
    response = deliver(client)
    assert response.status_code == 302
    assert response["Location"] == LETTER
    delivery = Delivery.objects.get()
    assert delivery.letter == letter
    assert delivery.delivered_on == date(2026, 11, 20)
    assert delivery.recipients == "United States Trade Representative\nSecretaría de Economía"
    assert delivery.place == "Washington, D.C." and delivery.language == "es"
    assert delivery.signatures == 4  # confirmed, not hidden: named or not
    assert delivery.created_by == bob
    content = delivery.pdf.read()
    delivery.pdf.close()
    assert content.startswith(b"%PDF")
    assert delivery.sha256 == hashlib.sha256(content).hexdigest()
    found = pdf_text(content)
    assert "Fin a las cuotas de reclutamiento" in found  # the title in the chosen language
    assert "Pedimos a los tres gobiernos" in found
    assert "United States Trade Representative" in found
    assert "Secretaría de Economía" in found
    assert "Farmworker Justice" in found and "Ana Ruiz" in found
    for absent in ("Secret Person", "Quiet Coalition", "Hidden Spammer", "Unconfirmed Person"):
        assert absent not in found, absent
    assert "@" not in found  # no email address at all
    entry = AuditEntry.objects.get(action="letter.deliver")
    assert entry.actor == bob and entry.metadata["sha256"] == delivery.sha256


def test_a_delivery_in_english_has_the_english_title(bob_as, letter, signers) -> None:
    deliver(bob_as("staff"), language="en")
    delivery = Delivery.objects.get()
    found = pdf_text(delivery.pdf.read())
    delivery.pdf.close()
    assert "End recruitment fees" in found
    assert "Fin a las cuotas de reclutamiento" not in found


def test_a_delivery_needs_a_recipient(bob_as, letter) -> None:
    response = deliver(bob_as("staff"), recipients="  \n ")
    assert response.status_code == 200
    assert response.context["form"].errors["recipients"]
    assert not Delivery.objects.exists()


def test_the_delivery_is_on_the_letter_page_with_its_pdf(bob_as, letter, signers) -> None:
    deliver(bob_as("staff"))
    delivery = Delivery.objects.get()
    page = text(Client().get(LETTER))
    pdf_url = f"/en/letters/fair-recruitment/deliveries/{delivery.uuid}.pdf"
    assert f'href="{pdf_url}"' in page
    assert "The letter as delivered, with 4 signatures (PDF)" in page
    assert "Washington, D.C." in page
    download = Client().get(pdf_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == delivery.sha256
    assert "fair-recruitment-2026-11-20-es.pdf" in download["Content-Disposition"]


def test_the_pdf_of_an_internal_letter_stays_internal(bob_as, alfa) -> None:
    make_letter(alfa, visibility=Visibility.INTERNAL)
    client = bob_as("staff")
    deliver(client)
    delivery = Delivery.objects.get()
    pdf_url = f"/en/letters/fair-recruitment/deliveries/{delivery.uuid}.pdf"
    assert client.get(pdf_url).status_code == 200
    assert Client().get(pdf_url).status_code == 404
    unknown = pdf_url.replace(str(delivery.uuid), "00000000-0000-0000-0000-000000000000")
    assert client.get(unknown).status_code == 404


def test_a_delivery_shows_in_the_campaign_timeline_and_its_signers_in_key_numbers(
    bob_as, alfa, letter, signers
) -> None:
    campaign = make_campaign(alfa)
    campaign.letters.add(letter)
    deliver(bob_as("staff"), delivered_on="2026-11-20")
    delivery = Delivery.objects.get()
    response = Client().get(f"/en/campaigns/{campaign.slug}/")
    assert response.status_code == 200
    (entry,) = [
        e for e in response.context["page"].object_list if e.type == ActionType.LETTER_DELIVERED
    ]
    assert entry.type_label == "Letter delivered"
    assert entry.title == "Letter delivered: End recruitment fees"
    assert entry.on == date(2026, 11, 20)
    assert entry.link_url == f"/en/letters/fair-recruitment/deliveries/{delivery.uuid}.pdf"
    assert "4 signatures" in entry.summary
    page = text(response)
    assert "Letter delivered: End recruitment fees" in page
    assert response.context["figures"].signers == 4
    assert "<dd>4<ul" in page.replace("\n", "")
    assert "End recruitment fees</a>: 4 signatures" in page


def test_a_new_confirmed_signer_counts_in_the_campaign_at_once(alfa, letter) -> None:
    campaign = make_campaign(alfa)
    campaign.letters.add(letter)
    add_signature(letter, 1)
    add_signature(letter, 2, confirmed_at=None)
    figures = Client().get(f"/en/campaigns/{campaign.slug}/").context["figures"]
    assert figures.signers == 1
    add_signature(letter, 3, confirmed_at=timezone.now() - timedelta(minutes=1))
    figures = Client().get(f"/en/campaigns/{campaign.slug}/").context["figures"]
    assert figures.signers == 2


def test_the_deliver_page_says_how_many_are_named(bob_as, letter, signers) -> None:
    page = text(bob_as("staff").get(f"{LETTER}deliver/"))
    assert "4 confirmed signatures" in page and "of which 2 named" in page
    assert TODAY.isoformat() in page  # today by default

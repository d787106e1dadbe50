"""Drafting pages: who reaches them, what they show, and what bad input gets."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from corredor.accounts.choices import Role
from corredor.accounts.models import Organization, User
from corredor.conftest import join, signed_in_client
from corredor.petitions import drafting
from corredor.petitions.choices import DraftKind
from corredor.petitions.draft_forms import PackageForm
from corredor.petitions.models import Draft
from corredor.petitions.tests.drafts import FACTS, complete_draft, phone_testimony, start_draft
from corredor.testimonies import actions as testimony_actions
from corredor.testimonies.choices import Channel, Consent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keys(settings: Any) -> None:
    settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]


@pytest.fixture
def draft(alice: User, alfa: Organization) -> Draft:
    return start_draft(alice, alfa)


def url(draft: Draft, path: str = "", language: str = "en") -> str:
    return f"/{language}/drafts/{draft.uuid}/{path}"


def queries_for(client: Client, path: str) -> int:
    """How many queries a page makes, once what a first request loads is loaded."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_only_the_organizations_people_reach_a_draft(
    draft: Draft, charlie: User, beta: Organization, bob_as: Callable[[str], Client]
) -> None:
    assert Client().get(url(draft)).status_code == 302  # to sign in
    assert signed_in_client(charlie).get(url(draft)).status_code == 404
    viewer = bob_as(Role.VIEWER)
    page = viewer.get(url(draft))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "Edit the details" not in page.content.decode()
    assert viewer.post(url(draft, "sections/facts/en/"), {"text": "x"}).status_code == 403
    assert viewer.post(url(draft, "file/"), {}).status_code == 403


def test_the_list_shows_the_drafts_of_the_users_organizations_only(
    draft: Draft, charlie: User, beta: Organization, alice: User
) -> None:
    assert draft.reference in signed_in_client(alice).get("/en/drafts/").content.decode()
    assert draft.reference not in signed_in_client(charlie).get("/en/drafts/").content.decode()


def test_a_draft_starts_from_the_where_to_file_helpers_choice(
    alice: User, alfa: Organization
) -> None:
    client = signed_in_client(alice)
    form = client.get("/es/drafts/new/?mechanism=usmca-rrm&office=mx-stps&against=US")
    assert form.status_code == 200
    assert 'value="mx-stps" selected' in form.content.decode()
    created = client.post(
        "/es/drafts/new/",
        {
            "organization": alfa.pk,
            "mechanism": "usmca-rrm",
            "office": "mx-stps",
            "against_country": "US",
            "reference": "MRR Fábrica Norte",
            "authoritative_language": "es",
            "title_es": "Fábrica Norte",
        },
    )
    draft = Draft.objects.get()
    assert created.status_code == 302
    assert created["Location"] == f"/es/drafts/{draft.uuid}/"
    page = client.get(created["Location"]).content.decode()
    assert "Mecanismo" in page
    assert "Planta" not in page


def test_a_wrong_office_gets_a_translated_error_and_nothing_is_stored(
    alice: User, alfa: Organization
) -> None:
    response = signed_in_client(alice).post(
        "/es/drafts/new/",
        {
            "organization": alfa.pk,
            "mechanism": "usmca-rrm",
            "office": "us-nao",
            "against_country": "MX",
            "reference": "X",
            "authoritative_language": "es",
        },
    )
    assert response.status_code == 422
    # The venue's own message, on the office field.
    assert "La oficina “us-nao” no recibe peticiones" in response.content.decode()
    assert "office" in response.context["form"].errors
    assert not Draft.objects.exists()


def test_writing_a_translation_shows_the_authoritative_text_and_its_state(
    draft: Draft, alice: User
) -> None:
    client = signed_in_client(alice)
    assert client.post(url(draft, "sections/facts/en/"), {"text": FACTS}).status_code == 302
    page = client.get(url(draft, "sections/facts/es/", "es")).content.decode()
    assert FACTS in page
    assert "sin escribir" in page
    client.post(url(draft, "sections/facts/es/"), {"text": "La empresa despidió a doce."})
    client.post(url(draft, "sections/facts/en/"), {"text": FACTS + " In March."})
    overview = client.get(url(draft)).content.decode()
    assert "needs update" in overview
    client.post(url(draft, "sections/facts/es/current/"))
    assert "needs update" not in client.get(url(draft)).content.decode()


def test_a_section_too_long_is_refused_with_what_was_typed_kept(draft: Draft, alice: User) -> None:
    text = "x" * 100_001
    response = signed_in_client(alice).post(url(draft, "sections/facts/fr/", "fr"), {"text": text})
    assert response.status_code == 422
    assert "100" in response.content.decode()
    assert drafting.section_text(draft, "facts", "fr") == ""


def test_an_unknown_section_or_language_is_not_found(draft: Draft, alice: User) -> None:
    client = signed_in_client(alice)
    assert client.get(url(draft, "sections/pattern/en/")).status_code == 404
    assert client.get(url(draft, "sections/facts/de/")).status_code == 404


def test_a_viewer_can_comment_and_an_editor_can_resolve(
    draft: Draft, alice: User, bob_as: Callable[[str], Client]
) -> None:
    viewer = bob_as(Role.VIEWER)
    viewer.post(url(draft, "sections/facts/en/comments/"), {"body": "Give the dates."})
    note = draft.comments.get()
    assert note.author.email == "bob@alfa.example"
    assert "Give the dates." in viewer.get(url(draft, "sections/facts/en/")).content.decode()
    assert viewer.post(url(draft, f"comments/{note.uuid}/resolve/")).status_code == 403
    signed_in_client(alice).post(url(draft, f"comments/{note.uuid}/resolve/"))
    note.refresh_from_db()
    assert note.resolved_at is not None


def test_versions_are_listed_compared_side_by_side_and_restored(draft: Draft, alice: User) -> None:
    client = signed_in_client(alice)
    client.post(url(draft, "sections/facts/en/"), {"text": "Twelve were fired."})
    client.post(url(draft, "sections/facts/en/"), {"text": "Thirteen were fired."})
    listing = client.get(url(draft, "versions/")).content.decode()
    assert "Section “Facts" in listing or "Section “" in listing
    compared = client.get(url(draft, "versions/compare/?a=2&b=3")).content.decode()
    assert "<del>Twelve</del>" in compared
    assert "<ins>Thirteen</ins>" in compared
    assert client.get(url(draft, "versions/compare/?a=x")).status_code == 302
    client.post(url(draft, "versions/2/restore/"))
    assert drafting.section_text(draft, "facts", "en") == "Twelve were fired."
    assert draft.versions.count() == 4


def test_the_package_form_refuses_the_same_language_twice_as_the_package_does() -> None:
    from corredor.petitions.package import PackageError, check_languages

    form = PackageForm({"lang": "es", "bilingual": "es"})
    assert not form.is_valid()
    with pytest.raises(PackageError) as refused:
        check_languages("es", "es")
    assert form.errors["bilingual"] == [str(refused.value)]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def test_a_document_exhibit_is_checked_by_its_content(draft: Draft, alice: User) -> None:
    client = signed_in_client(alice)
    disguised = SimpleUploadedFile("minutes.pdf", b"MZ not a pdf", content_type="application/pdf")
    refused = client.post(
        url(draft, "exhibits/new/document/", "es"), {"title": "Acta", "file": disguised}
    )
    assert refused.status_code == 422
    assert "minutes.pdf" in refused.content.decode()
    damaged = SimpleUploadedFile("broken.pdf", b"%PDF-1.4 nothing else", content_type="x")
    assert (
        client.post(
            url(draft, "exhibits/new/document/"), {"title": "A", "file": damaged}
        ).status_code
        == 422
    )
    assert not draft.exhibits.exists()
    photo = SimpleUploadedFile("photo.png", png(), content_type="image/png")
    client.post(url(draft, "exhibits/new/document/"), {"title": "Photo", "file": photo})
    assert draft.exhibits.get().title == "Photo"


def test_a_testimony_excerpt_without_consent_is_refused_with_a_reason(
    draft: Draft, alice: User, alfa: Organization
) -> None:
    testimony = testimony_actions.take_testimony(
        alfa,
        {"narrative": "Nos quitaron los pasaportes.", "name": "Rosa Quintero"},
        consents={Consent.KEEP: True},
        language="es",
        channel=Channel.PHONE,
    ).testimony
    response = signed_in_client(alice).post(
        url(draft, "exhibits/new/testimony/"),
        {"testimony": testimony.pseudonym, "title": "T", "excerpt": "Pasaportes."},
    )
    assert response.status_code == 422
    assert "has not agreed" in response.content.decode()
    assert not draft.exhibits.exists()


def test_filing_an_incomplete_draft_is_refused_for_a_member(
    draft: Draft, bob_as: Callable[[str], Client]
) -> None:
    member = bob_as(Role.MEMBER)
    page = member.get(url(draft, "file/")).content.decode()
    assert "override_reason" not in page
    response = member.post(
        url(draft, "file/"), {"filed_on": "2026-11-20", "lang": "en", "override_reason": "x"}
    )
    assert response.status_code == 422
    assert "Facts" in response.content.decode()
    assert not hasattr(Draft.objects.get(), "filing")


def test_the_detail_page_makes_as_many_queries_for_five_exhibits_as_for_one(
    draft: Draft, alice: User, alfa: Organization, django_assert_num_queries: Any
) -> None:
    from corredor.signons.tests.conftest import make_letter

    client = signed_in_client(alice)
    testimony = phone_testimony(alfa)

    def add_exhibits(number: int) -> None:
        drafting.add_testimony(
            draft, actor=alice, testimony=testimony, excerpt="x", named=False, title=f"T{number}"
        )
        drafting.add_letter(
            draft, actor=alice, letter=make_letter(alfa, slug=f"l{number}"), title="L"
        )

    add_exhibits(0)
    one = queries_for(client, url(draft))
    for number in range(1, 5):
        add_exhibits(number)
    with django_assert_num_queries(one):
        client.get(url(draft))


def test_the_drafts_list_makes_as_many_queries_for_six_drafts_as_for_one(
    draft: Draft,
    alice: User,
    alfa: Organization,
    charlie: User,
    beta: Organization,
    django_assert_num_queries: Any,
) -> None:
    client = signed_in_client(alice)
    one = queries_for(client, "/en/drafts/")
    start_draft(alice, alfa, reference="Second draft")
    filed = complete_draft(alice, alfa, reference="Filed draft")
    petition = drafting.file_draft(filed, actor=alice, on=date(2026, 11, 20)).petition
    start_draft(
        alice, alfa, reference="Its supplement", kind=DraftKind.SUPPLEMENT, petition=petition
    )
    start_draft(alice, alfa, reference="In Spanish", authoritative_language="es", title_en="")
    shared = start_draft(charlie, beta, reference="Shared by Beta")
    drafting.update_details(shared, actor=charlie, reviewers=[alfa])
    with django_assert_num_queries(one):
        listing = client.get("/en/drafts/").content.decode()
    references = list(Draft.objects.values_list("reference", flat=True))
    assert len(references) == 6
    assert all(reference in listing for reference in references)


def test_the_versions_page_makes_as_many_queries_for_many_versions_as_for_one(
    draft: Draft,
    alice: User,
    alfa: Organization,
    bob: User,
    django_assert_num_queries: Any,
) -> None:
    from corredor.signons.tests.conftest import make_letter

    client = signed_in_client(alice)
    one = queries_for(client, url(draft, "versions/"))
    join(alfa, bob, Role.MEMBER)
    drafting.update_details(draft, actor=bob, title_fr="Licenciements")
    drafting.save_section(draft, actor=alice, section="facts", language="en", text=FACTS)
    drafting.save_section(draft, actor=bob, section="facts", language="es", text="Hechos.")
    drafting.add_letter(draft, actor=bob, letter=make_letter(alfa), title="Signatories")
    drafting.restore(draft, draft.versions.get(number=2), actor=alice)
    assert draft.versions.count() == 6
    with django_assert_num_queries(one):
        client.get(url(draft, "versions/"))


def test_a_coalition_partner_reads_and_comments_but_never_sees_exhibits(
    draft: Draft, alice: User, charlie: User, beta: Organization
) -> None:
    drafting.save_section(draft, actor=alice, section="facts", language="en", text=FACTS)
    drafting.add_document(
        draft,
        actor=alice,
        title="Dismissal letter of Juan",
        content=b"%PDF",
        content_type="application/pdf",
        name="juan.pdf",
    )
    partner = signed_in_client(charlie)
    assert partner.get(url(draft)).status_code == 404
    owner = signed_in_client(alice)
    form = owner.get(url(draft, "details/")).content.decode()
    assert "Unión Beta" in form
    assert "Centro Alfa</label>" not in form  # not shared with itself
    owner.post(
        url(draft, "details/"),
        {"reference": draft.reference, "authoritative_language": "en", "reviewers": [beta.pk]},
    )
    assert list(draft.reviewers.all()) == [beta]

    page = partner.get(url(draft, language="fr"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dismissal letter of Juan" not in html
    assert "package.pdf" not in html
    assert draft.reference in partner.get("/fr/drafts/").content.decode()
    assert FACTS in partner.get(url(draft, "sections/facts/en/")).content.decode()
    partner.post(url(draft, "sections/facts/en/comments/"), {"body": "Ajoutez la date."})
    assert draft.comments.get().body == "Ajoutez la date."
    assert partner.get(url(draft, "package.pdf?lang=en")).status_code == 403
    assert partner.post(url(draft, "sections/facts/en/"), {"text": "x"}).status_code == 403
    assert partner.get(url(draft, "exhibits/new/document/")).status_code == 403
    assert partner.post(url(draft, "file/"), {}).status_code == 403


@pytest.mark.parametrize("path", ["", "file/", "versions/", "sections/facts/en/"])
def test_a_draft_page_reads_the_users_memberships_once(
    draft: Draft, alice: User, path: str
) -> None:
    """Their role, read with the draft, answers what they may do on the page: no lookup per
    question (a partner's reader, an editor, an admin who may override the check)."""
    client = signed_in_client(alice)
    client.get(url(draft, path))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(draft, path)).status_code == 200
    lookups = [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "accounts_membership"' in query["sql"]
        and not query["sql"].startswith('SELECT 1 AS "a"')  # the second factor's, per request
    ]
    assert len(lookups) == 1, lookups

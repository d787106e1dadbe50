"""The drafting actions: drafts, sections per language, versions, comments and exhibits."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import PermissionDenied, ValidationError

from corredor.accounts.models import AuditEntry, Organization, User
from corredor.lib import crypto
from corredor.petitions import drafting, versions
from corredor.petitions.choices import DraftKind, Language
from corredor.petitions.models import Draft, Exhibit, SectionText
from corredor.petitions.tests.conftest import file_petition
from corredor.petitions.tests.drafts import FACTS, complete_draft, start_draft
from corredor.signons.tests.conftest import make_letter
from corredor.testimonies import actions as testimony_actions
from corredor.testimonies.choices import Channel, Consent
from corredor.treaties import rulebook
from corredor.treaties.labels import problem_message
from corredor.treaties.venue import Problem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keys(settings: Any) -> None:
    settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]


def state(draft: Draft, section: str, language: str) -> str:
    return versions.translation_state(
        drafting.texts_of(draft), section, language, draft.authoritative_language
    )


def test_a_new_draft_is_its_first_version_and_is_audited(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    assert draft.revision == 1
    assert draft.versions.get().change == "created"
    assert AuditEntry.objects.filter(action="draft.create", object_id=str(draft.uuid)).exists()


def test_it_refuses_an_office_that_is_not_the_mechanisms(alice: User, alfa: Organization) -> None:
    with pytest.raises(ValidationError):
        start_draft(alice, alfa, office="us-nao")
    assert not Draft.objects.exists()


def test_it_refuses_a_reference_taken_by_another_draft_or_a_petition(
    alice: User, alfa: Organization
) -> None:
    start_draft(alice, alfa)
    with pytest.raises(ValidationError) as caught:
        start_draft(alice, alfa, reference="rrm planta ejemplo")
    assert "reference" in caught.value.error_dict
    file_petition("MEX 2026-1", organization=alfa)
    with pytest.raises(ValidationError):
        start_draft(alice, alfa, reference="MEX 2026-1")


def test_a_supplement_takes_its_petitions_mechanism_office_and_country(
    alice: User, alfa: Organization
) -> None:
    petition = file_petition("RRM 2026-7", organization=alfa, principles=[])
    draft = drafting.create_draft(
        actor=alice,
        organization=alfa,
        reference="RRM 2026-7 supplement 1",
        kind=DraftKind.SUPPLEMENT,
        petition=petition,
        mechanism="naalc",  # ignored: a supplement follows its petition
    )
    assert (draft.mechanism, draft.office, draft.against_country) == ("usmca-rrm", "us-ilc", "MX")
    assert draft.petition == petition


def test_a_translation_needs_an_update_when_the_authoritative_text_changes(
    alice: User, alfa: Organization
) -> None:
    draft = start_draft(alice, alfa)
    drafting.save_section(draft, actor=alice, section="facts", language="en", text=FACTS)
    drafting.save_section(
        draft, actor=alice, section="facts", language="es", text="La empresa despidió a doce."
    )
    assert state(draft, "facts", "en") == versions.AUTHORITATIVE
    assert state(draft, "facts", "es") == versions.CURRENT
    assert state(draft, "facts", "fr") == versions.MISSING

    drafting.save_section(
        draft, actor=alice, section="facts", language="en", text=FACTS + " On 3 March."
    )
    assert state(draft, "facts", "es") == versions.NEEDS_UPDATE

    drafting.mark_current(draft, actor=alice, section="facts", language="es")
    assert state(draft, "facts", "es") == versions.CURRENT


def test_only_whitespace_changes_make_no_new_version(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    drafting.save_section(draft, actor=alice, section="facts", language="en", text=FACTS)
    drafting.save_section(draft, actor=alice, section="facts", language="en", text=FACTS + "  \n")
    draft.refresh_from_db()
    assert draft.revision == 2


def test_a_section_the_mechanism_does_not_have_is_refused(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    with pytest.raises(ValidationError):
        drafting.save_section(draft, actor=alice, section="pattern", language="en", text="x")
    with pytest.raises(ValidationError):
        drafting.save_section(draft, actor=alice, section="facts", language="de", text="x")
    assert not SectionText.objects.exists()


def test_restoring_an_old_version_brings_back_its_texts_and_keeps_every_version(
    alice: User, alfa: Organization
) -> None:
    draft = start_draft(alice, alfa)
    drafting.save_section(draft, actor=alice, section="facts", language="en", text="First.")
    drafting.save_section(draft, actor=alice, section="facts", language="es", text="Primero.")
    drafting.save_section(draft, actor=alice, section="facts", language="en", text="Second.")
    assert state(draft, "facts", "es") == versions.NEEDS_UPDATE

    third = draft.versions.get(number=3)
    restored = drafting.restore(draft, third, actor=alice)

    assert restored.number == 5
    assert drafting.section_text(draft, "facts", "en") == "First."
    assert state(draft, "facts", "es") == versions.CURRENT  # its state came back with it
    assert list(draft.versions.values_list("number", flat=True)) == [5, 4, 3, 2, 1]
    assert restored.change == "restored:3"


def test_every_kind_of_edit_takes_the_next_version_number(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    drafting.update_details(draft, actor=alice, title_fr="Licenciements à Planta Ejemplo")
    drafting.save_section(draft, actor=alice, section="facts", language="en", text=FACTS)
    letter = drafting.add_letter(draft, actor=alice, letter=make_letter(alfa), title="L")
    drafting.add_document(
        draft, actor=alice, title="Photo", content=b"x", content_type="image/png", name="p.png"
    )
    drafting.move_exhibit(letter, actor=alice, by=1)
    drafting.restore(draft, draft.versions.get(number=2), actor=alice)
    drafting.remove_exhibit(Exhibit.objects.get(pk=letter.pk), actor=alice)

    draft.refresh_from_db()
    assert list(draft.versions.values_list("number", flat=True)) == list(range(8, 0, -1))
    assert draft.revision == 8


def test_the_comparison_of_two_versions_shows_what_changed(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    drafting.save_section(draft, actor=alice, section="facts", language="en", text="Twelve fired.")
    drafting.save_section(
        draft, actor=alice, section="facts", language="en", text="Thirteen fired."
    )
    old, new = draft.versions.get(number=2), draft.versions.get(number=3)
    [difference] = versions.compare(old.snapshot, new.snapshot, ["facts"])
    assert (difference.section, difference.language) == ("facts", "en")
    [row] = difference.rows
    assert row.kind == "changed"
    assert ("Twelve", True) in row.left
    assert ("Thirteen", True) in row.right


def test_comments_are_kept_per_section_and_can_be_resolved(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    note = drafting.comment(draft, actor=alice, section="facts", body="Add the date.")
    drafting.resolve_comment(note, actor=alice)
    note.refresh_from_db()
    assert note.resolved_at is not None
    with pytest.raises(ValidationError):
        drafting.comment(draft, actor=alice, section="facts", body="   ")


def test_a_document_exhibit_is_stored_encrypted(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    content = b"%PDF-1.4 the dismissal letter"
    exhibit = drafting.add_document(
        draft,
        actor=alice,
        title="Dismissal letter",
        content=content,
        content_type="application/pdf",
        name="carta-despido-juan.pdf",
    )
    with exhibit.file.open("rb") as handle:
        raw = handle.read()
    assert b"dismissal letter" not in raw
    assert "juan" not in exhibit.file.name
    assert crypto.read_file(exhibit.file) == content


def test_exhibits_are_numbered_in_their_order_and_can_be_moved_and_removed(
    alice: User, alfa: Organization, django_capture_on_commit_callbacks: Any
) -> None:
    draft = start_draft(alice, alfa)
    letter = make_letter(alfa)
    first = drafting.add_letter(draft, actor=alice, letter=letter, title="Signatories")
    second = drafting.add_document(
        draft, actor=alice, title="Photo", content=b"x", content_type="image/png", name="p.png"
    )
    drafting.move_exhibit(second, actor=alice, by=-1)
    assert list(draft.exhibits.values_list("title", flat=True)) == ["Photo", "Signatories"]
    stored = second.file.name
    with django_capture_on_commit_callbacks(execute=True):
        drafting.remove_exhibit(Exhibit.objects.get(pk=second.pk), actor=alice)
    assert not second.file.storage.exists(stored)
    assert list(draft.exhibits.all()) == [first]


def test_moving_an_exhibit_is_audited_and_a_move_past_either_end_changes_nothing(
    alice: User, alfa: Organization
) -> None:
    draft = start_draft(alice, alfa)
    first = drafting.add_letter(draft, actor=alice, letter=make_letter(alfa), title="First")
    drafting.add_letter(draft, actor=alice, letter=make_letter(alfa, slug="l2"), title="Second")
    revision = Draft.objects.get(pk=draft.pk).revision

    drafting.move_exhibit(first, actor=alice, by=1)

    moved = AuditEntry.objects.get(action="draft.exhibit.move")
    assert (moved.object_id, moved.actor, moved.organization) == (str(draft.uuid), alice, alfa)
    assert moved.metadata == {"exhibit": str(first.uuid), "position": 2}
    assert Draft.objects.get(pk=draft.pk).revision == revision + 1
    drafting.move_exhibit(first, actor=alice, by=1)  # already last
    assert AuditEntry.objects.filter(action="draft.exhibit.move").count() == 1
    assert Draft.objects.get(pk=draft.pk).revision == revision + 1


def test_drafts_the_rulebook_and_the_site_have_the_same_three_languages(
    settings: Any,
) -> None:
    """Drafting and the package use `Language`; the rulebook, which imports no Django, keeps
    its own list, and the site's languages come from the settings: they must not drift."""
    site = [code for code, _name in settings.LANGUAGES]
    assert list(Language.values) == list(rulebook.LANGUAGES) == site
    assert all(hasattr(Draft, f"title_{code}") for code in Language.values)


def test_a_letter_of_another_organization_cannot_be_attached(
    alice: User, alfa: Organization, beta: Organization
) -> None:
    draft = start_draft(alice, alfa)
    with pytest.raises(PermissionDenied):
        drafting.add_letter(draft, actor=alice, letter=make_letter(beta), title="Theirs")


def take(organization: Organization, **consents: bool) -> Any:
    return testimony_actions.take_testimony(
        organization,
        {
            "narrative": "Me llamo Rosa Elena Quintero. Nos quitaron los pasaportes.",
            "name": "Rosa Elena Quintero",
            "phone": "55 9876 5432",
        },
        consents={Consent.KEEP: True, **consents},
        language="es",
        channel=Channel.IN_PERSON,
    ).testimony


def test_a_testimony_excerpt_is_redacted_and_needs_consent(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    refused = take(alfa)
    with pytest.raises(testimony_actions.NotAllowed):
        drafting.add_testimony(
            draft, actor=alice, testimony=refused, excerpt="x", named=False, title="T"
        )
    testimony = take(alfa, **{Consent.ANONYMOUS_USE: True})
    exhibit = drafting.add_testimony(
        draft,
        actor=alice,
        testimony=testimony,
        excerpt="Rosa Elena Quintero said they took the passports.",
        named=False,
        title="Passports",
    )
    assert "Rosa" not in exhibit.evidence.excerpt
    assert exhibit.evidence.petition is None


def test_a_withdrawal_removes_the_testimony_exhibit(alice: User, alfa: Organization) -> None:
    draft = start_draft(alice, alfa)
    testimony = take(alfa, **{Consent.ANONYMOUS_USE: True})
    drafting.add_testimony(
        draft, actor=alice, testimony=testimony, excerpt="Passports.", named=False, title="T"
    )
    testimony_actions.withdraw(testimony, [Consent.ANONYMOUS_USE])
    assert not draft.exhibits.exists()


def test_the_check_lists_what_is_missing_until_the_draft_is_complete(
    alice: User, alfa: Organization
) -> None:
    draft = start_draft(alice, alfa)
    missing = {problem.params.get("section") for problem in drafting.problems(draft)}
    assert missing == {"facility", "facts", "evidence"}
    assert drafting.problems(complete_draft(alice, alfa, reference="Complete")) == []


def test_naming_the_worker_needs_the_permission_to_see_identities(
    alice: User, alfa: Organization, bob: User
) -> None:
    from corredor.accounts.choices import Role
    from corredor.conftest import join

    join(alfa, bob, Role.MEMBER)
    draft = start_draft(alice, alfa)
    testimony = take(alfa, **{Consent.ANONYMOUS_USE: True, Consent.NAMED_USE: True})
    with pytest.raises(PermissionDenied):
        drafting.add_testimony(
            draft, actor=bob, testimony=testimony, excerpt="Rosa.", named=True, title="T"
        )
    assert not draft.exhibits.exists()


def test_a_supplements_excerpt_reaches_the_petition_only_when_filed(
    alice: User, alfa: Organization
) -> None:
    from datetime import date

    petition = drafting.file_draft(
        complete_draft(alice, alfa), actor=alice, on=date(2026, 11, 20)
    ).petition
    supplement = complete_draft(
        alice, alfa, reference="S1", kind=DraftKind.SUPPLEMENT, petition=petition
    )
    testimony = take(alfa, **{Consent.ANONYMOUS_USE: True})
    drafting.add_testimony(
        supplement, actor=alice, testimony=testimony, excerpt="Fees.", named=False, title="T"
    )
    assert not petition.evidence.exists()
    drafting.file_draft(supplement, actor=alice, on=date(2026, 11, 23))
    assert petition.evidence.count() == 1


@pytest.mark.parametrize(
    ("mechanism", "office", "against", "problem"),
    [
        (
            "naalc",
            "us-nao",
            "US",
            Problem("own_office", "office", {"mechanism": "naalc", "country": "US"}),
        ),
        (
            "usmca-rrm",
            "us-ilc",
            "CA",
            Problem("pair_not_covered", "against_country", {"office": "us-ilc", "country": "CA"}),
        ),
    ],
)
def test_it_refuses_a_venue_the_mechanism_does_not_allow(
    alice: User, alfa: Organization, mechanism: str, office: str, against: str, problem: Problem
) -> None:
    """The draft's venue is judged as a petition's is, with the venue's own message."""
    with pytest.raises(ValidationError) as caught:
        start_draft(alice, alfa, mechanism=mechanism, office=office, against_country=against)
    assert caught.value.message_dict == {problem.field: [problem_message(problem)]}
    assert not Draft.objects.exists()


def test_a_draft_cannot_be_renamed_to_the_address_of_a_filed_petition(
    alice: User, alfa: Organization
) -> None:
    """References are compared as the petitions' web addresses are, not letter for letter."""
    file_petition("MEX 2026-1", organization=alfa)
    draft = start_draft(alice, alfa)
    with pytest.raises(ValidationError) as caught:
        drafting.update_details(draft, actor=alice, reference="mex 2026 1")
    assert "reference" in caught.value.error_dict
    draft.refresh_from_db()
    assert draft.reference == "RRM Planta Ejemplo"
    assert draft.revision == 1

"""Drafting petitions and supplements: every write on a draft, each in one transaction that
also saves a new version and writes the audit log.

The rules are elsewhere: the sections and what a filing needs in the rulebook
(`treaties.completeness`), translation states and comparisons in `versions`, the package in
`package`. Filing a draft is the one way a petition gets its filing package: the package is
built, hashed and stored, and the petition (or the supplement's event) is recorded from it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from corredor.accounts.actions import record
from corredor.accounts.models import Organization, User
from corredor.accounts.permissions import Perm, has_perm
from corredor.lib import crypto
from corredor.petitions import actions, versions
from corredor.petitions.choices import DraftKind, ExhibitKind, Language, Visibility
from corredor.petitions.models import (
    Draft,
    DraftComment,
    DraftVersion,
    Exhibit,
    Filing,
    Petition,
    SectionText,
)
from corredor.petitions.package import build_pdf
from corredor.testimonies.actions import add_evidence
from corredor.testimonies.models import Evidence
from corredor.treaties import completeness
from corredor.treaties.labels import problem_message
from corredor.treaties.rulebook import rulebook
from corredor.treaties.venue import Problem, check_filing

# Reading a draft -------------------------------------------------------------------------


Texts = dict[str, dict[str, dict[str, str]]]


def texts_of(draft: Draft) -> Texts:
    """section → language → {"text", "source"}: the shape of a snapshot's texts."""
    texts: Texts = {}
    for row in draft.texts.all():
        texts.setdefault(row.section, {})[row.language] = {
            "text": row.text,
            "source": row.source_digest,
        }
    return texts


def snapshot(draft: Draft) -> dict[str, Any]:
    return {
        "reference": draft.reference,
        "authoritative_language": draft.authoritative_language,
        "title": {language: getattr(draft, f"title_{language}") for language in Language.values},
        "principles": list(draft.principles),
        "petitioners": draft.petitioners,
        "texts": texts_of(draft),
    }


def problems(draft: Draft, on: date | None = None, texts: Texts | None = None) -> list[Problem]:
    """What keeps the draft from being filed on `on` (today by default); `texts`: the
    draft's `texts_of`, when the caller has them already."""
    return completeness.check(
        rulebook(),
        draft.mechanism,
        office=draft.office,
        against=draft.against_country,
        on=on or timezone.localdate(),
        texts={
            section: {language: entry["text"] for language, entry in by_language.items()}
            for section, by_language in (texts_of(draft) if texts is None else texts).items()
        },
        authoritative=draft.authoritative_language,
        petitioners=draft.petitioner_names,
        exhibits=draft.exhibits.count(),
    )


def section_text(draft: Draft, section: str, language: str) -> str:
    row = draft.texts.filter(section=section, language=language).first()
    return row.text if row else ""


# Writing a draft -------------------------------------------------------------------------


def _version(draft: Draft, actor: User | None, change: str) -> DraftVersion:
    """Save the draft's state as its next version. `draft` is the row locked by the caller
    (`_locked`), or one it has just created: so its revision is the latest version's number."""
    draft.revision += 1
    draft.save(update_fields=["revision", "updated_at"])
    return DraftVersion.objects.create(
        draft=draft, number=draft.revision, snapshot=snapshot(draft), change=change, author=actor
    )


def _locked(draft: Draft) -> Draft:
    """The draft's row, locked until the end of the transaction: two people saving at once
    get consecutive versions, never the same number."""
    return _unfiled(Draft.objects.select_for_update().get(pk=draft.pk))


def _unfiled(draft: Draft) -> Draft:
    if draft.is_filed:
        raise ValidationError(_("This draft has been filed; it can no longer change."))
    return draft


def _validate_reference(reference: str, draft: Draft | None = None) -> None:
    taken = Draft.objects.filter(reference__iexact=reference)
    if draft is not None:
        taken = taken.exclude(pk=draft.pk)
    if taken.exists():
        raise ValidationError(
            {"reference": _("Another draft already has this reference.")}, code="duplicate"
        )


def _validate_details(mechanism: str, office: str, against: str, principles: list[str]) -> None:
    """The venue as `venue.check_filing` judges it, and the principles. A draft has no filing
    date yet: whether the agreement is in force on that day is the completeness check's."""
    found = check_filing(rulebook(), mechanism, office, against, timezone.localdate())
    actions.raise_problems([problem for problem in found if problem.field != "filed_on"])
    actions.validate_principles(mechanism, principles)


def _validate_petition_reference(draft_kind: str, reference: str) -> None:
    """A petition's draft files a petition under its reference, which must be free then."""
    if draft_kind == DraftKind.PETITION:
        actions.validate_reference(reference)


@transaction.atomic
def create_draft(
    *,
    actor: User,
    organization: Organization,
    reference: str,
    kind: str = DraftKind.PETITION,
    petition: Petition | None = None,
    mechanism: str = "",
    office: str = "",
    against_country: str = "",
    principles: list[str] | None = None,
    **fields: Any,
) -> Draft:
    """A new draft. A supplement takes its mechanism, office and country from its petition."""
    principles = list(principles or [])
    if kind == DraftKind.SUPPLEMENT:
        if petition is None or petition.filed_on is None:
            raise ValidationError(_("A supplement needs the filed petition it supplements."))
        mechanism, office, against_country = (
            petition.mechanism,
            petition.office,
            petition.against_country,
        )
        principles = principles or list(petition.principles)
    _validate_details(mechanism, office, against_country, principles)
    _validate_petition_reference(kind, reference)
    _validate_reference(reference)
    draft = Draft.objects.create(
        organization=organization,
        kind=kind,
        petition=petition if kind == DraftKind.SUPPLEMENT else None,
        reference=reference,
        mechanism=mechanism,
        office=office,
        against_country=against_country,
        principles=principles,
        created_by=actor,
        **fields,
    )
    _version(draft, actor, "created")
    record("draft.create", draft, actor=actor, organization=organization, kind=kind)
    return draft


@transaction.atomic
def update_details(draft: Draft, *, actor: User, **fields: Any) -> Draft:
    """Reference, titles, principles, petitioners, the authoritative language, and the
    organizations it is shared with for review (`reviewers`)."""
    draft = _locked(draft)
    reviewers = fields.pop("reviewers", None)
    if reviewers is not None:
        _share(draft, actor, [r for r in reviewers if r.pk != draft.organization_id])
    principles = fields.get("principles", draft.principles)
    _validate_details(draft.mechanism, draft.office, draft.against_country, principles)
    if "reference" in fields:
        _validate_petition_reference(draft.kind, fields["reference"])
        _validate_reference(fields["reference"], draft)
    changed = [name for name, value in fields.items() if getattr(draft, name) != value]
    if not changed:
        return draft
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save()
    _version(draft, actor, "details")
    record("draft.update", draft, actor=actor, organization=draft.organization, fields=changed)
    return draft


def _share(draft: Draft, actor: User, reviewers: list[Organization]) -> None:
    before = set(draft.reviewers.values_list("pk", flat=True))
    if before == {r.pk for r in reviewers}:
        return
    draft.reviewers.set(reviewers)
    record(
        "draft.share",
        draft,
        actor=actor,
        organization=draft.organization,
        reviewers=sorted(r.slug for r in reviewers),
    )


def _check_section(draft: Draft, section: str, language: str) -> None:
    if language not in Language.values:
        raise ValidationError(_("Unknown language."), code="language")
    try:
        draft.rules.section(section)
    except KeyError:
        raise ValidationError(_("This mechanism has no such section."), code="section") from None


@transaction.atomic
def save_section(
    draft: Draft, *, actor: User, section: str, language: str, text: str
) -> SectionText:
    """Write one section in one language. A translation is saved as current: its writer had
    the authoritative text in front of them. Writing the authoritative text makes every
    translation of the section that no longer matches it "needs update"."""
    draft = _locked(draft)
    _check_section(draft, section, language)
    row, _created = SectionText.objects.get_or_create(
        draft=draft, section=section, language=language
    )
    if versions.normalized(row.text) == versions.normalized(text) and (
        language == draft.authoritative_language or row.source_digest
    ):
        return row
    row.text = text
    row.source_digest = (
        ""
        if language == draft.authoritative_language
        else versions.digest(section_text(draft, section, draft.authoritative_language))
    )
    row.updated_by = actor
    row.save()
    _version(draft, actor, f"section:{section}:{language}")
    record(
        "draft.section",
        draft,
        actor=actor,
        organization=draft.organization,
        section=section,
        language=language,
    )
    return row


@transaction.atomic
def mark_current(draft: Draft, *, actor: User, section: str, language: str) -> None:
    """A reviewer confirms that a translation still says what the authoritative text says."""
    draft = _locked(draft)
    _check_section(draft, section, language)
    row = draft.texts.filter(section=section, language=language).first()
    if row is None or language == draft.authoritative_language:
        return
    row.source_digest = versions.digest(section_text(draft, section, draft.authoritative_language))
    row.updated_by = actor
    row.save()
    _version(draft, actor, f"current:{section}:{language}")
    record(
        "draft.mark_current",
        draft,
        actor=actor,
        organization=draft.organization,
        section=section,
        language=language,
    )


@transaction.atomic
def restore(draft: Draft, version: DraftVersion, *, actor: User) -> DraftVersion:
    """Bring back an earlier version as the newest one; the versions in between stay."""
    draft = _locked(draft)
    if version.draft_id != draft.pk:
        raise ValueError("that version belongs to another draft")
    saved = version.snapshot
    reference = saved.get("reference", draft.reference)
    _validate_petition_reference(draft.kind, reference)
    _validate_reference(reference, draft)
    draft.reference = reference
    draft.authoritative_language = saved["authoritative_language"]
    for language in Language.values:
        setattr(draft, f"title_{language}", saved["title"].get(language, ""))
    draft.principles = saved["principles"]
    draft.petitioners = saved["petitioners"]
    draft.save()
    draft.texts.all().delete()
    SectionText.objects.bulk_create(
        SectionText(
            draft=draft,
            section=section,
            language=language,
            text=entry["text"],
            source_digest=entry.get("source", ""),
            updated_by=actor,
        )
        for section, by_language in saved["texts"].items()
        for language, entry in by_language.items()
    )
    restored = _version(draft, actor, f"restored:{version.number}")
    record(
        "draft.restore",
        draft,
        actor=actor,
        organization=draft.organization,
        version=version.number,
    )
    return restored


# Review ----------------------------------------------------------------------------------


@transaction.atomic
def comment(draft: Draft, *, actor: User, section: str, body: str) -> DraftComment:
    _check_section(draft, section, draft.authoritative_language)
    if not body.strip():
        raise ValidationError({"body": _("Write a comment first.")}, code="required")
    note = DraftComment.objects.create(draft=draft, section=section, body=body, author=actor)
    record("draft.comment", draft, actor=actor, organization=draft.organization, section=section)
    return note


@transaction.atomic
def resolve_comment(note: DraftComment, *, actor: User) -> None:
    if note.resolved_at is None:
        note.resolved_at = timezone.now()
        note.save(update_fields=["resolved_at"])
        record(
            "draft.comment.resolve",
            note.draft,
            actor=actor,
            organization=note.draft.organization,
            comment=str(note.uuid),
        )


# Exhibits --------------------------------------------------------------------------------


def _next_position(draft: Draft) -> int:
    return (draft.exhibits.aggregate(last=Max("position"))["last"] or 0) + 1


def _add_exhibit(draft: Draft, actor: User, **fields: Any) -> Exhibit:
    exhibit = Exhibit.objects.create(
        draft=draft, position=_next_position(draft), created_by=actor, **fields
    )
    return _exhibit_added(draft, exhibit, actor)


def _exhibit_added(draft: Draft, exhibit: Exhibit, actor: User) -> Exhibit:
    _version(draft, actor, f"exhibit:{exhibit.kind}")
    record(
        "draft.exhibit.add",
        draft,
        actor=actor,
        organization=draft.organization,
        exhibit=str(exhibit.uuid),
        kind=exhibit.kind,
    )
    return exhibit


@transaction.atomic
def add_document(
    draft: Draft, *, actor: User, title: str, content: bytes, content_type: str, name: str
) -> Exhibit:
    """An uploaded document, already checked and cleaned (`testimonies.files.clean_uploads`),
    stored encrypted."""
    draft = _locked(draft)
    exhibit = Exhibit(
        draft=draft,
        position=_next_position(draft),
        kind=ExhibitKind.DOCUMENT,
        title=title,
        content_type=content_type,
        original_name=name,
        created_by=actor,
    )
    crypto.save_file(exhibit.file, "exhibit", content)
    exhibit.save()
    return _exhibit_added(draft, exhibit, actor)


@transaction.atomic
def add_testimony(
    draft: Draft, *, actor: User, testimony: Any, excerpt: str, named: bool, title: str
) -> Exhibit:
    """An excerpt of a testimony, as the worker's consent allows: redacted with consent to
    anonymous use, naming them only with consent to be named (`testimonies.add_evidence`,
    which raises NotAllowed otherwise). A withdrawal deletes the evidence and so the exhibit."""
    draft = _locked(draft)
    if testimony.organization_id != draft.organization_id:
        raise PermissionDenied
    if named and not has_perm(actor, draft.organization, Perm.VIEW_IDENTITIES):
        raise PermissionDenied  # naming the worker is for those who may see who they are
    # No petition yet, even for a supplement: it becomes evidence when the draft is filed.
    evidence = add_evidence(testimony, None, excerpt, named=named, actor=actor)
    return _add_exhibit(draft, actor, kind=ExhibitKind.TESTIMONY, title=title, evidence=evidence)


@transaction.atomic
def add_letter(draft: Draft, *, actor: User, letter: Any, title: str) -> Exhibit:
    """The confirmed, named signatories of a sign-on letter, as an annex."""
    draft = _locked(draft)
    if letter.organization_id != draft.organization_id:
        raise PermissionDenied
    return _add_exhibit(draft, actor, kind=ExhibitKind.LETTER, title=title, letter=letter)


@transaction.atomic
def move_exhibit(exhibit: Exhibit, *, actor: User, by: int) -> None:
    """Move one place up (by=-1) or down (by=1); the exhibits are numbered in this order."""
    draft = _locked(exhibit.draft)
    ordered = list(draft.exhibits.order_by("position", "pk"))
    index = next(i for i, item in enumerate(ordered) if item.pk == exhibit.pk)
    target = index + by
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    _version(draft, actor, "exhibit:order")
    record(
        "draft.exhibit.move",
        draft,
        actor=actor,
        organization=draft.organization,
        exhibit=str(exhibit.uuid),
        position=target + 1,
    )


@transaction.atomic
def remove_exhibit(exhibit: Exhibit, *, actor: User) -> None:
    draft = _locked(exhibit.draft)
    if exhibit.file:
        crypto.delete_on_commit(exhibit.file)
    evidence = exhibit.evidence
    exhibit.delete()
    if evidence is not None:
        evidence.delete()  # it existed only as this exhibit (a filed draft does not change)
    _version(draft, actor, "exhibit:remove")
    record(
        "draft.exhibit.remove",
        draft,
        actor=actor,
        organization=draft.organization,
        exhibit=str(exhibit.uuid),
    )


def filed_package(filing: Filing) -> bytes:
    """The package exactly as filed, decrypted: its SHA-256 is `filing.sha256`."""
    return crypto.read_file(filing.package)


# Filing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Package:
    pdf: bytes
    sha256: str


def build_package(draft: Draft, language: str, bilingual: str = "") -> Package:
    pdf = build_pdf(draft, language, bilingual=bilingual or None)
    return Package(pdf, hashlib.sha256(pdf).hexdigest())


def file_draft(
    draft: Draft,
    *,
    actor: User,
    on: date,
    language: str = "",
    bilingual: str = "",
    override_reason: str = "",
) -> Filing:
    """File the draft on `on`: refuse while the completeness check finds problems, unless an
    admin gives a reason to override it; build the package, keep it with its SHA-256, and
    record the filing: a new petition whose obligations start that day, or, for a supplement,
    its event in the petition's timeline.

    A big package takes seconds to build, so it is built and stored before the draft's row
    is locked, and built again under the lock only if the draft changed meanwhile. The
    filing's transaction is the outermost one (`durable`): when it fails before its commit,
    no row refers to the stored package, and the package is deleted."""
    override_reason = override_reason.strip()
    current = _unfiled(Draft.objects.get(pk=draft.pk))
    _check_filing(current, actor, on, override_reason)  # refused before the slow build
    built_from = _package_state(current)
    filing = Filing(filed_on=on, filed_by=actor)
    _store_package(filing, current, language, bilingual)
    try:
        with transaction.atomic(durable=True):
            draft = _locked(draft)
            _hold_excerpts(draft)
            found = _check_filing(draft, actor, on, override_reason)
            if _package_state(draft) != built_from:
                _store_package(filing, draft, language, bilingual)
            _record_filing(draft, filing, actor, found, override_reason)
    except BaseException:
        if not _kept(filing):
            filing.package.delete(save=False)
        raise
    return filing


def _hold_excerpts(draft: Draft) -> None:
    """Lock the testimony excerpts in the draft until the filing commits: a worker's
    withdrawal deleting one either committed before (and the draft's exhibits show it) or
    waits for the filing, never slips in between the check and the commit."""
    held = Evidence.objects.select_for_update(of=("self",)).filter(exhibits__draft=draft)
    list(held.values_list("pk", flat=True))


def _kept(filing: Filing) -> bool:
    """Whether the filing was committed after all: an error may come after the commit (from
    a callback run on commit, or a lost acknowledgement), and a filed package is the record
    of what went to the government. When unsure, keep the file: an orphan is better than a
    filing without its package."""
    if filing.pk is None:
        return False
    try:
        return Filing.objects.filter(pk=filing.pk).exists()
    except DatabaseError:
        return True


def _check_filing(draft: Draft, actor: User, on: date, override_reason: str) -> list[Problem]:
    """The completeness check's problems, which only an admin's reason overrides: raises
    ValidationError with each of them without a reason, PermissionDenied for anyone else."""
    found = problems(draft, on)
    if found:
        if not override_reason:
            raise ValidationError([problem_message(problem) for problem in found])
        if not has_perm(actor, draft.organization, Perm.OVERRIDE_CHECKS):
            raise PermissionDenied
    return found


def _package_state(draft: Draft) -> tuple[int, list[int]]:
    """What the package is built from, as far as it can change during the build: the draft's
    revision, which every edit raises, and its exhibits, since a worker's withdrawal deletes
    their excerpt's exhibit without an edit (`testimonies.actions.withdraw`; the excerpts are
    held from the lock to the commit, see `_hold_excerpts`). Not covered: a letter's
    signatories, which may grow meanwhile (the annex is as of the build)."""
    return draft.revision, list(draft.exhibits.order_by("pk").values_list("pk", flat=True))


def _store_package(filing: Filing, draft: Draft, language: str, bilingual: str) -> None:
    """Build the package and store it on `filing` (not saved), replacing one built before."""
    filing.language = language or draft.authoritative_language
    filing.bilingual = "" if bilingual == filing.language else bilingual
    package = build_package(draft, filing.language, filing.bilingual)
    filing.sha256 = package.sha256
    if filing.package:
        filing.package.delete(save=False)
    # Stored encrypted: the package holds the exhibits, decrypted, and testimony excerpts.
    crypto.save_file(filing.package, "package", package.pdf)


def _record_filing(
    draft: Draft, filing: Filing, actor: User, found: list[Problem], override_reason: str
) -> None:
    """Record the petition, or the supplement's event, and the filing with its package."""
    if draft.kind == DraftKind.SUPPLEMENT:
        petition = draft.petition
        assert petition is not None  # noqa: S101 - create_draft guarantees it
        event = actions.record_event(
            petition, actor=actor, code="supplement_filed", on=filing.filed_on
        )
    else:
        petition = actions.create_petition(
            actor=actor,
            organization=draft.organization,
            filed_on=filing.filed_on,
            reference=draft.reference,
            mechanism=draft.mechanism,
            office=draft.office,
            against_country=draft.against_country,
            principles=list(draft.principles),
            petitioners="\n".join(draft.petitioner_names),
            visibility=Visibility.INTERNAL,
            **{f"title_{code}": getattr(draft, f"title_{code}") for code in Language.values},
        )
        event = petition.events.get(code=petition.rules.filing_event)
        draft.petition = petition
        draft.save(update_fields=["petition", "updated_at"])
    # The excerpts become the filed petition's evidence, a supplement's too.
    Evidence.objects.filter(exhibits__draft=draft).update(petition=petition)
    filing.draft, filing.petition, filing.event = draft, petition, event
    # The reason stays on the filing, which only the organization's people read: staff may
    # have typed a worker's name in it, and the audit log, append-only, could never forget it.
    filing.override_reason = override_reason if found else ""
    filing.save()
    record(
        "draft.file",
        draft,
        actor=actor,
        organization=draft.organization,
        petition=petition.reference,
        sha256=filing.sha256,
        overridden=bool(found),
    )

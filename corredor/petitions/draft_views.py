"""Drafting pages: a draft's overview, its sections per language, review, exhibits, versions,
package and filing. The owning organization's people reach them all; members of coalition
partners it is shared with read the sections and comment (`access.get_draft`). Drafts hold
unpublished work and testimony excerpts, so no page is ever cached."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from corredor.accounts.decorators import signed_in
from corredor.accounts.models import Organization
from corredor.accounts.permissions import Perm
from corredor.petitions import access, drafting, versions
from corredor.petitions.choices import DraftKind, Language
from corredor.petitions.draft_forms import (
    CommentForm,
    CompareForm,
    DocumentExhibitForm,
    DraftDetailsForm,
    FilingForm,
    LetterExhibitForm,
    NewDraftForm,
    PackageForm,
    SectionForm,
    SupplementForm,
    TestimonyExhibitForm,
)
from corredor.petitions.forms import add_errors
from corredor.petitions.models import Draft, DraftComment, Exhibit
from corredor.petitions.package import PackageError, build_docx, build_pdf
from corredor.signons.models import Letter
from corredor.testimonies.actions import NotAllowed
from corredor.testimonies.models import Testimony
from corredor.treaties.labels import (
    COUNTRY_LABELS,
    language_name,
    local,
    office_name,
    problem_message,
    section_name,
)
from corredor.treaties.presenters import RULE_CONFIDENCE_LABELS

STATE_LABELS = {
    versions.AUTHORITATIVE: gettext_lazy("authoritative"),
    versions.CURRENT: gettext_lazy("current"),
    versions.NEEDS_UPDATE: gettext_lazy("needs update"),
    versions.MISSING: gettext_lazy("not written"),
}


@never_cache
@signed_in
def draft_list(request: HttpRequest) -> HttpResponse:
    drafts = access.visible_drafts(request.user).select_related("organization", "filing")
    return render(
        request,
        "petitions/drafts/list.html",
        {
            "drafts": drafts,
            "can_create": access.editable_organizations(request.user).exists(),
        },
    )


@never_cache
@signed_in
def new_draft(request: HttpRequest) -> HttpResponse:
    organizations = access.editable_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied
    if supplement_of := request.GET.get("supplement"):
        return _new_supplement(request, supplement_of)
    initial = {
        "mechanism": request.GET.get("mechanism", ""),
        "office": request.GET.get("office", ""),
        "against_country": request.GET.get("against", ""),
        "authoritative_language": request.LANGUAGE_CODE[:2],
    }
    if organizations.count() == 1:
        initial["organization"] = organizations.first()
    form = NewDraftForm(request.POST or None, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            draft = drafting.create_draft(actor=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The draft is ready: write its sections."))
            return redirect(draft)
    return render(
        request,
        "petitions/drafts/new.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


def _new_supplement(request: HttpRequest, slug: str) -> HttpResponse:
    petition = access.get_editable_petition(request.user, slug)
    if petition.organization is None or petition.filed_on is None:
        raise Http404
    count = petition.drafts.filter(kind=DraftKind.SUPPLEMENT).count() + 1
    form = SupplementForm(
        request.POST or None,
        initial={
            "reference": _("%(reference)s supplement %(number)s")
            % {"reference": petition.reference, "number": count},
            "authoritative_language": request.LANGUAGE_CODE[:2],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            draft = drafting.create_draft(
                actor=request.user,
                organization=petition.organization,
                kind=DraftKind.SUPPLEMENT,
                petition=petition,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The supplement's draft is ready: write its sections."))
            return redirect(draft)
    return render(
        request,
        "petitions/drafts/new.html",
        {"form": form, "petition": petition},
        status=422 if form.errors else 200,
    )


def _sections(draft: Draft, texts: drafting.Texts) -> list[dict[str, Any]]:
    """Every section of the mechanism, with each language's state and open comments."""
    open_comments: dict[str, int] = {}
    for note in draft.comments.filter(resolved_at__isnull=True):
        open_comments[note.section] = open_comments.get(note.section, 0) + 1
    rows = []
    for number, section in enumerate(draft.rules.sections, start=1):
        languages = []
        for language in Language.values:
            state = versions.translation_state(
                texts, section.code, language, draft.authoritative_language
            )
            languages.append(
                {
                    "code": language,
                    "name": language_name(language),
                    "state": state,
                    "label": STATE_LABELS[state],
                }
            )
        rows.append(
            {
                "number": number,
                "code": section.code,
                "name": local(section.name),
                "required": section.required_at(draft.office),
                "languages": languages,
                "comments": open_comments.get(section.code, 0),
            }
        )
    return rows


@never_cache
@signed_in
def detail(request: HttpRequest, draft_uuid: UUID) -> HttpResponse:
    found = access.read_draft(request.user, draft_uuid)
    draft = found.draft
    filing = getattr(draft, "filing", None)
    texts = drafting.texts_of(draft)
    return render(
        request,
        "petitions/drafts/detail.html",
        {
            "draft": draft,
            "mechanism_name": local(draft.rules.name),
            "office_name": office_name(draft.office),
            "against_name": COUNTRY_LABELS.get(draft.against_country, draft.against_country),
            "authoritative_name": language_name(draft.authoritative_language),
            "sections": _sections(draft, texts),
            "problems": []
            if filing
            else [problem_message(p) for p in drafting.problems(draft, texts=texts)],
            # The pseudonym alone: the testimony's encrypted columns are not read.
            "exhibits": draft.exhibits.annotate(
                named=F("evidence__named"), pseudonym=F("evidence__testimony__pseudonym")
            ),
            "own": found.own,  # not a coalition reviewer
            "reviewers": draft.reviewers.all(),
            "filing": filing,
            "can_edit": not filing and found.may(Perm.EDIT),
            "package_form": PackageForm(initial={"lang": draft.authoritative_language}),
        },
    )


@never_cache
@signed_in
def edit_details(request: HttpRequest, draft_uuid: UUID) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.EDIT)
    initial = {name: getattr(draft, name) for name in DraftDetailsForm.base_fields}
    initial["reviewers"] = list(draft.reviewers.all())
    form = DraftDetailsForm(
        request.POST or None,
        mechanism=draft.mechanism,
        partners=Organization.objects.exclude(pk=draft.organization_id).order_by("name"),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            drafting.update_details(draft, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(draft)
    return render(
        request,
        "petitions/drafts/details_form.html",
        {"form": form, "draft": draft},
        status=422 if form.errors else 200,
    )


def _section_or_404(draft: Draft, code: str) -> Any:
    try:
        return draft.rules.section(code)
    except KeyError:
        raise Http404 from None


@never_cache
@signed_in
def section(request: HttpRequest, draft_uuid: UUID, code: str, language: str) -> HttpResponse:
    found = access.read_draft(request.user, draft_uuid)
    draft = found.draft
    rule = _section_or_404(draft, code)
    if language not in Language.values:
        raise Http404
    can_edit = not draft.is_filed and found.may(Perm.EDIT)
    texts = drafting.texts_of(draft)
    text = texts.get(code, {}).get(language, {}).get("text", "")
    form = SectionForm(request.POST or None, initial={"text": text})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                drafting.save_section(
                    draft,
                    actor=request.user,
                    section=code,
                    language=language,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("drafts:section", draft.uuid, code, language)
    state = versions.translation_state(texts, code, language, draft.authoritative_language)
    return render(
        request,
        "petitions/drafts/section.html",
        {
            "draft": draft,
            "code": code,
            "name": local(rule.name),
            "guidance": local(rule.guidance),
            "confidence": RULE_CONFIDENCE_LABELS.get(rule.confidence, ""),
            "source": rule.source,
            "required": rule.required_at(draft.office),
            "language": language,
            "language_name": language_name(language),
            "state": state,
            "state_label": STATE_LABELS[state],
            "authoritative_text": texts.get(code, {})
            .get(draft.authoritative_language, {})
            .get("text", ""),
            "authoritative_name": language_name(draft.authoritative_language),
            "other_languages": [
                (code_, language_name(code_)) for code_ in Language.values if code_ != language
            ],
            "form": form if can_edit else None,
            "text": text,
            "comments": draft.comments.filter(section=code).select_related("author"),
            "comment_form": CommentForm(),
        },
        status=422 if form.errors else 200,
    )


@require_POST
@signed_in
def mark_current(request: HttpRequest, draft_uuid: UUID, code: str, language: str) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.EDIT)
    _section_or_404(draft, code)
    try:
        drafting.mark_current(draft, actor=request.user, section=code, language=language)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The translation is marked current."))
    return redirect("drafts:section", draft.uuid, code, language)


@require_POST
@signed_in
def add_comment(request: HttpRequest, draft_uuid: UUID, code: str, language: str) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid)  # every member may comment
    _section_or_404(draft, code)
    form = CommentForm(request.POST)
    if form.is_valid():
        drafting.comment(draft, actor=request.user, section=code, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment is added."))
    else:
        messages.error(request, _("Write a comment of at most 5,000 characters."))
    return redirect("drafts:section", draft.uuid, code, language)


@require_POST
@signed_in
def resolve_comment(request: HttpRequest, draft_uuid: UUID, comment_uuid: UUID) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.EDIT)
    note = get_object_or_404(DraftComment, draft=draft, uuid=comment_uuid)
    drafting.resolve_comment(note, actor=request.user)
    language = request.POST.get("language", draft.authoritative_language)
    if language not in Language.values:
        language = draft.authoritative_language
    return redirect("drafts:section", draft.uuid, note.section, language)


# Versions --------------------------------------------------------------------------------


@never_cache
@signed_in
def version_list(request: HttpRequest, draft_uuid: UUID) -> HttpResponse:
    found = access.read_draft(request.user, draft_uuid)
    draft = found.draft
    history = draft.versions.select_related("author").defer("snapshot")
    return render(
        request,
        "petitions/drafts/versions.html",
        {
            "draft": draft,
            "versions": [(v, change_label(draft, v.change)) for v in history],
            "can_edit": not draft.is_filed and found.may(Perm.EDIT),
        },
    )


def change_label(draft: Draft, change: str) -> str:
    """What a version changed, in the reader's language."""
    kind, _sep, rest = change.partition(":")
    if kind in {"section", "current"}:
        code, _sep, language = rest.partition(":")
        name = section_name(draft.mechanism, code)
        template = (
            _("Section “%(section)s” in %(language)s")
            if kind == "section"
            else _("Translation of “%(section)s” in %(language)s marked current")
        )
        return template % {"section": name, "language": language_name(language)}
    if kind == "restored":
        return _("Version %(number)s restored") % {"number": rest}
    if kind == "exhibit":
        return _("Exhibits changed")
    if kind == "details":
        return _("Details changed")
    return _("Draft created")


@never_cache
@signed_in
def compare(request: HttpRequest, draft_uuid: UUID) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid)
    form = CompareForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose two versions to compare."))
        return redirect("drafts:versions", draft.uuid)
    numbers = sorted([form.cleaned_data["a"], form.cleaned_data["b"]])
    older = get_object_or_404(draft.versions, number=numbers[0])
    newer = get_object_or_404(draft.versions, number=numbers[1])
    differences = versions.compare(
        older.snapshot, newer.snapshot, [s.code for s in draft.rules.sections]
    )
    return render(
        request,
        "petitions/drafts/compare.html",
        {
            "draft": draft,
            "older": older,
            "newer": newer,
            "differences": [
                {
                    "heading": _difference_heading(draft, difference),
                    "rows": difference.rows,
                }
                for difference in differences
            ],
        },
    )


def _difference_heading(draft: Draft, difference: versions.Difference) -> str:
    names = {
        "reference": _("Working reference"),
        "authoritative_language": _("Authoritative language"),
        "principles": _("Principles or articles invoked"),
        "petitioners": _("Petitioners"),
    }
    if difference.field == "title":
        return _("Title in %(language)s") % {"language": language_name(difference.language)}
    if difference.field == "section":
        return _("Section “%(section)s” in %(language)s") % {
            "section": section_name(draft.mechanism, difference.section),
            "language": language_name(difference.language),
        }
    return str(names[difference.field])


@require_POST
@signed_in
def restore(request: HttpRequest, draft_uuid: UUID, number: int) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.EDIT)
    version = get_object_or_404(draft.versions, number=number)
    try:
        restored = drafting.restore(draft, version, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Version %(old)s is restored as version %(new)s.")
            % {"old": number, "new": restored.number},
        )
    return redirect("drafts:versions", draft.uuid)


# Exhibits --------------------------------------------------------------------------------


@never_cache
@signed_in
def add_exhibit(request: HttpRequest, draft_uuid: UUID, kind: str) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.EDIT)
    if kind == "document":
        form: Any = DocumentExhibitForm(
            request.POST or None, request.FILES or None, number=draft.exhibits.count() + 1
        )
    elif kind == "testimony":
        form = TestimonyExhibitForm(
            request.POST or None,
            testimonies=Testimony.objects.filter(organization=draft.organization)
            .active()
            .without_secrets()
            .order_by("pseudonym"),
        )
    elif kind == "letter":
        form = LetterExhibitForm(
            request.POST or None,
            letters=Letter.objects.filter(organization=draft.organization).order_by("-opens_on"),
        )
    else:
        raise Http404
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "document":
                upload = data["file"]
                drafting.add_document(
                    draft,
                    actor=request.user,
                    title=data["title"],
                    content=upload.content,
                    content_type=upload.content_type,
                    name=upload.original_name,
                )
            elif kind == "testimony":
                drafting.add_testimony(
                    draft,
                    actor=request.user,
                    testimony=data["testimony"],
                    excerpt=data["excerpt"],
                    named=data["named"],
                    title=data["title"],
                )
            else:
                drafting.add_letter(
                    draft,
                    actor=request.user,
                    letter=data["letter"],
                    title=data["title"] or data["letter"].title,
                )
        except NotAllowed as refused:
            form.refuse(refused)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The exhibit is added."))
            return redirect(draft)
    return render(
        request,
        "petitions/drafts/exhibit_form.html",
        {"form": form, "draft": draft, "kind": kind},
        status=422 if form.errors else 200,
    )


@require_POST
@signed_in
def move_exhibit(request: HttpRequest, draft_uuid: UUID, exhibit_uuid: UUID) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.EDIT)
    exhibit = get_object_or_404(Exhibit, draft=draft, uuid=exhibit_uuid)
    try:
        drafting.move_exhibit(
            exhibit, actor=request.user, by=-1 if request.POST.get("to") == "up" else 1
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(draft.get_absolute_url() + "#exhibits")


@require_POST
@signed_in
def remove_exhibit(request: HttpRequest, draft_uuid: UUID, exhibit_uuid: UUID) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.EDIT)
    exhibit = get_object_or_404(Exhibit, draft=draft, uuid=exhibit_uuid)
    try:
        drafting.remove_exhibit(exhibit, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The exhibit is removed."))
    return redirect(draft.get_absolute_url() + "#exhibits")


# Package and filing ----------------------------------------------------------------------


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@signed_in
def package(request: HttpRequest, draft_uuid: UUID, fmt: str) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.VIEW)  # holds the exhibits
    if fmt not in ("pdf", "docx"):
        raise Http404
    form = PackageForm(request.GET or {"lang": draft.authoritative_language})
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect(draft)
    language = form.cleaned_data["lang"]
    name = slugify(draft.reference) or "draft"
    try:
        if fmt == "docx":
            return _attachment(
                build_docx(draft, language),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                f"{name}-{language}.docx",
            )
        bilingual = form.cleaned_data.get("bilingual") or None
        suffix = f"-{bilingual}" if bilingual else ""
        return _attachment(
            build_pdf(draft, language, bilingual=bilingual),
            "application/pdf",
            f"{name}-{language}{suffix}.pdf",
        )
    except PackageError as error:
        messages.error(request, str(error))
        return redirect(draft)


@never_cache
@signed_in
def file_draft(request: HttpRequest, draft_uuid: UUID) -> HttpResponse:
    found = access.read_draft(request.user, draft_uuid, Perm.EDIT)
    draft = found.draft
    if draft.is_filed:
        return redirect(draft)
    can_override = found.may(Perm.OVERRIDE_CHECKS)
    form = FilingForm(
        request.POST or None,
        can_override=can_override,
        initial={"filed_on": timezone.localdate(), "lang": draft.authoritative_language},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filing = drafting.file_draft(
                draft,
                actor=request.user,
                on=data["filed_on"],
                language=data["lang"],
                bilingual=data.get("bilingual") or "",
                override_reason=data.get("override_reason", ""),
            )
        except (ValidationError, PackageError) as error:
            messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
            for message in messages_:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Filed. The package's SHA-256 is %(sha)s.") % {"sha": filing.sha256},
            )
            return redirect(filing.petition)
    problems = [problem_message(p) for p in drafting.problems(draft)]
    return render(
        request,
        "petitions/drafts/file.html",
        {"draft": draft, "form": form, "problems": problems, "can_override": can_override},
        status=422 if form.errors else 200,
    )


@never_cache
@signed_in
def filed_package(request: HttpRequest, draft_uuid: UUID) -> HttpResponse:
    draft = access.get_draft(request.user, draft_uuid, Perm.VIEW)
    filing = getattr(draft, "filing", None)
    if filing is None:
        raise Http404
    return _attachment(
        drafting.filed_package(filing),
        "application/pdf",
        f"{slugify(draft.reference)}-{filing.filed_on}.pdf",
    )

"""API v1 routes for sign-on letters, for partner sites: list and read public letters, and
sign one with the same validation and the same double opt-in as the letter's page."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from corredor.api.documented import SLUG, documented, requires
from corredor.api.errors import FieldErrors, Message, field_errors
from corredor.api.pagination import LimitOffset, Serialized
from corredor.lib.ratelimit import retry_after
from corredor.signons import access, actions, ratelimit
from corredor.signons.forms import SignatureForm
from corredor.signons.models import Letter

router = Router(tags=["letters"])


class LetterOut(Schema):
    slug: str
    organization: str
    title: dict[str, str]
    recipients: list[str]
    who_may_sign: str
    opens_on: date
    closes_on: date
    is_open: bool
    signatures: int
    url: str


class CountryCount(Schema):
    country: str
    organizations: int
    individuals: int
    total: int


class LetterDetailOut(LetterOut):
    text: dict[str, str]
    asks_title: bool
    by_country: list[CountryCount]
    named: int
    unnamed: int


def _as_signed(name: str) -> Any:
    """A field of a signature, documented as the letter's page takes it."""
    return documented(lambda: SignatureForm.base_fields[name])


class SignatureIn(Schema):
    # What is required is documented, and checked by the form, which names what is missing
    # in the signer's language.
    model_config = ConfigDict(json_schema_extra=requires(SignatureForm))

    kind: str = _as_signed("kind")
    organization_name: str = _as_signed("organization_name")
    organization_kind: str = _as_signed("organization_kind")
    organization_website: str = _as_signed("organization_website")
    name: str = _as_signed("name")
    title: str = _as_signed("title")
    country: str = _as_signed("country")
    city: str = _as_signed("city")
    email: str = _as_signed("email")
    show_publicly: bool = False
    wants_updates: bool = False
    language: str = ""
    nickname: str = _as_signed("nickname")  # the honeypot: leave it empty


class Accepted(Schema):
    status: str
    detail: str


def _trilingual(letter: Letter, field: str) -> dict[str, str]:
    return {code: getattr(letter, f"{field}_{code}") for code, _name in settings.LANGUAGES}


def _letter_out(request: HttpRequest, letter: Letter, today: date, signatures: int) -> dict:
    return {
        "slug": letter.slug,
        "organization": letter.organization.name,
        "title": _trilingual(letter, "title"),
        "recipients": letter.recipient_list,
        "who_may_sign": letter.who_may_sign,
        "opens_on": letter.opens_on,
        "closes_on": letter.closes_on,
        "is_open": letter.is_open(today),
        "signatures": signatures,
        "url": request.build_absolute_uri(letter.get_absolute_url()),
    }


@router.get(
    "/letters",
    response={200: list[LetterOut], 422: FieldErrors},
    auth=None,
    summary="Public sign-on letters",
)
@paginate(LimitOffset)
def list_letters(request: HttpRequest):
    """Public letters, the open ones first (closing soonest first), then the closed ones."""
    today = timezone.localdate()
    letters = access.with_counts(
        access.open_first(Letter.objects.public()).select_related("organization")
    )
    return Serialized(letters, lambda letter: _letter_out(request, letter, today, letter.counted))


@router.get(
    "/letters/{slug}",
    response={200: LetterDetailOut, 404: Message},
    auth=None,
    summary="One public letter",
)
def get_letter(request: HttpRequest, slug: str = Path(..., pattern=SLUG)):
    """The letter's text in three languages and its confirmed signatures counted by country
    (the trinational picture); names are on the letter's page, for those who agreed."""
    letter = get_object_or_404(Letter.objects.public().select_related("organization"), slug=slug)
    found = actions.signatories(letter)
    return {
        **_letter_out(request, letter, timezone.localdate(), found.total),
        "text": _trilingual(letter, "body"),
        "asks_title": letter.asks_title,
        "by_country": [
            {
                "country": group.country,
                "organizations": group.organization_count,
                "individuals": group.individual_count,
                "total": group.count,
            }
            for group in found.groups
        ],
        "named": found.named,
        "unnamed": found.unnamed,
    }


LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


@router.post(
    "/letters/{slug}/signatures",
    response={
        202: Accepted,
        400: Message,
        404: Message,
        409: Message,
        422: FieldErrors,
        429: Message,
    },
    auth=None,
    summary="Sign a letter",
)
def sign_letter(
    request: HttpRequest,
    payload: SignatureIn,
    response: HttpResponse,
    slug: str = Path(..., pattern=SLUG),
):
    """Sign as an organization or an individual. The signature counts once the signer opens
    the link we email them (in `language`: en, es or fr). Signing again with the same email
    gives the same answer and one signature. Errors come back per field, in the language
    of `language` or of the Accept-Language header."""
    # The texts are not needed to sign: leave them in the database.
    letter = get_object_or_404(
        Letter.objects.public().defer("body_en", "body_es", "body_fr"), slug=slug
    )
    data = payload.dict()
    language = data.pop("language") or translation.get_language()
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        if not letter.is_open(timezone.localdate()):
            return Status(409, {"detail": _("This letter is not open for signatures.")})
        form = SignatureForm(data, letter=letter)
        accepted = {
            "status": "pending_confirmation",
            "detail": _(
                "Thank you. We have sent a link to the email address: the signature counts "
                "once it is opened."
            ),
        }
        if form.is_spam:
            return Status(202, accepted)
        if not form.is_valid():
            return Status(422, field_errors(form.errors))
        if not ratelimit.allow(request):
            retry_after(response, ratelimit.window())
            return Status(429, {"detail": ratelimit.message()})
        actions.sign(letter, form.cleaned_data, email=form.cleaned_data["email"], language=language)
        return Status(202, accepted)

"""The bodies of the API's refusals, so that every route documents and sends the same shapes:
a sentence for most, and the same sentence with each refused field's messages for a 422,
whether a parameter fails its type or a form refuses a value."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Schema


class Message(Schema):
    detail: str


class FieldErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


class InvalidFields(Exception):
    """A route's form refused the request: answered as a 422 with the errors per field."""

    def __init__(self, errors: Mapping[str, Iterable[object]]) -> None:
        super().__init__(errors)
        self.errors = errors


def field_errors(errors: Mapping[str, Iterable[object]]) -> dict[str, object]:
    """The body of a 422, in the active language as far as the messages are translated."""
    return {
        "detail": _("Some fields need attention."),
        "errors": {
            field: [str(message) for message in messages] for field, messages in errors.items()
        },
    }


def by_field(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Django Ninja's validation errors keyed by what the client sent, `limit` or `email`.

    Ninja locates an error by its source, then, in a body, by the view's parameter, which is
    no name of the client's; what is left names the field. Nothing left means the whole body
    (Django's name for errors of no one field)."""
    found: dict[str, list[str]] = {}
    for error in errors:
        source, *rest = error.get("loc") or ("",)
        if source == "body":
            rest = rest[1:]
        field = ".".join(str(part) for part in rest) or NON_FIELD_ERRORS
        found.setdefault(field, []).append(message(error))
    return found


def message(error: Mapping[str, Any]) -> str:
    """A validation error of pydantic's in the caller's language: Django's own message for
    the same refusal (translated by Django's catalogs), since pydantic speaks only English."""
    kind = str(error.get("type", ""))
    limits = error.get("ctx") or {}  # Ninja leaves out what was sent: it may be personal
    if kind == "missing":
        return str(forms.Field.default_error_messages["required"])
    if kind.startswith("int_"):
        return str(forms.IntegerField.default_error_messages["invalid"])
    if kind.startswith(("float_", "decimal_")):
        return str(forms.FloatField.default_error_messages["invalid"])
    if kind.startswith("bool_"):
        return _("Enter true or false.")
    if kind == "greater_than_equal":
        return str(validators.MinValueValidator.message) % {"limit_value": limits.get("ge")}
    if kind == "less_than_equal":
        return str(validators.MaxValueValidator.message) % {"limit_value": limits.get("le")}
    if kind == "string_too_long":
        limit = limits.get("max_length", 0)
        return ngettext(
            "Enter at most %(limit)s character.", "Enter at most %(limit)s characters.", limit
        ) % {"limit": limit}
    if kind in ("enum", "literal_error"):
        return str(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    return str(validators.RegexValidator.message)  # "Enter a valid value."

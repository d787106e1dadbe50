"""The bodies of the API's refusals, so that every route documents and sends the same shapes:
a sentence for most, and the same sentence with each refused field's messages for a 422,
whether a parameter fails its type or a form refuses a value."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
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
        found.setdefault(field, []).append(str(error.get("msg", "")))
    return found

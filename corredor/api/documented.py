"""The API validates with the same Django forms as the pages, so that a value means the same
everywhere and errors come back translated; these helpers let a route's schema document what
those forms accept, read from the forms themselves so that the two cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from ninja import Field

JsonSchema = dict[str, Any]

# Text without a NUL character, which PostgreSQL refuses to compare (a server error); a
# name in a path, which is that and not empty; a slug, as Django's SlugField takes it.
NO_NUL = r"^[^\x00]*$"
NAME = r"^[^\x00]+$"
SLUG = r"^[-a-zA-Z0-9_]+$"


def like(field: Callable[[], forms.Field]) -> Callable[[JsonSchema], None]:
    """A pydantic `json_schema_extra` documenting a value as the form field accepts it: its
    codes, an email address, its longest text and no NUL character in it, its bounds.

    `field` is called when the OpenAPI document is built, not at import, because some codes
    come from the rulebook."""

    def document(schema: JsonSchema) -> None:
        found = field()
        if found.required:
            schema.pop("default", None)  # the model's default only lets the form name it
        if isinstance(found, forms.ChoiceField):
            codes = [str(code) for code, _label in found.choices]
            schema["enum"] = [c for c in dict.fromkeys(codes) if c or not found.required]
        if isinstance(found, forms.EmailField):
            schema["format"] = "email"
        if getattr(found, "max_length", None) is not None:
            schema["maxLength"] = found.max_length
        if any(isinstance(v, ProhibitNullCharactersValidator) for v in found.validators):
            schema["pattern"] = NO_NUL
        if getattr(found, "min_value", None) is not None:
            schema["minimum"] = found.min_value
        if getattr(found, "max_value", None) is not None:
            schema["maximum"] = found.max_value

    return document


def documented(
    field: Callable[[], forms.Field], default: Any = "", description: str | None = None
) -> Any:
    """A schema field whose default the form reads as "none given", documented as `field`
    accepts it (see `like`)."""
    return Field(default, description=description, json_schema_extra=like(field))


def requires(form: type[forms.Form]) -> Callable[[JsonSchema], None]:
    """A pydantic `json_schema_extra` for a body: the form's required fields are required.

    Only documented: the form checks them, so that a missing one is named in the caller's
    language like any other error."""

    def document(schema: JsonSchema) -> None:
        known = schema.get("properties", {})
        schema["required"] = [
            name for name, field in form.base_fields.items() if field.required and name in known
        ]

    return document

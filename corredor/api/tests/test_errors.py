"""Django Ninja's validation errors, keyed by the field a client sent, for the one shape of
422 the whole API answers with."""

from __future__ import annotations

import pytest

from corredor.api.errors import by_field, field_errors


@pytest.mark.parametrize(
    ("loc", "field"),
    [
        (["query", "offset"], "offset"),
        (["path", "slug"], "slug"),
        (["body", "payload", "kind"], "kind"),
        (["body", "payload", "sources", 0], "sources.0"),
        (["body", "payload"], "__all__"),
        ([], "__all__"),
    ],
)
def test_an_error_is_keyed_by_what_the_client_sent(loc: list[object], field: str) -> None:
    assert by_field([{"loc": loc, "msg": "Refused"}]) == {field: ["Refused"]}


def test_errors_of_one_field_are_kept_together_in_order() -> None:
    errors = [
        {"loc": ["query", "year"], "msg": "First"},
        {"loc": ["query", "limit"], "msg": "Other"},
        {"loc": ["query", "year"], "msg": "Second"},
    ]
    assert by_field(errors) == {"year": ["First", "Second"], "limit": ["Other"]}


def test_a_422_body_has_a_sentence_and_the_messages_as_text() -> None:
    assert field_errors({"email": [ValueError("Enter a valid email address.")]}) == {
        "detail": "Some fields need attention.",
        "errors": {"email": ["Enter a valid email address."]},
    }

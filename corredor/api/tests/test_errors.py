"""Django Ninja's validation errors, keyed by the field a client sent, for the one shape of
422 the whole API answers with."""

from __future__ import annotations

import pytest

from corredor.api.errors import by_field, field_errors, message


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
    assert by_field([{"loc": loc, "type": "int_parsing"}]) == {field: ["Enter a whole number."]}


def test_errors_of_one_field_are_kept_together_in_order() -> None:
    errors = [
        {"loc": ["query", "year"], "type": "int_parsing"},
        {"loc": ["query", "limit"], "type": "missing"},
        {"loc": ["query", "year"], "type": "greater_than_equal", "ctx": {"ge": 1994}},
    ]
    assert by_field(errors) == {
        "year": [
            "Enter a whole number.",
            "Ensure this value is greater than or equal to 1994.",
        ],
        "limit": ["This field is required."],
    }


def test_a_422_body_has_a_sentence_and_the_messages_as_text() -> None:
    assert field_errors({"email": [ValueError("Enter a valid email address.")]}) == {
        "detail": "Some fields need attention.",
        "errors": {"email": ["Enter a valid email address."]},
    }


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ({"type": "missing"}, "This field is required."),
        ({"type": "int_parsing", "input": "x"}, "Enter a whole number."),
        ({"type": "float_parsing"}, "Enter a number."),
        ({"type": "bool_parsing"}, "Enter true or false."),
        (
            {"type": "less_than_equal", "ctx": {"le": 100}},
            "Ensure this value is less than or equal to 100.",
        ),
        ({"type": "string_too_long", "ctx": {"max_length": 1}}, "Enter at most 1 character."),
        ({"type": "string_too_long", "ctx": {"max_length": 3}}, "Enter at most 3 characters."),
        (
            {"type": "enum"},
            "Select a valid choice. That choice is not one of the available choices.",
        ),
        ({"type": "string_type"}, "Enter a valid value."),
    ],
)
def test_pydantics_refusals_are_said_with_djangos_messages(error: dict, expected: str) -> None:
    assert message(error) == expected


def test_pydantics_refusals_are_translated(client) -> None:
    """Pydantic speaks only English; the caller's language comes through the catalogs, Django's
    for the messages it has, ours for the rest."""
    response = client.get(
        "/api/v1/petitions?limit=x&overdue=maybe", headers={"Accept-Language": "es"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "limit": ["Introduzca un número entero."],
        "overdue": ["Escriba true o false."],
    }

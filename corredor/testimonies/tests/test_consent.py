"""A consent is in force when the worker gave it and has not withdrawn it. The database
(`with_consent`, `ConsentRecord.objects.in_force()`) and a testimony in hand (`consented`,
`ConsentRecord.in_force`) must always agree on it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corredor.testimonies import actions
from corredor.testimonies.models import ConsentRecord, Testimony
from corredor.testimonies.tests.conftest import ALL_CONSENTS, give

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


@pytest.fixture
def testimonies(alfa, time_machine) -> dict[str, Testimony]:
    """Testimonies whose consents were given, refused, withdrawn one by one, or all withdrawn
    with the testimony itself."""
    time_machine.move_to(NOW, tick=False)
    given = give(alfa, "contact", "anonymous_use", "share").testimony
    refused = give(alfa).testimony
    some_withdrawn = give(alfa, "contact", "anonymous_use", "share").testimony
    actions.withdraw(some_withdrawn, ["anonymous_use", "share"])
    all_withdrawn = give(alfa, "contact", "anonymous_use", "share").testimony
    actions.withdraw(all_withdrawn, ["keep"])
    return {
        "given": given,
        "refused": refused,
        "some_withdrawn": some_withdrawn,
        "all_withdrawn": all_withdrawn,
    }


EXPECTED = {
    "given": {"keep", "contact", "anonymous_use", "share"},
    "refused": {"keep"},
    "some_withdrawn": {"keep", "contact"},
    "all_withdrawn": set(),
}


def test_each_testimony_has_in_force_the_consents_given_and_not_withdrawn(testimonies) -> None:
    for name, testimony in testimonies.items():
        fresh = Testimony.objects.prefetch_related("consents").get(pk=testimony.pk)
        assert {kind for kind in ALL_CONSENTS if fresh.consented(kind)} == EXPECTED[name], name


@pytest.mark.parametrize("kind", ALL_CONSENTS)
def test_the_database_finds_exactly_the_testimonies_consented_in_hand(testimonies, kind) -> None:
    in_hand = {t.pk for t in Testimony.objects.all() if t.consented(kind)}
    assert set(Testimony.objects.with_consent(kind).values_list("pk", flat=True)) == in_hand
    assert in_hand == {t.pk for name, t in testimonies.items() if kind in EXPECTED[name]}


def test_with_several_kinds_every_one_must_be_in_force(testimonies) -> None:
    found = Testimony.objects.with_consent("contact", "share")
    assert list(found) == [testimonies["given"]]


def test_consent_records_in_force_agree_in_the_database_and_in_hand(testimonies) -> None:
    records = ConsentRecord.objects.all()
    assert {c.pk for c in records if c.in_force} == set(
        ConsentRecord.objects.in_force().values_list("pk", flat=True)
    )

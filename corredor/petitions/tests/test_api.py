"""API v1 for petitions and the rulebook: the register with filters and pagination, one
petition with its events and obligations as `corredor schedule` prints them, the rulebook with
its citations. Internal petitions only for a token of one of their organization's members."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.management import call_command

from corredor.accounts import actions as accounts
from corredor.accounts.choices import Role
from corredor.conftest import join
from corredor.petitions.choices import Visibility
from corredor.petitions.tests.conftest import days_ago, file_petition, pilots_petition

OBLIGATION_FIELDS = [
    "rule",
    "what",
    "owed_by",
    "due_on",
    "extended_due_on",
    "status",
    "days",
    "approximate",
    "source",
    "confidence",
]


@pytest.fixture
def register(alfa, alice) -> None:
    pilots_petition(principles=["1"])
    file_petition(
        "MEX NAO 2016-1",
        mechanism="naalc",
        office="mx-nao",
        against="US",
        filed_on=date(2016, 7, 15),
        principles=["7", "8", "11"],
        events=(("report_issued", date(2020, 6, 30)),),
    )
    file_petition(
        "RRM Fresh 1", filed_on=days_ago(27), events=(("review_requested", date(2026, 11, 20)),)
    )
    file_petition(
        "RRM Alfa 1",
        filed_on=days_ago(24),
        organization=alfa,
        actor=alice,
        visibility=Visibility.INTERNAL,
    )


def bearer(user) -> dict[str, str]:
    _token, raw = accounts.create_api_token(user, "tests")
    return {"Authorization": f"Bearer {raw}"}


def references(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["reference"] for item in response.json()["items"]]


# The register


def test_the_register_lists_public_petitions_with_a_count(client, register) -> None:
    response = client.get("/api/v1/petitions")
    assert references(response) == ["RRM Fresh 1", "MEX NAO 2016-1", "US NAO 2005-02"]
    assert response.json()["count"] == 3
    pilots = response.json()["items"][2]
    assert pilots["title"]["es"] == "Pilotos aviadores de México: incumplimiento sostenido"
    assert pilots["clock"].startswith("Waiting 5,513 days.")
    assert (pilots["agreement"], pilots["stage"], pilots["next_due_on"]) == (
        "naalc",
        "filed",
        "2005-07-26",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agreement=naalc", ["MEX NAO 2016-1", "US NAO 2005-02"]),
        ("mechanism=usmca-rrm", ["RRM Fresh 1"]),
        ("office=mx-nao", ["MEX NAO 2016-1"]),
        ("against=US", ["MEX NAO 2016-1"]),
        ("principle=11", ["MEX NAO 2016-1"]),
        ("status=review_requested", ["RRM Fresh 1"]),
        ("year=2005", ["US NAO 2005-02"]),
        ("overdue=true", ["US NAO 2005-02"]),
        ("q=aviadores", ["US NAO 2005-02"]),
    ],
)
def test_the_register_filters_like_the_web_page(client, register, query, expected) -> None:
    assert references(client.get(f"/api/v1/petitions?{query}")) == expected


def test_the_register_pages_with_limit_and_offset(client, register) -> None:
    response = client.get("/api/v1/petitions?limit=1&offset=1")
    assert references(response) == ["MEX NAO 2016-1"]
    assert response.json()["count"] == 3
    assert references(client.get("/api/v1/petitions?limit=2&offset=2")) == ["US NAO 2005-02"]


@pytest.mark.parametrize("query", ["year=abc", "office=xx-nao", "year=1900"])
def test_an_invalid_filter_gets_422(client, register, query) -> None:
    assert client.get(f"/api/v1/petitions?{query}").status_code == 422


def test_an_invalid_filter_is_named_with_its_error_as_in_every_422(client, register) -> None:
    for query, field in (("office=xx-nao", "office"), ("year=abc", "year")):
        body = client.get(f"/api/v1/petitions?{query}").json()
        assert body["detail"] == "Some fields need attention."
        assert list(body["errors"]) == [field]
        assert body["errors"][field] and all(body["errors"][field])


def test_a_year_of_zero_is_refused_not_read_as_any_year(client, register) -> None:
    # Found by the fuzzer: 0 was dropped with the empty filters, so every petition came back.
    response = client.get("/api/v1/petitions?year=0")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["year"]


@pytest.mark.parametrize("name", ["offset", "limit"])
def test_a_page_past_what_a_database_counts_is_refused_not_a_server_error(
    client, register, name
) -> None:
    # Found by the fuzzer: an offset of 10^20 reached the database (500 on SQLite and
    # PostgreSQL alike).
    response = client.get(f"/api/v1/petitions?{name}={10**20}")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [name]


def test_the_register_documents_the_codes_its_filters_take(client, db) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    schemas = {p["name"]: p["schema"] for p in paths["/api/v1/petitions"]["get"]["parameters"]}
    assert schemas["against"]["enum"] == ["", "US", "MX", "CA"]
    assert "usmca-rrm" in schemas["mechanism"]["enum"]
    assert "us-ilc" in schemas["office"]["enum"]
    assert (schemas["year"]["minimum"], schemas["year"]["maximum"]) == (1994, 2100)
    assert schemas["q"]["maxLength"] == 100


def test_a_members_token_also_lists_the_organizations_internal_petitions(
    client, register, alfa, bob
) -> None:
    join(alfa, bob, Role.VIEWER)
    response = client.get("/api/v1/petitions", headers=bearer(bob))
    assert references(response)[:2] == ["RRM Alfa 1", "RRM Fresh 1"]
    assert response.json()["items"][0]["visibility"] == "internal"


def test_another_organizations_token_lists_public_petitions_only(
    client, register, beta, charlie
) -> None:
    response = client.get("/api/v1/petitions", headers=bearer(charlie))
    assert "RRM Alfa 1" not in references(response)


# One petition


def test_a_petition_comes_with_its_events_and_obligations(client, register) -> None:
    response = client.get("/api/v1/petitions/" + quote("RRM Fresh 1"))
    assert response.status_code == 200
    petition = response.json()
    assert petition["events"] == [
        {
            "code": "petition_filed",
            "date": "2026-10-28",
            "precision": "day",
            "note": "",
            "source": "",
        },
        {
            "code": "review_requested",
            "date": "2026-11-20",
            "precision": "day",
            "note": "",
            "source": "",
        },
    ]
    first, second = petition["obligations"]
    assert list(first) == OBLIGATION_FIELDS
    assert first == {
        "rule": "us-ilc-rrm-petition",
        "what": "The Interagency Labor Committee decides whether the petition shows a denial "
        "of rights",
        "owed_by": "us-ilc",
        "due_on": "2026-11-27",
        "extended_due_on": None,
        "status": "met",
        "days": None,
        "approximate": False,
        "source": "US procedural guidelines, 88 FR 40914 (2023-06-22): review within 30 days "
        "of OTLA's receipt",
        "confidence": "confirmed",
    }
    assert (second["rule"], second["owed_by"], second["status"], second["days"]) == (
        "rrm-respondent-agrees",
        "MX",
        "pending",
        6,
    )


def test_a_petition_is_found_by_its_slug_too(client, register) -> None:
    assert client.get("/api/v1/petitions/us-nao-2005-02").json()["reference"] == "US NAO 2005-02"


def test_an_obligation_with_an_extension_gives_both_dates(client, db) -> None:
    pilots_petition(events=(("accepted_for_review", date(2005, 7, 20)),))
    obligations = client.get("/api/v1/petitions/" + quote("US NAO 2005-02")).json()["obligations"]
    report = next(o for o in obligations if o["rule"] == "us-nao-report-1994")
    assert (report["due_on"], report["extended_due_on"]) == ("2005-11-17", "2006-01-16")
    assert (report["status"], report["days"]) == ("overdue", 5279)


def schedule(*arguments: str) -> list[dict[str, object]]:
    out = StringIO()
    call_command("schedule", *arguments, "--today", "2026-11-24", stdout=out)
    return json.loads(out.getvalue())


def test_the_obligations_carry_the_same_values_as_corredor_schedule(client, register) -> None:
    api = client.get("/api/v1/petitions/" + quote("RRM Fresh 1")).json()["obligations"]
    cli = schedule(
        "usmca-rrm",
        "--office=us-ilc",
        "--against=MX",
        "--event=petition_filed=2026-10-28",
        "--event=review_requested=2026-11-20",
    )
    assert api == [{field: o[field] for field in OBLIGATION_FIELDS} for o in cli]


def test_the_obligations_are_exactly_what_corredor_schedule_prints(client, register) -> None:
    api = client.get("/api/v1/petitions/" + quote("RRM Fresh 1")).json()["obligations"]
    cli = schedule(
        "usmca-rrm",
        "--office=us-ilc",
        "--against=MX",
        "--event=petition_filed=2026-10-28",
        "--event=review_requested=2026-11-20",
    )
    assert api == cli


def test_an_internal_petition_is_not_found_without_a_token(client, register) -> None:
    assert client.get("/api/v1/petitions/" + quote("RRM Alfa 1")).status_code == 404


def test_an_internal_petition_is_found_with_a_members_token(client, register, alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    response = client.get("/api/v1/petitions/" + quote("RRM Alfa 1"), headers=bearer(bob))
    assert response.status_code == 200
    assert response.json()["visibility"] == "internal"


def test_an_internal_petition_is_not_found_with_another_organizations_token(
    client, register, beta, charlie
) -> None:
    response = client.get("/api/v1/petitions/" + quote("RRM Alfa 1"), headers=bearer(charlie))
    assert response.status_code == 404


@pytest.mark.parametrize("reference", ["%00", "RRM%00Alfa%201"])
def test_a_reference_with_a_nul_character_is_not_found(client, register, reference) -> None:
    # Found by the fuzzer: PostgreSQL refuses to compare text with a NUL (500 there).
    response = client.get(f"/api/v1/petitions/{reference}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_forged_token_sees_no_internal_petition(client, register) -> None:
    forged = {"Authorization": "Bearer corr_forged"}
    assert "RRM Alfa 1" not in client.get("/api/v1/petitions", headers=forged).content.decode()
    response = client.get("/api/v1/petitions/" + quote("RRM Alfa 1"), headers=forged)
    # Refused as a token, or read as anonymous: either way the petition does not exist.
    assert response.status_code in (401, 404)


# The rulebook


def test_the_mechanisms_come_with_their_deadline_rules_and_citations(client, db) -> None:
    response = client.get("/api/v1/mechanisms")
    assert response.status_code == 200
    mechanisms = {m["code"]: m for m in response.json()["mechanisms"]}
    assert list(mechanisms) == ["naalc", "usmca-23.11", "usmca-rrm"]
    rules = {
        rule["code"]: rule for mechanism in mechanisms.values() for rule in mechanism["deadlines"]
    }
    assert {code: (r["days"], r["extension_days"]) for code, r in rules.items()} == {
        "us-nao-accept-1994": (60, None),
        "us-nao-report-1994": (120, 60),
        "us-otla-accept-2006": (60, None),
        "us-otla-report-2006": (180, None),
        "us-ilc-first-review": (20, None),
        "us-ilc-decision": (60, None),
        "us-ilc-rrm-petition": (30, None),
        "rrm-respondent-agrees": (10, None),
        "rrm-respondent-review": (45, None),
    }
    for rule in rules.values():
        assert rule["source"]["citation"]
        assert rule["confidence"] in ("confirmed", "practice", "unverified")
    assert rules["us-otla-report-2006"]["extension_event"] == "review_extended"
    assert rules["rrm-respondent-agrees"]["owed_by"] == "respondent"
    assert mechanisms["naalc"]["venue"] == {
        "rule": "other_party",
        "citation": "NAALC Article 16(3)",
        "confidence": "confirmed",
    }
    assert mechanisms["usmca-rrm"]["name"]["es"].startswith("Caso del Mecanismo Laboral")


def test_the_openapi_description_has_the_petition_and_rulebook_paths(client, db) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/petitions", "/api/v1/petitions/{reference}", "/api/v1/mechanisms"):
        assert "get" in paths[path], path
    parameters = {p["name"] for p in paths["/api/v1/petitions"]["get"]["parameters"]}
    assert {"q", "agreement", "mechanism", "office", "against", "principle", "status"} <= parameters
    assert {"year", "overdue", "limit", "offset"} <= parameters

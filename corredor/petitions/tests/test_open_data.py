"""Open interfaces outside the language prefix: CSV and JSON downloads of the register, the
deadlines calendar, and the embeddable badges. Internal petitions never leak into them."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext
from icalendar import Calendar

from corredor.petitions.choices import Visibility
from corredor.petitions.presenters import count
from corredor.petitions.tests.conftest import days_ago, file_petition, pilots_petition

# As documented in docs/open-data.md.
DOCUMENTED_COLUMNS = [
    "reference",
    "agreement",
    "mechanism",
    "office",
    "against_country",
    "principles",
    "filed_on",
    "filed_precision",
    "stage",
    "closed",
    "answered_on",
    "answered_precision",
    "days_to_first_decision",
    "days_to_report",
    "next_due_on",
    "past_a_deadline",
    "title_en",
    "title_es",
    "title_fr",
    "petitioners",
    "url",
]


@pytest.fixture
def register(alfa, alice) -> None:
    """Three public petitions (one long overdue, one answered, one due in 3 days) and two of
    Centro Alfa's internal ones (one due in 6 days)."""
    pilots_petition(principles=["1"], petitioners="Mexican airline pilots' union (ASPA)")
    file_petition(
        "MEX NAO 2016-1",
        mechanism="naalc",
        office="mx-nao",
        against="US",
        filed_on=date(2016, 7, 15),
        principles=["7", "8", "11"],
        events=(("report_issued", date(2020, 6, 30)),),
    )
    file_petition("RRM Fresh 1", filed_on=days_ago(27))
    file_petition(
        "RRM Alfa 1",
        filed_on=days_ago(24),
        organization=alfa,
        actor=alice,
        visibility=Visibility.INTERNAL,
    )
    file_petition(
        "RRM Alfa 2",
        filed_on=days_ago(40),
        organization=alfa,
        actor=alice,
        visibility=Visibility.INTERNAL,
    )


# CSV and JSON


def test_the_csv_lists_public_petitions_with_the_documented_columns(client, register) -> None:
    response = client.get("/data/petitions.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    reader = csv.DictReader(io.StringIO(body))
    rows = list(reader)
    assert reader.fieldnames == DOCUMENTED_COLUMNS
    assert [row["reference"] for row in rows] == ["US NAO 2005-02", "MEX NAO 2016-1", "RRM Fresh 1"]
    pilots = rows[0]
    assert pilots["agreement"] == "naalc"
    assert pilots["filed_on"] == "2005-05-27"
    assert pilots["principles"] == "1"
    assert pilots["past_a_deadline"] == "True"
    assert pilots["title_es"] == "Pilotos aviadores de México: incumplimiento sostenido"
    assert pilots["url"] == settings.SITE_URL + "/en/petitions/us-nao-2005-02/"
    assert rows[1]["principles"] == "7 8 11"
    assert rows[1]["days_to_report"] == "1446"
    assert rows[1]["past_a_deadline"] == "False"


def test_the_csv_never_lists_internal_petitions(client, register) -> None:
    body = b"".join(client.get("/data/petitions.csv").streaming_content).decode()
    assert "RRM Alfa" not in body


def test_the_json_lists_public_petitions_with_their_events(client, register) -> None:
    response = client.get("/data/petitions.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    assert data["generated_on"] == "2026-11-24"
    assert data["rulebook_version"]
    petitions = data["petitions"]
    assert [p["reference"] for p in petitions] == [
        "US NAO 2005-02",
        "MEX NAO 2016-1",
        "RRM Fresh 1",
    ]
    assert list(petitions[0]) == [*DOCUMENTED_COLUMNS, "events"]
    migrant_women = petitions[1]
    assert migrant_women["principles"] == ["7", "8", "11"]
    assert migrant_women["answered_on"] == "2020-06-30"
    assert migrant_women["events"] == [
        {"code": "filed", "date": "2016-07-15", "precision": "day", "note": "", "source": ""},
        {
            "code": "report_issued",
            "date": "2020-06-30",
            "precision": "day",
            "note": "",
            "source": "",
        },
    ]
    assert "RRM Alfa" not in response.content.decode()


# The calendar of deadlines


def calendar_events(response) -> list[tuple[str, date]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return [
        (str(event["summary"]).split(":", 1)[0], event.decoded("dtstart"))
        for event in calendar.walk("VEVENT")
    ]


def test_the_calendar_lists_the_upcoming_deadlines_of_public_petitions(client, register) -> None:
    response = client.get("/calendar/deadlines.ics")
    assert calendar_events(response) == [("RRM Fresh 1", date(2026, 11, 27))]
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == (
        "RRM Fresh 1: The Interagency Labor Committee decides whether the petition shows a "
        "denial of rights"
    )
    assert str(event["url"]) == settings.SITE_URL + "/en/petitions/rrm-fresh-1/"
    assert "88 FR 40914" in str(event["description"])
    assert str(event["uid"]).endswith("-us-ilc-rrm-petition@corredor")


def test_an_organizations_calendar_adds_its_internal_deadlines(client, register, alfa) -> None:
    response = client.get(
        "/calendar/deadlines.ics", {"organization": alfa.slug, "key": alfa.calendar_key}
    )
    assert calendar_events(response) == [
        ("RRM Fresh 1", date(2026, 11, 27)),
        ("RRM Alfa 1", date(2026, 11, 30)),
    ]
    assert "Centro Alfa" in str(Calendar.from_ical(response.content)["x-wr-calname"])


@pytest.mark.parametrize(
    "query",
    [
        {"organization": "centro-alfa", "key": "not-the-key"},
        {"organization": "centro-alfa", "key": ""},
        {"organization": "centro-alfa"},
        {"organization": "no-such-organization", "key": "anything"},
    ],
)
def test_a_wrong_calendar_key_gives_404(client, register, query) -> None:
    assert client.get("/calendar/deadlines.ics", query).status_code == 404


def test_another_organizations_key_does_not_open_centro_alfas_calendar(
    client, register, beta
) -> None:
    response = client.get(
        "/calendar/deadlines.ics", {"organization": "centro-alfa", "key": beta.calendar_key}
    )
    assert response.status_code == 404


# Badges


def test_a_badge_shows_how_long_an_open_petition_has_waited(client, register) -> None:
    response = client.get("/badges/rrm-fresh-1.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'aria-label="RRM Fresh 1: waiting 27 days"' in svg
    assert "#0b5d53" in svg  # not yet past a deadline


def test_a_badge_turns_red_past_a_deadline(client, register) -> None:
    svg = client.get("/badges/us-nao-2005-02.svg").content.decode()
    assert "waiting 5,513 days" in svg
    assert "#a4161a" in svg


def test_a_badge_shows_how_long_an_answered_petition_waited(client, register) -> None:
    svg = client.get("/badges/mex-nao-2016-1.svg").content.decode()
    assert "waited 1,446 days" in svg


def test_a_badge_speaks_spanish_when_asked(client, register) -> None:
    svg = client.get("/badges/mex-nao-2016-1.svg?lang=es").content.decode()
    with translation.override("es"):
        value = ngettext("waited {days} day", "waited {days} days", 1446).format(days=count(1446))
    assert f"MEX NAO 2016-1: {value}" in svg
    assert 'xml:lang="es"' in svg


def test_an_internal_petitions_badge_is_not_found(client, register) -> None:
    assert client.get("/badges/rrm-alfa-1.svg").status_code == 404


def test_an_unknown_badge_is_not_found(client, register) -> None:
    assert client.get("/badges/no-such-petition.svg").status_code == 404

"""`corredor loadcases CASES.csv EVENTS.csv`: the real cases load, twice without change; a bad
row is reported with its file and line, and then nothing at all is loaded."""

from __future__ import annotations

import contextlib
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from corredor.petitions.choices import Visibility
from corredor.petitions.models import Petition, PetitionEvent, StoredObligation
from corredor.petitions.tests.conftest import file_petition, load_real_cases

CASES_HEADER = "reference,agreement,mechanism,receiving_office,against_country,filed_on,title"
EVENTS_HEADER = "reference,date,precision,event,note,source"
GOOD_CASE = "MEX NAO 2016-1,naalc,naalc,mx-nao,US,2016-07-15,Migrant women"
GOOD_EVENTS = [
    "MEX NAO 2016-1,2016-07-15,day,filed,,",
    "MEX NAO 2016-1,2020-06-30,day,report_issued,,https://example.org/report",
]


def write(tmp_path: Path, cases: list[str], events: list[str]) -> tuple[Path, Path]:
    cases_path = tmp_path / "cases.csv"
    events_path = tmp_path / "case_events.csv"
    cases_path.write_text("\n".join(cases) + "\n", encoding="utf-8")
    events_path.write_text("\n".join(events) + "\n", encoding="utf-8")
    return cases_path, events_path


def load(cases: Path, events: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("loadcases", str(cases), str(events), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_loads_the_27_real_cases_and_their_81_events(db) -> None:
    output = load_real_cases()
    assert output.strip() == "Loaded 27 petitions (27 new, 0 updated) and 81 events."
    assert Petition.objects.count() == 27
    assert PetitionEvent.objects.count() == 81
    assert not Petition.objects.exclude(visibility="public").exists()
    assert not Petition.objects.filter(organization__isnull=False).exists()


def test_the_real_cases_have_titles_and_summaries_in_three_languages(db) -> None:
    load_real_cases()
    honeywell = Petition.objects.get(reference="US NAO 940001")
    assert honeywell.title_en == "Honeywell, Chihuahua: workers fired for union organizing"
    assert honeywell.title_es == "Honeywell, Chihuahua: despidos por organizarse sindicalmente"
    # French puts a no-break space before a colon.
    assert honeywell.title_fr == "Honeywell, Chihuahua\u00a0: congédiements pour activité syndicale"
    for field in ("title_en", "title_es", "title_fr", "summary_en", "summary_es", "summary_fr"):
        assert not Petition.objects.filter(**{field: ""}).exists(), field


def test_the_real_cases_carry_their_principles_and_derived_status(db) -> None:
    load_real_cases()
    migrant_women = Petition.objects.get(reference="MEX NAO 2016-1")
    assert migrant_women.principles == ["7", "8", "11"]
    assert migrant_women.filed_on == date(2016, 7, 15)
    assert migrant_women.answered_on == date(2020, 6, 30)
    assert migrant_women.days_to_report == 1446
    assert migrant_women.events.filter(code="supplement_filed").count() == 1


def test_loading_the_same_files_twice_changes_nothing(db) -> None:
    load_real_cases()
    before = list(Petition.objects.order_by("reference").values(*DERIVED, "title_es"))
    obligations = StoredObligation.objects.count()

    output = load_real_cases()

    assert output.strip() == "Loaded 27 petitions (0 new, 27 updated) and 81 events."
    assert Petition.objects.count() == 27
    assert PetitionEvent.objects.count() == 81
    assert StoredObligation.objects.count() == obligations
    assert list(Petition.objects.order_by("reference").values(*DERIVED, "title_es")) == before


DERIVED = ("reference", "stage", "filed_on", "answered_on", "next_due_on", "days_to_report")


BAD_ROWS = [
    # (cases file, events rows after the header, the one line expected on stderr)
    pytest.param(
        [CASES_HEADER, GOOD_CASE, "US NAO 2005-02,naalc,naalc,us-nao,MX,27/05/2005,Pilots"],
        GOOD_EVENTS,
        "cases.csv, line 3: a date is written YYYY-MM-DD, not “27/05/2005”",
        id="a-bad-filing-date",
    ),
    pytest.param(
        [CASES_HEADER, GOOD_CASE],
        [*GOOD_EVENTS, "MEX NAO 2016-1,2018-02-30,day,supplement_filed,,"],
        "case_events.csv, line 4: day is out of range for month",
        id="an-impossible-event-date",
    ),
    pytest.param(
        [CASES_HEADER, GOOD_CASE],
        [*GOOD_EVENTS, "MEX NAO 2016-1,2018-01,day,supplement_filed,,"],
        "case_events.csv, line 4: a date is written YYYY-MM-DD, not “2018-01”",
        id="a-month-given-as-a-day",
    ),
    pytest.param(
        [CASES_HEADER, GOOD_CASE],
        ["MEX NAO 2016-1,2016-07-15,day,filed,,", "MEX NAO 2016-1,2017-01-09,day,appeal_lodged,,"],
        "case_events.csv, line 3: The event “appeal_lodged” does not exist in this mechanism.",
        id="an-unknown-event",
    ),
    pytest.param(
        [CASES_HEADER, GOOD_CASE, "US NAO 2016-9,naalc,naalc,us-nao,US,2016-08-01,Own office"],
        GOOD_EVENTS,
        "cases.csv, line 3: A NAALC communication about the United States must go to Mexico's "
        "or Canada's office.",
        id="a-naalc-venue-error",
    ),
    pytest.param(
        [CASES_HEADER, GOOD_CASE],
        [*GOOD_EVENTS, "MEX NAO 2099-1,2016-07-15,day,filed,,"],
        "case_events.csv, line 4: no case has the reference MEX NAO 2099-1",
        id="a-reference-missing-from-the-cases",
    ),
    pytest.param(
        [CASES_HEADER, GOOD_CASE],
        [*GOOD_EVENTS, "MEX NAO 2016-1,2016-07-01,day,supplement_filed,,"],
        "case_events.csv, line 4: An event cannot come before the filing (2016-07-15).",
        id="an-event-before-the-filing",
    ),
]


@pytest.mark.parametrize(("cases", "events", "message"), BAD_ROWS)
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_loaded(
    db, tmp_path: Path, cases: list[str], events: list[str], message: str
) -> None:
    cases_path, events_path = write(tmp_path, cases, [EVENTS_HEADER, *events])
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("loadcases", str(cases_path), str(events_path), stderr=err)
    assert failure.value.returncode == 2
    assert err.getvalue().splitlines() == [message]
    assert Petition.objects.count() == 0
    assert PetitionEvent.objects.count() == 0


def test_a_missing_column_is_reported_on_the_header_line(db, tmp_path: Path) -> None:
    cases_path, events_path = write(
        tmp_path,
        [CASES_HEADER.replace(",filed_on", ""), GOOD_CASE.replace(",2016-07-15", "")],
        [EVENTS_HEADER, *GOOD_EVENTS],
    )
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("loadcases", str(cases_path), str(events_path), stderr=err)
    assert failure.value.returncode == 2
    # With no usable cases file, each event's reference is unknown too.
    assert err.getvalue().splitlines() == [
        "cases.csv, line 1: missing columns: filed_on",
        "case_events.csv, line 2: no case has the reference MEX NAO 2016-1",
        "case_events.csv, line 3: no case has the reference MEX NAO 2016-1",
    ]
    assert Petition.objects.count() == 0


def test_every_bad_row_is_reported_not_only_the_first(db, tmp_path: Path) -> None:
    cases_path, events_path = write(
        tmp_path,
        [
            CASES_HEADER,
            GOOD_CASE,
            "US NAO 2005-02,naalc,naalc,us-nao,MX,2005-5-27,Pilots",
            "US NAO 2016-9,naalc,naalc,us-nao,US,2016-08-01,Own office",
        ],
        [
            EVENTS_HEADER,
            *GOOD_EVENTS,
            "MEX NAO 2016-1,2018-01-22,day,appeal_lodged,,",
            "CAN NAO 2099-1,2016-07-15,day,filed,,",
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("loadcases", str(cases_path), str(events_path), stderr=err)
    assert failure.value.returncode == 2
    assert str(failure.value) == "Nothing was loaded: 4 bad row(s)."
    assert [line.split(":", 1)[0] for line in err.getvalue().splitlines()] == [
        "cases.csv, line 3",
        "cases.csv, line 4",
        "case_events.csv, line 4",
        "case_events.csv, line 5",
    ]
    assert Petition.objects.count() == 0


def test_a_bad_file_leaves_the_loaded_register_untouched(db, tmp_path: Path) -> None:
    load_real_cases()
    cases_path, events_path = write(
        tmp_path,
        [CASES_HEADER, GOOD_CASE.replace("Migrant women", "Renamed")],
        [EVENTS_HEADER, *GOOD_EVENTS, "MEX NAO 2016-1,2016-07-01,day,supplement_filed,,"],
    )
    with pytest.raises(CommandError):
        load(cases_path, events_path)
    assert Petition.objects.count() == 27
    assert PetitionEvent.objects.count() == 81
    assert PetitionEvent.objects.filter(petition__reference="MEX NAO 2016-1").count() == 3


def test_a_good_small_file_loads(db, tmp_path: Path) -> None:
    cases_path, events_path = write(
        tmp_path, [CASES_HEADER, GOOD_CASE], [EVENTS_HEADER, *GOOD_EVENTS]
    )
    output, errors = load(cases_path, events_path)
    assert output.strip() == "Loaded 1 petitions (1 new, 0 updated) and 2 events."
    assert errors == ""
    petition = Petition.objects.get()
    assert petition.title_en == "Migrant women"
    assert petition.events.get(code="report_issued").source_url == "https://example.org/report"


def test_loading_never_overwrites_an_organizations_own_petition(db, alfa, alice) -> None:
    own = file_petition(
        "MEX NAO 2016-1",
        mechanism="naalc",
        office="mx-nao",
        against="US",
        filed_on=date(2016, 7, 15),
        organization=alfa,
        actor=alice,
        visibility=Visibility.INTERNAL,
        events=(("meeting_with_government", date(2016, 9, 1)),),
    )
    with contextlib.suppress(CommandError):
        load_real_cases()
    assert own.events.filter(code="meeting_with_government").exists()

"""`corredor schedule`: a petition's obligations as JSON from the command line; anything it
cannot use (an unknown code, a refused venue or date, a malformed date) ends with status 2 and
one clear line on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

PROJECT = Path(__file__).resolve().parents[3]
FIELDS = [
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


def schedule(*arguments: str) -> list[dict[str, object]]:
    out = StringIO()
    call_command("schedule", *arguments, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def refusal(*arguments: str) -> str:
    """The command's one line on stderr, once it has exited with status 2."""
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("schedule", *arguments, stdout=out, stderr=err)
    assert exit_.value.code == 2
    assert out.getvalue() == ""
    lines = err.getvalue().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_it_prints_each_obligation_as_json() -> None:
    obligations = schedule(
        "usmca-rrm",
        "--office=us-ilc",
        "--against=MX",
        "--event=petition_filed=2026-10-28",
        "--event=review_requested=2026-11-20",
        "--today=2026-11-24",
    )
    assert [list(o) for o in obligations] == [FIELDS, FIELDS]
    assert obligations == [
        {
            "rule": "us-ilc-rrm-petition",
            "what": "The Interagency Labor Committee decides whether the petition shows a "
            "denial of rights",
            "owed_by": "us-ilc",
            "due_on": "2026-11-27",
            "extended_due_on": None,
            "status": "met",
            "days": None,
            "approximate": False,
            "source": "US procedural guidelines, 88 FR 40914 (2023-06-22): review within 30 "
            "days of OTLA's receipt",
            "confidence": "confirmed",
        },
        {
            "rule": "rrm-respondent-agrees",
            "what": "The respondent country says whether it will review the facility",
            "owed_by": "MX",
            "due_on": "2026-11-30",
            "extended_due_on": None,
            "status": "pending",
            "days": 6,
            "approximate": False,
            "source": "USMCA Annex 31-A: the respondent answers within 10 days of the request",
            "confidence": "confirmed",
        },
    ]


def test_it_gives_the_extended_due_date_of_a_report_and_its_source_link() -> None:
    [accept, report] = schedule(
        "naalc",
        "--office",
        "us-nao",
        "--against",
        "MX",
        "--event",
        "filed=1997-10-30",
        "--event",
        "accepted_for_review=1997-12-29",
        "--event",
        "report_issued=1998-05-15",
        "--today",
        "2026-11-24",
    )
    assert (accept["rule"], accept["status"], accept["confidence"]) == (
        "us-nao-accept-1994",
        "met",
        "practice",
    )
    assert accept["source"].endswith(
        "<https://www.dol.gov/agencies/ilab/"
        "submissions-under-north-american-agreement-labor-cooperation-naalc>"
    )
    assert (report["due_on"], report["extended_due_on"], report["status"]) == (
        "1998-04-28",
        "1998-06-27",
        "met_in_extension",
    )


def test_a_filing_known_only_to_the_month_gives_an_approximate_result() -> None:
    [accept] = schedule(
        "naalc", "--office=us-nao", "--against=MX", "--event=filed=2005-05", "--today=2026-11-24"
    )
    # The latest possible due date: 60 days after the last day of May.
    assert (accept["due_on"], accept["approximate"]) == ("2005-07-30", True)
    assert (accept["status"], accept["days"]) == ("overdue", 5449)


def test_without_today_it_counts_to_the_real_today() -> None:
    with time_machine.travel(datetime(2026, 11, 24, 12, tzinfo=UTC), tick=False):
        [pending] = schedule(
            "usmca-rrm", "--office=us-ilc", "--against=MX", "--event=petition_filed=2026-10-28"
        )
    assert (pending["status"], pending["days"]) == ("pending", 3)


def test_a_petition_with_no_deadline_yet_prints_an_empty_list() -> None:
    assert schedule("naalc", "--office=mx-nao", "--against=US", "--event=filed=2016-07-15") == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(
            ["nafta", "--office=us-nao", "--against=MX", "--event=filed=2005-05-27"],
            "There is no mechanism with the code “nafta”.",
            id="an-unknown-mechanism",
        ),
        pytest.param(
            ["naalc", "--office=xx-nao", "--against=MX", "--event=filed=2005-05-27"],
            "The office “xx-nao” does not receive filings under this mechanism.",
            id="an-unknown-office",
        ),
        pytest.param(
            ["naalc", "--office=us-otla", "--against=MX", "--event=filed=2005-05-27"],
            "The office “us-otla” does not receive filings under this mechanism.",
            id="an-office-of-another-mechanism",
        ),
        pytest.param(
            ["naalc", "--office=us-nao", "--against=GT", "--event=filed=2005-05-27"],
            "“GT” is not a country this mechanism covers.",
            id="an-unknown-country",
        ),
        pytest.param(
            [
                "naalc",
                "--office=us-nao",
                "--against=MX",
                "--event=filed=2005-05-27",
                "--event=appeal_lodged=2005-06-01",
            ],
            "The event “appeal_lodged” does not exist in this mechanism.",
            id="an-unknown-event",
        ),
        pytest.param(
            ["naalc", "--office=us-nao", "--against=US", "--event=filed=2005-05-27"],
            "A NAALC communication about the United States must go to Mexico's or Canada's office.",
            id="a-refused-venue",
        ),
        pytest.param(
            ["usmca-rrm", "--office=us-ilc", "--against=CA", "--event=petition_filed=2023-05-15"],
            "The Rapid Response mechanism does not let this office bring a case about Canada.",
            id="a-pair-the-rapid-response-annexes-do-not-cover",
        ),
        pytest.param(
            ["naalc", "--office=mx-nao", "--against=US", "--event=filed=2020-07-01"],
            "The NAALC ended on 2020-06-30: no filing can be made under it after that.",
            id="a-naalc-filing-after-the-naalc-ended",
        ),
        pytest.param(
            ["usmca-23.11", "--office=mx-stps", "--against=US", "--event=filed=2020-06-30"],
            "The USMCA applies only to filings from 2020-07-01.",
            id="a-usmca-filing-before-the-usmca-began",
        ),
        pytest.param(
            [
                "naalc",
                "--office=us-nao",
                "--against=MX",
                "--event=filed=2005-05-27",
                "--event=accepted_for_review=2005-05-01",
            ],
            "An event cannot come before the filing (2005-05-27).",
            id="an-event-before-the-filing",
        ),
        pytest.param(
            ["naalc", "--office=us-nao", "--against=MX", "--event=accepted_for_review=2005-07-20"],
            "Give the filing event: --event filed=YYYY-MM-DD.",
            id="no-filing-event",
        ),
        pytest.param(
            ["naalc", "--office=us-nao", "--against=MX", "--event=filed=2005-02-30"],
            "--event must be a date written YYYY-MM-DD, not '2005-02-30'.",
            id="an-impossible-date",
        ),
        pytest.param(
            ["naalc", "--office=us-nao", "--against=MX", "--event=filed=27/05/2005"],
            "--event must look like CODE=YYYY-MM-DD, not 'filed=27/05/2005'.",
            id="a-date-in-another-format",
        ),
        pytest.param(
            [
                "naalc",
                "--office=us-nao",
                "--against=MX",
                "--event=filed=2005-05-27",
                "--today=tomorrow",
            ],
            "--today must be a date written YYYY-MM-DD, not 'tomorrow'.",
            id="a-malformed-today",
        ),
    ],
)
def test_it_exits_with_status_2_and_one_line(arguments: list[str], message: str) -> None:
    assert refusal(*arguments) == message


def test_the_installed_command_exits_with_status_2_and_one_line_on_stderr() -> None:
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "corredor",
            "schedule",
            "naalc",
            "--office",
            "us-nao",
            "--against",
            "US",
            "--event",
            "filed=2005-05-27",
        ],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "A NAALC communication about the United States must go to Mexico's or Canada's office.\n"
    )
